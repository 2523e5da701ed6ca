"""Planner edits on existing stays: move, resize, check in and out, cancel and undo them.

The checks of each action live here; the stay writer (planning/stay_writer.py) makes the
change to the status and the nights, in one transaction. The partial unique index on nights
is the last line of defence against a double booking if two edits race.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from ..access.access import log_access
from ..db.models import DateChange, Room, Stay
from ..domain.access_log import CHANGE
from ..domain.caps import years_of_stay
from ..domain.dates import format_date
from ..domain.enums import StayStatus
from ..domain.intake import GATE_CHECK_IN, GATE_CONFIRM
from ..domain.planning import is_late_cancellation
from ..intake.intake import refuse_unless_passes
from ..services.errors import NotFoundError, ServiceError, ValidationError
from ..storage.database import Database
from . import stay_writer, wlz_guard
from .stays import StayData, to_stay_data

EDITABLE = (StayStatus.OPTION, StayStatus.CONFIRMED, StayStatus.PRESENT)


@dataclass(frozen=True)
class WhoAsked:
    """Who asked for a change and how; kept in the stay's history."""

    asked_by: str = ""
    channel: str = ""


def _load(s: Session, stay_id: int) -> Stay:
    stay = s.get(Stay, stay_id)
    if stay is None:
        raise NotFoundError("Dit verblijf bestaat niet (meer).")
    return stay


def move_stay(
    db: Database,
    stay_id: int,
    *,
    room_id: int,
    arrival: date,
    departure: date,
    bed_id: int | None = None,
    who: WhoAsked | None = None,
    now: datetime | None = None,
    cap_accepted_by: str = "",
) -> StayData:
    """Move a stay to another room, bed or dates (a resize is a move of one end).

    Past the Wlz 156 in a year it raises WlzCapWarning unless `cap_accepted_by` names who chose
    to go on.
    """
    if departure <= arrival:
        raise ValidationError({"departure": "Een verblijf duurt minstens één nacht."})
    with db.session() as s:
        stay = _load(s, stay_id)
        if StayStatus(stay.status) not in EDITABLE:
            raise ServiceError(
                f"Een {StayStatus(stay.status).label.lower()} verblijf kan niet meer worden "
                "verplaatst."
            )
        if stay.status == StayStatus.PRESENT and arrival != stay.arrival:
            raise ServiceError("De gast is al aangekomen; de aankomstdatum ligt vast.")
        old = (stay.arrival, stay.departure, stay.room_id)
        room = s.get(Room, room_id)
        if room is None or not room.active:
            raise ValidationError({"room_id": "Deze kamer bestaat niet of is gesloten."})
        wlz = wlz_guard.is_wlz(s, stay.allocation_id)
        years = set(years_of_stay(arrival, departure))
        before = wlz_guard.counts(s, stay.guest_id, years) if wlz else {}
        stay_writer.place(s, stay, room, arrival, departure, bed_id)
        if wlz:
            wlz_guard.guard(s, stay.guest_id, years, before, cap_accepted_by)
        _record(s, stay, old, who or WhoAsked(), now or datetime.now())
        s.flush()
        log_access(s, CHANGE, stay.guest_id, "Verblijf verplaatst of verlengd")
        return to_stay_data(stay)


def _record(
    s: Session, stay: Stay, old: tuple[date, date, int], who: WhoAsked, now: datetime
) -> None:
    old_arrival, old_departure, old_room = old
    if (old_arrival, old_departure, old_room) == (stay.arrival, stay.departure, stay.room_id):
        return
    parts = []
    if old_room != stay.room_id:
        parts.append("andere kamer")
    if old_arrival != stay.arrival:
        parts.append(f"aankomst {format_date(old_arrival)} → {format_date(stay.arrival)}")
    if old_departure != stay.departure:
        parts.append(f"vertrek {format_date(old_departure)} → {format_date(stay.departure)}")
    s.add(
        DateChange(
            stay_id=stay.id,
            changed_at=now.replace(microsecond=0),
            what="; ".join(parts),
            old_arrival=old_arrival,
            old_departure=old_departure,
            new_arrival=stay.arrival,
            new_departure=stay.departure,
            old_room_id=old_room,
            new_room_id=stay.room_id,
            asked_by=who.asked_by,
            channel=who.channel,
            late=is_late_cancellation(now.date(), min(old_arrival, stay.arrival)),
        )
    )


