"""`logeerhuis read-message`: the preview, asking, --ja, and refusals with exit code 1."""

from __future__ import annotations

from sqlalchemy import func, select

from logeerhuis_app import cli
from logeerhuis_app.db.models import Allocation, Guest, ReceivedMessage
from tests.wmo301_messages import NEW_CLIENT, wmo301


def _args(db, data_dir, *rest):
    url = db.engine.url.render_as_string(hide_password=False) if db.on_server else None
    where = ["--database-url", url] if url else []
    return ["--data-dir", str(data_dir), *where, "read-message", *rest]


def _counts(db):
    with db.session(write=False) as s:
        return tuple(
            s.scalar(select(func.count(m.id))) for m in (Allocation, Guest, ReceivedMessage)
        )


def test_read_message_shows_asks_and_applies_with_ja(db, wmo_house, data_dir, tmp_path, capsys,
                                                     monkeypatch):  # fmt: skip
    wmo_house()
    path = tmp_path / "toewijzing.xml"
    path.write_bytes(wmo301(client=NEW_CLIENT, number="777000001"))
    before = _counts(db)
    monkeypatch.setattr("builtins.input", lambda _q: "n")  # the user says no
    assert cli.main(_args(db, data_dir, str(path))) == cli.EXIT_PROBLEM
    out = capsys.readouterr().out
    assert "Toewijzing (WMO301) B2026000001 van Baarn (0308)" in out
    assert "Gast: Truus van Dijk, geboren 23-11-1938" in out
    assert "Niets ingelezen: de gast bestaat nog niet." in out
    assert _counts(db) == before
    assert cli.main(_args(db, data_dir, str(path), "--ja")) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "Nieuwe gast: Truus van Dijk" in out and "Nieuwe toewijzing: toewijzing 777000001" in out
    assert f"Antwoordbericht (WMO302): {data_dir / 'berichten'}" in out
    assert _counts(db) == (before[0] + 1, before[1] + 1, before[2] + 1)
    assert cli.main(_args(db, data_dir, str(path), "--ja")) == cli.EXIT_OK  # twice: no change
    assert "al ingelezen" in capsys.readouterr().out
    assert _counts(db) == (before[0] + 1, before[1] + 1, before[2] + 1)


def test_a_refused_message_exits_1_in_dutch_and_keeps_the_answer_only_when_asked(
    db, wmo_house, data_dir, tmp_path, capsys, monkeypatch
):
    wmo_house()
    path = tmp_path / "onbekend-product.xml"
    path.write_bytes(wmo301(code="04X99"))
    monkeypatch.setattr("builtins.input", lambda _q: "n")
    assert cli.main(_args(db, data_dir, str(path))) == cli.EXIT_PROBLEM
    err = capsys.readouterr().err
    assert "Afgekeurd: Het toewijzingsbericht van Baarn is afgekeurd" in err and "S329" in err
    assert not (data_dir / "berichten").exists()
    assert cli.main(_args(db, data_dir, str(path), "--ja")) == cli.EXIT_PROBLEM
    assert "WMO302-0308-B2026000001-afgekeurd.xml" in capsys.readouterr().out
    assert (data_dir / "berichten" / "WMO302-0308-B2026000001-afgekeurd.xml").exists()
    missing = tmp_path / "bestaat-niet.xml"
    assert cli.main(_args(db, data_dir, str(missing))) == cli.EXIT_PROBLEM
    assert "kan niet worden gelezen" in capsys.readouterr().err
