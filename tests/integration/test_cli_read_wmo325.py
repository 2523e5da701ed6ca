"""`logeerhuis read-wmo325 BESTAND` reads a municipality's answer as the window does."""

from __future__ import annotations

from datetime import date, datetime

from logeerhuis_app import cli
from logeerhuis_app.billing.months import close_month
from logeerhuis_app.claims.answer_simulation import simulated_answer
from logeerhuis_app.claims.claim_answer_overview import month_answers
from logeerhuis_app.claims.claims import submit_claim
from logeerhuis_app.cli_support import EXIT_ERROR, EXIT_OK
from logeerhuis_app.domain.months import Month


def test_read_wmo325_prints_the_rejected_line_and_refuses_garbage(
    db, data_dir, wmo_house, tmp_path, capsys
):
    gemeente, _stay = wmo_house()
    close_month(db, Month(2026, 3), by="t", now=datetime(2026, 4, 3, 10, 0))
    claim = submit_claim(db, Month(2026, 3), gemeente.id, by="t", now=datetime(2026, 4, 3, 10, 0))
    rejected = claim.lines[1].reference
    path = tmp_path / "antwoord-gemeente.xml"
    path.write_bytes(
        simulated_answer(db, claim.number, {rejected: ("0611",)}, answered_on=date(2026, 4, 15))
    )
    url = db.engine.url.render_as_string(hide_password=False) if db.on_server else None
    where = ["--database-url", url] if url else []
    base = ["--data-dir", str(data_dir), *where, "read-wmo325"]
    assert cli.main([*base, str(path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"Antwoord op declaratie {claim.number} ingelezen: 1 regel(s) toegekend" in out
    assert f"afgewezen {rejected} (Gerrit Bos): 0611: Het ingediende tarief" in out
    assert "[te corrigeren]" in out
    assert cli.main([*base, str(path)]) == EXIT_OK  # twice: nothing changes
    assert "al ingelezen" in capsys.readouterr().out
    garbage = tmp_path / "kapot.xml"
    garbage.write_bytes(path.read_bytes()[:300])
    assert cli.main([*base, str(garbage)]) == EXIT_ERROR
    assert "Niet ingelezen" in capsys.readouterr().err
    assert len(month_answers(db, Month(2026, 3)).rejected) == 1
