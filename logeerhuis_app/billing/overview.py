"""Month and year overviews: the figures funders and the board ask for (DOMAIN.md section 6).

Counting rules (also printed on the PDF, see domain.overview.COUNTING_RULES):

- A night counts when it is active and its stay is confirmed, present or departed (options
  and cancelled stays do not) and its day lies in the period. Nights from `today` on are
  still to come; they count as planned and are also reported separately (`planned_nights`).
- Occupancy: occupied bed-nights / available bed-nights; available = active beds x days, minus
  the bed-nights of room closures. Rooms shown: the active ones plus any room with nights.
  Night corrections (absent, not billed) are a billing matter and do not change occupancy.
- Nights per funder follow the night's own allocation (so a split stay is split here too);
  nights without one are "Geen financiering". Funders' nights add up to the nights stayed.
- Municipality: the guest's home municipality (CBS code), named after the municipality funder
  with that CBS code, else as on the CBS list of municipalities (house/municipalities.py);
  a code on neither is shown as "CBS-code 0123".
- Guests: distinct guests with a counted night. New: their first stay ever (same statuses)
  arrived in the period.
- Requested: the wished nights of requests received in the period, whatever became of them.
  Cancelled: the nights of cancelled stays whose arrival lies in the period.
- Average stay: nights per stay, of the counted stays that arrived in the period.
- Structural: nights of stays from a weekly series (Stay.series_id set); all else incidental.
  A guest is structural when at least one of their nights in the period is.
- Age group: the guest's age on their first counted night in the period.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..db.models import Allocation, Bed, Funder, Guest, Night, Room, RoomClosure, Stay, StayRequest
from ..domain.enums import FunderKind, StayStatus
from ..domain.months import Month
from ..domain.overview import (
    AGE_GROUPS,
    AGE_UNKNOWN,
    NO_FUNDER,
    NO_MUNICIPALITY,
    MonthFigures,
    Occupancy,
    Overview,
    Share,
    age_group,
)
from ..house.municipalities import municipality_label
from ..storage.database import Database

COUNTED = (StayStatus.CONFIRMED.value, StayStatus.PRESENT.value, StayStatus.DEPARTED.value)


@dataclass
class _Nights:
    """Counted nights of one stay on one allocation (a row of the grouped query)."""

    guest_id: int
    room_id: int
    series_id: int | None
    allocation_id: int | None
    first: date
    nights: int
    planned: int


def overview(db: Database, year: int, month: int | None, *, today: date | None = None) -> Overview:
    """The overview of a month, or of the whole year when month is None. A period, not only a
    month, so it keeps the year and the optional month number (decision 0052)."""
    today = today or date.today()
    if month is None:
        start, end = date(year, 1, 1), date(year + 1, 1, 1)
    else:
        start, end = Month(year, month).bounds()
    with db.session() as s:
        rows = _night_rows(s, start, end, today)
        rooms, total = _occupancy(s, start, end, rows)
        guest_ids = {r.guest_id for r in rows}
        first_night: dict[int, date] = {}
        guest_nights: Counter[int] = Counter()
        structural_guests: set[int] = set()
        for r in rows:
            guest_nights[r.guest_id] += r.nights
            first_night[r.guest_id] = min(r.first, first_night.get(r.guest_id, r.first))
            if r.series_id is not None:
                structural_guests.add(r.guest_id)
        structural = sum(r.nights for r in rows if r.series_id is not None)
        requested, requests = _requested(s, start, end)
        cancelled, cancelled_stays = _arrived(s, start, end, (StayStatus.CANCELLED.value,))
        arrived_nights, arrived_stays = _arrived(s, start, end, COUNTED)
        return Overview(
            year=year,
            month=month,
            start=start,
            end=end,
            made_on=today,
            rooms=rooms,
            total=total,
            funders=_by_funder(s, rows),
            municipalities=_by_municipality(s, guest_nights),
            age_groups=_by_age(s, guest_nights, first_night),
            guests=len(guest_ids),
            new_guests=_new_guests(s, guest_ids, start, end),
            nights_requested=requested,
            requests=requests,
            nights_cancelled=cancelled,
            stays_cancelled=cancelled_stays,
            planned_nights=sum(r.planned for r in rows),
            stays_arrived=arrived_stays,
            nights_arrived=arrived_nights,
            structural_nights=structural,
            incidental_nights=total.occupied - structural,
            structural_guests=len(structural_guests),
            incidental_guests=len(guest_ids - structural_guests),
            months=_months(s, year, rooms) if month is None else (),
        )


def overview_pdf(db: Database, ov: Overview) -> bytes:
    """The overview as a PDF with the provider's name and logo."""
    from ..documents.billing.overview_pdf import render_overview
    from ..house.provider import get_provider

    provider = get_provider(db)
    return render_overview(ov, provider_name=provider.name, logo=provider.logo)


