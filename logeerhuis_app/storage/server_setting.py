"""Which database this PC uses: the SQLite file in the data folder (default) or a PostgreSQL
server. The choice is a file in the data folder, readable by this Windows/Linux user only;
the environment variable LOGEERHUIS_DATABASE_URL overrides it (for administrators)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..domain.accounts import CurrentUser
from ..services.errors import DataError
from .database_server import database_url

FILENAME = "databaseserver.json"
MAX_BYTES = 16 * 1024  # one address; anything larger is not ours


def server_file(data_dir: Path) -> Path:
    return Path(data_dir) / FILENAME


def chosen_server_url(data_dir: Path) -> str | None:
    """The server to open, or None for the SQLite file (no choice file).

    A choice file that cannot be read as our own (empty, cut off, another shape) is refused
    with a DataError, never taken for "no server": a server PC would then quietly work on the
    old local file (decision 0028). The start then offers to make the choice again."""
    from_env = database_url()
    if from_env:
        return from_env
    path = server_file(data_dir)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _damaged(path, f"het kan niet worden gelezen ({exc.strerror or exc})") from exc
    if len(raw) > MAX_BYTES:
        raise _damaged(path, "het is veel te groot")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _damaged(path, "het is leeg, afgebroken of geen JSON") from None
    url = data.get("url") if isinstance(data, dict) else None
    if not isinstance(url, str) or not url.strip():
        raise _damaged(path, 'het bevat geen adres ("url") van een server')
    return url.strip()


def _damaged(path: Path, why: str) -> DataError:
    return DataError(
        f"Het bestand {path.name} in {path.parent} (welke database deze pc gebruikt) is "
        f"beschadigd: {why}. Kies opnieuw of deze pc met een databaseserver of met het eigen "
        "gegevensbestand werkt (Bestand > Databaseserver, of bij de start)."
    )


def save_server_url(data_dir: Path, url: str | None, *, user: CurrentUser | None = None) -> None:
    """Remember the server (None: back to the SQLite file). The URL may hold the password,
    so the file is made readable for this user only, and written beside and renamed, so a
    crash leaves the old choice or the new one, never half. Coordinators only (`user`: who is
    signed in; None at a start whose server could not be opened, before anyone can sign in)."""
    from ..access.access import require_role
    from .private_files import private_dir

    require_role(user)
    path = server_file(data_dir)
    temp = path.with_name(f".{FILENAME}.nieuw")
    try:
        if not url:
            path.unlink(missing_ok=True)
            return
        private_dir(path.parent)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        with os.fdopen(os.open(temp, flags, 0o600), "w", encoding="utf-8") as handle:
            json.dump({"url": url.strip()}, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise DataError(
            f"De keuze voor de server kan niet worden bewaard in {path}: {exc}"
        ) from exc
