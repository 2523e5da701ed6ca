"""Planner edits on existing stays: move, resize, check in and out, cancel and undo them.

Every edit rebuilds the stay's nights in one transaction; the partial unique index on nights
is the last line of defence against a double booking if two edits race.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.models import DateChange, Night, Room, Stay
from ..domain.access_log import CHANGE
from ..domain.caps import years_of_stay
from ..domain.dates import format_date
from ..domain.enums import StayStatus
from ..domain.intake import GATE_CHECK_IN, GATE_CONFIRM
from ..domain.nights import occupied_nights
from ..domain.planning import is_late_cancellation
from ..domain.rooms import room_label
from . import wlz_guard
from .access import log_access
from .database import Database
from .errors import ConflictError, NotFoundError, ServiceError, ValidationError
from .intake import refuse_unless_passes
from .months import refuse_closed_days
from .stays import StayData, choose_bed, refuse_closed, to_stay_data

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
        _rebuild_nights(s, stay, room, bed_id, arrival, departure)
        if wlz:
            wlz_guard.guard(s, stay.guest_id, years, before, cap_accepted_by)
        _record(s, stay, old, who or WhoAsked(), now or datetime.now())
        s.flush()
        log_access(s, CHANGE, stay.guest_id, "Verblijf verplaatst of verlengd")
        return to_stay_data(stay)


def _rebuild_nights(
    s: Session, stay: Stay, room: Room, bed_id: int | None, arrival: date, departure: date
) -> None:
    days = occupied_nights(arrival, departure)
    changed = set(days) ^ {n.day for n in stay.nights}
    refuse_closed_days(s, sorted(changed))
    for night in list(stay.nights):
        stay.nights.remove(night)
    s.flush()  # the old nights are gone before we look for a free bed
    refuse_closed(s, room, arrival, departure)
    bed = choose_bed(s, room, bed_id, days)
    stay.room_id, stay.bed_id = room.id, bed.id
    stay.arrival, stay.departure = arrival, departure
    stay.version += 1
    stay.nights.extend(
        Night(bed_id=bed.id, day=day, allocation_id=stay.allocation_id, active=True) for day in days
    )
    taken = f"{room_label(room.name)} is intussen bezet geraakt."  # not loadable after a
    try:  # failed flush (PendingRollbackError)
        s.flush()
    except IntegrityError as exc:
        raise ConflictError(taken) from exc


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
        stay.status = status.value
        stay.version += 1
        log_access(s, CHANGE, stay.guest_id, "Status van het verblijf gewijzigd")
        return to_stay_data(stay)


def check_in(db: Database, stay_id: int, *, when: datetime) -> StayData:
    """The guest arrived. Arriving on another day than planned moves the arrival."""
    with db.session() as s:
        stay = _load(s, stay_id)
        if stay.status not in (StayStatus.OPTION, StayStatus.CONFIRMED):
            raise ServiceError(
                f"Inchecken kan niet: dit verblijf is {StayStatus(stay.status).label.lower()}."
            )
        actual = when.date()
        if actual >= stay.departure:
            raise ValidationError({"when": "De aankomst ligt op of na de vertrekdatum."})
        refuse_unless_passes(s, stay.id, GATE_CHECK_IN)
        if actual != stay.arrival:
            old = (stay.arrival, stay.departure, stay.room_id)
            _rebuild_nights(s, stay, s.get(Room, stay.room_id), stay.bed_id, actual, stay.departure)  # type: ignore[arg-type]
            _record(s, stay, old, WhoAsked("inchecken"), when)
        stay.status = StayStatus.PRESENT.value
        stay.checked_in_at = when.replace(microsecond=0)
        stay.version += 1
        log_access(s, CHANGE, stay.guest_id, "Ingecheckt")
        return to_stay_data(stay)


def check_out(db: Database, stay_id: int, *, when: datetime) -> StayData:
    """The guest left. An early departure frees the remaining nights."""
    with db.session() as s:
        stay = _load(s, stay_id)
        if stay.status != StayStatus.PRESENT:
            raise ServiceError("Uitchecken kan alleen voor een gast die aanwezig is.")
        actual = when.date()
        if actual <= stay.arrival:
            raise ValidationError({"when": "Het vertrek moet na de aankomstdag liggen."})
        if actual != stay.departure:
            old = (stay.arrival, stay.departure, stay.room_id)
            _rebuild_nights(s, stay, s.get(Room, stay.room_id), stay.bed_id, stay.arrival, actual)  # type: ignore[arg-type]
            _record(s, stay, old, WhoAsked("uitchecken"), when)
        stay.status = StayStatus.DEPARTED.value
        stay.checked_out_at = when.replace(microsecond=0)
        stay.version += 1
        log_access(s, CHANGE, stay.guest_id, "Uitgecheckt")
        return to_stay_data(stay)


def cancel(
    db: Database, stay_id: int, *, reason: str, cancelled_by: str, when: datetime
) -> StayData:
    """Cancel with reason and who; late when within a week of arrival."""
    with db.session() as s:
        stay = _load(s, stay_id)
        if stay.status not in (StayStatus.OPTION, StayStatus.CONFIRMED):
            raise ServiceError(
                f"Annuleren kan niet: dit verblijf is {StayStatus(stay.status).label.lower()}."
            )
        cancel_planned(s, stay, reason=reason, cancelled_by=cancelled_by, when=when)
        return to_stay_data(stay)


def cancel_planned(
    s: Session, stay: Stay, *, reason: str, cancelled_by: str, when: datetime
) -> None:
    """The one way a planned stay is cancelled (alone or as a week of a series): never in a
    closed month; the nights stop occupying the bed but stay on record for the funders'
    counts; late when within a week of arrival; logged for the guest."""
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
    log_access(s, CHANGE, stay.guest_id, "Verblijf geannuleerd")


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
        room = s.get(Room, stay.room_id)
        wlz = wlz_guard.is_wlz(s, stay.allocation_id)
        years = set(years_of_stay(stay.arrival, stay.departure))
        before = wlz_guard.counts(s, stay.guest_id, years) if wlz else {}
        for night in list(stay.nights):
            stay.nights.remove(night)
        s.flush()
        stay.status = status.value
        stay.cancelled_at, stay.cancel_reason, stay.cancelled_by = None, "", ""
        stay.cancel_late = False
        _rebuild_nights(s, stay, room, stay.bed_id, stay.arrival, stay.departure)  # type: ignore[arg-type]
        if wlz:
            wlz_guard.guard(s, stay.guest_id, years, before, cap_accepted_by)
        log_access(s, CHANGE, stay.guest_id, "Annulering ongedaan gemaakt")
        return to_stay_data(stay)


def delete_planned(db: Database, stay_id: int) -> None:
    """Remove a stay that was only planned (undo of 'create'); history stays for the rest."""
    with db.session() as s:
        stay = _load(s, stay_id)
        if stay.status not in (StayStatus.OPTION, StayStatus.CONFIRMED) or stay.checked_in_at:
            raise ServiceError("Alleen een gepland verblijf kan worden verwijderd; annuleer het.")
        log_access(s, CHANGE, stay.guest_id, "Gepland verblijf verwijderd")
        s.delete(stay)
