"""Whether a week of a series can be booked: who or what is in the way, and where else it fits.

Owns the read-only judgement of a series' weeks: a closed month, the guest already staying
elsewhere, a closed room, or a room without a free bed (named by who is in it), and the other
rooms that suit the guest and have a free bed then. Everything is read in a few queries for the
whole date range of the series.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db.models import Guest, MonthClosure, Night, Room, RoomClosure, Stay
from ..domain.dates import format_date, format_month
from ..domain.people import display_name
from ..domain.planning import room_need_warnings
from ..domain.rooms import room_label

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class SeriesOccurrence:
    arrival: date
    departure: date
    free: bool
    problem: str  # Dutch: who is in the way, or that the room is closed; "" when free
    alternatives: tuple[str, ...]  # other rooms with a free bed for these dates

    @property
    def nights(self) -> int:
        return (self.departure - self.arrival).days


class Occupancy:
    """Everything that blocks a bed or the guest in one date range, read in a few queries."""

    def __init__(self, s: Session, guest: Guest, first: date, last: date) -> None:
        self.guest = guest
        self.rooms = [
            r
            for r in s.scalars(
                select(Room)
                .where(Room.active.is_(True))
                .options(selectinload(Room.bed_rows))
                .order_by(Room.sort_order, Room.name)
            )
            if any(b.active for b in r.bed_rows)
        ]
        rows = s.execute(
            select(Night.bed_id, Night.day, Stay.guest_id, Stay.room_id, Stay.arrival,
                   Stay.departure, Guest.first_name, Guest.prefix, Guest.last_name)
            .join(Stay, Night.stay_id == Stay.id)
            .join(Guest, Stay.guest_id == Guest.id)
            .where(Night.active.is_(True), Night.day >= first, Night.day < last)
        ).all()  # fmt: skip
        self.taken: dict[int, dict[date, str]] = defaultdict(dict)  # bed -> day -> who
        self.own: dict[date, tuple[int, date, date]] = {}  # the guest's nights elsewhere
        for bed_id, day, guest_id, room_id, arrival, departure, first_name, prefix, surname in rows:
            self.taken[bed_id][day] = display_name(first_name, prefix, surname)
            if guest_id == guest.id:
                self.own[day] = (room_id, arrival, departure)
        self.closures: dict[int, list[RoomClosure]] = defaultdict(list)
        for closure in s.scalars(
            select(RoomClosure).where(RoomClosure.start_date < last, RoomClosure.end_date > first)
        ):
            self.closures[closure.room_id].append(closure)
        self.room_names = {r.id: r.name for r in s.scalars(select(Room))}
        closed = select(MonthClosure.year, MonthClosure.month).where(
            MonthClosure.year.between(first.year, last.year)
        )
        self.closed_months = {(year, month) for year, month in s.execute(closed)}

    def judge(self, room: Room, dates: list[tuple[date, date]]) -> list[SeriesOccurrence]:
        return [self.occurrence(room, arrival, departure) for arrival, departure in dates]

    def occurrence(self, room: Room, arrival: date, departure: date) -> SeriesOccurrence:
        days = [arrival + timedelta(days=i) for i in range((departure - arrival).days)]
        locked = sorted({(d.year, d.month) for d in days} & self.closed_months)
        if locked:  # the stay writer would refuse it: a closed month's nights are locked
            month = format_month(*locked[0]).capitalize()
            return SeriesOccurrence(arrival, departure, False, f"{month} is afgesloten.", ())
        problems = []
        own = next((self.own[d] for d in days if d in self.own), None)
        if own is not None:
            room_id, own_arrival, own_departure = own
            problems.append(
                f"{self._guest_name} logeert dan al in "
                f"{room_label(self.room_names.get(room_id, '?'))} "
                f"({format_date(own_arrival)} tot {format_date(own_departure)})."
            )
        closed = self._closed(room.id, arrival, departure)
        if closed:
            problems.append(closed)
        elif own is None and self._free_bed(room, days) is None:
            problems.append(self._blocker(room, days))
        if not problems:
            return SeriesOccurrence(arrival, departure, True, "", ())
        alternatives: tuple[str, ...] = ()
        if own is None:
            alternatives = tuple(
                r.name
                for r in self.rooms
                if r.id != room.id
                and self._suits(r)
                and not self._closed(r.id, arrival, departure)
                and self._free_bed(r, days) is not None
            )
        return SeriesOccurrence(arrival, departure, False, " ".join(problems), alternatives)

    @property
    def _guest_name(self) -> str:
        g = self.guest
        return display_name(g.first_name, g.prefix, g.last_name)

    def _suits(self, room: Room) -> bool:
        g = self.guest
        return not room_need_warnings(
            g.needs_hoist, g.needs_ground_floor, g.needs_wheelchair_access,
            room.has_hoist, room.ground_floor, room.wheelchair_accessible,
        )  # fmt: skip

    def _closed(self, room_id: int, arrival: date, departure: date) -> str:
        for closure in self.closures.get(room_id, ()):
            if closure.start_date < departure and closure.end_date > arrival:
                last = closure.end_date - _ONE_DAY
                reason = f" ({closure.reason})" if closure.reason else ""
                return (
                    f"{room_label(self.room_names.get(room_id, '?'))} is gesloten van "
                    f"{format_date(closure.start_date)} tot en met {format_date(last)}{reason}."
                )
        return ""

    def _free_bed(self, room: Room, days: list[date]) -> int | None:
        for bed in room.bed_rows:
            if bed.active and not any(d in self.taken.get(bed.id, {}) for d in days):
                return bed.id
        return None

    def _blocker(self, room: Room, days: list[date]) -> str:
        for day in days:
            for bed in room.bed_rows:
                who = self.taken.get(bed.id, {}).get(day)
                if bed.active and who is not None:
                    return f"{room_label(room.name)} is op {format_date(day)} bezet door {who}."
        return f"{room_label(room.name)} heeft geen vrij bed."
