"""The one writer of stays: the only code that changes a stay's status or writes its nights.

Every path (the planner, a series, a placed request, the demo, the undo of any of them) comes
here, so two rules hold everywhere (issue 19, decision 0040):
- a status follows the transition table in domain/stay_lifecycle.py;
- a night in a closed month is never added, changed or removed (months.refuse_closed_days,
  in Dutch). The database refuses it too: triggers on `nights` (migration 0013) stop raw SQL
  and the race with a month being closed at that moment.
A night in a closed month is corrected with a NightCorrection (billing/corrections.py),
which leaves the Night rows alone. tests/test_architecture.py fails on any other writer.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from ..access.access import log_access
from ..billing.months import refuse_closed_days
from ..db.models import Night, Room, Stay
from ..domain.access_log import CHANGE
from ..domain.enums import StayStatus
from ..domain.nights import occupied_nights
from ..domain.planning import is_late_cancellation
from ..domain.rooms import room_label
from ..domain.stay_lifecycle import refusal
from ..services.errors import ConflictError, ServiceError, ValidationError
from ._bed_choice import choose_bed, refuse_room_closure

# What the triggers of migration 0013 say; recognised to give the user the same Dutch.
CLOSED_MONTH_MARK = "afgesloten maand"
CLOSED_MONTH = (
    "Deze nachten liggen in een afgesloten maand en kunnen niet meer worden gewijzigd. "
    "Leg een wijziging vast als correctie."
)
_PLANNED = (StayStatus.OPTION, StayStatus.CONFIRMED)


def refuse_transition(stay: Stay | None, new: StayStatus) -> None:
    """Refuse (Dutch) when the lifecycle does not let this stay become `new`."""
    reason = refusal(stay.status if stay is not None else None, new)
    if reason is not None:
        raise ServiceError(reason)


def insert_stay(
    s: Session,
    *,
    guest_id: int,
    room: Room,
    bed_id: int | None,
    allocation_id: int | None,
    arrival: date,
    departure: date,
    status: str,
    notes: str,
    series_id: int | None,
) -> Stay:
    """A new stay with a night per day, in the requested or the first free bed of the room."""
    reason = refusal(None, status)
    if reason is not None:
        raise ValidationError({"status": reason})
    days = occupied_nights(arrival, departure)
    refuse_closed_days(s, days)
    refuse_room_closure(s, room, arrival, departure)
    bed = choose_bed(s, room, bed_id, days)
    stay = Stay(
        guest_id=guest_id,
        room_id=room.id,
        bed_id=bed.id,
        allocation_id=allocation_id,
        arrival=arrival,
        departure=departure,
        status=status,
        notes=notes,
        series_id=series_id,
        version=1,
    )
    stay.nights = [
        Night(bed_id=bed.id, day=day, allocation_id=allocation_id, active=True) for day in days
    ]
    s.add(stay)
    # Read before the flush: after a failed flush the session may not load room.name.
    _flush(s, ServiceError(f"{_room_name(room)} is in deze periode al bezet."))
    return stay


def place(
    s: Session, stay: Stay, room: Room, arrival: date, departure: date, bed_id: int | None
) -> None:
    """Put the stay in `room` from `arrival` to `departure` (a move, a resize, an early or
    late check-in or check-out, an undone cancellation). Only the nights that change are
    written: the nights of a closed month that stay as they were are not touched."""
    days = occupied_nights(arrival, departure)
    old = {night.day: night for night in stay.nights}
    refuse_closed_days(s, sorted(set(days) ^ set(old)))  # the dates first: the usual refusal
    refuse_room_closure(s, room, arrival, departure)
    prefer = stay.bed_id if room.id == stay.room_id else None
    bed = choose_bed(s, room, bed_id, days, stay_id=stay.id, prefer=prefer)
    active = stay.status != StayStatus.CANCELLED
    kept = set(days)
    touched = {d for d in old if d not in kept} | {
        d for d in days if d not in old or (old[d].bed_id, old[d].active) != (bed.id, active)
    }
    refuse_closed_days(s, sorted(touched))  # also another bed, or an undone cancellation
    for night in [n for n in stay.nights if n.day not in kept]:
        stay.nights.remove(night)
    s.flush()  # the old nights are gone before new ones take their bed and day
    for day in days:
        existing = old.get(day)
        if existing is None:
            stay.nights.append(
                Night(bed_id=bed.id, day=day, allocation_id=stay.allocation_id, active=active)
            )
        elif (existing.bed_id, existing.active) != (bed.id, active):
            existing.bed_id, existing.active = bed.id, active
    stay.room_id, stay.bed_id = room.id, bed.id
    stay.arrival, stay.departure = arrival, departure
    stay.version += 1
    _flush(s, ConflictError(f"{_room_name(room)} is intussen bezet geraakt."))


def set_status(s: Session, stay: Stay, new: StayStatus, *, at: datetime | None = None) -> None:
    """Option, confirmed, present (checked in `at`) or departed (checked out `at`).

    Cancelling and undoing it change the nights as well: use cancel and reinstate.
    """
    if new == StayStatus.CANCELLED or stay.status == StayStatus.CANCELLED:
        raise ValueError("use cancel or reinstate")
    refuse_transition(stay, new)
    stay.status = new.value
    if at is not None and new == StayStatus.PRESENT:
        stay.checked_in_at = at.replace(microsecond=0)
    if at is not None and new == StayStatus.DEPARTED:
        stay.checked_out_at = at.replace(microsecond=0)
    stay.version += 1
    s.flush()


def cancel(s: Session, stay: Stay, *, reason: str, cancelled_by: str, when: datetime) -> None:
    """The one way a stay is cancelled (alone, as a week of a series, in the demo): only a
    planned stay, never in a closed month; the nights stop occupying the bed but stay on
    record for the funders' counts; late when within a week of arrival; logged for the guest."""
    refuse_transition(stay, StayStatus.CANCELLED)
    if not reason.strip():
        raise ValidationError({"reason": "Vul de reden van de annulering in."})
    refuse_closed_days(s, [n.day for n in stay.nights])
    stay.status = StayStatus.CANCELLED.value
    stay.cancelled_at = when.replace(microsecond=0)
    stay.cancel_reason = reason.strip()
    stay.cancelled_by = cancelled_by.strip()
    stay.cancel_late = is_late_cancellation(when.date(), stay.arrival)
    stay.version += 1
    for night in stay.nights:
        night.active = False
    _flush(s)
    log_access(s, CHANGE, stay.guest_id, "Verblijf geannuleerd")


