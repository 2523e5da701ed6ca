"""Readers that refuse quickly and in Dutch (decision 0028): a zip bomb posing as a backup, an
oversized import file, a damaged databaseserver.json, and work folders a killed restore or
backup left behind are cleaned at the start."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
import pyzipper

from logeerhuis_app.cli import main
from logeerhuis_app.services.errors import DataError
from logeerhuis_app.storage import _backup_unzip as backup_unzip
from logeerhuis_app.storage import data_exchange, server_setting
from logeerhuis_app.storage.backup import make_backup
from logeerhuis_app.storage.backup_restore import restore_backup
from logeerhuis_app.storage.database import open_database
from logeerhuis_app.storage.server_setting import chosen_server_url, save_server_url, server_file
from logeerhuis_app.storage.work_dirs import clean_work_dirs, work_dir

PASSWORD = "lang-wachtwoord-1"


def _bomb(path, size, *, header=b"SQLite format 3\x00"):
    """An AES ZIP whose one member unpacks to `size` bytes: a header, then zeros (a few KB)."""
    with pyzipper.AESZipFile(
        path, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(PASSWORD.encode())
        with archive.open("logeerhuis-2026-01-01T0000.sqlite3", "w", force_zip64=True) as member:
            member.write(header)
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                member.write(chunk)
    return path


def _live_unchanged(data_dir):
    conn = sqlite3.connect(data_dir / "logeerhuis.sqlite3")
    try:
        return conn.execute("SELECT count(*) FROM guests").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.sqlite_only
def test_a_zip_bomb_is_refused_by_its_size_before_it_is_unpacked(
    db, data_dir, tmp_path, monkeypatch
):
    monkeypatch.setattr(backup_unzip, "MAX_BACKUP_BYTES", 8 << 20)
    bomb = _bomb(tmp_path / "stick.zip", 40 << 20)
    assert bomb.stat().st_size < 1 << 20  # small on the stick
    db.close()
    with pytest.raises(DataError, match="groter dan 8 MB") as refused:
        restore_backup(data_dir, bomb, password=PASSWORD, check_lock=False)
    assert "niets veranderd" in refused.value.message
    assert _live_unchanged(data_dir) == 0
    assert not list(data_dir.glob("terugzetten-*"))


@pytest.mark.sqlite_only
def test_a_zip_whose_member_is_no_database_stops_at_its_first_bytes(db, data_dir, tmp_path):
    bomb = _bomb(tmp_path / "nullen.zip", 40 << 20, header=b"")
    db.close()
    with pytest.raises(DataError, match="geen Logeerhuis-backup"):
        restore_backup(data_dir, bomb, password=PASSWORD, check_lock=False)
    assert not list(data_dir.glob("terugzetten-*"))


@pytest.mark.sqlite_only
def test_a_real_backup_padded_with_zeros_is_refused_by_its_header(db, data_dir, tmp_path):
    """The SQLite header states the file's size; a member of another size is no backup (a
    padded one would otherwise unpack in full and even pass the integrity check)."""
    real = make_backup(data_dir).path.read_bytes()
    padded = tmp_path / "opgevuld.zip"
    with pyzipper.AESZipFile(
        padded, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(PASSWORD.encode())
        archive.writestr("logeerhuis-2026-01-01T0000.sqlite3", real + bytes(40 << 20))
    db.close()
    with pytest.raises(DataError, match="geen Logeerhuis-backup"):
        restore_backup(data_dir, padded, password=PASSWORD, check_lock=False)


@pytest.mark.sqlite_only
def test_a_real_encrypted_backup_still_restores(db, data_dir, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    made = make_backup(data_dir, out=stick, password=PASSWORD)
    db.close()
    restored = restore_backup(data_dir, made.path, password=PASSWORD, check_lock=False)
    assert restored.info.guests == 0


def test_an_import_file_larger_than_the_limit_is_refused_unread(db, tmp_path, monkeypatch):
    monkeypatch.setattr(data_exchange, "MAX_IMPORT_BYTES", 1000)
    big = tmp_path / "groot.json"
    big.write_text(json.dumps({"format": "logeerhuis-data", "x": "a" * 5000}), encoding="utf-8")
    with pytest.raises(DataError, match="groter dan") as refused:
        data_exchange.import_from_file(db, big)
    assert "niets ingelezen" in refused.value.message.lower()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b'{"url": "postgresql+psycopg://ria@server/logeerhuis"',
        b"[1, 2]",
        b'{"url": 5}',
        b'{"adres": "postgresql+psycopg://ria@server/logeerhuis"}',
        b'{"url": ""}',
        b"\xff\xfe\x00",
        b'{"url": "' + b"x" * 100_000 + b'"}',
    ],
    ids=[
        "leeg",
        "afgebroken",
        "lijst",
        "getal",
        "andere-sleutel",
        "lege-url",
        "geen-tekst",
        "groot",
    ],
)
def test_a_damaged_server_choice_is_refused_not_ignored(data_dir, monkeypatch, content):
    monkeypatch.delenv("LOGEERHUIS_DATABASE_URL", raising=False)
    server_file(data_dir).write_bytes(content)
    with pytest.raises(DataError, match=r"databaseserver\.json") as refused:
        chosen_server_url(data_dir)
    assert "beschadigd" in refused.value.message


def test_the_command_line_says_so_too(data_dir, monkeypatch, capsys):
    monkeypatch.delenv("LOGEERHUIS_DATABASE_URL", raising=False)
    server_file(data_dir).write_text('{"url": 5}', encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "demo"]) == 2
    err = capsys.readouterr().err
    assert "databaseserver.json" in err and "Traceback" not in err
    assert not (data_dir / "logeerhuis.sqlite3").exists()  # not quietly the local file


def test_no_file_means_this_pcs_file_and_a_good_one_its_server(data_dir, monkeypatch):
    monkeypatch.delenv("LOGEERHUIS_DATABASE_URL", raising=False)
    assert chosen_server_url(data_dir) is None
    url = "postgresql+psycopg://ria@server/logeerhuis"
    save_server_url(data_dir, url)
    assert chosen_server_url(data_dir) == url


def test_the_server_choice_is_written_atomically(data_dir, monkeypatch):
    monkeypatch.delenv("LOGEERHUIS_DATABASE_URL", raising=False)
    old = "postgresql+psycopg://ria@oud/logeerhuis"
    save_server_url(data_dir, old)

    def power_cut(_source, _target):
        raise OSError("stroom weg")

    monkeypatch.setattr(server_setting.os, "replace", power_cut)
    with pytest.raises(DataError, match="niet worden bewaard"):
        save_server_url(data_dir, "postgresql+psycopg://ria@nieuw/logeerhuis")
    monkeypatch.undo()
    assert chosen_server_url(data_dir) == old  # the old choice, whole
    assert sorted(p.name for p in data_dir.iterdir()) == ["databaseserver.json"]


def test_work_folders_left_by_a_kill_are_cleaned_at_the_start(data_dir):
    for name in ("terugzetten-k1ll3d", "backup-k1ll3d"):
        left = data_dir / name
        left.mkdir()
        (left / "nieuw.sqlite3").write_bytes(b"SQLite format 3\x00 alle gegevens")
    mine = data_dir / "terugzetten-bewaren.txt"  # not a folder of ours: left alone
    mine.write_text("eigen notitie", encoding="utf-8")
    open_database(data_dir).close()
    assert sorted(
        p.name for p in data_dir.iterdir() if p.name.startswith(("terug", "backup-"))
    ) == ["terugzetten-bewaren.txt"]


def test_a_work_folder_in_use_is_left_alone(data_dir):
    with work_dir(data_dir, "backup-") as busy:
        (busy / "kopie.sqlite3").write_bytes(b"bezig")
        assert clean_work_dirs(data_dir) == []
        assert (busy / "kopie.sqlite3").exists()
    assert not busy.exists()


@pytest.mark.sqlite_only
@pytest.mark.skipif(os.name == "nt", reason="a killed process: POSIX signals")
def test_a_restore_killed_halfway_leaves_nothing_after_the_next_start(db, data_dir, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    made = make_backup(data_dir)
    db.close()
    # The child restores, and stops dead right after the plain copy is in its work folder.
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, signal, sys\n"
            "from pathlib import Path\n"
            "from logeerhuis_app.storage import backup_restore as r\n"
            "real = r.copy_database\n"
            "def copy_then_die(*a, **k):\n"
            "    real(*a, **k)\n"
            "    os.kill(os.getpid(), signal.SIGKILL)\n"
            "r.copy_database = copy_then_die\n"
            "r.restore_backup(Path(sys.argv[1]), Path(sys.argv[2]), check_lock=False)\n",
            str(data_dir),
            str(made.path),
        ]
    )
    assert child.wait(timeout=120) == -signal.SIGKILL
    left = list(data_dir.glob("terugzetten-*"))
    assert left and any(p.rglob("*.sqlite3") for p in left)  # a plain copy of all data
    time.sleep(0.1)
    open_database(data_dir).close()
    assert not list(data_dir.glob("terugzetten-*"))
