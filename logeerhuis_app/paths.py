"""Where the data lives. One place, overridable by --data-dir or LOGEERHUIS_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Logeerhuis"
ENV_DATA_DIR = "LOGEERHUIS_DATA_DIR"
DATABASE_FILENAME = "logeerhuis.sqlite3"
LOCK_FILENAME = "logeerhuis.lock"  # held by the running window (QLockFile in app.py)


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: the override, else the environment variable, else the user's
    platform data directory (~/.local/share/Logeerhuis, %LOCALAPPDATA%\\Logeerhuis)."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR, "").strip()
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_data_dir  # imported late: no work at import time

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def database_path(directory: Path) -> Path:
    return directory / DATABASE_FILENAME


def settings_path(directory: Path) -> Path:
    """Window geometry and other per-PC preferences (not business data)."""
    return directory / "venster.ini"
