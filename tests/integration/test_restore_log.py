"""A restore is logged in the restored database (who, when, which backup), and the access-log
rows written after the backup are carried over from the replaced database, appended to the
chain as it goes on: restoring a morning backup erases no trace of who looked at what."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from logeerhuis_app.access import accounts
from logeerhuis_app.access.access_log import verify_chain
from logeerhuis_app.access.accounts import NewAccount
from logeerhuis_app.cli import main
from logeerhuis_app.house.guests import GuestData, get_guest, save_guest
from logeerhuis_app.storage.backup import make_backup
from logeerhuis_app.storage.backup_restore import restore_backup
from logeerhuis_app.storage.database import open_database

pytestmark = pytest.mark.sqlite_only  # restoring is of this PC's file

INGRID = NewAccount("Ingrid Jansen", "ingrid", "geheim-ingrid-1", "geheim-ingrid-1")
MORNING = datetime(2026, 11, 28, 8, 0)
NOON = datetime(2026, 11, 28, 12, 0)


def _log(path):
    """(user, guest, action, detail) of every row, in id order, read straight from the file."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        query = "SELECT user_name, guest_id, action, detail FROM access_log ORDER BY id"
        return [tuple(row) for row in conn.execute(query)]
    finally:
        conn.close()


def _morning_then_work(db, data_dir):
    """Ingrid signs in, saves a guest; the morning backup; then she views and changes the
    guest and adds another one. Returns (backup, rows written after the backup)."""
    accounts.create_first_coordinator(db, INGRID)
    accounts.sign_in(db, "ingrid", INGRID.password)
    bos = save_guest(db, GuestData(first_name="Gerrit", last_name="Bos", city="Baarn"))
    backup = make_backup(data_dir, now=MORNING)
    before = len(_log(data_dir / "logeerhuis.sqlite3"))
    get_guest(db, bos.id)
    save_guest(db, GuestData(first_name="Anna", last_name="Smit", city="Soest"))
    after = _log(data_dir / "logeerhuis.sqlite3")[before:]
    assert [row[2] for row in after] == ["bekijken", "wijzigen"]
    return backup, after


def test_a_restore_carries_over_the_newer_log_rows_and_logs_itself(db, data_dir):
    backup, newer = _morning_then_work(db, data_dir)
    user = db.user
    db.close()
    result = restore_backup(data_dir, backup.path, check_lock=False, now=NOON, user=user)
    rows = _log(data_dir / "logeerhuis.sqlite3")
    assert rows[-3:-1] == newer  # the same user, guest, action and text, in order
    who, guest, action, detail = rows[-1]
    assert (who, guest, action) == ("ingrid", None, "terugzetten")
    assert backup.path.name in detail and "28-11-2026 08:00" in detail
    assert "2 regels" in detail and result.set_aside.name in detail
    assert result.carried == 2
    restored = open_database(data_dir)
    assert verify_chain(restored) == []  # appended through the one append function
    restored.close()
    assert _log(result.set_aside)[-2:] == newer  # the replaced file is left as it was


def test_restoring_twice_carries_nothing_twice(db, data_dir):
    backup, newer = _morning_then_work(db, data_dir)
    db.close()
    first = restore_backup(data_dir, backup.path, check_lock=False, now=NOON)
    # Back to the file that was replaced: its rows are all in it already, only the restore's
    # own row is new.
    second = restore_backup(
        data_dir, first.set_aside, check_lock=False, now=datetime(2026, 11, 28, 12, 5)
    )
    assert second.carried == 1
    rows = _log(data_dir / "logeerhuis.sqlite3")
    assert rows.count(newer[0]) == 1 and rows.count(newer[1]) == 1
    assert [row[2] for row in rows].count("terugzetten") == 2


def test_ids_given_before_the_restore_are_never_given_again(db, data_dir):
    """The carried rows name guests by id: a guest made after the restore must not get the id
    of one that existed only in the replaced file."""
    backup, _newer = _morning_then_work(db, data_dir)
    smit_id = max(g.id for g in _guests(db))
    db.close()
    restore_backup(data_dir, backup.path, check_lock=False, now=NOON)
    restored = open_database(data_dir)
    try:
        assert smit_id not in {g.id for g in _guests(restored)}
        new = save_guest(restored, GuestData(first_name="Kees", last_name="Vos", city="Eemnes"))
        assert new.id > smit_id
    finally:
        restored.close()


def _guests(db):
    from logeerhuis_app.house.guests import search_guests

    return search_guests(db)


def test_the_command_line_restore_is_logged(db, data_dir, capsys):
    backup, _newer = _morning_then_work(db, data_dir)
    db.close()
    assert main(["--data-dir", str(data_dir), "restore", str(backup.path)]) == 0
    out = capsys.readouterr().out
    assert "2 regels van het toegangslog overgenomen" in out
    who, _guest, action, detail = _log(data_dir / "logeerhuis.sqlite3")[-1]
    assert (who, action) == ("opdrachtregel", "terugzetten") and backup.path.name in detail


def test_a_damaged_replaced_file_does_not_block_the_restore(db, data_dir):
    backup, _newer = _morning_then_work(db, data_dir)
    db.close()
    live = data_dir / "logeerhuis.sqlite3"
    for side in ("-wal", "-shm"):
        (data_dir / f"logeerhuis.sqlite3{side}").unlink(missing_ok=True)
    live.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)  # unreadable
    result = restore_backup(data_dir, backup.path, check_lock=False, now=NOON)
    assert result.carried == 0
    _who, _guest, action, detail = _log(live)[-1]
    assert action == "terugzetten" and "kon niet worden gelezen" in detail
