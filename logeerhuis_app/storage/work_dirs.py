"""Work folders in the data folder for a backup or a restore (they hold a plain copy of all
data for a moment), and cleaning up the ones a killed process left behind.

A work folder carries a marker file that its process keeps locked (flock on Unix; on Windows
an open file cannot be renamed), so a cleaner never removes one that is in use: a window that
starts while `logeerhuis backup` runs leaves that backup alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

RESTORE_WORK_PREFIX = "terugzetten-"
BACKUP_WORK_PREFIX = "backup-"
MAIL_WORK_PREFIX = "mail-"  # the command line's month export on its way to the mail
_MARKER = ".in-gebruik"
_PREFIXES = (RESTORE_WORK_PREFIX, BACKUP_WORK_PREFIX, MAIL_WORK_PREFIX)


@contextmanager
def work_dir(data_dir: Path, prefix: str) -> Iterator[Path]:
    """A new private folder in the data folder, removed again at the end (also on errors)."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=data_dir))  # 0700
    marker = open(path / _MARKER, "w")  # noqa: SIM115  (held open for the whole block)
    try:
        if os.name != "nt":
            import fcntl

            fcntl.flock(marker.fileno(), fcntl.LOCK_EX)
        yield path
    finally:
        marker.close()
        shutil.rmtree(path, ignore_errors=True)


def clean_work_dirs(data_dir: Path) -> list[Path]:
    """Remove work folders no process uses any more (left by a kill or a power cut)."""
    removed: list[Path] = []
    try:
        entries = list(Path(data_dir).iterdir())
    except OSError:
        return removed
    for path in entries:
        if not path.name.startswith(_PREFIXES) or path.is_symlink():
            continue
        if not path.is_dir() or _in_use(path / _MARKER):
            continue
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            removed.append(path)
    return removed


def _in_use(marker: Path) -> bool:
    if not marker.exists():
        return False  # killed before the marker was made, or made by an older version
    if os.name == "nt":
        try:  # Windows refuses to rename a file another process holds open
            moved = marker.with_name(marker.name + ".test")
            os.replace(marker, moved)
            os.replace(moved, marker)
            return False
        except OSError:
            return True
    return flock_held(marker)


def flock_held(path: Path) -> bool:
    """Unix: True when another open file holds an flock on `path` (a live process; the lock
    of one that died is gone with it)."""
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)
