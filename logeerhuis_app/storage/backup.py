"""Backups: copies made with SQLite's backup API (never a file copy of the live database),
each verified with PRAGMA integrity_check and rotated by the rule in domain.backup_rotation.

Backup files are plain SQLite files in rollback-journal mode (no -wal beside them), so they
can be read read-only from a USB stick without a byte being written there.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..db import schema
from ..domain.accounts import CurrentUser
from ..domain.backup_rotation import (
    DEFAULT_POLICY,
    RotationPolicy,
    backup_due,
    backup_name,
    backups_to_delete,
    parse_backup_name,
)
from ..paths import LOCK_FILENAME, database_path
from ..services.errors import DataError
from .out_paths import folder_or_file
from .private_files import create_private_file, private_aes_zip, private_dir
from .work_dirs import BACKUP_WORK_PREFIX, flock_held, work_dir

BACKUP_DIRNAME = "backups"
SQLITE_HEADER = b"SQLite format 3\x00"
PAGES_PER_STEP = 256
Progress = Callable[[int, int, str], None]  # done, total, what


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    moment: datetime | None  # from the name of an automatic backup, else the file's time
    size: int
    revision: str
    guests: int | None  # None when the table does not exist in that schema version
    stays: int | None
    invoices: int | None


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    removed: tuple[Path, ...]  # old automatic backups removed by rotation
    password: str = ""  # set for an encrypted ZIP; shown once, stored nowhere


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIRNAME


def automatic_backups(data_dir: Path) -> dict[datetime, Path]:
    """The automatic backups by moment; other files in the folder are not ours to rotate."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return {}
    found: dict[datetime, Path] = {}
    for path in folder.iterdir():
        moment = parse_backup_name(path.name)
        if moment is not None and path.is_file():
            found[moment] = path
    return found


def backup_is_due(data_dir: Path, now: datetime, *, on_server: bool = False) -> bool:
    """A day since the newest automatic backup in the backups folder: of the file, or (when
    this PC works on a server) of the server database (storage/backup_postgres)."""
    from .backup_postgres import automatic_backups as server_backups

    moments = server_backups(backups_dir(data_dir)) if on_server else automatic_backups(data_dir)
    return backup_due(max(moments, default=None), now)


