"""Files and folders for this user only, on Linux and macOS, whatever the umask (decision 0027).

The data folder is 0700 and what the program writes 0600: the database (SQLite gives its -wal
and -shm the database file's rights), backups, fouten.log, the server choice, invoices and
exports. Folders the user chose (a USB stick, Documents) keep their own rights; a folder the
program makes in them (the month export's dated folder) is 0700. On Windows the per-user data
folder is private already and these calls change nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_POSIX = os.name != "nt"
# Folders of ours inside the data folder (verzonden-mail: the copies of sent e-mails).
_OWN_FOLDERS = ("backups", "terugzetten-", "backup-", "mail-", "verzonden-mail")


def private_dir(path: Path) -> Path:
    """Make the folder (and its parents) if missing, and make it this user's only."""
    path = Path(path)
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if _POSIX:
        os.chmod(path, PRIVATE_DIR)
    return path


def create_private_file(path: Path) -> None:
    """An empty file for this user only, before a library (SQLite, a ZIP writer) opens it:
    what it then writes keeps these rights. An existing file is tightened."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE)
    try:
        if _POSIX:
            os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)


@contextmanager
def private_aes_zip(path: Path, password: str) -> Iterator[Any]:
    """A new owner-only ZIP file at `path`, every entry encrypted with AES-256 (the month export,
    a backup to a stick); yields the open pyzipper archive to write into."""
    import pyzipper  # only when something is encrypted: it is not needed at start

    create_private_file(path)
    with pyzipper.AESZipFile(
        path, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(password.encode())
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        yield archive


def write_private(path: Path, data: bytes) -> None:
    """Write the whole file for this user only (also when it existed with other rights)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "wb") as handle:
        if _POSIX:
            os.fchmod(fd, PRIVATE_FILE)
        handle.write(data)


def append_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        if _POSIX:
            os.fchmod(fd, PRIVATE_FILE)
        handle.write(text)


def tighten_data_dir(data_dir: Path) -> None:
    """At the start: the data folder 0700, the files in it and in its own folders 0600 (an
    install from before this rule, or a file a library made under the umask). Best effort: a
    file that cannot be changed (someone else's) is left as it is."""
    if not _POSIX:
        return
    data_dir = Path(data_dir)
    try:
        os.chmod(data_dir, PRIVATE_DIR)
        entries = list(os.scandir(data_dir))
    except OSError:
        return
    for entry in entries:
        if entry.is_symlink():
            continue
        if entry.is_file():
            _chmod(entry.path, PRIVATE_FILE)
        elif entry.is_dir() and entry.name.startswith(_OWN_FOLDERS):
            _chmod(entry.path, PRIVATE_DIR)
            try:
                inner = list(os.scandir(entry.path))
            except OSError:
                continue
            for item in inner:
                if item.is_file(follow_symlinks=False):
                    _chmod(item.path, PRIVATE_FILE)


def _chmod(path: str, mode: int) -> None:
    try:
        if os.stat(path).st_mode & 0o777 != mode:
            os.chmod(path, mode)
    except OSError:
        pass
