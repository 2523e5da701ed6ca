"""Verhuizen: from the single-PC SQLite file to an empty PostgreSQL database, checked by
exporting again and comparing, before this PC switches over. The SQLite file stays as it was."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..access.access import require_role
from ..services.errors import DataError
from .data_exchange import export_data, import_data
from .database import Database, open_database_url
from .server_setting import save_server_url

Progress = Callable[[int, str], None]  # percent, what


@dataclass(frozen=True)
class MoveReport:
    rows: int
    location: str


def move_to_server(
    db: Database, url: str, data_dir: Path, *, progress: Progress | None = None
) -> MoveReport:
    require_role(db)
    step = progress or (lambda _p, _w: None)
    step(5, "gegevens lezen")
    data = export_data(db)
    step(30, "verbinden met de server")
    with open_database_url(url) as target:
        step(45, "gegevens overzetten")
        summary = import_data(target, data)  # refuses a database that is not empty
        step(80, "controleren")
        again = export_data(target)
    if again["tables"] != data["tables"]:  # every row, every value, the same
        raise DataError(
            "De gegevens op de server wijken af van het bestand op deze pc; er is niet "
            "overgeschakeld. Neem contact op met de beheerder van de server."
        )
    save_server_url(data_dir, url)
    step(100, "klaar")
    return MoveReport(sum(summary.counts.values()), target.location)
