"""The demo's requests: open ones on the waiting list; placed, rejected and withdrawn ones
with their history."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from ..house.rooms import RoomData
from ..planning.planning import WhoAsked
from ..planning.requests import (
    RequestData,
    place_request,
    reject_request,
    save_request,
    withdraw_request,
)
from ._model import _allocation_for, _Guest, _Plan, _status, saved_id
from .people import (
    CLOSED_REQUESTS,
    OPEN_REQUESTS,
    REJECT_REASONS,
    WITHDRAW_NOTES,
    requester_name,
)


@dataclass
class _Wish:
    guest: _Guest
    kind: str
    channel: str
    status: str  # the open status; closed ones end as outcome says
    flexibility: str
    notes: str
    received: date
    arrival: date  # the wished dates in the end
    departure: date
    first: tuple[date, date] | None = None  # the dates asked first, when they changed
    changed_at: datetime | None = None
    outcome: str = "open"  # open, placed, rejected, withdrawn
    plan: _Plan | None = None
    reason: str = ""


def _plan_requests(
    rng: random.Random, today: date, guests: list[_Guest], plans: list[_Plan]
) -> list[_Wish]:
    """Open requests for the coming weeks, and closed ones (placed, rejected, withdrawn)."""
    free = [g for g in guests if not g.recurring and g.last_day is None]
    rng.shuffle(free)
    wishes: list[_Wish] = []
    for kind, channel, status, flexibility, notes in OPEN_REQUESTS:
        arrival = today + timedelta(days=rng.randint(6, 45))
        departure = arrival + timedelta(days=rng.choice((2, 3, 4, 5, 7, 7, 10, 14)))
        received = today - timedelta(days=rng.randint(1, 12))
        guest = _take_guest(free, arrival, departure)
        wish = _Wish(guest, kind, channel, status, flexibility, notes, received, arrival,
                     departure)  # fmt: skip
        if rng.random() < 0.5:  # the dates changed once since
            _change(rng, today, wish, late=False)
        wishes.append(wish)
    placeable = [
        p for p in plans
        if p.series is None and not p.cancelled and p.guest in free
        and today - timedelta(days=150) < p.arrival < today + timedelta(days=40)
    ]  # fmt: skip
    for number, (kind, channel, notes) in enumerate(CLOSED_REQUESTS):
        plan = rng.choice([p for p in placeable if p.guest in free])
        free.remove(plan.guest)
        plan.request = True
        received = plan.arrival - timedelta(days=rng.randint(20, 40))
        wish = _Wish(plan.guest, kind, channel, "in_behandeling", "", notes, received,
                     plan.arrival, plan.departure, outcome="placed", plan=plan)  # fmt: skip
        _change(rng, min(plan.arrival, today), wish, late=number % 2 == 0)
        wishes.append(wish)
    endings = [("rejected", r) for r in REJECT_REASONS] + [("withdrawn", n) for n in WITHDRAW_NOTES]
    for number, (outcome, text) in enumerate(endings):
        kind, channel, notes = CLOSED_REQUESTS[number % len(CLOSED_REQUESTS)]
        arrival = today - timedelta(days=rng.randint(20, 150))
        departure = arrival + timedelta(days=rng.choice((3, 4, 7)))
        received = arrival - timedelta(days=rng.randint(10, 30))
        wish = _Wish(_take_guest(free, arrival, departure), kind, channel, "nieuw", "", notes,
                     received, arrival, departure, outcome=outcome, reason=text)  # fmt: skip
        if number % 2 == 0:
            _change(rng, arrival, wish, late=number == 2)
        wishes.append(wish)
    return wishes


def _take_guest(free: list[_Guest], arrival: date, departure: date) -> _Guest:
    """The first guest who is not here around those dates (taken off the list)."""
    near = {arrival + timedelta(days=i) for i in range(-3, (departure - arrival).days + 3)}
    guest = next((g for g in free if not near & g.busy), free[0])
    free.remove(guest)
    return guest


def _change(rng: random.Random, before: date, wish: _Wish, *, late: bool) -> None:
    """The dates first asked were a few days off; they changed after receipt, before `before`.

    A late change comes within a week of the (earliest) arrival.
    """
    shift = timedelta(days=rng.choice((-3, -2, -1, 1, 2)))
    wish.first = (wish.arrival + shift, wish.departure + shift * rng.choice((0, 1)))
    if wish.first[1] <= wish.first[0]:
        wish.first = (wish.first[0], wish.arrival + shift + timedelta(days=2))
    earliest = min(wish.first[0], wish.arrival)
    if late:
        day = max(earliest - timedelta(days=rng.randint(1, 5)), wish.received)
    else:
        last = min(before, earliest - timedelta(days=8))
        day = wish.received + timedelta(days=rng.randint(0, max((last - wish.received).days, 0)))
    day = min(day, before)  # never after today
    wish.changed_at = datetime.combine(day, time(rng.randint(8, 16), rng.choice((5, 20, 40))))


def _write_requests(db, rng, today, rooms: list[RoomData], wishes: list[_Wish]) -> None:
    for wish in wishes:
        guest = wish.guest
        first = wish.first or (wish.arrival, wish.departure)
        saved = save_request(
            db,
            RequestData(
                guest_id=saved_id(guest.data.id),
                requester_kind=wish.kind,
                requester_name=requester_name(wish.kind, guest.data, rng),
                channel=wish.channel,
                received_on=wish.received,
                wished_arrival=first[0],
                wished_departure=first[1],
                flexibility=wish.flexibility,
                allocation_id=_allocation_for(guest, wish.arrival),
                status=wish.status,
                notes=wish.notes,
            ),
            now=datetime.combine(wish.received, time(10, 30)),
        )
        if wish.first is not None and wish.changed_at is not None:
            late = (wish.arrival - wish.changed_at.date()).days < 7
            who = WhoAsked(saved.requester_name, "telefoon" if late else "email")
            saved = save_request(
                db,
                replace(saved, wished_arrival=wish.arrival, wished_departure=wish.departure),
                who=who,
                now=wish.changed_at,
            )
        if wish.outcome == "placed" and wish.plan is not None:
            room = rooms[wish.plan.room]
            place_request(db, saved_id(saved.id), room_id=saved_id(room.id), arrival=wish.arrival,
                          departure=wish.departure, bed_id=room.bed_ids[wish.plan.bed],
                          status=_status(today, wish.plan, rng).value)  # fmt: skip
        elif wish.outcome == "rejected":
            reject_request(db, saved_id(saved.id), wish.reason)
        elif wish.outcome == "withdrawn":
            saved = save_request(db, replace(saved, notes=wish.reason))
            withdraw_request(db, saved_id(saved.id))