def _counted(start: date, end: date):
    return (
        Night.active.is_(True),
        Night.day >= start,
        Night.day < end,
        Stay.status.in_(COUNTED),
    )


def _night_rows(s: Session, start: date, end: date, today: date) -> list[_Nights]:
    planned = func.sum(case((Night.day >= today, 1), else_=0))
    query = (
        select(
            Stay.guest_id,
            Stay.room_id,
            Stay.series_id,
            Night.allocation_id,
            func.min(Night.day),
            func.count(Night.id),
            planned,
        )
        .join(Stay, Night.stay_id == Stay.id)
        .where(*_counted(start, end))
        .group_by(Stay.id, Night.allocation_id)
    )
    return [_Nights(*row) for row in s.execute(query)]


def _occupancy(
    s: Session, start: date, end: date, rows: list[_Nights]
) -> tuple[tuple[Occupancy, ...], Occupancy]:
    occupied: Counter[int] = Counter()
    for r in rows:
        occupied[r.room_id] += r.nights
    beds = _active_beds(s)
    closed = _closed_days(s, start, end)
    days = (end - start).days
    result = []
    for room in s.scalars(select(Room).order_by(Room.sort_order, Room.name)):
        if not room.active and not occupied[room.id]:
            continue
        count = beds.get(room.id, 0)
        lost = count * len(closed.get(room.id, ()))
        result.append(
            Occupancy(room.name, count, count * days - lost, occupied[room.id], closed=lost)
        )
    total = Occupancy(
        "Totaal",
        sum(r.beds for r in result),
        sum(r.available for r in result),
        sum(r.occupied for r in result),
        closed=sum(r.closed for r in result),
    )
    return tuple(result), total


def _active_beds(s: Session) -> dict[int, int]:
    query = (
        select(Bed.room_id, func.count(Bed.id)).where(Bed.active.is_(True)).group_by(Bed.room_id)
    )
    return {room_id: count for room_id, count in s.execute(query)}


def _closed_days(s: Session, start: date, end: date) -> dict[int, set[date]]:
    """Per room, the days in [start, end) it is closed (overlapping closures counted once)."""
    found: dict[int, set[date]] = defaultdict(set)
    query = select(RoomClosure).where(RoomClosure.start_date < end, RoomClosure.end_date > start)
    for closure in s.scalars(query):
        first, after = max(closure.start_date, start), min(closure.end_date, end)
        found[closure.room_id].update(
            first + timedelta(days=i) for i in range((after - first).days)
        )
    return found


def _by_funder(s: Session, rows: list[_Nights]) -> tuple[Share, ...]:
    ids = {r.allocation_id for r in rows if r.allocation_id is not None}
    names: dict[int | None, str] = {  # a night without an allocation has no funder
        allocation_id: name
        for allocation_id, name in s.execute(
            select(Allocation.id, Funder.name)
            .join(Funder, Allocation.funder_id == Funder.id)
            .where(Allocation.id.in_(ids))
        ).all()
    }
    nights: Counter[str] = Counter()
    guests: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        name = names.get(r.allocation_id, NO_FUNDER)
        nights[name] += r.nights
        guests[name].add(r.guest_id)
    return _shares(nights, guests)


