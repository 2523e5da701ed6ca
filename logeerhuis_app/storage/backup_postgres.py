"""Backups of a database on a PostgreSQL server: pg_dump when it is there, else the JSON export.

The same idea as the SQLite backups (storage/backup.py): write next to the target, verify,
then rename, and rotate the automatic backups by the rule in domain.backup_rotation.

- pg_dump (custom format): verified by its exit code, a non-empty file that starts with the
  dump header "PGDMP", and `pg_restore --list` reading its table of contents when available.
  Restore with `pg_restore --clean --if-exists -d DATABASE FILE` (docs/decisions/0016).
- JSON (the `export-data` format): verified by reading it back. Restore with `import-data`
  into an empty database.

File names hold only the moment (logeerhuis-2026-11-28T1530.pgdump or .json).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ..access.access import require_role
from ..domain.accounts import CurrentUser
from ..domain.backup_rotation import (
    BACKUP_PREFIX,
    BACKUP_SUFFIX,
    DEFAULT_POLICY,
    RotationPolicy,
    backups_to_delete,
    parse_backup_name,
)
from ..services.errors import DataError
from .backup import encrypt_file
from .database import Database
from .work_dirs import BACKUP_WORK_PREFIX
from .work_dirs import work_dir as make_work_dir

DUMP_SUFFIX = ".pgdump"
JSON_SUFFIX = ".json"
DUMP_HEADER = b"PGDMP"
PG_DUMP_TIMEOUT_S = 600


@dataclass(frozen=True)
class ServerBackupResult:
    path: Path
    size: int
    method: str  # "pg_dump" or "json"
    removed: tuple[Path, ...]  # old automatic backups removed by rotation
    note: str = ""  # why the JSON export was used instead of pg_dump, in Dutch
    password: str = ""  # set for an encrypted ZIP; shown once, stored nowhere


def backup_name(moment: datetime, suffix: str) -> str:
    return f"{BACKUP_PREFIX}{moment:%Y-%m-%dT%H%M}{suffix}"


def parse_name(name: str) -> datetime | None:
    """The moment in an automatic server backup's name; None for any other file."""
    for suffix in (DUMP_SUFFIX, JSON_SUFFIX):
        if name.endswith(suffix):
            return parse_backup_name(name[: -len(suffix)] + BACKUP_SUFFIX)
    return None


def automatic_backups(folder: Path) -> dict[datetime, list[Path]]:
    found: dict[datetime, list[Path]] = {}
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        moment = parse_name(path.name)
        if moment is not None and path.is_file():
            found.setdefault(moment, []).append(path)
    return found


def make_server_backup(
    db: Database,
    folder: Path,
    *,
    now: datetime | None = None,
    policy: RotationPolicy = DEFAULT_POLICY,
    pg_dump: str | None = None,
    rotate: bool = True,
) -> ServerBackupResult:
    """Back up the server database into `folder` (made when missing), verify it, rotate.

    `pg_dump` is the program to use; by default the one on PATH. Without one, or when it
    fails (an older pg_dump than the server, for one), the JSON export is written instead and
    `note` says why.
    """
    if not db.on_server:
        raise DataError("Deze backup is voor een database op een PostgreSQL-server.")
    now = now or datetime.now()
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(f"De backupmap {folder} kan niet worden gemaakt: {exc}") from exc
    program = pg_dump if pg_dump is not None else shutil.which("pg_dump")
    note = ""
    if program:
        target = folder / backup_name(now, DUMP_SUFFIX)
        problem = _dump(db, program, target)
        if problem is None:
            return _done(folder, target, "pg_dump", now, policy, rotate, "")
        note = f"pg_dump lukte niet ({problem}); daarom is een JSON-export gemaakt."
    else:
        note = "pg_dump is niet gevonden op deze computer; daarom is een JSON-export gemaakt."
    target = folder / backup_name(now, JSON_SUFFIX)
    _json_backup(db, target)
    return _done(folder, target, "json", now, policy, rotate, note)


