"""Pure planner rules: which bed is free, what collides, when a change counts as late.

A stay occupies the nights from arrival up to, not including, departure, so one guest may leave
a bed on the morning another arrives (a changeover day).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import format_date
from .rooms import room_label as _room_label
from .validation import InvalidValue

# DOMAIN.md: a change or cancellation within a week of arrival counts as late.
LATE_NOTICE_DAYS = 7

_TOO_SHORT = "Een verblijf duurt minstens één nacht."


@dataclass(frozen=True)
class Booking:
    """One stay on one bed, as the planner sees it."""

    stay_id: int
    bed_id: int
    arrival: date
    departure: date
    guest_name: str


def first_colliding_day(
    a_arrival: date, a_departure: date, b_arrival: date, b_departure: date
) -> date | None:
    """The first night both half-open ranges occupy, or None when they share no night."""
    first = max(a_arrival, b_arrival)
    return first if first < min(a_departure, b_departure) else None


def _collisions(
    bookings: Iterable[Booking],
    bed_id: int,
    arrival: date,
    departure: date,
    ignore_stay_id: int | None,
) -> list[tuple[date, Booking]]:
    found: list[tuple[date, Booking]] = []
    for booking in bookings:
        if booking.bed_id != bed_id or booking.stay_id == ignore_stay_id:
            continue
        day = first_colliding_day(arrival, departure, booking.arrival, booking.departure)
        if day is not None:
            found.append((day, booking))
    return found


def find_collision(
    bookings: Iterable[Booking],
    bed_id: int,
    arrival: date,
    departure: date,
    ignore_stay_id: int | None = None,
) -> Booking | None:
    """The booking on this bed that shares a night with [arrival, departure), if any.

    With several, the one whose shared night comes first. `ignore_stay_id` leaves out the stay
    being moved, so that it does not collide with itself.
    """
    found = _collisions(bookings, bed_id, arrival, departure, ignore_stay_id)
    if not found:
        return None
    return min(found, key=lambda pair: (pair[0], pair[1].arrival, pair[1].stay_id))[1]


def collision_message(room_label: str, booking: Booking, day: date) -> str:
    """'Kamer Linde is op 08-03-2026 bezet door Anna de Vries.' ('Linde' gets 'Kamer ')."""
    return f"{_room_label(room_label)} is op {format_date(day)} bezet door {booking.guest_name}."


def free_beds(
    bookings: Iterable[Booking], bed_ids: list[int], arrival: date, departure: date
) -> list[int]:
    """The beds, in the given order, with no booking sharing a night with [arrival, departure)."""
    taken = {
        booking.bed_id
        for booking in bookings
        if first_colliding_day(arrival, departure, booking.arrival, booking.departure)
    }
    return [bed_id for bed_id in bed_ids if bed_id not in taken]


def room_need_warnings(
    needs_hoist: bool,
    needs_ground_floor: bool,
    needs_wheelchair: bool,
    has_hoist: bool,
    ground_floor: bool,
    wheelchair_accessible: bool,
) -> list[str]:
    """Dutch warnings for every need of the guest that the room does not meet."""
    warnings: list[str] = []
    if needs_hoist and not has_hoist:
        warnings.append("De gast heeft een tillift nodig; deze kamer heeft er geen.")
    if needs_ground_floor and not ground_floor:
        warnings.append(
            "De gast moet gelijkvloers slapen; deze kamer ligt niet op de begane grond."
        )
    if needs_wheelchair and not wheelchair_accessible:
        warnings.append("De gast gebruikt een rolstoel; deze kamer is niet rolstoeltoegankelijk.")
    return warnings


def is_late_cancellation(cancelled_on: date, arrival: date, days: int = LATE_NOTICE_DAYS) -> bool:
    """Late when fewer than `days` days are left before arrival (also on or after arrival)."""
    return (arrival - cancelled_on).days < days


def late_cancellation_billed(
    arrival: date, cancelled_on: date | None, billable: bool, days: int
) -> bool:
    """A cancellation the contract still pays for: it bills late ones and this one came
    fewer than `days` days before arrival."""
    return (
        billable and cancelled_on is not None and is_late_cancellation(cancelled_on, arrival, days)
    )


def change_notice(changed_on: date, arrival: date) -> str:
    """How far ahead a change came, in the words staff use (within a week counts as late)."""
    if is_late_cancellation(changed_on, arrival, LATE_NOTICE_DAYS):
        return "minder dan een week van tevoren"
    return "meer dan een week van tevoren"


def _checked(arrival: date, departure: date) -> tuple[date, date]:
    if departure <= arrival:
        raise InvalidValue(_TOO_SHORT)
    return arrival, departure


def shift_stay(arrival: date, departure: date, days: int) -> tuple[date, date]:
    """Move a whole stay by `days` days (negative: earlier), keeping its length."""
    _checked(arrival, departure)
    step = timedelta(days=days)
    return arrival + step, departure + step


def resize_stay(
    arrival: date,
    departure: date,
    new_arrival: date | None,
    new_departure: date | None,
) -> tuple[date, date]:
    """Change the arrival and/or the departure (None keeps the current one)."""
    return _checked(
        new_arrival if new_arrival is not None else arrival,
        new_departure if new_departure is not None else departure,
    )
