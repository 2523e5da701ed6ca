"""Reading the access log: check the hash chain, list with filters, export as CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from ..db.models import AccessLogEntry, Guest
from ..domain.access_log import EXPORT
from ..domain.dates import format_date
from ..domain.people import display_name
from ..services.errors import ServiceError
from ..storage.database import Database
from ..storage.private_files import write_private
from .access import log_access, require_role


@dataclass(frozen=True)
class LogFilter:
    start: date | None = None
    end: date | None = None  # inclusive
    user_name: str = ""
    guest_id: int | None = None
    action: str = ""


@dataclass(frozen=True)
class LogLine:
    id: int
    at: datetime
    user_name: str
    guest_id: int | None
    guest_name: str
    action: str
    detail: str


def verify_chain(db: Database) -> list[str]:
    """Dutch problems with the access log (its hash chain, the head kept outside it, the
    triggers that keep it append-only); empty when it is intact. Run at every start."""
    from ..storage.integrity.log_chain import access_log_problems
    from ..storage.integrity.schema_shape import REPAIR_HINT, guard_problems

    with db.read() as conn:
        problems = access_log_problems(conn)
        guards = [p for p in guard_problems(conn) if "access_log" in p]
    if guards:
        problems.append(f"Beveiliging van het toegangslog: {'; '.join(guards)}. {REPAIR_HINT}")
    return problems


def list_access(
    db: Database, where: LogFilter = LogFilter(), *, limit: int = 5000
) -> list[LogLine]:
    """Log rows matching the filter, newest first (coordinators only)."""
    require_role(db)
    query = (
        select(AccessLogEntry, Guest)
        .outerjoin(Guest, Guest.id == AccessLogEntry.guest_id)
        # Newest moment first; rows of one moment in the order they were written.
        .order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())
        .limit(limit)
    )
    if where.start is not None:
        query = query.where(AccessLogEntry.at >= datetime.combine(where.start, time()))
    if where.end is not None:
        after = datetime.combine(where.end + timedelta(days=1), time())
        query = query.where(AccessLogEntry.at < after)
    if where.user_name:
        query = query.where(AccessLogEntry.user_name == where.user_name)
    if where.guest_id is not None:
        query = query.where(AccessLogEntry.guest_id == where.guest_id)
    if where.action:
        query = query.where(AccessLogEntry.action == where.action)
    with db.session() as s:
        return [
            LogLine(
                id=row.id,
                at=row.at,
                user_name=row.user_name,
                guest_id=row.guest_id,
                guest_name=(
                    display_name(guest.first_name, guest.prefix, guest.last_name) if guest else ""
                ),
                action=row.action,
                detail=row.detail,
            )
            for row, guest in s.execute(query)
        ]


def logged_user_names(db: Database) -> list[str]:
    """Every name that occurs in the log, for the filter (coordinators only)."""
    require_role(db)
    with db.session() as s:
        names = s.scalars(select(AccessLogEntry.user_name).distinct())
        return sorted(names)


def access_csv(lines: list[LogLine]) -> bytes:
    """The rows as CSV for Excel (semicolons, UTF-8 with BOM)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Nr", "Datum", "Tijd", "Gebruiker", "Gast-id", "Gast", "Actie", "Toelichting"])
    for line in sorted(lines, key=lambda x: x.id):
        writer.writerow(
            [
                line.id,
                format_date(line.at.date()),
                line.at.strftime("%H:%M:%S"),
                line.user_name,
                line.guest_id if line.guest_id is not None else "",
                line.guest_name,
                line.action,
                line.detail,
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_access_log(db: Database, target: Path, where: LogFilter = LogFilter()) -> int:
    """Write the filtered log to a CSV file; the export itself is logged. Returns the row count."""
    lines = list_access(db, where, limit=1_000_000)
    try:
        write_private(Path(target), access_csv(lines))
    except OSError as exc:
        raise ServiceError(
            f"Het toegangslog kon niet worden opgeslagen in {target}: {exc.strerror or exc}."
        ) from exc
    log_access(db, EXPORT, detail=f"Toegangslog ({len(lines)} regels) naar CSV")
    return len(lines)
