"""Backups of a server database: pg_dump verified by its header, else the JSON export."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime, timedelta

import pytest

from logeerhuis_app.cli import main
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.services.errors import DataError
from logeerhuis_app.storage.backup_postgres import automatic_backups, make_server_backup

NOW = datetime(2026, 11, 28, 15, 30)


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump ontbreekt")
def test_pg_dump_makes_a_verified_dump_that_restores(db, pg_empty_url, tmp_path):
    save_guest(db, GuestData(first_name="Anna", last_name="Smit"))
    result = make_server_backup(db, tmp_path / "backups", now=NOW)
    assert result.method == "pg_dump" and result.note == ""
    assert result.path.name == "logeerhuis-2026-11-28T1530.pgdump"
    assert result.path.read_bytes().startswith(b"PGDMP") and result.size > 0
    # It restores into an empty database with the guest in it.
    libpq = pg_empty_url.replace("postgresql+psycopg://", "postgresql://")
    subprocess.run(["pg_restore", "--no-owner", "-d", libpq, str(result.path)], check=True)
    out = subprocess.run(
        ["psql", libpq, "-tAc", "SELECT last_name FROM guests"], capture_output=True, text=True
    )
    assert out.stdout.strip() == "Smit"


def test_without_pg_dump_the_json_export_is_the_backup(db, tmp_path):
    save_guest(db, GuestData(first_name="Anna", last_name="Smit"))
    result = make_server_backup(db, tmp_path, now=NOW, pg_dump="")
    assert result.method == "json" and "pg_dump" in result.note
    data = json.loads(result.path.read_text(encoding="utf-8"))
    assert [r["last_name"] for r in _rows(data, "guests")] == ["Smit"]


def test_a_failing_pg_dump_falls_back_to_json_and_leaves_no_half_file(db, tmp_path):
    fake = tmp_path / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump: error: server version mismatch' >&2\nexit 1\n")
    fake.chmod(0o755)
    result = make_server_backup(db, tmp_path / "b", now=NOW, pg_dump=str(fake))
    assert result.method == "json" and "server version mismatch" in result.note
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [result.path.name]


def test_a_dump_without_the_header_is_not_accepted(db, tmp_path):
    fake = tmp_path / "pg_dump"
    fake.write_text('#!/bin/sh\nwhile [ "$1" != "--file" ]; do shift; done\necho nep > "$2"\n')
    fake.chmod(0o755)
    result = make_server_backup(db, tmp_path / "b", now=NOW, pg_dump=str(fake))
    assert result.method == "json" and "PostgreSQL-dump" in result.note


def test_rotation_keeps_the_newest_per_day_week_and_month(db, tmp_path):
    folder = tmp_path / "backups"
    for days in range(40):
        make_server_backup(db, folder, now=NOW - timedelta(days=40 - days), pg_dump="")
    result = make_server_backup(db, folder, now=NOW, pg_dump="")
    kept = sorted(automatic_backups(folder))
    assert kept[-1] == NOW and result.removed
    assert len(kept) < 41
    other = folder / "mijn-eigen-kopie.json"
    other.write_text("{}")
    make_server_backup(db, folder, now=NOW + timedelta(days=1), pg_dump="")
    assert other.exists()  # never rotated: not an automatic backup's name


def test_the_command_line_backs_up_a_server_database(pg_url, data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "--database-url", pg_url, "backup"]) == 0
    assert "gecontroleerd" in capsys.readouterr().out
    assert len(automatic_backups(data_dir / "backups")) == 1


def test_a_server_backup_to_a_stick_is_an_encrypted_zip(pg_url, data_dir, tmp_path, capsys):
    import re

    import pyzipper

    stick = tmp_path / "stick"
    stick.mkdir()
    args = ["--data-dir", str(data_dir), "--database-url", pg_url, "backup", "--out", str(stick)]
    assert main(args) == 0
    out = capsys.readouterr().out
    [made] = list(stick.iterdir())
    assert made.suffix == ".zip"
    password = re.search(r"Wachtwoord \(wordt niet bewaard\): (\S+)", out).group(1)
    with pyzipper.AESZipFile(made) as archive:
        archive.setpassword(password.encode())
        [member] = archive.namelist()
        assert member.endswith((".pgdump", ".json")) and archive.read(member)
    assert not list(data_dir.glob("backup-*"))  # the plain dump did not stay behind
    assert main([*args, "--no-encrypt"]) == 0
    assert len([p for p in stick.iterdir() if p.suffix in (".pgdump", ".json")]) == 1


def test_a_sqlite_database_is_refused(data_dir, tmp_path):
    from logeerhuis_app.storage.database import open_database

    local = open_database(data_dir)
    try:
        with pytest.raises(DataError, match="PostgreSQL-server"):
            make_server_backup(local, tmp_path)
    finally:
        local.close()


def _rows(data, table):  # type: ignore[no-untyped-def]
    section = data["tables"][table]
    return [dict(zip(section["columns"], row, strict=True)) for row in section["rows"]]


def test_the_window_backs_up_a_server_database_and_leaves_restoring_to_the_administrator(
    db, data_dir, tmp_path, qapp
):
    """Bestand > Backup maken naar… on a server makes a server backup (never one of a stale
    file in the data folder); the daily backup and the one at close go to the backups folder;
    Backup terugzetten explains instead of swapping the data under other PCs."""
    from logeerhuis_app.storage.backup import backups_dir
    from logeerhuis_app.ui.backup import (
        BackupScheduler,
        backup_at_close,
        backup_to,
        restore_from_menu,
    )
    from logeerhuis_app.ui.context import AppContext
    from logeerhuis_app.ui.main_window import MainWindow
    from logeerhuis_app.ui.widgets.prompter import RecordingPrompter

    save_guest(db, GuestData(first_name="Anna", last_name="Smit"))
    stick = tmp_path / "usb"
    stick.mkdir()
    prompter = RecordingPrompter()
    context = AppContext(db, prompter, data_dir, status=lambda _text: None)
    seen = {}

    def make(dialog):  # the same dialog as for the file: encrypted unless unticked
        dialog.folder.setText(str(stick))
        assert dialog.encrypt.isChecked()
        dialog.go.click()
        seen["outcome"], seen["password"] = dialog.outcome.text(), dialog.shown_password.text()
        dialog.accept()

    prompter.dialog_handler = make
    assert backup_to(context)
    [made] = list(stick.iterdir())
    assert made.suffix == ".zip" and made.stat().st_size > 0
    assert "gecontroleerd" in seen["outcome"] and seen["password"]

    assert not restore_from_menu(context)
    assert "pg_restore" in prompter.messages[-1][2]

    window = MainWindow(data_dir / "venster.ini")
    moment = [datetime.now() - timedelta(days=3)]
    scheduler = BackupScheduler(context, window, now=lambda: moment[0])
    assert scheduler.run_if_due()
    assert not scheduler.run_if_due()  # a day has not passed
    assert backup_at_close(context)
    assert len(automatic_backups(backups_dir(data_dir))) == 2
    assert not (data_dir / "logeerhuis.sqlite3").exists()
    window.deleteLater()
