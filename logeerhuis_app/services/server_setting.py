"""Which database this PC uses: the SQLite file in the data folder (default) or a PostgreSQL
server. The choice is a file in the data folder, readable by this Windows/Linux user only;
the environment variable LOGEERHUIS_DATABASE_URL overrides it (for administrators)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..domain.accounts import CurrentUser
from .database_server import database_url
from .errors import DataError

FILENAME = "databaseserver.json"


def server_file(data_dir: Path) -> Path:
    return Path(data_dir) / FILENAME


def chosen_server_url(data_dir: Path) -> str | None:
    """The server to open, or None for the SQLite file (a damaged file counts as none)."""
    from_env = database_url()
    if from_env:
        return from_env
    path = server_file(data_dir)
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("url", "")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, AttributeError):
        return None
    return value.strip() or None


def save_server_url(data_dir: Path, url: str | None, *, user: CurrentUser | None = None) -> None:
    """Remember the server (None: back to the SQLite file). The URL may hold the password,
    so the file is made readable for this user only. Coordinators only (`user`: who is
    signed in; None at a start whose server could not be opened, before anyone can sign in)."""
    from .access import require_role

    require_role(user)
    path = server_file(data_dir)
    try:
        if not url:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        with os.fdopen(os.open(path, flags, 0o600), "w", encoding="utf-8") as handle:
            json.dump({"url": url.strip()}, handle)
    except OSError as exc:
        raise DataError(
            f"De keuze voor de server kan niet worden bewaard in {path}: {exc}"
        ) from exc
