"""The demo house: a realistic, made-up logeerhuis to look around in and to try every screen.

Everything is written through the same public services as the screens use, so the demo obeys
every rule. Deterministic for a given seed and day: dates are relative to `today`.
The stays are planned in memory first (free beds, no guest in two places, the Wlz cap of 156
nights a year, rooms that suit the guest), then written in a few units of work. The weekly
guests are real series (create_series); one room is closed for painting in the coming weeks,
and the waiting list holds open requests from carers, consultants, a GP and the regional desk.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, func, select

from ..db.models import (
    CarerStrain,
    IntakeAnswer,
    IntakeOverride,
    Night,
    RoomClosure,
    Stay,
    StayRequest,
    StaySeries,
)
from ..domain.enums import (
    Grondslag,
    RoomEnvironment,
    StayStatus,
)
from ..house.guests import save_guest
from ..services.errors import ConflictError
from ..storage.database import Database
from ._accounts import add_demo_accounts
from ._intake import write_demo_intakes
from ._invoices import build_demo_money
from ._model import _Guest, _Plan
from ._requests import _plan_requests, _write_requests
from ._stays import (
    CLOSED_ROOM,
    ELSEWHERE_NIGHTS,
    SERIES,
    _write_closure_and_elsewhere,
    _write_stays,
)
from .house import (
    FLEX_START,
    ROOMS,
    save_demo_allocations,
    save_demo_contracts,
    save_demo_funders,
    save_demo_provider,
    save_demo_rooms,
    town_by_cbs,
)
from .people import (
    TOWNS,
    make_guest,
)

PAST_DAYS = 365
FUTURE_DAYS = 91
WLZ_CAP = 156  # logeeropvang nights per calendar year per Wlz client
# (route, number of guests): 90 guests in all
ROUTES = (
    ("wmo:0307", 28), ("wmo:0327", 11), ("wmo:0342", 11), ("wlz_vv", 18), ("wlz", 7),
    ("pgb", 8), ("private", 7),
)  # fmt: skip
LENGTHS = (2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 6, 7, 7, 7, 10, 14)


@dataclass(frozen=True)
class DemoSummary:
    rooms: int
    guests: int
    funders: int
    contracts: int
    allocations: int
    stays: int  # all stays, the cancelled ones included
    nights: int  # active nights (stayed or booked)
    cancelled_stays: int
    recurring_series: int
    requests: int = 0
    open_requests: int = 0
    closures: int = 0
    intakes: int = 0  # stays with intake answers
    intake_overrides: int = 0
    strain_scores: int = 0
    invoices: int = 0
    credit_invoices: int = 0
    payments: int = 0
    closed_months: int = 0


def build_demo(db: Database, today: date | None = None, seed: int = 2026) -> DemoSummary:
    """Fill an empty database with the demo house; refuses a database that holds data."""
    if not db.is_empty:
        raise ConflictError(
            "Er staan al gegevens in deze gegevensmap. De demo wordt alleen in een lege "
            "gegevensmap gemaakt."
        )
    today = today or date.today()
    rng = random.Random(seed)
    save_demo_provider(db)
    rooms = save_demo_rooms(db)
    funders = save_demo_funders(db)
    contracts = save_demo_contracts(db, funders, today)
    guests = _make_guests(rng, today)
    closure = _closure_period(today)
    elsewhere = next(g for g in guests if g.route == "wlz" and g.last_day is None)
    elsewhere.wlz_year[today.year] += ELSEWHERE_NIGHTS  # the cap counts them too
    planner = _Planner(rng, today, guests, closure)
    plans = planner.plan()
    wishes = _plan_requests(rng, today, guests, plans)
    for guest in guests:
        if guest.last_day is not None:  # no longer comes: kept for the history and the counts
            guest.data = replace(
                guest.data, active=False, notes="Niet meer actief: opgenomen in een verpleeghuis."
            )
        saved = save_guest(db, guest.data)
        guest.data = saved
        save_demo_allocations(db, rng, today, guest, funders, contracts, plans)
    _write_closure_and_elsewhere(db, rooms, closure, elsewhere, today)
    _write_stays(db, rng, today, rooms, plans)
    _write_requests(db, rng, today, rooms, wishes)
    write_demo_intakes(db, rng, today, guests)
    money = build_demo_money(db, rng, today)
    add_demo_accounts(db, today)
    with db.session() as s:

        def count(query: Select[Any]) -> int:
            return s.execute(select(func.count()).select_from(query.subquery())).scalar_one()

        return DemoSummary(
            rooms=len(rooms),
            guests=len(guests),
            funders=len(funders),
            contracts=len(contracts),
            allocations=sum(len(g.allocations) for g in guests),
            stays=count(select(Stay)),
            nights=count(select(Night).where(Night.active.is_(True))),
            cancelled_stays=count(select(Stay).where(Stay.status == StayStatus.CANCELLED.value)),
            recurring_series=count(select(StaySeries)),
            requests=count(select(StayRequest)),
            open_requests=count(
                select(StayRequest).where(StayRequest.status.in_(("nieuw", "in_behandeling")))
            ),
            closures=count(select(RoomClosure)),
            intakes=count(select(IntakeAnswer.stay_id).distinct()),
            intake_overrides=count(select(IntakeOverride)),
            strain_scores=count(select(CarerStrain)),
            invoices=money.invoices,
            credit_invoices=money.credits,
            payments=money.payments,
            closed_months=money.closed_months,
        )


def _closure_period(today: date) -> tuple[date, date]:
    """A week of painting, Monday to Monday, three to four weeks from now."""
    start = today + timedelta(days=(7 - today.weekday()) % 7 + 21)
    return start, start + timedelta(days=7)


def _make_guests(rng: random.Random, today: date) -> list[_Guest]:
    used: set[str] = set()
    guests = []
    for route, count in ROUTES:
        for _ in range(count):
            if route.startswith("wmo:"):
                town = town_by_cbs(route.removeprefix("wmo:"))
            else:
                town = TOWNS[rng.choice(sorted(TOWNS))]
            if route == "wlz":
                grondslag = rng.choice((Grondslag.OTHER, Grondslag.SOM))
            else:
                grondslag = Grondslag.PG if rng.random() < 0.5 else Grondslag.SOM
            data = make_guest(rng, town, used, grondslag=grondslag)
            beschermd = grondslag is Grondslag.PG and rng.random() < 0.6
            guests.append(_Guest(data, route, beschermd and not data.needs_hoist))
    # A few guests stopped coming some months ago (moved to a nursing home).
    for guest in rng.sample(guests, 4):
        guest.last_day = today - timedelta(days=rng.randint(60, 200))
    return guests


class _Planner:
    """Places series and incidental stays in free, suitable beds."""

    def __init__(
        self, rng: random.Random, today: date, guests: list[_Guest], closure: tuple[date, date]
    ) -> None:
        self.rng, self.today, self.guests = rng, today, guests
        self.first = today - timedelta(days=PAST_DAYS)
        self.last = today + timedelta(days=FUTURE_DAYS)
        self.taken: dict[tuple[int, int], set[date]] = {
            (r, b): set() for r, spec in enumerate(ROOMS) for b in range(spec[1])
        }
        self.cancel_taken: dict[tuple[int, int], set[date]] = {key: set() for key in self.taken}
        closed = {closure[0] + timedelta(days=i) for i in range((closure[1] - closure[0]).days)}
        for bed in range(ROOMS[CLOSED_ROOM][1]):  # nothing is booked in the closed room
            self.taken[(CLOSED_ROOM, bed)].update(closed)
            self.cancel_taken[(CLOSED_ROOM, bed)].update(closed)
        self.plans: list[_Plan] = []

    def plan(self) -> list[_Plan]:
        for number, series in enumerate(SERIES):
            self._series(number, *series)
        pool = [g for g in self.guests if not g.recurring]
        for key in sorted(self.taken):
            self._fill_bed(key, pool)
        self._cancelled_incidental(pool)
        self.plans.sort(key=lambda p: (p.arrival, p.room, p.bed))
        return self.plans

    def fits(self, guest: _Guest, room: int) -> bool:
        _name, _beds, env, hoist, ground, wheelchair, _notes = ROOMS[room]
        d = guest.data
        return (
            (hoist or not d.needs_hoist)
            and (ground or not d.needs_ground_floor)
            and (wheelchair or not d.needs_wheelchair_access)
            and (env is RoomEnvironment.BESCHERMD or not guest.beschermd)
        )

    def guest_can(self, guest: _Guest, plan: _Plan, margin: int = 0) -> bool:
        if guest.last_day is not None and plan.departure > guest.last_day:
            return False
        if guest.route == "wlz_vv" and plan.arrival < FLEX_START < plan.departure:
            return False  # one allocation per stay: the Z1003 contract starts on FLEX_START
        days = plan.days
        near = set(days)
        for i in range(1, margin + 1):
            near.add(plan.arrival - timedelta(days=i))
            near.add(plan.departure + timedelta(days=i - 1))
        if near & guest.busy:
            return False
        if guest.route.startswith("wlz") and not plan.cancelled:
            years = Counter(d.year for d in days)
            if any(guest.wlz_year[y] + n > WLZ_CAP for y, n in years.items()):
                return False
        return True

    def book(self, plan: _Plan) -> None:
        grid = self.cancel_taken if plan.cancelled else self.taken
        days = plan.days
        grid[(plan.room, plan.bed)].update(days)
        plan.guest.busy.update(days)
        if not plan.cancelled:
            plan.guest.wlz_year.update(d.year for d in days)
        self.plans.append(plan)

    def _series(self, number: int, room: int, weekday: int, nights: int, route: str) -> None:
        rng = self.rng
        guest = next(
            g
            for g in self.guests
            if g.route == route and not g.recurring and g.last_day is None and self.fits(g, room)
        )
        guest.recurring = True
        if number in (4, 7):  # two series ended: the guest moved to a nursing home
            guest.last_day = self.today - timedelta(days=rng.randint(40, 120))
        day = self.first + timedelta(days=rng.randint(0, 100))
        if route == "wlz_vv":  # one allocation per series: the Z1003 one
            day = max(day, FLEX_START)
        day += timedelta(days=(weekday - day.weekday()) % 7)
        end = min(self.last, guest.last_day or self.last)
        while day + timedelta(days=nights) <= end:
            plan = _Plan(guest, room, 0, day, day + timedelta(days=nights), series=number)
            if not set(plan.days) & self.taken[(room, 0)]:  # else the room is closed: skipped
                # ~8 % of the weeks are called off (holiday, illness), and weeks over the cap
                plan.cancelled = rng.random() < 0.08 or not self.guest_can(guest, plan)
                self.book(plan)
            day += timedelta(days=7)

    def _fill_bed(self, key: tuple[int, int], pool: list[_Guest]) -> None:
        rng, room = self.rng, key[0]
        suitable = [g for g in pool if self.fits(g, room)]
        day = self.first
        while day < self.last:
            length = rng.choice(LENGTHS)
            plan_days = {day + timedelta(days=i) for i in range(length)}
            departure = day + timedelta(days=length)
            if departure > self.last or plan_days & self.taken[key]:
                day += timedelta(days=1)
                continue
            ahead = (day - self.today).days
            if ahead > 0 and rng.random() > 1 - ahead / (FUTURE_DAYS * 1.3):
                day += timedelta(days=rng.randint(1, 4))  # the far future is not yet booked
                continue
            for guest in rng.sample(suitable, min(10, len(suitable))):
                plan = _Plan(guest, room, key[1], day, departure)
                if self.guest_can(guest, plan, margin=10):
                    self.book(plan)
                    day = departure
                    break
            day += timedelta(days=rng.choice((0, 1, 1, 2, 2, 3, 4, 6)))

    def _cancelled_incidental(self, pool: list[_Guest]) -> None:
        """Stays booked and cancelled later; their beds were filled again by others."""
        rng = self.rng
        wanted = round(len(self.plans) * 0.04)
        for _ in range(wanted * 20):
            if wanted <= 0:
                return
            guest = rng.choice(pool)
            key = rng.choice(sorted(self.taken))
            arrival = self.first + timedelta(days=rng.randrange(PAST_DAYS + FUTURE_DAYS - 14))
            plan = _Plan(guest, key[0], key[1], arrival, arrival + timedelta(rng.choice(LENGTHS)))
            plan.cancelled = True
            if (
                self.fits(guest, key[0])
                and self.guest_can(guest, plan, margin=3)
                and not set(plan.days) & self.cancel_taken[key]
            ):
                self.book(plan)
                wanted -= 1
