"""Backups on real SQLite files: made with the backup API, verified, rotated, restored;
a damaged, foreign or newer file is refused in Dutch and nothing changes."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import datetime, timedelta

import pytest

from logeerhuis_app.cli import main
from logeerhuis_app.paths import database_path
from logeerhuis_app.services.errors import DataError
from logeerhuis_app.storage.backup import (
    app_is_running,
    automatic_backups,
    backup_is_due,
    backups_dir,
    inspect_backup,
    list_backups,
    make_backup,
    newest_good_backup,
    quick_check,
)
from logeerhuis_app.storage.backup_restore import restore_backup, set_aside_files

# Backups of the SQLite file; PostgreSQL has its own in tests/postgres/test_backup_postgres.py.
pytestmark = pytest.mark.sqlite_only

NOW = datetime(2026, 11, 28, 15, 30)


def _add_guest(db, last_name="Bos"):
    from logeerhuis_app.house.guests import GuestData, save_guest

    return save_guest(db, GuestData(first_name="Gerrit", last_name=last_name, city="Baarn"))


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_is_a_verified_single_file_with_a_neutral_name(db, data_dir):
    _add_guest(db)
    result = make_backup(data_dir, now=NOW)
    assert result.path == backups_dir(data_dir) / "logeerhuis-2026-11-28T1530.sqlite3"
    assert sorted(p.name for p in backups_dir(data_dir).iterdir()) == [result.path.name]
    info = inspect_backup(result.path)
    assert (info.guests, info.stays, info.invoices) == (1, 0, 0)
    assert info.moment == NOW
    conn = sqlite3.connect(result.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT last_name FROM guests").fetchone()[0] == "Bos"
    conn.close()
    assert not backup_is_due(data_dir, NOW + timedelta(hours=23))
    assert backup_is_due(data_dir, NOW + timedelta(days=1))


def test_rotation_removes_old_automatic_backups_and_leaves_other_files(db, data_dir):
    first = make_backup(data_dir, now=NOW - timedelta(days=400)).path
    for days in range(1, 400):
        (backups_dir(data_dir) / f"logeerhuis-{NOW - timedelta(days=days):%Y-%m-%dT%H%M}.sqlite3"
         ).write_bytes(first.read_bytes())  # fmt: skip
    mine = backups_dir(data_dir) / "mijn kopie.sqlite3"
    mine.write_bytes(first.read_bytes())
    result = make_backup(data_dir, now=NOW)
    left = automatic_backups(data_dir)
    assert NOW in left and len(left) <= 14 + 8 + 24
    assert len(result.removed) == 400 - len(left) + 1
    assert mine.exists()


def test_restore_brings_back_the_data_and_keeps_the_old_file_aside(db, data_dir):
    _add_guest(db, "Bos")
    backup = make_backup(data_dir, now=NOW).path
    _add_guest(db, "Later")
    db.close()
    result = restore_backup(data_dir, backup, now=NOW + timedelta(hours=2))
    assert result.info.guests == 1 and result.info.moment == NOW
    assert result.set_aside is not None and result.set_aside.exists()
    assert set_aside_files(data_dir) == [result.set_aside]
    names = [r[0] for r in sqlite3.connect(database_path(data_dir)).execute(
        "SELECT last_name FROM guests")]  # fmt: skip
    assert names == ["Bos"]
    aside = sqlite3.connect(result.set_aside)
    assert aside.execute("SELECT count(*) FROM guests").fetchone()[0] == 2  # nothing lost
    aside.close()
    assert backup.exists()


def test_encrypted_backup_to_a_stick_and_back(db, data_dir, tmp_path):
    stick = tmp_path / "usb"
    stick.mkdir()
    _add_guest(db)
    result = make_backup(data_dir, now=NOW, out=stick, password="geheim-wachtwoord")
    assert result.path == stick / "logeerhuis-2026-11-28T1530.zip"
    assert os.listdir(stick) == [result.path.name]  # no unencrypted copy left on the stick
    assert b"Gerrit" not in result.path.read_bytes()
    assert not backups_dir(data_dir).exists()  # a stick backup does not rotate anything
    _add_guest(db, "Later")
    db.close()
    before = _digest(database_path(data_dir))
    with pytest.raises(DataError, match="wachtwoord"):
        restore_backup(data_dir, result.path, password="fout")
    assert _digest(database_path(data_dir)) == before
    restored = restore_backup(data_dir, result.path, password="geheim-wachtwoord")
    assert restored.info.guests == 1 and restored.info.moment == NOW


def _random_bytes(path, good):
    path.write_bytes(os.urandom(50_000))


def _truncated(path, good):
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])


def _json(path, good):
    path.write_text('{"format": "logeerhuis-gegevens", "guests": []}', encoding="utf-8")


def _newer_schema(path, good):
    path.write_bytes(good.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_uit_de_toekomst'")
    conn.commit()
    conn.close()


def _foreign_sqlite(path, good):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE boodschappen (wat TEXT)")
    conn.commit()
    conn.close()


def _damaged_page(path, good):
    data = bytearray(good.read_bytes())
    page = 4096
    data[page * 2 : page * 6] = os.urandom(page * 4)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (_random_bytes, "geen Logeerhuis-backup"),
        (_truncated, "beschadigd"),
        (_json, "geen Logeerhuis-backup"),
        (_newer_schema, "nieuwere versie"),
        (_foreign_sqlite, "geen Logeerhuis-backup"),
        (_damaged_page, "beschadigd"),
    ],
    ids=["random", "truncated", "json", "newer-schema", "foreign-sqlite", "damaged-page"],
)
def test_a_bad_backup_is_refused_in_dutch_and_nothing_changes(
    db, data_dir, tmp_path, capsys, spoil, words
):
    _add_guest(db)
    good = make_backup(data_dir, now=NOW).path
    bad = tmp_path / "logeerhuis-2026-11-27T1200.sqlite3"
    spoil(bad, good)
    db.close()
    before = _digest(database_path(data_dir))
    with pytest.raises(DataError, match=words):
        restore_backup(data_dir, bad)
    assert _digest(database_path(data_dir)) == before
    assert set_aside_files(data_dir) == []
    # the command line: a Dutch refusal and a non-zero exit, never a traceback
    assert main(["--data-dir", str(data_dir), "restore", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and words in err and "Traceback" not in err
    assert _digest(database_path(data_dir)) == before
    assert sorted(os.listdir(data_dir)) == ["backups", "logeerhuis.sqlite3"]


def test_the_list_shows_counts_and_marks_a_bad_file_and_the_good_one_is_offered(db, data_dir):
    _add_guest(db)
    good = make_backup(data_dir, now=NOW - timedelta(days=1)).path
    newer = backups_dir(data_dir) / "logeerhuis-2026-11-28T0900.sqlite3"
    _truncated(newer, good)
    rows = list_backups(data_dir)
    assert [path for path, _info, _problem in rows] == [newer, good]
    assert rows[0][1] is None and "beschadigd" in rows[0][2]
    assert rows[1][1].guests == 1
    assert newest_good_backup(data_dir).path == good


def test_quick_check_at_start_finds_a_damaged_database(db, data_dir):
    _add_guest(db)
    assert quick_check(data_dir) is None
    db.close()
    path = database_path(data_dir)
    data = bytearray(path.read_bytes())
    data[4096:] = os.urandom(len(data) - 4096)
    path.write_bytes(bytes(data))
    assert "beschadigd" in quick_check(data_dir) or "gelezen" in quick_check(data_dir)


def test_a_running_window_blocks_a_command_line_restore_but_a_stale_lock_does_not(
    db, data_dir, qapp
):
    from PySide6.QtCore import QLockFile

    from logeerhuis_app.paths import LOCK_FILENAME

    backup = make_backup(data_dir, now=NOW).path
    db.close()
    lock = QLockFile(str(data_dir / LOCK_FILENAME))
    assert lock.tryLock(0)
    try:
        assert app_is_running(data_dir)
        with pytest.raises(DataError, match="nog geopend"):
            restore_backup(data_dir, backup)
    finally:
        lock.unlock()
    # what a crashed app leaves behind: the file, but nobody holding it
    (data_dir / LOCK_FILENAME).write_text("999999\nlogeerhuis\nelders\n", encoding="utf-8")
    assert not app_is_running(data_dir)
    restore_backup(data_dir, backup)


def test_command_line_backup_and_restore(db, data_dir, tmp_path, capsys):
    _add_guest(db)
    db.close()
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    out = capsys.readouterr().out
    assert "Backup gemaakt en gecontroleerd" in out
    (made,) = automatic_backups(data_dir).values()
    target = tmp_path / "stick.sqlite3"
    args = ["--data-dir", str(data_dir), "backup", "--out", str(target), "--no-encrypt"]
    assert main(args) == 0
    assert inspect_backup(target).guests == 1
    assert main(["--data-dir", str(data_dir), "restore", str(made)]) == 0
    out = capsys.readouterr().out
    assert "Backup teruggezet" in out and "1 gasten" in out and "bewaard als" in out


def test_backup_without_data_is_refused(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "leeg"), "backup"]) == 2
    assert "Fout: Er is nog geen gegevensbestand" in capsys.readouterr().err
