"""Reading a backup ZIP (from a USB stick) without trusting it (decision 0028).

A ZIP can unpack to far more than it is: a 1.5 MB "zip bomb" once took 2.9 GB and 26 s before
it was refused. Here the member's declared size is checked before a byte is written (the
reader then stops at that size), the first bytes must be a SQLite header, the unpacked bytes
are counted while they stream to disk in chunks, and there must be room on the disk.
"""

from __future__ import annotations

import shutil
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

from ..domain.backup_rotation import parse_backup_name
from ..services.errors import DataError
from .backup import SQLITE_HEADER
from .private_files import write_private

MAX_BACKUP_BYTES = 2 << 30  # a house's database after years is a few hundred MB at most
MAX_MEMBERS = 100  # a backup ZIP holds one file
CHUNK = 1 << 20
HEADER_BYTES = 100  # SQLite's file header: it states the file's size
NOTHING_CHANGED = "Er is niets veranderd."


def unzip_backup(
    archive_path: Path, work: Path, password: str | None
) -> tuple[Path, datetime | None]:
    """The one backup file in the ZIP, unpacked into `work` under a name of our own."""
    import pyzipper

    name = archive_path.name
    limit = MAX_BACKUP_BYTES
    try:
        if archive_path.stat().st_size > limit:
            raise DataError(f"{name} is groter dan {_size(limit)}. {NOTHING_CHANGED}")
        with pyzipper.AESZipFile(archive_path) as archive:
            infos = archive.infolist()
            members = [i for i in infos if _is_backup_name(i.filename)]
            if len(infos) > MAX_MEMBERS or len(members) != 1:
                raise DataError(f"{name} bevat geen Logeerhuis-backup. {NOTHING_CHANGED}")
            [member] = members
            if member.file_size > limit:
                raise DataError(_too_big(name, member.file_size, limit))
            if member.file_size + CHUNK > shutil.disk_usage(work).free:
                raise DataError(
                    f"Er is te weinig ruimte op de schijf om {name} uit te pakken "
                    f"({_size(member.file_size)} nodig). {NOTHING_CHANGED}"
                )
            if password:
                archive.setpassword(password.encode())
            target = work / "uitgepakt.sqlite3"  # never the name from the archive
            _stream(archive, member, target, name, limit)
            return target, parse_backup_name(member.filename)
    except RuntimeError as exc:  # pyzipper: encrypted and no or a wrong password
        raise DataError(f"Het wachtwoord voor {name} klopt niet.") from exc
    except (
        zipfile.BadZipFile,
        pyzipper.BadZipFile,  # pyzipper has its own
        zlib.error,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
        KeyError,
    ) as exc:
        raise DataError(f"{name} is geen leesbaar ZIP-bestand ({exc}). {NOTHING_CHANGED}") from exc


def _stream(archive, member, target: Path, name: str, limit: int) -> None:
    written = 0
    write_private(target, b"")
    with archive.open(member) as source, target.open("ab") as out:
        first = source.read(HEADER_BYTES)
        if not first.startswith(SQLITE_HEADER) or _stated_size(first) not in (
            None,
            member.file_size,
        ):
            raise DataError(
                f"{name} bevat geen Logeerhuis-backup (geen SQLite-database). {NOTHING_CHANGED}"
            )
        out.write(first)
        written = len(first)
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > limit:  # a size in the ZIP that lies
                raise DataError(_too_big(name, written, limit))
            out.write(chunk)


def _stated_size(header: bytes) -> int | None:
    """The size the SQLite header gives for the whole file (page size x page count), or None
    when the header does not vouch for it (its 'valid for' counter differs)."""
    if len(header) < HEADER_BYTES or header[24:28] != header[92:96]:
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    return page_size * int.from_bytes(header[28:32], "big")


def _is_backup_name(filename: str) -> bool:
    return filename.endswith(".sqlite3") and "/" not in filename


def _too_big(name: str, size: int, limit: int) -> str:
    return (
        f"{name} wordt uitgepakt {_size(size)} of meer, groter dan {_size(limit)}: zo groot is "
        f"geen Logeerhuis-backup (het bestand is beschadigd of geen backup). {NOTHING_CHANGED}"
    )


def _size(count: int) -> str:
    if count >= 1 << 30:
        return f"{count / (1 << 30):.1f} GB".replace(".0 ", " ").replace(".", ",")
    return f"{max(1, round(count / (1 << 20)))} MB"
