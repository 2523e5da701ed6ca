"""Rooms closed for a period (maintenance): no stays may be planned in them then."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from ..db.models import Guest, Night, Room, RoomClosure, Stay
from ..domain.dates import format_date
from ..domain.people import display_name
from ..domain.rooms import room_label
from ..services.errors import NotFoundError, ValidationError
from ..storage.database import Database


@dataclass(frozen=True)
class ClosureData:
    id: int | None
    room_id: int
    start: date
    last_day: date  # inclusive, as people say it: "t/m 14 maart"
    reason: str


def list_closures(db: Database, room_id: int) -> list[ClosureData]:
    with db.session() as s:
        rows = s.scalars(
            select(RoomClosure)
            .where(RoomClosure.room_id == room_id)
            .order_by(RoomClosure.start_date)
        )
        return [
            ClosureData(r.id, r.room_id, r.start_date, r.end_date - timedelta(days=1), r.reason)
            for r in rows
        ]


def add_closure(db: Database, data: ClosureData) -> ClosureData:
    """Close a room; refused while guests are planned in it in that period."""
    if data.last_day < data.start:
        raise ValidationError({"last_day": "De laatste dag ligt vóór de eerste dag."})
    if not data.reason.strip():
        raise ValidationError({"reason": "Vul de reden in, bijvoorbeeld schilderwerk."})
    end = data.last_day + timedelta(days=1)
    with db.session() as s:
        room = s.get(Room, data.room_id)
        if room is None:
            raise NotFoundError("Deze kamer bestaat niet (meer).")
        busy = s.execute(
            select(Night.day, Guest)
            .join(Stay, Night.stay_id == Stay.id)
            .join(Guest, Stay.guest_id == Guest.id)
            .where(
                Stay.room_id == room.id,
                Night.active.is_(True),
                Night.day >= data.start,
                Night.day < end,
            )
            .order_by(Night.day)
            .limit(1)
        ).first()
        if busy is not None:
            day, guest = busy
            who = display_name(guest.first_name, guest.prefix, guest.last_name)
            raise ValidationError(
                {"start": f"{room_label(room.name)} is op {format_date(day)} bezet door {who}. "
                 "Verplaats die verblijven eerst."}
            )  # fmt: skip
        row = RoomClosure(
            room_id=room.id, start_date=data.start, end_date=end, reason=data.reason.strip()
        )
        s.add(row)
        s.flush()
        return ClosureData(row.id, room.id, data.start, data.last_day, row.reason)


def remove_closure(db: Database, closure_id: int) -> None:
    with db.session() as s:
        row = s.get(RoomClosure, closure_id)
        if row is None:
            raise NotFoundError("Deze sluiting bestaat niet (meer).")
        s.delete(row)
