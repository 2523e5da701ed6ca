"""`check` finds every kind of tampering with the access log on a SQLite file, and the guards.

Each tampering is done as someone with the file and a SQLite tool would: drop the guarding
triggers, then change, add or remove rows (issue 16: check found 0 of 9 before).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from logeerhuis_app.access.access import log_access
from logeerhuis_app.access.access_log import verify_chain
from logeerhuis_app.cli import main
from logeerhuis_app.domain.access_log import row_hash
from logeerhuis_app.paths import database_path
from logeerhuis_app.storage.database import open_database
from logeerhuis_app.storage.health import check_database

pytestmark = pytest.mark.sqlite_only  # the same on a server: tests/postgres/test_check_on_server

UNGUARD = (
    "DROP TRIGGER trg_access_log_update; DROP TRIGGER trg_access_log_delete; "
    "DROP TRIGGER trg_access_log_head_delete; DROP TRIGGER trg_access_log_head_back;"
)


def _log_five(db) -> None:
    for minute in range(5):
        log_access(db, "bekijken", 1, f"Gast {minute}", user_name="ria",
                   now=datetime(2026, 3, 4, 9, minute))  # fmt: skip
    db.close()


def _forged_append(conn: sqlite3.Connection) -> None:
    """A row with a correct hash, written beside the program (the head is left as it was)."""
    last = conn.execute("SELECT hash FROM access_log ORDER BY id DESC LIMIT 1").fetchone()[0]
    at = datetime(2026, 3, 5, 10)
    digest = row_hash(last, at, "ria", 1, "bekijken", "")
    conn.execute(
        "INSERT INTO access_log (at, user_name, guest_id, action, detail, prev_hash, hash) "
        "VALUES (?, 'ria', 1, 'bekijken', '', ?, ?)",
        (at.isoformat(sep=" "), last, digest),
    )


def _rehashed_user(conn: sqlite3.Connection) -> None:
    """Row 2 names another user and gets a matching hash: row 3 no longer follows it."""
    at, guest, action, detail, prev = conn.execute(
        "SELECT at, guest_id, action, detail, prev_hash FROM access_log WHERE id = 2"
    ).fetchone()
    digest = row_hash(prev, datetime.fromisoformat(at), "piet", guest, action, detail)
    conn.execute("UPDATE access_log SET user_name = 'piet', hash = ? WHERE id = 2", (digest,))


TAMPERINGS = {
    "detail-changed": (
        "UPDATE access_log SET detail = 'niets' WHERE id = 2",
        "Regel 2 is na het vastleggen gewijzigd",
    ),
    "user-changed-and-rehashed": (_rehashed_user, "Regel 3 sluit niet aan"),
    "middle-row-removed": ("DELETE FROM access_log WHERE id = 3", "Regel 4 sluit niet aan"),
    "rows-swapped": (
        "UPDATE access_log SET detail = CASE id WHEN 2 THEN 'Gast 3' ELSE 'Gast 1' END "
        "WHERE id IN (2, 4)",
        "Regel 2 is na het vastleggen gewijzigd",
    ),
    "forged-append": (_forged_append, "toegevoegd buiten het programma om"),
    "last-rows-removed": (
        "DELETE FROM access_log WHERE id >= 4",
        "na regel 3 ontbreken de regels tot en met 5",
    ),
    "all-rows-removed": ("DELETE FROM access_log", "Alle regels van het toegangslog"),
    "all-rows-and-head-removed": (
        "DELETE FROM access_log; DELETE FROM access_log_head",
        "Alle regels van het toegangslog zijn verwijderd (er waren er tot en met 5)",
    ),
    "last-row-and-head-stepped-back": (
        "DELETE FROM access_log WHERE id = 5; "
        "UPDATE access_log_head SET last_id = 4, "
        "last_hash = (SELECT hash FROM access_log WHERE id = 4)",
        "na regel 4 ontbreken de regels tot en met 5",
    ),
    "head-removed": ("DELETE FROM access_log_head", "kop van het toegangslog ontbreekt"),
    "head-hash-changed": (
        "UPDATE access_log_head SET last_hash = 'ff' || substr(last_hash, 3)",
        "Regel 5, de laatste, klopt niet met de vastgelegde kop",
    ),
}


@pytest.mark.parametrize("kind", TAMPERINGS, ids=list(TAMPERINGS))
def test_check_finds_each_kind_of_tampering_with_the_log(db, data_dir, capsys, kind):
    _log_five(db)
    assert check_database(data_dir).ok
    tamper, words = TAMPERINGS[kind]
    conn = sqlite3.connect(database_path(data_dir))
    conn.executescript(UNGUARD)
    if callable(tamper):
        tamper(conn)
    else:
        conn.executescript(tamper)
    conn.commit()
    conn.close()
    report = check_database(data_dir)
    text = "\n".join(report.problems)
    assert "Het toegangslog is na het schrijven gewijzigd" in text and words in text
    assert main(["--data-dir", str(data_dir), "check"]) == 1
    err = capsys.readouterr().err
    assert words in err and "trg_access_log_update op access_log" in err  # the dropped guard
    reopened = open_database(data_dir)
    assert any(words in p for p in verify_chain(reopened))  # the warning at every start
    reopened.close()


def test_dropped_and_redefined_guards_are_found_and_repaired(db, data_dir, capsys):
    _log_five(db)
    conn = sqlite3.connect(database_path(data_dir))
    conn.executescript(
        "DROP TRIGGER trg_invoices_final_update; DROP TRIGGER trg_claims_sent_delete; "
        "DROP TRIGGER trg_access_log_delete; CREATE TRIGGER trg_access_log_delete BEFORE "
        "DELETE ON access_log FOR EACH ROW WHEN 0 BEGIN SELECT RAISE(ABORT, 'nee'); END;"
    )
    conn.close()
    text = "\n".join(check_database(data_dir).problems)
    assert "trg_invoices_final_update op invoices (definitieve facturen blijven ongewijzigd) " \
        "ontbreekt" in text  # fmt: skip
    assert "trg_claims_sent_delete op claims" in text
    assert "trg_access_log_delete op access_log (het toegangslog kan alleen groeien) " \
        "is gewijzigd" in text  # fmt: skip
    assert "logeerhuis check --repair" in text
    assert main(["--data-dir", str(data_dir), "check", "--repair"]) == 0
    out = capsys.readouterr().out
    assert "Hersteld: trg_invoices_final_update, trg_claims_sent_delete, trg_access_log_delete" \
        in out and "In orde" in out  # fmt: skip
    conn = sqlite3.connect(database_path(data_dir))
    with pytest.raises(sqlite3.DatabaseError, match="toegangslog kan niet worden gewijzigd"):
        conn.execute("DELETE FROM access_log")
    logged = conn.execute("SELECT detail FROM access_log ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert logged[0].startswith("Beveiligingen in de database hersteld: trg_invoices_final")
    assert main(["--data-dir", str(data_dir), "check", "--repair"]) == 0
    assert "Niets te herstellen." in capsys.readouterr().out


def test_the_head_triggers_refuse_removing_or_stepping_back(db, data_dir):
    _log_five(db)
    conn = sqlite3.connect(database_path(data_dir))
    for sql in ("DELETE FROM access_log_head", "UPDATE access_log_head SET last_id = 4"):
        with pytest.raises(sqlite3.DatabaseError, match="kop van het toegangslog"):
            conn.execute(sql)
    head = conn.execute("SELECT last_id, last_hash FROM access_log_head").fetchone()
    last = conn.execute("SELECT id, hash FROM access_log ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert head == last and head[0] == 5


def test_an_upgrade_from_0016_takes_the_last_row_as_head(tmp_path):
    """Migration 0017 on a log that already has rows: check finds it whole afterwards."""
    from alembic import command

    from logeerhuis_app.db import schema
    from logeerhuis_app.db.engine import make_engine, sqlite_url

    path = database_path(tmp_path)
    engine = make_engine(sqlite_url(path))
    command.upgrade(schema.alembic_config(engine), "0016")
    with engine.begin() as conn:
        prev = ""
        for minute in range(3):
            at = datetime(2026, 3, 4, 9, minute)
            digest = row_hash(prev, at, "ria", None, "inloggen", "")
            conn.exec_driver_sql(
                "INSERT INTO access_log (at, user_name, action, detail, prev_hash, hash) "
                "VALUES (?, 'ria', 'inloggen', '', ?, ?)",
                (at.isoformat(sep=" "), prev, digest),
            )
            prev = digest
    engine.dispose()
    open_database(tmp_path).close()  # upgrades to the newest
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT last_id, last_hash FROM access_log_head").fetchone() == (3, prev)
    conn.close()
    assert check_database(tmp_path).ok


def test_the_guards_of_closed_months_and_sent_messages_are_watched_too(db, data_dir, capsys):
    """The triggers that lock a closed month's nights (0013) and keep what was sent (0016):
    dropped is found, and --repair puts them back so they refuse again."""
    _log_five(db)
    conn = sqlite3.connect(database_path(data_dir))
    conn.executescript(
        "DROP TRIGGER trg_nights_closed_month_delete; DROP TRIGGER trg_sent_messages_kept_update;"
    )
    conn.close()
    text = "\n".join(check_database(data_dir).problems)
    assert "trg_nights_closed_month_delete op nights (nachten van afgesloten maanden blijven " \
        "ongewijzigd) ontbreekt" in text  # fmt: skip
    assert "trg_sent_messages_kept_update op sent_messages" in text
    assert main(["--data-dir", str(data_dir), "check", "--repair"]) == 0
    assert "In orde" in capsys.readouterr().out
    conn = sqlite3.connect(database_path(data_dir))
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    conn.close()
    assert {"trg_nights_closed_month_delete", "trg_sent_messages_kept_update"} <= names