def reinstate(s: Session, stay: Stay, status: StayStatus, room: Room) -> None:
    """Undo a cancellation: the nights occupy the bed again, if it is still free."""
    if stay.status != StayStatus.CANCELLED:
        raise ServiceError("Dit verblijf is niet geannuleerd.")
    refuse_transition(stay, status)
    stay.status = status.value
    stay.cancelled_at, stay.cancel_reason, stay.cancelled_by = None, "", ""
    stay.cancel_late = False
    place(s, stay, room, stay.arrival, stay.departure, stay.bed_id)


def delete_planned(s: Session, stay: Stay) -> None:
    """Remove a stay that was only planned, nights and all (the undo of creating it, or the
    weeks a series no longer has); a stay that began is cancelled instead."""
    if StayStatus(stay.status) not in _PLANNED or stay.checked_in_at:
        raise ServiceError("Alleen een gepland verblijf kan worden verwijderd; annuleer het.")
    refuse_closed_days(s, [n.day for n in stay.nights])
    s.delete(stay)
    _flush(s)


def _room_name(room: Room) -> str:
    return room_label(room.name)


def _flush(s: Session, taken: ServiceError | None = None) -> None:
    """Flush; the database's refusals in Dutch: the bed was taken at the same moment (the
    unique index), or the month was closed at the same moment (the triggers)."""
    try:
        s.flush()
    except DBAPIError as exc:
        if CLOSED_MONTH_MARK in str(exc.orig):
            raise ServiceError(CLOSED_MONTH) from exc
        if taken is not None and isinstance(exc, IntegrityError):
            raise taken from exc
        raise
