"""Reading weekly series back: one series for its editor, and the list with planned weeks.

Owns SeriesSummary, the row the screens list a series by ("elke dinsdag, 2 nachten").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..db.models import Guest, Room, Stay, StaySeries
from ..domain.dates import DUTCH_WEEKDAYS
from ..domain.people import display_name
from ..services.errors import NotFoundError
from ..storage.database import Database
from .series import PLANNED, SeriesData


@dataclass(frozen=True)
class SeriesSummary:
    id: int
    guest_id: int
    guest_name: str
    room_id: int
    room_name: str
    arrival_weekday: int
    weekday: str  # "dinsdag"
    nights: int
    start_date: date
    end_date: date | None
    planned: int  # occurrences still only planned (optie or bevestigd)

    @property
    def pattern_text(self) -> str:
        """'elke dinsdag, 2 nachten'."""
        word = "nacht" if self.nights == 1 else "nachten"
        return f"elke {self.weekday}, {self.nights} {word}"


def get_series(db: Database, series_id: int) -> SeriesData:
    with db.session() as s:
        row = s.get(StaySeries, series_id)
        if row is None:
            raise NotFoundError("Deze reeks bestaat niet (meer).")
        return SeriesData(
            id=row.id,
            guest_id=row.guest_id,
            room_id=row.room_id,
            allocation_id=row.allocation_id,
            arrival_weekday=row.arrival_weekday,
            nights=row.nights,
            start_date=row.start_date,
            end_date=row.end_date,
            notes=row.notes,
        )


def list_series(db: Database, guest_id: int | None = None) -> list[SeriesSummary]:
    """Every series (of one guest), newest start first, with its still planned weeks."""
    planned = (
        select(Stay.series_id, func.count().label("n"))
        .where(Stay.series_id.is_not(None), Stay.status.in_(PLANNED))
        .group_by(Stay.series_id)
        .subquery()
    )
    query = (
        select(StaySeries, Guest, Room, planned.c.n)
        .join(Guest, StaySeries.guest_id == Guest.id)
        .join(Room, StaySeries.room_id == Room.id)
        .outerjoin(planned, planned.c.series_id == StaySeries.id)
        .order_by(StaySeries.start_date.desc(), StaySeries.id.desc())
    )
    if guest_id is not None:
        query = query.where(StaySeries.guest_id == guest_id)
    with db.session() as s:
        return [
            SeriesSummary(
                id=row.id,
                guest_id=guest.id,
                guest_name=display_name(guest.first_name, guest.prefix, guest.last_name),
                room_id=room.id,
                room_name=room.name,
                arrival_weekday=row.arrival_weekday,
                weekday=DUTCH_WEEKDAYS[row.arrival_weekday],
                nights=row.nights,
                start_date=row.start_date,
                end_date=row.end_date,
                planned=count or 0,
            )
            for row, guest, room, count in s.execute(query)
        ]
