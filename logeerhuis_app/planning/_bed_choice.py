"""Which bed a stay goes into: the requested one or the first free bed of the room (reads only).

Used by the stay writer (planning/stay_writer.py) before it writes a stay's nights.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Bed, Guest, Night, Room, RoomClosure, Stay
from ..domain.dates import format_date
from ..domain.people import display_name
from ..domain.rooms import room_label
from ..services.errors import ValidationError


def refuse_room_closure(s: Session, room: Room, arrival: date, departure: date) -> None:
    """A room closed for maintenance takes no stays in that period."""
    closure = s.scalar(
        select(RoomClosure)
        .where(
            RoomClosure.room_id == room.id,
            RoomClosure.start_date < departure,
            RoomClosure.end_date > arrival,
        )
        .limit(1)
    )
    if closure is not None:
        last = closure.end_date - timedelta(days=1)
        raise ValidationError(
            {
                "room_id": f"{room_label(room.name)} is gesloten van "
                f"{format_date(closure.start_date)} tot en met {format_date(last)}"
                + (f" ({closure.reason})." if closure.reason else ".")
            }
        )


def choose_bed(
    s: Session,
    room: Room,
    bed_id: int | None,
    days: list[date],
    *,
    stay_id: int | None = None,
    prefer: int | None = None,
) -> Bed:
    """The requested bed, or the first free bed of the room; refuses naming who is in the way.

    The nights of `stay_id` (the stay being moved) are not in the way. `prefer` is tried first
    when no bed is requested: a stay that is resized keeps its bed when it can.
    """
    beds = [b for b in room.bed_rows if b.active]
    if bed_id is not None:
        beds = [b for b in beds if b.id == bed_id]
        if not beds:
            raise ValidationError({"bed_id": f"Dit bed hoort niet bij kamer {room.name}."})
    elif prefer is not None:
        beds.sort(key=lambda b: b.id != prefer)  # stable: the rest keep their order
    blocker: tuple[Night, Bed] | None = None
    for bed in beds:
        query = select(Night).where(
            Night.bed_id == bed.id, Night.active.is_(True), Night.day.in_(days)
        )
        if stay_id is not None:
            query = query.where(Night.stay_id != stay_id)
        taken = s.scalar(query.order_by(Night.day).limit(1))
        if taken is None:
            return bed
        blocker = blocker or (taken, bed)
    if blocker is None:
        raise ValidationError({"room_id": f"{room_label(room.name)} heeft geen bed."})
    night, _bed = blocker
    other = s.get(Guest, s.get_one(Stay, night.stay_id).guest_id)
    who = display_name(other.first_name, other.prefix, other.last_name) if other else "iemand"
    raise ValidationError(
        {"room_id": f"{room_label(room.name)} is op {format_date(night.day)} bezet door {who}."}
    )
