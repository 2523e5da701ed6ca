"""Plain planning records shared by the demo builder and its requests part."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..domain.enums import (
    StayStatus,
)
from ..house.guests import GuestData


def saved_id(record_id: int | None) -> int:
    """The id of a saved record: the demo saves every record before it uses the id."""
    assert record_id is not None
    return record_id


@dataclass
class _Guest:
    data: GuestData
    route: str
    beschermd: bool  # needs a closed (beschermd) room
    last_day: date | None = None  # after this day no more stays (inactive guests)
    recurring: bool = False
    busy: set[date] = field(default_factory=set)
    wlz_year: Counter[int] = field(default_factory=Counter)
    allocations: list[tuple[date, date | None, int]] = field(default_factory=list)


@dataclass
class _Plan:
    guest: _Guest
    room: int  # index in ROOMS
    bed: int  # index in the room's beds
    arrival: date
    departure: date
    cancelled: bool = False
    series: int | None = None
    request: bool = False  # written by placing a request, not directly

    @property
    def days(self) -> list[date]:
        return [
            self.arrival + timedelta(days=i) for i in range((self.departure - self.arrival).days)
        ]


def _allocation_for(guest: _Guest, day: date) -> int | None:
    for start, end, allocation_id in guest.allocations:
        if start <= day and (end is None or day <= end):
            return allocation_id
    return None


def _status(today: date, plan: _Plan, rng: random.Random) -> StayStatus:
    if plan.cancelled:
        far = (plan.arrival - today).days > 30
        return StayStatus.OPTION if far and rng.random() < 0.3 else StayStatus.CONFIRMED
    if plan.departure <= today:
        return StayStatus.DEPARTED
    if plan.arrival <= today:
        return StayStatus.PRESENT
    if plan.series is None and (plan.arrival - today).days > 28 and rng.random() < 0.3:
        return StayStatus.OPTION
    return StayStatus.CONFIRMED