def make_backup(
    data_dir: Path,
    *,
    now: datetime | None = None,
    out: Path | None = None,
    password: str | None = None,
    progress: Progress | None = None,
    policy: RotationPolicy = DEFAULT_POLICY,
    user: CurrentUser | None = None,
) -> BackupResult:
    """Back up the live database. Without `out`: into the backups folder, then rotate.
    `out` may be a folder (the file gets the standard name) or a file. With a password the
    result is one ZIP with AES-256 around the backup file. A backup that leaves the backups
    folder unencrypted is for coordinators only (`user`: who is signed in, None: the system)."""
    if out is not None and password is None:
        from ..access.access import require_role

        require_role(user)
    now = now or datetime.now()
    source = database_path(Path(data_dir))
    if not source.is_file():
        raise DataError(f"Er is nog geen gegevensbestand in {data_dir}; er valt niets te bewaren.")
    name = backup_name(now)
    if out is None:
        target = backups_dir(data_dir) / name
        try:
            private_dir(target.parent)
        except OSError as exc:
            raise DataError(f"De map {target.parent} kan niet worden gemaakt: {exc}.") from exc
    else:  # an existing folder, or a file name in one; never a folder made for it
        folder, file_name = folder_or_file(Path(out), (".sqlite3", ".zip"))
        target = folder / (file_name or name)
    if password is not None:
        target = target.with_suffix(".zip")
    partial = target.with_name(target.name + ".bezig")
    partial.unlink(missing_ok=True)  # left by a backup that was cut off
    try:
        if password is None:
            copy_database(source, partial, live=True, progress=progress)
            inspect_backup(partial)  # integrity_check and schema on the copy itself
        else:
            # the unencrypted copy stays on this PC's disk, never on the USB stick
            with work_dir(data_dir, BACKUP_WORK_PREFIX) as work:
                copy = Path(work) / name
                copy_database(source, copy, live=True, progress=progress)
                inspect_backup(copy)
                encrypt_file(copy, partial, password)
        _move(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    removed = rotate(data_dir, policy, now) if out is None else ()
    return BackupResult(target, target.stat().st_size, tuple(removed), password or "")


def copy_database(
    source: Path, target: Path, *, live: bool = False, progress: Progress | None = None
) -> None:
    """Copy with the backup API, page by page, into a new file in rollback-journal mode.

    The live database is read through an ordinary connection (it sees the -wal and tidies
    up when closed); any other source strictly read-only."""
    try:
        if live:
            src = sqlite3.connect(source)
        else:
            src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise DataError(f"Het gegevensbestand kan niet worden gelezen: {exc}.") from exc
    try:
        create_private_file(target)  # the copy holds everything: this user only
        dst = sqlite3.connect(target)
    except (OSError, sqlite3.Error) as exc:
        src.close()
        raise DataError(f"De backup kan niet worden geschreven naar {target}: {exc}.") from exc
    try:

        def step(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total, "Backup maken")

        src.execute("PRAGMA busy_timeout=5000")
        src.backup(dst, pages=PAGES_PER_STEP, progress=step)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    except sqlite3.Error as exc:
        raise DataError(
            f"De backup is niet gelukt: het gegevensbestand is beschadigd of onleesbaar ({exc})."
        ) from exc
    finally:
        dst.close()
        src.close()


def inspect_backup(path: Path, *, verify: bool = True) -> BackupInfo:
    """Read a backup file read-only and refuse anything the app must not restore.
    Without `verify` the full integrity check is skipped (a quick look for a list)."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
        size = path.stat().st_size
    except OSError as exc:
        raise DataError(f"Het bestand {path.name} kan niet worden gelezen: {exc}.") from exc
    if header != SQLITE_HEADER:
        raise DataError(f"{path.name} is geen Logeerhuis-backup (geen SQLite-database).")
    try:
        # immutable: never a -wal or -shm file beside it, not even on a USB stick
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise DataError(f"{path.name} kan niet worden geopend: {exc}.") from exc
    try:
        check = "PRAGMA integrity_check" if verify else "PRAGMA quick_check"
        integrity = [row[0] for row in conn.execute(check)]
        if integrity != ["ok"]:
            raise DataError(f"{path.name} is beschadigd (integriteitscontrole mislukt).")
        revision = _revision(conn)
        if revision is None:
            raise DataError(f"{path.name} is geen Logeerhuis-backup (geen schemaversie).")
        try:
            schema.refuse_if_newer(revision)
        except schema.SchemaTooNewError as exc:
            raise DataError(
                f"{path.name} is gemaakt met een nieuwere versie van Logeerhuis (schemaversie "
                f"{revision}). Deze versie zet hem niet terug; installeer de nieuwste versie."
            ) from exc
        counts = [_count(conn, table) for table in ("guests", "stays", "invoices")]
    except sqlite3.DatabaseError as exc:
        raise DataError(f"{path.name} is beschadigd of onleesbaar ({exc}).") from exc
    finally:
        conn.close()
    moment = parse_backup_name(path.name) or datetime.fromtimestamp(path.stat().st_mtime)
    return BackupInfo(path, moment, size, revision, *counts)


def list_backups(
    data_dir: Path, *, verify: bool = False
) -> list[tuple[Path, BackupInfo | None, str]]:
    """Every .sqlite3 file in the backups folder, newest first: (path, info, problem).
    Restoring verifies fully in any case."""
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return []
    rows: list[tuple[Path, BackupInfo | None, str]] = []
    for path in folder.glob("*.sqlite3"):
        try:
            rows.append((path, inspect_backup(path, verify=verify), ""))
        except DataError as exc:
            rows.append((path, None, exc.message))
    return sorted(rows, key=lambda row: _moment_of(row[0]), reverse=True)


def newest_good_backup(data_dir: Path) -> BackupInfo | None:
    for path, info, _problem in list_backups(data_dir):
        if info is not None:
            try:
                return inspect_backup(path)
            except DataError:
                continue
    return None


def rotate(
    data_dir: Path, policy: RotationPolicy = DEFAULT_POLICY, now: datetime | None = None
) -> list[Path]:
    found = automatic_backups(data_dir)
    removed: list[Path] = []
    for moment in backups_to_delete(found, policy, now):
        try:
            found[moment].unlink()
            removed.append(found[moment])
        except OSError:
            pass  # a file that cannot be removed now is tried again at the next backup
    return removed


def quick_check(data_dir: Path) -> str | None:
    """At start: None when the live database looks whole (or does not exist yet), else a
    Dutch explanation. Reads only."""
    path = database_path(Path(data_dir))
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            rows = [row[0] for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"Het gegevensbestand {path} kan niet worden gelezen ({exc})."
    if rows != ["ok"]:
        return f"Het gegevensbestand {path} is beschadigd: " + "; ".join(rows[:3]) + "."
    return None


def app_is_running(data_dir: Path) -> bool:
    """True when a Logeerhuis window holds the lock on this data directory.

    Qt's QLockFile keeps the file open and locked (flock on Unix, no sharing on Windows);
    a lock left by a crashed app is not held, so it does not count."""
    lock = Path(data_dir) / LOCK_FILENAME
    if not lock.exists():
        return False
    if os.name == "nt":
        try:
            os.open(lock, os.O_RDWR)
        except PermissionError:
            return True
        except OSError:
            return False
        return False
    return flock_held(lock)


def _revision(conn: sqlite3.Connection) -> str | None:
    query = "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    if not conn.execute(query).fetchone():
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _count(conn: sqlite3.Connection, table: str) -> int | None:
    query = "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?"
    if not conn.execute(query, (table,)).fetchone():
        return None
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _moment_of(path: Path) -> datetime:
    moment = parse_backup_name(path.name)
    if moment is not None:
        return moment
    try:
        return datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return datetime.min


def _move(source: Path, target: Path) -> None:
    try:
        os.replace(source, target)
    except OSError as exc:
        raise DataError(f"De backup kan niet worden geschreven naar {target}: {exc}.") from exc


def encrypt_file(source: Path, target: Path, password: str) -> None:
    """`target`: a ZIP with AES-256 holding `source` under its own name (the backup's
    moment, nothing about the house)."""
    with private_aes_zip(target, password) as archive:
        archive.write(source, source.name)
