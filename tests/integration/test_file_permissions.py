"""Owner-only files on Linux and macOS, whatever the umask (decision 0027): the data folder
0700; the database with its -wal and -shm, backups, fouten.log, the server choice, invoice
PDFs and exports 0600. An existing install with looser rights is tightened at the start."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime

import pytest

pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.skipif(os.name == "nt", reason="Windows: the per-user folder is private"),
]


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def umask_022():
    """The usual umask, under which Python and SQLite make files 0644 and folders 0755."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_data_folder_is_private_with_its_database_wal_and_shm(tmp_path):
    from logeerhuis_app.house.guests import GuestData, save_guest
    from logeerhuis_app.storage.database import open_database

    folder = tmp_path / "nieuw"
    db = open_database(folder)
    try:
        save_guest(db, GuestData(first_name="Gerrit", last_name="Bos"))
        with db.engine.connect():  # a connection open: the -wal and -shm exist
            assert mode(folder) == 0o700
            for name in ("logeerhuis.sqlite3", "logeerhuis.sqlite3-wal", "logeerhuis.sqlite3-shm"):
                assert mode(folder / name) == 0o600, name
    finally:
        db.close()


def test_an_existing_install_is_tightened_at_the_start(tmp_path):
    from logeerhuis_app.storage.database import open_database

    folder = tmp_path / "oud"
    folder.mkdir(mode=0o755)
    sqlite3.connect(folder / "logeerhuis.sqlite3").close()
    backups = folder / "backups"
    backups.mkdir(mode=0o755)
    (backups / "logeerhuis-2026-11-27T1530.sqlite3").write_bytes(b"x")
    (folder / "fouten.log").write_text("oud\n", encoding="utf-8")
    (folder / "venster.ini").write_text("[window]\n", encoding="utf-8")
    for path in (folder / "logeerhuis.sqlite3", folder / "fouten.log"):
        os.chmod(path, 0o644)
    open_database(folder).close()
    assert mode(folder) == 0o700 and mode(backups) == 0o700
    for path in (
        folder / "logeerhuis.sqlite3",
        folder / "fouten.log",
        folder / "venster.ini",
        backups / "logeerhuis-2026-11-27T1530.sqlite3",
    ):
        assert mode(path) == 0o600, path.name


def test_backups_and_a_restore_are_private(db, data_dir, tmp_path):
    from logeerhuis_app.storage.backup import backups_dir, make_backup
    from logeerhuis_app.storage.backup_restore import restore_backup

    made = make_backup(data_dir, now=datetime(2026, 11, 28, 15, 30))
    assert mode(backups_dir(data_dir)) == 0o700 and mode(made.path) == 0o600
    stick = tmp_path / "stick"
    stick.mkdir()
    zipped = make_backup(data_dir, out=stick, password="lang-wachtwoord-1")
    assert mode(zipped.path) == 0o600
    assert mode(stick) == 0o755  # the user's own folder is left as it is
    plain = make_backup(data_dir, out=stick / "kopie.sqlite3")
    assert mode(plain.path) == 0o600
    db.close()
    result = restore_backup(data_dir, made.path, check_lock=False)
    assert mode(data_dir / "logeerhuis.sqlite3") == 0o600 and mode(result.set_aside) == 0o600


def test_fouten_log_is_private(data_dir, capsys):
    from logeerhuis_app.app import _make_excepthook

    hook = _make_excepthook(None, data_dir, [], True)
    hook(KeyError, KeyError("x"), None)
    assert mode(data_dir / "fouten.log") == 0o600


def test_the_server_choice_is_private(data_dir):
    from logeerhuis_app.storage.server_setting import save_server_url, server_file

    save_server_url(data_dir, "postgresql+psycopg://logeerhuis:geheim@server/logeerhuis")
    assert mode(server_file(data_dir)) == 0o600


def test_invoice_pdfs_and_exports_are_private(db, data_dir, tmp_path):
    from invoicing_support import build_house

    from logeerhuis_app.access.access_log import export_access_log
    from logeerhuis_app.cli import main
    from logeerhuis_app.storage.data_exchange import export_to_file

    build_house(db)  # a private payer with stays in January 2026
    out = tmp_path / "facturen"
    out.mkdir()
    assert main(["--data-dir", str(data_dir), "close-month", "2026-01"]) == 0
    assert main(["--data-dir", str(data_dir), "invoices", "2026-01", "--out", str(out)]) == 0
    pdfs = sorted(out.glob("factuur-*.pdf"))
    assert pdfs and all(mode(p) == 0o600 for p in pdfs)
    month = tmp_path / "maand"
    month.mkdir()
    args = ["--data-dir", str(data_dir), "export", "2026-01", "--out", str(month)]
    assert main([*args, "--no-encrypt"]) == 0
    [folder] = [p for p in month.iterdir() if p.is_dir()]
    assert mode(folder) == 0o700
    assert all(mode(p) == 0o600 for p in folder.rglob("*") if p.is_file())
    assert main(args) == 0  # encrypted by default: one ZIP
    [zipped] = month.glob("*.zip")
    assert mode(zipped) == 0o600
    export_to_file(db, tmp_path / "alles.json")
    export_access_log(db, tmp_path / "log.csv")
    assert mode(tmp_path / "alles.json") == 0o600 and mode(tmp_path / "log.csv") == 0o600
