"""Everything that leaves the PC is encrypted unless asked otherwise (decision 0027):
`backup --out` and `export` write AES-256 ZIPs, `--no-encrypt` opts out, and `--encrypt`
is still accepted from older scripts."""

from __future__ import annotations

import re

import pytest
import pyzipper

from logeerhuis_app.cli import main
from logeerhuis_app.storage.backup import automatic_backups

pytestmark = pytest.mark.sqlite_only


def _password(out: str) -> str:
    return re.search(r"Wachtwoord \(wordt niet bewaard\): (\S+)", out).group(1)


def _opens_with(path, password) -> list[str]:
    with pyzipper.AESZipFile(path) as archive:
        archive.setpassword(password.encode())
        names = archive.namelist()
        archive.read(names[0])  # the password really opens it
        return names


def _house(data_dir):
    from logeerhuis_app.house.guests import GuestData, save_guest
    from logeerhuis_app.storage.database import open_database

    db = open_database(data_dir)
    save_guest(db, GuestData(first_name="Gerrit", last_name="Bos", bsn="999900006"))
    db.close()


def test_a_backup_to_a_stick_is_an_encrypted_zip(data_dir, tmp_path, capsys):
    _house(data_dir)
    stick = tmp_path / "stick"
    stick.mkdir()
    assert main(["--data-dir", str(data_dir), "backup", "--out", str(stick)]) == 0
    [made] = list(stick.iterdir())
    assert made.suffix == ".zip"
    assert b"999900006" not in made.read_bytes() and b"Bos" not in made.read_bytes()
    [member] = _opens_with(made, _password(capsys.readouterr().out))
    assert member.endswith(".sqlite3")


def test_no_encrypt_opts_out_and_encrypt_is_still_accepted(data_dir, tmp_path, capsys):
    _house(data_dir)
    stick = tmp_path / "stick"
    stick.mkdir()
    args = ["--data-dir", str(data_dir), "backup", "--out"]
    assert main([*args, str(stick / "kopie.sqlite3"), "--no-encrypt"]) == 0
    assert (stick / "kopie.sqlite3").read_bytes().startswith(b"SQLite format 3")
    assert main([*args, str(stick), "--encrypt"]) == 0
    assert len(list(stick.glob("*.zip"))) == 1 and "Wachtwoord" in capsys.readouterr().out
    assert main([*args, str(stick), "--encrypt", "--no-encrypt"]) == 2  # not both


def test_the_automatic_backup_stays_a_plain_file_on_this_pc(data_dir):
    _house(data_dir)
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    [made] = automatic_backups(data_dir).values()
    assert made.suffix == ".sqlite3"


def test_the_month_export_is_an_encrypted_zip_unless_no_encrypt(data_dir, tmp_path, capsys):
    _house(data_dir)
    out = tmp_path / "export"
    out.mkdir()
    assert main(["--data-dir", str(data_dir), "export", "2026-01", "--out", str(out)]) == 0
    [zipped] = list(out.iterdir())
    assert zipped.suffix == ".zip"
    assert _opens_with(zipped, _password(capsys.readouterr().out))
    args = ["--data-dir", str(data_dir), "export", "2026-01", "--out", str(out), "--no-encrypt"]
    assert main(args) == 0
    assert len([p for p in out.iterdir() if p.is_dir()]) == 1
