"""Stays stored as a header plus one row per night.

The planner (issue 3) builds on these; here: check and create a stay in a free bed (written
by planning/stay_writer.py), and list stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access.access import log_access
from ..db.models import Allocation, Guest, Room, Stay
from ..domain.access_log import CHANGE
from ..domain.caps import years_of_stay
from ..domain.enums import StayStatus
from ..domain.rooms import room_label
from ..services.errors import NotFoundError, ValidationError
from ..storage.database import Database
from . import stay_writer, wlz_guard
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
    wlz = check_cap and wlz_guard.is_wlz(s, new.allocation_id)
    years = years_of_stay(new.arrival, new.departure)
    before = wlz_guard.counts(s, guest.id, years) if wlz else {}
    stay = stay_writer.insert_stay(
        s,
        guest_id=guest.id,
        room=room,
        bed_id=new.bed_id,
        allocation_id=new.allocation_id,
        arrival=new.arrival,
        departure=new.departure,
        status=new.status,
        notes=new.notes.strip(),
        series_id=new.series_id,
    )
    if wlz:
        wlz_guard.guard(s, guest.id, years, before, new.cap_accepted_by)
    return stay


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
