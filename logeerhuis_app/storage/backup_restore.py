"""Restoring a backup: into a NEW file, verified, the old database set aside, then switched.

The caller must have closed its own engine on the live database first (the window does that
and reopens afterwards); a command-line restore is refused while a window holds the lock.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..db import schema
from ..domain.accounts import CurrentUser
from ..paths import database_path
from ..services.errors import DataError
from . import _backup_unzip as backup_unzip
from ._backup_unzip import NOTHING_CHANGED
from .backup import BackupInfo, Progress, app_is_running, copy_database, inspect_backup
from .private_files import private_dir, tighten_data_dir
from .work_dirs import RESTORE_WORK_PREFIX, clean_work_dirs, work_dir

SET_ASIDE_PREFIX = "logeerhuis-vervangen-"  # the replaced database, kept, never deleted
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    info: BackupInfo  # what is now the live database
    set_aside: Path | None  # where the database that was replaced now is
    carried: int = 0  # access-log rows carried over from the replaced database


def restore_backup(
    data_dir: Path,
    source: Path,
    *,
    password: str | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
    check_lock: bool = True,
    user: CurrentUser | None = None,
) -> RestoreResult:
    """Make the backup `source` (a .sqlite3 backup or an encrypted .zip) the live database.

    Nothing of the current database changes until the copy is complete and verified.
    Coordinators only (`user`: who is signed in; None: the command line or the offer of the
    newest good backup at a start with a damaged file, before anyone can sign in)."""
    from ..access.access import require_role

    require_role(user)
    data_dir, source, now = Path(data_dir), Path(source), now or datetime.now()
    live = database_path(data_dir)
    if check_lock and app_is_running(data_dir):
        raise DataError(
            "Logeerhuis is nog geopend op deze gegevens. Sluit het programma eerst, of zet de "
            "backup terug via Bestand > Backup terugzetten in het programma zelf."
        )
    if not source.is_file():
        raise DataError(f"Het bestand {source} bestaat niet.")
    if live.exists() and source.resolve() == live.resolve():
        raise DataError("Dit is het gegevensbestand zelf, geen backup.")
    private_dir(data_dir)
    tighten_data_dir(data_dir)
    clean_work_dirs(data_dir)  # left by a restore or backup that was killed
    with work_dir(data_dir, RESTORE_WORK_PREFIX) as work:
        if source.suffix.lower() == ".zip":
            backup_file, moment = backup_unzip.unzip_backup(source, Path(work), password)
        else:
            backup_file, moment = source, None
        chosen = inspect_backup(backup_file)  # refuse a damaged, foreign or newer file early
        fresh_dir = Path(work) / "nieuw"
        fresh_dir.mkdir(mode=0o700)
        fresh = database_path(fresh_dir)
        copy_database(backup_file, fresh, progress=progress)
        copied = inspect_backup(fresh)  # the copy itself, before it is opened
        if schema.is_current(copied.revision):  # an older one is checked once migrated
            _refuse_unless_sound(fresh, source.name)
        else:  # but it must hold the tables of its own version, or the upgrade breaks it
            _refuse_missing_tables(fresh, copied.revision, source.name, Path(work))
        aside = _aside_name(live, now) if live.exists() else None
        # Imported here: the ORM and the models load only when restoring, not with the check
        # of the data file at every start (decision 0034).
        from sqlalchemy.exc import SQLAlchemyError

        from ..access.restore_log import log_restore

        try:
            carried = log_restore(
                fresh_dir,
                live if aside is not None else None,
                backup_name=source.name,
                moment=moment or chosen.moment,
                set_aside_name=aside.name if aside is not None else "",
                user=user,
                now=now,
            )
        except SQLAlchemyError as exc:  # a file that only looks like a Logeerhuis backup
            raise DataError(
                f"{source.name} kan niet als Logeerhuis-gegevens worden geopend "
                f"({_first_line(exc)}). {NOTHING_CHANGED}"
            ) from exc
        _refuse_unless_sound(fresh, source.name)  # as it will be: migrated, restore logged
        info = inspect_backup(fresh)  # the new file as it will be, before it replaces anything
        set_aside = _set_aside(live, aside) if aside is not None else None
        try:
            os.replace(fresh, live)
        except OSError as exc:
            if set_aside is not None:
                _rename_with_side_files(set_aside, live)
            raise DataError(f"De backup kan niet worden teruggezet: {exc}.") from exc
    restored = BackupInfo(live, moment or chosen.moment, live.stat().st_size, info.revision,
                          info.guests, info.stays, info.invoices)  # fmt: skip
    return RestoreResult(source, restored, set_aside, carried)


def _refuse_unless_sound(fresh: Path, name: str) -> None:
    """Everything `check` looks at, on the copy: the schema the app expects (tables, columns,
    indexes, guarding triggers), the nights, invoices, BSNs and the access log (0037)."""
    from .health import check_file
    from .integrity.schema_shape import REPAIR_HINT

    report = check_file(fresh)
    if not report.ok:  # (a repair is for the live data, not for a backup)
        problems = [p.replace(f" {REPAIR_HINT}", "") for p in report.problems[:10]]
        listed = "\n".join(f"- {problem}" for problem in problems)
        raise DataError(
            f"{name} wordt niet teruggezet: de gegevens erin kloppen niet.\n{listed}\n"
            f"{NOTHING_CHANGED}"
        )


def _refuse_missing_tables(fresh: Path, revision: str | None, name: str, work: Path) -> None:
    """An older backup must have every table its revision made; the migrations, run on a
    scratch file up to that revision, say which those are."""
    import sqlite3

    from alembic import command
    from sqlalchemy import inspect

    from ..db.engine import make_engine, sqlite_url

    scratch = make_engine(sqlite_url(work / "schema-van-de-backup.sqlite3"))
    try:
        command.upgrade(schema.alembic_config(scratch), revision or "base")
        expected = set(inspect(scratch).get_table_names())
    finally:
        scratch.dispose()
    conn = sqlite3.connect(f"file:{fresh}?mode=ro", uri=True)
    try:
        present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master "
                                                  "WHERE type = 'table'")}  # fmt: skip
    finally:
        conn.close()
    missing = sorted(expected - present)
    if missing:
        raise DataError(
            f"{name} wordt niet teruggezet: de gegevens erin kloppen niet.\n"
            f"- Tabellen die ontbreken: {', '.join(missing)}\n{NOTHING_CHANGED}"
        )


def _first_line(exc: Exception) -> str:
    from ..domain.redaction import scrub

    return scrub(str(getattr(exc, "orig", None) or exc)).splitlines()[0]


def set_aside_files(data_dir: Path) -> list[Path]:
    """Databases replaced by earlier restores, newest first."""
    return sorted(Path(data_dir).glob(f"{SET_ASIDE_PREFIX}*.sqlite3"), reverse=True)


def _aside_name(live: Path, now: datetime) -> Path:
    """Where the replaced database will be kept: a name with the moment, never an existing one."""
    stamp = f"{now:%Y-%m-%dT%H%M%S}"
    target = live.with_name(f"{SET_ASIDE_PREFIX}{stamp}.sqlite3")
    number = 2
    while target.exists():
        target = live.with_name(f"{SET_ASIDE_PREFIX}{stamp}-{number}.sqlite3")
        number += 1
    return target


def _set_aside(live: Path, target: Path) -> Path:
    try:
        _rename_with_side_files(live, target)
    except OSError as exc:
        raise DataError(
            f"Het huidige gegevensbestand kan niet opzij worden gezet ({exc}). Is Logeerhuis "
            "nog ergens geopend? Er is niets veranderd."
        ) from exc
    return target


def _rename_with_side_files(source: Path, target: Path) -> None:
    """A -wal file belongs to its database: it moves along, so nothing committed is lost."""
    os.replace(source, target)
    for side in _SIDE_FILES:
        extra = source.with_name(source.name + side)
        if extra.exists():
            os.replace(extra, target.with_name(target.name + side))