def set_status(db: Database, stay_id: int, status: StayStatus) -> StayData:
    """Option <-> confirmed (check-in and check-out have their own functions)."""
    if status not in (StayStatus.OPTION, StayStatus.CONFIRMED):
        raise ValueError(status)
    with db.session() as s:
        stay = _load(s, stay_id)
        if stay.status not in (StayStatus.OPTION, StayStatus.CONFIRMED):
            raise ServiceError(
                "Alleen een optie of een bevestigd verblijf kan zo worden gewijzigd."
            )
        if status == StayStatus.CONFIRMED and stay.status != StayStatus.CONFIRMED:
            refuse_unless_passes(s, stay.id, GATE_CONFIRM)
        stay_writer.set_status(s, stay, status)
        log_access(s, CHANGE, stay.guest_id, "Status van het verblijf gewijzigd")
        return to_stay_data(stay)


def check_in(db: Database, stay_id: int, *, when: datetime) -> StayData:
    """The guest arrived. Arriving on another day than planned moves the arrival."""
    with db.session() as s:
        stay = _load(s, stay_id)
        stay_writer.refuse_transition(stay, StayStatus.PRESENT)
        actual = when.date()
        if actual >= stay.departure:
            raise ValidationError({"when": "De aankomst ligt op of na de vertrekdatum."})
        refuse_unless_passes(s, stay.id, GATE_CHECK_IN)
        if actual != stay.arrival:
            old = (stay.arrival, stay.departure, stay.room_id)
            room = s.get_one(Room, stay.room_id)
            stay_writer.place(s, stay, room, actual, stay.departure, stay.bed_id)
            _record(s, stay, old, WhoAsked("inchecken"), when)
        stay_writer.set_status(s, stay, StayStatus.PRESENT, at=when)
        log_access(s, CHANGE, stay.guest_id, "Ingecheckt")
        return to_stay_data(stay)


def check_out(db: Database, stay_id: int, *, when: datetime) -> StayData:
    """The guest left. An early departure frees the remaining nights."""
    with db.session() as s:
        stay = _load(s, stay_id)
        stay_writer.refuse_transition(stay, StayStatus.DEPARTED)
        actual = when.date()
        if actual <= stay.arrival:
            raise ValidationError({"when": "Het vertrek moet na de aankomstdag liggen."})
        if actual != stay.departure:
            old = (stay.arrival, stay.departure, stay.room_id)
            room = s.get_one(Room, stay.room_id)
            stay_writer.place(s, stay, room, stay.arrival, actual, stay.bed_id)
            _record(s, stay, old, WhoAsked("uitchecken"), when)
        stay_writer.set_status(s, stay, StayStatus.DEPARTED, at=when)
        log_access(s, CHANGE, stay.guest_id, "Uitgecheckt")
        return to_stay_data(stay)


def cancel(
    db: Database, stay_id: int, *, reason: str, cancelled_by: str, when: datetime
) -> StayData:
    """Cancel with reason and who; late when within a week of arrival (stay_writer.cancel)."""
    with db.session() as s:
        stay = _load(s, stay_id)
        stay_writer.cancel(s, stay, reason=reason, cancelled_by=cancelled_by, when=when)
        return to_stay_data(stay)


def reinstate(
    db: Database,
    stay_id: int,
    status: StayStatus = StayStatus.CONFIRMED,
    *,
    cap_accepted_by: str = "",
) -> StayData:
    """Undo a cancellation, if the bed is still free (and the Wlz cap allows, or was chosen)."""
    with db.session() as s:
        stay = _load(s, stay_id)
        if stay.status != StayStatus.CANCELLED:
            raise ServiceError("Dit verblijf is niet geannuleerd.")
        room = s.get_one(Room, stay.room_id)
        wlz = wlz_guard.is_wlz(s, stay.allocation_id)
        years = set(years_of_stay(stay.arrival, stay.departure))
        before = wlz_guard.counts(s, stay.guest_id, years) if wlz else {}
        stay_writer.reinstate(s, stay, status, room)
        if wlz:
            wlz_guard.guard(s, stay.guest_id, years, before, cap_accepted_by)
        log_access(s, CHANGE, stay.guest_id, "Annulering ongedaan gemaakt")
        return to_stay_data(stay)


def delete_planned(db: Database, stay_id: int) -> None:
    """Remove a stay that was only planned (undo of 'create'); history stays for the rest."""
    with db.session() as s:
        stay = _load(s, stay_id)
        guest_id = stay.guest_id
        stay_writer.delete_planned(s, stay)
        log_access(s, CHANGE, guest_id, "Gepland verblijf verwijderd")
