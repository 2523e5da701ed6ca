"""What the planner shows for a period, as plain data: beds down, stays across, warnings.

One call, a handful of queries, no per-stay query: the grid repaints from this data only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import (
    Allocation,
    Bed,
    BedReservation,
    Contract,
    Funder,
    Guest,
    Night,
    Room,
    RoomClosure,
    Stay,
    StayRequest,
    WlzNightsElsewhere,
)
from ..domain.caps import WLZ_NIGHTS_PER_YEAR, periods_exceeding
from ..domain.enums import FunderKind, RequestStatus, StayStatus, VolumeFrequency
from ..domain.people import display_name
from ..domain.planning import room_need_warnings
from .database import Database
from .intake import intake_labels

_INTAKE_STATUSES = (StayStatus.OPTION, StayStatus.CONFIRMED, StayStatus.PRESENT)


@dataclass(frozen=True)
class PlannerBed:
    bed_id: int
    room_id: int
    room_name: str
    bed_number: int
    beds_in_room: int
    has_hoist: bool
    ground_floor: bool
    wheelchair_accessible: bool

    @property
    def label(self) -> str:
        return (
            self.room_name
            if self.beds_in_room == 1
            else f"{self.room_name} · bed {self.bed_number}"
        )


@dataclass(frozen=True)
class PlannerStay:
    id: int
    guest_id: int
    guest_name: str
    room_id: int
    bed_id: int
    arrival: date
    departure: date
    status: str
    series_id: int | None
    funder_name: str
    notes: str
    warnings: tuple[str, ...]  # funding and room-need problems, Dutch
    cap_text: str  # "nog 14 van 156" for Wlz guests, else ""
    version: int
    intake: str = ""  # "compleet", "onvolledig", "geblokkeerd", "overruled"; "" for past stays
    intake_summary: str = ""

    @property
    def nights(self) -> int:
        return (self.departure - self.arrival).days


@dataclass(frozen=True)
class PlannerClosure:
    id: int
    room_id: int
    start: date
    end: date  # first open day
    reason: str


@dataclass(frozen=True)
class PlannerRequest:
    id: int
    guest_id: int
    guest_name: str
    wished_arrival: date
    wished_departure: date
    status: str
    requester: str
    flexibility: str
    notes: str

    @property
    def nights(self) -> int:
        return (self.wished_departure - self.wished_arrival).days


@dataclass(frozen=True)
class PlannerReservation:
    bed_id: int
    start: date
    end: date  # first day no longer reserved
    funder_name: str


@dataclass(frozen=True)
class PlannerView:
    start: date
    end: date
    beds: tuple[PlannerBed, ...]
    stays: tuple[PlannerStay, ...]
    closures: tuple[PlannerClosure, ...]
    requests: tuple[PlannerRequest, ...]
    reservations: tuple[PlannerReservation, ...] = ()


def load_planner(
    db: Database, start: date, end: date, *, include_cancelled: bool = False
) -> PlannerView:
    with db.session() as s:
        beds = _beds(s)
        stays = _stays(s, start, end, include_cancelled)
        closures = tuple(
            PlannerClosure(c.id, c.room_id, c.start_date, c.end_date, c.reason)
            for c in s.scalars(
                select(RoomClosure).where(
                    RoomClosure.start_date < end, RoomClosure.end_date > start
                )
            )
        )
        reservations = tuple(
            PlannerReservation(r.bed_id, r.start_date, r.end_date, funder)
            for r, funder in s.execute(
                select(BedReservation, Funder.name)
                .join(Contract, BedReservation.contract_id == Contract.id)
                .join(Funder, Contract.funder_id == Funder.id)
                .where(BedReservation.start_date < end, BedReservation.end_date > start)
            )
        )
        return PlannerView(start, end, beds, stays, closures, _open_requests(s), reservations)


def _beds(s: Session) -> tuple[PlannerBed, ...]:
    rows = s.execute(
        select(Bed, Room)
        .join(Room, Bed.room_id == Room.id)
        .where(Bed.active.is_(True), Room.active.is_(True))
        .order_by(Room.sort_order, Room.name, Bed.number)
    ).all()
    per_room: dict[int, int] = defaultdict(int)
    for bed, _room in rows:
        per_room[bed.room_id] += 1
    return tuple(
        PlannerBed(bed.id, room.id, room.name, bed.number, per_room[room.id], room.has_hoist,
                   room.ground_floor, room.wheelchair_accessible)
        for bed, room in rows
    )  # fmt: skip


def _stays(s: Session, start: date, end: date, include_cancelled: bool) -> tuple[PlannerStay, ...]:
    query = (
        select(Stay, Guest, Allocation, Funder, Contract, Room)
        .join(Guest, Stay.guest_id == Guest.id)
        .join(Room, Stay.room_id == Room.id)
        .outerjoin(Allocation, Stay.allocation_id == Allocation.id)
        .outerjoin(Funder, Allocation.funder_id == Funder.id)
        .outerjoin(Contract, Allocation.contract_id == Contract.id)
        .where(Stay.arrival < end, Stay.departure > start)
        .order_by(Stay.arrival, Stay.id)
    )
    if not include_cancelled:
        query = query.where(Stay.status != StayStatus.CANCELLED)
    rows = s.execute(query).all()
    wlz_guests = {
        g.id for _st, g, _a, f, _c, _r in rows if f is not None and f.kind == FunderKind.ZORGKANTOOR
    }
    over_volume = _stays_over_volume(
        s, [a for _st, _g, a, *_rest in rows if a is not None], rows, start, end
    )
    used = _wlz_nights_per_year(s, wlz_guests, {st.arrival.year for st, *_ in rows})
    upcoming = [st for st, *_r in rows if st.status in _INTAKE_STATUSES]
    intakes = intake_labels(s, upcoming)
    result = []
    for stay, guest, allocation, funder, contract, room in rows:
        warnings = room_need_warnings(guest.needs_hoist, guest.needs_ground_floor,
                                      guest.needs_wheelchair_access, room.has_hoist,
                                      room.ground_floor, room.wheelchair_accessible)  # fmt: skip
        warnings += _funding_warnings(stay, allocation, contract)
        if allocation is not None and stay.id in over_volume:
            label = VolumeFrequency(allocation.volume_frequency).label
            warnings.append(
                f"Meer nachten dan de toewijzing toestaat ({allocation.volume} {label})."
            )
        cap_text = ""
        if funder is not None and funder.kind == FunderKind.ZORGKANTOOR:
            total = used.get((guest.id, stay.arrival.year), 0)
            left = WLZ_NIGHTS_PER_YEAR - total
            cap_text = (
                f"nog {left} van {WLZ_NIGHTS_PER_YEAR}"
                if left >= 0
                else (f"{-left} boven de {WLZ_NIGHTS_PER_YEAR}")
            )
            if left < 0:
                warnings.append(f"Wlz-logeren: {cap_text} nachten in {stay.arrival.year}.")
        result.append(
            PlannerStay(
                id=stay.id, guest_id=guest.id,
                guest_name=display_name(guest.first_name, guest.prefix, guest.last_name),
                room_id=stay.room_id, bed_id=stay.bed_id, arrival=stay.arrival,
                departure=stay.departure, status=stay.status, series_id=stay.series_id,
                funder_name=funder.name if funder is not None else "", notes=stay.notes,
                warnings=tuple(warnings), cap_text=cap_text, version=stay.version,
                intake=intakes.get(stay.id, ("", ""))[0],
                intake_summary=intakes.get(stay.id, ("", ""))[1],
            )
        )  # fmt: skip
    return tuple(result)


def _stays_over_volume(
    s: Session, allocations: list[Allocation], rows, start: date, end: date
) -> set[int]:  # type: ignore[no-untyped-def]
    """Ids of stays with a night past their allocation's volume (per week, month or total).

    Only the periods that touch the view are read, so the cost does not grow with the years.
    """
    limited = {a.id: a for a in allocations if a.volume}
    if not limited:
        return set()
    # Whole weeks and months around the view; for 'total' also the nights before it.
    lo = min(start - timedelta(days=start.weekday()), start.replace(day=1))
    hi = end + timedelta(days=31)
    nights: dict[int, list[date]] = defaultdict(list)
    query = select(Night.allocation_id, Night.day).where(
        Night.active.is_(True), Night.allocation_id.in_(limited), Night.day >= lo, Night.day < hi
    )
    for allocation_id, day in s.execute(query):
        nights[allocation_id].append(day)
    totals = [a_id for a_id, a in limited.items() if a.volume_frequency == VolumeFrequency.TOTAL]
    before: dict[int, int] = {}
    if totals:
        before = dict(
            s.execute(
                select(Night.allocation_id, func.count())
                .where(Night.active.is_(True), Night.allocation_id.in_(totals), Night.day < lo)
                .group_by(Night.allocation_id)
            ).all()
        )
    over: dict[int, set[date]] = {}
    for allocation_id, days in nights.items():
        allocation = limited[allocation_id]
        volume, frequency = allocation.volume or 0, allocation.volume_frequency
        if frequency == VolumeFrequency.TOTAL:
            left = max(volume - before.get(allocation_id, 0), 0)
            over[allocation_id] = set(sorted(set(days))[left:])
        else:
            starts = {p for p, _n in periods_exceeding(days, volume, frequency)}
            over[allocation_id] = {d for d in days if _period_start(d, frequency) in starts}
    return {
        stay.id
        for stay, _g, allocation, *_rest in rows
        if allocation is not None
        and any(n in over.get(allocation.id, ()) for n in _nights_of(stay.arrival, stay.departure))
    }


def _period_start(day: date, frequency: str) -> date:
    return (
        day - timedelta(days=day.weekday())
        if frequency == VolumeFrequency.WEEK
        else day.replace(day=1)
    )


def _nights_of(arrival: date, departure: date) -> list[date]:
    return [arrival + timedelta(days=i) for i in range((departure - arrival).days)]


def _funding_warnings(
    stay: Stay, allocation: Allocation | None, contract: Contract | None
) -> list[str]:
    if allocation is None:
        return ["Geen financiering (toewijzing) gekoppeld."]
    problems = []
    if stay.arrival < allocation.start_date or (
        allocation.end_date is not None and stay.departure - _ONE_DAY > allocation.end_date
    ):
        problems.append("Het verblijf valt (deels) buiten de periode van de toewijzing.")
    if contract is not None and contract.vv_only and "VV" not in (allocation.care_profile or ""):
        problems.append(f"{contract.name} is alleen voor cliënten met een VV-zorgprofiel.")
    return problems


def _wlz_nights_per_year(
    s: Session, guest_ids: set[int], years: set[int]
) -> dict[tuple[int, int], int]:
    """Active Wlz nights per guest per calendar year, plus nights used elsewhere."""
    if not guest_ids:
        return {}
    year = (
        func.strftime("%Y", Night.day)
        if s.bind.dialect.name == "sqlite"
        else func.extract("year", Night.day)
    )  # type: ignore[union-attr]
    rows = s.execute(
        select(Stay.guest_id, year, func.count())
        .join(Night, Night.stay_id == Stay.id)
        .join(Allocation, Night.allocation_id == Allocation.id)
        .join(Funder, Allocation.funder_id == Funder.id)
        .where(
            Night.active.is_(True),
            Funder.kind == FunderKind.ZORGKANTOOR,
            Stay.guest_id.in_(guest_ids),
            Night.day >= date(min(years), 1, 1),
            Night.day < date(max(years) + 1, 1, 1),
        )
        .group_by(Stay.guest_id, year)
    ).all()
    totals = {(guest, int(y)): n for guest, y, n in rows}
    for row in s.scalars(
        select(WlzNightsElsewhere).where(
            WlzNightsElsewhere.guest_id.in_(guest_ids), WlzNightsElsewhere.year.in_(years)
        )
    ):
        key = (row.guest_id, row.year)
        totals[key] = totals.get(key, 0) + row.nights
    return totals


def _open_requests(s: Session) -> tuple[PlannerRequest, ...]:
    rows = s.execute(
        select(StayRequest, Guest)
        .join(Guest, StayRequest.guest_id == Guest.id)
        .where(StayRequest.status.in_((RequestStatus.NEW, RequestStatus.IN_PROGRESS)))
        .order_by(StayRequest.wished_arrival, StayRequest.id)
    ).all()
    return tuple(
        PlannerRequest(r.id, g.id, display_name(g.first_name, g.prefix, g.last_name),
                       r.wished_arrival, r.wished_departure, r.status, r.requester_name,
                       r.flexibility, r.notes)
        for r, g in rows
    )  # fmt: skip


_ONE_DAY = timedelta(days=1)