def _by_municipality(s: Session, guest_nights: Counter[int]) -> tuple[Share, ...]:
    codes = dict(
        s.execute(
            select(Guest.id, Guest.municipality_code).where(Guest.id.in_(list(guest_nights)))
        ).all()
    )
    names = {
        code: name.removeprefix("Gemeente ").strip() or name
        for code, name in s.execute(
            select(Funder.cbs_code, Funder.name)
            .where(Funder.kind == FunderKind.GEMEENTE.value, Funder.cbs_code != "")
            .order_by(Funder.active, Funder.id)  # an active funder's name wins
        )
    }
    nights: Counter[str] = Counter()
    guests: dict[str, set[int]] = defaultdict(set)
    for guest_id, count in guest_nights.items():
        code = codes.get(guest_id) or ""
        name = (names.get(code) or municipality_label(code)) if code else NO_MUNICIPALITY
        nights[name] += count
        guests[name].add(guest_id)
    return _shares(nights, guests)


def _shares(nights: Counter[str], guests: dict[str, set[int]]) -> tuple[Share, ...]:
    """Most nights first, then by name, so the order is stable."""
    ordered = sorted(nights, key=lambda name: (-nights[name], name))
    return tuple(Share(name, nights[name], len(guests[name])) for name in ordered)


def _by_age(
    s: Session, guest_nights: Counter[int], first_night: dict[int, date]
) -> tuple[Share, ...]:
    births = dict(
        s.execute(
            select(Guest.id, Guest.date_of_birth).where(Guest.id.in_(list(guest_nights)))
        ).all()
    )
    nights: Counter[str] = Counter()
    guests: Counter[str] = Counter()
    for guest_id, count in guest_nights.items():
        group = age_group(births.get(guest_id), first_night[guest_id])
        nights[group] += count
        guests[group] += 1
    labels = list(AGE_GROUPS) + ([AGE_UNKNOWN] if guests[AGE_UNKNOWN] else [])
    return tuple(Share(label, nights[label], guests[label]) for label in labels)


def _new_guests(s: Session, guest_ids: set[int], start: date, end: date) -> int:
    first = (
        select(Stay.guest_id, func.min(Stay.arrival).label("first"))
        .where(Stay.status.in_(COUNTED), Stay.guest_id.in_(guest_ids))
        .group_by(Stay.guest_id)
        .subquery()
    )
    query = select(func.count()).where(first.c.first >= start, first.c.first < end)
    return s.scalar(query.select_from(first)) or 0


def _requested(s: Session, start: date, end: date) -> tuple[int, int]:
    query = select(StayRequest.wished_arrival, StayRequest.wished_departure).where(
        StayRequest.received_on >= start, StayRequest.received_on < end
    )
    pairs = s.execute(query).all()
    return sum((departure - arrival).days for arrival, departure in pairs), len(pairs)


def _arrived(s: Session, start: date, end: date, statuses: tuple[str, ...]) -> tuple[int, int]:
    """(nights, stays) of the stays with one of the statuses that arrived in the period."""
    query = select(Stay.arrival, Stay.departure).where(
        Stay.status.in_(statuses), Stay.arrival >= start, Stay.arrival < end
    )
    pairs = s.execute(query).all()
    return sum((departure - arrival).days for arrival, departure in pairs), len(pairs)


def _months(s: Session, year: int, rooms: tuple[Occupancy, ...]) -> tuple[MonthFigures, ...]:
    """Nights and available bed-nights per month; one grouped query for the nights."""
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    per_day = s.execute(
        select(Night.day, func.count(Night.id))
        .join(Stay, Night.stay_id == Stay.id)
        .where(*_counted(start, end))
        .group_by(Night.day)
    ).all()
    nights: Counter[int] = Counter()
    for day, count in per_day:
        nights[day.month] += count
    shown = {room.name for room in rooms}
    room_ids = [rid for rid, name in s.execute(select(Room.id, Room.name)) if name in shown]
    beds = _active_beds(s)
    closed = _closed_days(s, start, end)
    result = []
    for month in (Month(year, number) for number in range(1, 13)):
        length = month.last.day
        available = 0
        for room_id in room_ids:
            lost = sum(1 for day in closed.get(room_id, ()) if month.contains(day))
            available += beds.get(room_id, 0) * (length - lost)
        result.append(MonthFigures(month.month, nights[month.month], available))
    return tuple(result)
