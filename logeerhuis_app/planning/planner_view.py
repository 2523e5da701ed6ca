"""What the planner shows for a period, as plain data: beds down, stays across, warnings.

One call, a handful of queries, no per-stay query: the grid repaints from this data only.
Read with SQLAlchemy Core, only the columns shown, so that the start paints the planner
before the ORM is loaded (decision 0034).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Row, func, select

from ..db import core_tables as t
from ..domain.caps import periods_exceeding, wlz_cap_text, wlz_years, years_of_stay
from ..domain.enums import FunderKind, RequestStatus, StayStatus, VolumeFrequency
from ..domain.funding_rules import Finding, Rule, pgb_payer_finding, vv_only_finding
from ..domain.people import display_name
from ..domain.planning import room_need_warnings
from ..intake.intake_reading import intake_labels
from ..storage.database import Database
from .wlz_counts import wlz_year_totals

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
    findings: tuple[Finding, ...] = ()  # the funding warnings, typed (month close reads these)

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
    funder_kind: str = ""
    # The municipality's toewijzing for the bed (decision 0033); "" when it gave none.
    allocation_reference: str = ""
    allocation_guest_name: str = ""


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
    with db.read() as conn:
        beds = _beds(conn)
        stays = _stays(conn, start, end, include_cancelled)
        rc = t.room_closures.c
        closures = tuple(
            PlannerClosure(c.id, c.room_id, c.start_date, c.end_date, c.reason)
            for c in conn.execute(
                select(rc.id, rc.room_id, rc.start_date, rc.end_date, rc.reason).where(
                    rc.start_date < end, rc.end_date > start
                )
            )
        )
        reservations = _reservations(conn, start, end)
        return PlannerView(start, end, beds, stays, closures, _open_requests(conn), reservations)


def _reservations(conn: Connection, start: date, end: date) -> tuple[PlannerReservation, ...]:
    br, ct, fu, gu = t.bed_reservations, t.contracts, t.funders, t.guests
    rows = conn.execute(
        select(br.c.bed_id, br.c.start_date, br.c.end_date, fu.c.name, fu.c.kind,
               br.c.allocation_reference, gu.c.first_name, gu.c.prefix, gu.c.last_name)
        .join(ct, br.c.contract_id == ct.c.id)
        .join(fu, ct.c.funder_id == fu.c.id)
        .outerjoin(gu, br.c.allocation_guest_id == gu.c.id)
        .where(br.c.start_date < end, br.c.end_date > start)
    )  # fmt: skip
    found = []
    for r in rows:
        named = r.last_name is not None  # the client still exists
        found.append(
            PlannerReservation(
                r.bed_id, r.start_date, r.end_date, r.name, r.kind,
                r.allocation_reference if named else "",
                display_name(r.first_name, r.prefix, r.last_name) if named else "",
            )
        )  # fmt: skip
    return tuple(found)


def _beds(conn: Connection) -> tuple[PlannerBed, ...]:
    b, r = t.beds.c, t.rooms.c
    rows = conn.execute(
        select(b.id, b.room_id, b.number, r.name, r.has_hoist, r.ground_floor,
               r.wheelchair_accessible)
        .join_from(t.beds, t.rooms, b.room_id == r.id)
        .where(b.active.is_(True), r.active.is_(True))
        .order_by(r.sort_order, r.name, b.number)
    ).all()  # fmt: skip
    per_room: dict[int, int] = defaultdict(int)
    for row in rows:
        per_room[row.room_id] += 1
    return tuple(
        PlannerBed(row.id, row.room_id, row.name, row.number, per_room[row.room_id],
                   row.has_hoist, row.ground_floor, row.wheelchair_accessible)
        for row in rows
    )  # fmt: skip


def _stays(
    conn: Connection, start: date, end: date, include_cancelled: bool
) -> tuple[PlannerStay, ...]:
    """One row per stay: the stay, its guest's needs, its room, and its funding (allocation,
    funder, contract; None where the stay has none)."""
    st, g, r, a, f, c = t.stays, t.guests, t.rooms, t.allocations, t.funders, t.contracts
    query = (
        select(
            st.c.id, st.c.guest_id, st.c.room_id, st.c.bed_id, st.c.allocation_id, st.c.arrival,
            st.c.departure, st.c.status, st.c.series_id, st.c.notes, st.c.version,
            g.c.first_name, g.c.prefix, g.c.last_name, g.c.needs_hoist, g.c.needs_ground_floor,
            g.c.needs_wheelchair_access,
            r.c.has_hoist, r.c.ground_floor, r.c.wheelchair_accessible,
            a.c.start_date.label("allocation_start"), a.c.end_date.label("allocation_end"),
            a.c.volume, a.c.volume_frequency, a.c.care_profile, a.c.kind.label("allocation_kind"),
            f.c.name.label("funder_name"), f.c.kind.label("funder_kind"),
            c.c.name.label("contract_name"), c.c.vv_only, c.c.product_code,
        )
        .join_from(st, g, st.c.guest_id == g.c.id)
        .join(r, st.c.room_id == r.c.id)
        .outerjoin(a, st.c.allocation_id == a.c.id)
        .outerjoin(f, a.c.funder_id == f.c.id)
        .outerjoin(c, a.c.contract_id == c.c.id)
        .where(st.c.arrival < end, st.c.departure > start)
        .order_by(st.c.arrival, st.c.id)
    )  # fmt: skip
    if not include_cancelled:
        query = query.where(st.c.status != StayStatus.CANCELLED)
    rows = conn.execute(query).all()
    wlz = [row for row in rows if row.funder_kind == FunderKind.ZORGKANTOOR]
    over_volume = _stays_over_volume(conn, rows, start, end)
    used = wlz_year_totals(
        conn,
        {row.guest_id for row in wlz},
        {y for row in wlz for y in years_of_stay(row.arrival, row.departure)},
    )
    intakes = intake_labels(conn, [row for row in rows if row.status in _INTAKE_STATUSES])
    result = []
    for row in rows:
        warnings = room_need_warnings(row.needs_hoist, row.needs_ground_floor,
                                      row.needs_wheelchair_access, row.has_hoist,
                                      row.ground_floor, row.wheelchair_accessible)  # fmt: skip
        findings = _funding_findings(row)
        if row.allocation_id is not None and row.id in over_volume:
            label = VolumeFrequency(row.volume_frequency).label
            findings.append(
                Finding(
                    Rule.VOLUME, f"Meer nachten dan de toewijzing toestaat ({row.volume} {label})."
                )
            )
        cap_text = ""
        if row.funder_kind == FunderKind.ZORGKANTOOR:
            # Each night counts in its own calendar year (a stay over New Year in both).
            totals = {y: n for (g, y), n in used.items() if g == row.guest_id}
            years = wlz_years(totals, years_of_stay(row.arrival, row.departure))
            cap_text = wlz_cap_text(years)
            findings += [Finding(Rule.WLZ_CAP, y.warning()) for y in years if y.exceeded]
        warnings += [finding.text for finding in findings]
        result.append(
            PlannerStay(
                id=row.id, guest_id=row.guest_id,
                guest_name=display_name(row.first_name, row.prefix, row.last_name),
                room_id=row.room_id, bed_id=row.bed_id, arrival=row.arrival,
                departure=row.departure, status=row.status, series_id=row.series_id,
                funder_name=row.funder_name if row.funder_name is not None else "",
                notes=row.notes, warnings=tuple(warnings), cap_text=cap_text,
                version=row.version, intake=intakes.get(row.id, ("", ""))[0],
                intake_summary=intakes.get(row.id, ("", ""))[1], findings=tuple(findings),
            )
        )  # fmt: skip
    return tuple(result)


def _stays_over_volume(
    conn: Connection, rows: Sequence[Row[*tuple[Any, ...]]], start: date, end: date
) -> set[int]:
    """Ids of stays with a night past their allocation's volume (per week, month or total).

    Only the periods that touch the view are read, so the cost does not grow with the years.
    """
    limited = {
        row.allocation_id: (row.volume, row.volume_frequency)
        for row in rows
        if row.allocation_id is not None and row.volume
    }
    if not limited:
        return set()
    # Whole weeks and months around the view; for 'total' also the nights before it.
    lo = min(start - timedelta(days=start.weekday()), start.replace(day=1))
    hi = end + timedelta(days=31)
    n = t.nights.c
    nights: dict[int, list[date]] = defaultdict(list)
    query = select(n.allocation_id, n.day).where(
        n.active.is_(True), n.allocation_id.in_(limited), n.day >= lo, n.day < hi
    )
    for allocation_id, day in conn.execute(query):
        nights[allocation_id].append(day)
    totals = [a_id for a_id, (_v, freq) in limited.items() if freq == VolumeFrequency.TOTAL]
    before: dict[int, int] = {}
    if totals:
        before = dict(
            conn.execute(
                select(n.allocation_id, func.count())
                .where(n.active.is_(True), n.allocation_id.in_(totals), n.day < lo)
                .group_by(n.allocation_id)
            ).all()
        )
    over: dict[int, set[date]] = {}
    for allocation_id, days in nights.items():
        volume, frequency = limited[allocation_id]
        if frequency == VolumeFrequency.TOTAL:
            left = max(volume - before.get(allocation_id, 0), 0)
            over[allocation_id] = set(sorted(set(days))[left:])
        else:
            starts = {p for p, _n in periods_exceeding(days, volume, frequency)}
            over[allocation_id] = {d for d in days if _period_start(d, frequency) in starts}
    return {
        row.id
        for row in rows
        if row.allocation_id is not None
        and not over.get(row.allocation_id, set()).isdisjoint(
            _nights_of(row.arrival, row.departure)
        )
    }


def _period_start(day: date, frequency: str) -> date:
    return (
        day - timedelta(days=day.weekday())
        if frequency == VolumeFrequency.WEEK
        else day.replace(day=1)
    )


def _nights_of(arrival: date, departure: date) -> list[date]:
    return [arrival + timedelta(days=i) for i in range((departure - arrival).days)]


def _funding_findings(row: Row) -> list[Finding]:
    """The stay's funding problems; `row` is one of _stays' rows."""
    if row.allocation_id is None:
        return [Finding(Rule.NO_FUNDING, "Geen financiering (toewijzing) gekoppeld.")]
    problems = []
    if row.arrival < row.allocation_start or (
        row.allocation_end is not None and row.departure - _ONE_DAY > row.allocation_end
    ):
        problems.append(
            Finding(
                Rule.OUTSIDE_PERIOD,
                "Het verblijf valt (deels) buiten de periode van de toewijzing.",
            )
        )
    if row.contract_name is not None:
        vv = vv_only_finding(row.contract_name, row.product_code, row.vv_only, row.care_profile)
        problems += [vv] if vv else []
    pgb = pgb_payer_finding(row.allocation_kind, row.funder_kind)
    problems += [pgb] if pgb else []
    return problems


def _open_requests(conn: Connection) -> tuple[PlannerRequest, ...]:
    rq, g = t.requests.c, t.guests.c
    rows = conn.execute(
        select(rq.id, rq.guest_id, g.first_name, g.prefix, g.last_name, rq.wished_arrival,
               rq.wished_departure, rq.status, rq.requester_name, rq.flexibility, rq.notes)
        .join_from(t.requests, t.guests, rq.guest_id == g.id)
        .where(rq.status.in_((RequestStatus.NEW, RequestStatus.IN_PROGRESS)))
        .order_by(rq.wished_arrival, rq.id)
    ).all()  # fmt: skip
    return tuple(
        PlannerRequest(r.id, r.guest_id, display_name(r.first_name, r.prefix, r.last_name),
                       r.wished_arrival, r.wished_departure, r.status, r.requester_name,
                       r.flexibility, r.notes)
        for r in rows
    )  # fmt: skip


_ONE_DAY = timedelta(days=1)