def server_backup_to(
    db: Database,
    folder: Path,
    *,
    work_dir: Path,
    password: str | None,
    user: CurrentUser | None = None,
    pg_dump: str | None = None,
) -> ServerBackupResult:
    """A server backup that leaves the PC (a USB stick): with a password one ZIP with AES-256,
    the plain dump made in `work_dir` on this PC first; without, the dump itself, which only
    a coordinator may take away (decision 0026)."""
    if password is None:
        require_role(user)
        return make_server_backup(db, folder, rotate=False, pg_dump=pg_dump)
    with make_work_dir(work_dir, BACKUP_WORK_PREFIX) as work:
        plain = make_server_backup(db, Path(work), rotate=False, pg_dump=pg_dump)
        target = Path(folder) / f"{plain.path.name}.zip"
        partial = target.with_name(target.name + ".bezig")
        try:
            encrypt_file(plain.path, partial, password)
            os.replace(partial, target)
        except OSError as exc:
            raise DataError(f"De backup kan niet worden geschreven naar {target}: {exc}.") from exc
        finally:
            partial.unlink(missing_ok=True)
    return replace(plain, path=target, size=target.stat().st_size, password=password)


def _done(folder, target, method, now, policy, rotate, note) -> ServerBackupResult:
    removed = _rotate(folder, now, policy, keep=target) if rotate else ()
    return ServerBackupResult(target, target.stat().st_size, method, removed, note)


def _dump(db: Database, program: str, target: Path) -> str | None:
    """Run pg_dump into a temporary file beside the target; None when all went well."""
    url = db.engine.url
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)  # never on the command line (ps shows it)
    libpq_url = url.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False
    )
    temp = _temp_beside(target)
    try:
        done = subprocess.run(
            [program, "--format=custom", "--no-owner", "--file", str(temp), "--dbname", libpq_url],
            env=env,
            capture_output=True,
            text=True,
            timeout=PG_DUMP_TIMEOUT_S,
            check=False,
        )
        if done.returncode != 0:
            return _first_line(done.stderr) or f"afsluitcode {done.returncode}"
        problem = _verify_dump(temp, program)
        if problem is not None:
            return problem
        os.replace(temp, target)
        return None
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    finally:
        temp.unlink(missing_ok=True)


def _verify_dump(path: Path, program: str) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(len(DUMP_HEADER))
    if not head:
        return "het bestand is leeg"
    if head != DUMP_HEADER:
        return "het bestand begint niet als een PostgreSQL-dump"
    restore = Path(program).with_name("pg_restore")
    restore_program = str(restore) if restore.exists() else shutil.which("pg_restore")
    if restore_program:
        listed = subprocess.run(
            [restore_program, "--list", str(path)], capture_output=True, text=True, check=False
        )
        if listed.returncode != 0 or "TABLE DATA" not in listed.stdout:
            return "pg_restore kan de inhoudsopgave niet lezen: " + _first_line(listed.stderr)
    return None


def _json_backup(db: Database, target: Path) -> None:
    from .data_exchange import FORMAT_NAME, write_export

    write_export(db, target)  # written beside and renamed: never half a file
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
        ok = isinstance(data, dict) and data.get("format") == FORMAT_NAME and data.get("tables")
    except (OSError, ValueError) as exc:
        target.unlink(missing_ok=True)
        raise DataError(f"De backup {target} kon niet worden gecontroleerd: {exc}") from exc
    if not ok:
        target.unlink(missing_ok=True)
        raise DataError(f"De backup {target} is niet goed geschreven; probeer het opnieuw.")


def _rotate(folder: Path, now: datetime, policy: RotationPolicy, keep: Path) -> tuple[Path, ...]:
    existing = automatic_backups(folder)
    removed = []
    for moment in backups_to_delete(existing, policy, now=now):
        for path in existing[moment]:
            if path != keep:
                path.unlink(missing_ok=True)
                removed.append(path)
    return tuple(removed)


def _temp_beside(target: Path) -> Path:
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    return Path(name)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[0] if lines else ""
