"""The week list for the staff room, gathered from the stays; no BSN and no medical data."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from ..db.models import Guest, Room, Stay
from ..documents.planning.week_list import WeekListData, WeekListEntry, render_week_list
from ..domain.enums import StayStatus
from ..domain.people import display_name
from ..house.provider import get_provider
from ..services.errors import DataError
from ..storage.database import Database
from ..storage.private_files import write_private


def week_list_data(
    db: Database, week_start: date, *, printed_on: date | None = None
) -> WeekListData:
    monday = week_start - timedelta(days=week_start.weekday())
    end = monday + timedelta(days=7)
    provider = get_provider(db)
    with db.session() as s:
        rows = s.execute(
            select(Stay, Guest, Room)
            .join(Guest, Stay.guest_id == Guest.id)
            .join(Room, Stay.room_id == Room.id)
            .where(
                Stay.arrival <= end, Stay.departure >= monday, Stay.status != StayStatus.CANCELLED
            )
            .order_by(Stay.arrival, Room.sort_order, Room.name)
        ).all()
    entries: list[WeekListEntry] = []
    present: dict[date, list[str]] = {monday + timedelta(days=i): [] for i in range(7)}
    for stay, guest, room in rows:
        name = display_name(guest.first_name, guest.prefix, guest.last_name)
        nights = (stay.departure - stay.arrival).days
        for kind, day in (("aankomst", stay.arrival), ("vertrek", stay.departure)):
            if monday <= day < end:
                entries.append(WeekListEntry(day, kind, room.name, name, nights, stay.notes))
        for day in present:
            if stay.arrival <= day < stay.departure:
                present[day].append(f"{room.name} – {name}")
    entries.sort(key=lambda e: (e.day, e.kind != "vertrek", e.room))
    return WeekListData(
        provider_name=provider.name or "Logeerhuis",
        logo=provider.logo,
        week_start=monday,
        entries=tuple(entries),
        present=tuple((day, tuple(sorted(names))) for day, names in present.items()),
        printed_on=printed_on or date.today(),
    )


def write_week_list(db: Database, week_start: date, path: Path) -> Path:
    pdf = render_week_list(week_list_data(db, week_start))
    try:
        write_private(Path(path), pdf)
    except OSError as exc:
        raise DataError(
            f"De weeklijst kan niet worden opgeslagen in {path}: {exc.strerror or exc}"
        ) from exc
    from ..access.access import log_access
    from ..domain.access_log import PRINT

    log_access(db, PRINT, detail=f"Weeklijst vanaf {week_start.isoformat()} (alle gasten)")
    return Path(path)
