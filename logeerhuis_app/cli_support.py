"""What the command line's commands share: the exit codes, opening the data (file or server),
and reading a month, a day or the encryption choice from the arguments."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .domain.months import Month

EXIT_OK, EXIT_PROBLEM, EXIT_ERROR = 0, 1, 2


def encrypted(args: argparse.Namespace) -> bool:
    from .services.errors import ServiceError

    if args.encrypt and args.no_encrypt:
        raise ServiceError("Kies --encrypt of --no-encrypt, niet allebei.")
    return not args.no_encrypt


def month_arg(text: str) -> Month:
    from .domain.months import Month
    from .domain.validation import InvalidValue
    from .services.errors import ServiceError

    try:
        return Month.parse(text)
    except InvalidValue as e:
        raise ServiceError(e.message) from None


def open_db(directory: Path, args: argparse.Namespace | None = None):
    """The server database when --database-url or LOGEERHUIS_DATABASE_URL says so, else the
    SQLite file in the data directory."""
    from .storage.database import open_database, open_database_url

    url = server_url(args, directory)
    return open_database_url(url) if url else open_database(directory)


def server_url(args: argparse.Namespace | None, directory: Path) -> str | None:
    """--database-url, else LOGEERHUIS_DATABASE_URL, else the server chosen in the window
    (Bestand > Databaseserver), else None: the file in the data directory."""
    from .storage.server_setting import chosen_server_url

    given = (getattr(args, "database_url", None) or "").strip()
    return given or chosen_server_url(directory)


def file_only(args: argparse.Namespace, directory: Path, what: str) -> None:
    from .services.errors import ServiceError

    if server_url(args, directory):
        raise ServiceError(
            f"{what} werkt met het gegevensbestand op deze computer, niet met een database op "
            "een server. Gebruik daar de hulpmiddelen van PostgreSQL (pg_dump, pg_restore) of "
            "export-data."
        )


def counts_text(summary: object) -> str:
    counts = getattr(summary, "counts", {}) or {}
    shown = [f"{table}: {n}" for table, n in counts.items() if n]
    return ", ".join(shown) or "leeg"


def day_arg(text: str):
    from datetime import date

    from .services.errors import ServiceError

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ServiceError(f"Geef een datum als JJJJ-MM-DD (niet {text!r}).") from None


def count_or_dash(count: int | None) -> str:
    return "-" if count is None else str(count)
