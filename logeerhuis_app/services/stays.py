"""Stays stored as a header plus one row per night.

The planner (issue 3) builds on these; here: create a stay in a free bed, and cancel one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.models import Allocation, Bed, Guest, Night, Room, RoomClosure, Stay
from ..domain.access_log import CHANGE
from ..domain.caps import years_of_stay
from ..domain.dates import format_date
from ..domain.enums import StayStatus
from ..domain.nights import occupied_nights
from ..domain.people import display_name
from ..domain.rooms import room_label
from . import wlz_guard
from .access import log_access
from .database import Database
from .errors import NotFoundError, ServiceError, ValidationError
from .funding_guard import refuse_unfundable


@dataclass(frozen=True)
class StayData:
    id: int
    guest_id: int
    room_id: int
    bed_id: int
    allocation_id: int | None
    arrival: date
    departure: date
    status: str
    nights: int
    notes: str
    series_id: int | None = None


@dataclass(frozen=True)
class NewStay:
    guest_id: int
    room_id: int
    arrival: date
    departure: date
    status: str = StayStatus.OPTION.value
    allocation_id: int | None = None
    bed_id: int | None = None  # None: the first free bed of the room
    notes: str = ""
    series_id: int | None = None
    cap_accepted_by: str = ""  # who chose to plan past the Wlz 156 (wlz_guard)


def create_stay(db: Database, new: NewStay) -> StayData:
    with db.session() as s:
        stay = add_stay(s, new)
        log_access(s, CHANGE, stay.guest_id, "Verblijf gepland")
        return to_stay_data(stay)


def add_stay(s: Session, new: NewStay, *, check_cap: bool = True) -> Stay:
    """Add a stay and its nights inside an open session (also used by the demo builder).

    `check_cap=False` leaves the Wlz cap to the caller (a series checks it once, at the end).
    """
    if new.departure <= new.arrival:
        raise ValidationError({"departure": "Het vertrek moet na de aankomst liggen."})
    if new.status == StayStatus.CANCELLED:
        raise ValidationError({"status": "Een nieuw verblijf kan niet geannuleerd zijn."})
    guest = s.get(Guest, new.guest_id)
    room = s.get(Room, new.room_id)
    if guest is None or room is None:
        raise NotFoundError("De gast of de kamer bestaat niet (meer).")
    if not room.active:
        raise ValidationError({"room_id": f"{room_label(room.name)} is gesloten."})
    if new.allocation_id is not None:
        allocation = s.get(Allocation, new.allocation_id)
        if allocation is None or allocation.guest_id != guest.id:
            raise ValidationError({"allocation_id": "Deze toewijzing hoort niet bij deze gast."})
        refuse_unfundable(s, allocation)  # Z1003 without VV, a pgb under a claiming funder
    days = occupied_nights(new.arrival, new.departure)
    wlz = check_cap and wlz_guard.is_wlz(s, new.allocation_id)
    years = years_of_stay(new.arrival, new.departure)
    before = wlz_guard.counts(s, guest.id, years) if wlz else {}
    refuse_closed(s, room, new.arrival, new.departure)
    bed = choose_bed(s, room, new.bed_id, days)
    stay = Stay(
        guest_id=guest.id,
        room_id=room.id,
        bed_id=bed.id,
        allocation_id=new.allocation_id,
        arrival=new.arrival,
        departure=new.departure,
        status=new.status,
        notes=new.notes.strip(),
        series_id=new.series_id,
        version=1,
    )
    stay.nights = [
        Night(bed_id=bed.id, day=day, allocation_id=new.allocation_id, active=True) for day in days
    ]
    s.add(stay)
    taken = f"{room_label(room.name)} is in deze periode al bezet."  # read before the flush:
    try:  # after a failed flush the session may not load room.name (PendingRollbackError)
        s.flush()
    except IntegrityError as exc:  # a concurrent booking won the race: the index refused ours
        raise ServiceError(taken) from exc
    if wlz:
        wlz_guard.guard(s, guest.id, years, before, new.cap_accepted_by)
    return stay


def refuse_closed(s: Session, room: Room, arrival: date, departure: date) -> None:
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


def choose_bed(s: Session, room: Room, bed_id: int | None, days: list[date]) -> Bed:
    """The requested bed, or the first free bed of the room; refuses naming who is in the way."""
    beds = [b for b in room.bed_rows if b.active]
    if bed_id is not None:
        beds = [b for b in beds if b.id == bed_id]
        if not beds:
            raise ValidationError({"bed_id": f"Dit bed hoort niet bij kamer {room.name}."})
    blocker: tuple[Night, Bed] | None = None
    for bed in beds:
        taken = s.scalar(
            select(Night)
            .where(Night.bed_id == bed.id, Night.active.is_(True), Night.day.in_(days))
            .order_by(Night.day)
            .limit(1)
        )
        if taken is None:
            return bed
        blocker = blocker or (taken, bed)
    if blocker is None:
        raise ValidationError({"room_id": f"{room_label(room.name)} heeft geen bed."})
    night, _bed = blocker
    other = s.get(Guest, s.get(Stay, night.stay_id).guest_id)  # type: ignore[union-attr]
    who = display_name(other.first_name, other.prefix, other.last_name) if other else "iemand"
    raise ValidationError(
        {"room_id": f"{room_label(room.name)} is op {format_date(night.day)} bezet door {who}."}
    )


def list_stays(db: Database, start: date, end: date) -> list[StayData]:
    """Stays that overlap [start, end), cancelled ones included."""
    with db.session(write=False) as s:
        rows = s.scalars(
            select(Stay)
            .where(Stay.arrival < end, Stay.departure > start)
            .order_by(Stay.arrival, Stay.id)
        )
        return [to_stay_data(r) for r in rows]


def to_stay_data(stay: Stay) -> StayData:
    return StayData(
        id=stay.id,
        guest_id=stay.guest_id,
        room_id=stay.room_id,
        bed_id=stay.bed_id,
        allocation_id=stay.allocation_id,
        arrival=stay.arrival,
        departure=stay.departure,
        status=stay.status,
        nights=(stay.departure - stay.arrival).days,
        notes=stay.notes,
        series_id=stay.series_id,
    )
