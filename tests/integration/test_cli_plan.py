"""Planning from the command line asks for the Wlz cap as the window does (issue 18)."""

from __future__ import annotations

from logeerhuis_app import cli
from tests.wlz_house import cap_log, wlz_house


def test_plan_past_156_is_refused_until_a_name_is_given(db, data_dir, capsys):
    h = wlz_house(db, elsewhere=155)
    # The same database as the test's: this PC's file, or [postgresql] the server database.
    url = db.engine.url.render_as_string(hide_password=False) if db.on_server else None
    where = ["--database-url", url] if url else []
    args = ["--data-dir", str(data_dir), *where, "plan", "--guest", str(h["piet"].id),
            "--room", str(h["linde"].id), "--arrival", "2026-05-04", "--departure", "2026-05-07",
            "--allocation", str(h["indication"].id)]  # fmt: skip
    assert cli.main(args) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "Niet opgeslagen" in err and "2026: 158 van 156" in err and "--boven-156" in err
    assert cap_log(db) == []
    assert cli.main([*args, "--boven-156", "Ria"]) == cli.EXIT_OK
    assert "gepland" in capsys.readouterr().out
    [line] = cap_log(db)
    assert "gekozen door Ria" in line
    assert cli.main([*args[:-2], "--arrival", "x"]) == cli.EXIT_ERROR  # a bad date, in Dutch
    assert "JJJJ-MM-DD" in capsys.readouterr().err
