"""Closing a month: check it first, then lock its nights (changes later become corrections)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.locking import hold_off_writers, take_turn
from ..db.models import Allocation, Funder, Guest, MonthClosure, Night, Stay
from ..domain.caps import wlz_years
from ..domain.dates import format_date
from ..domain.enums import FunderKind
from ..domain.funding_rules import MONTH_RULES, Rule
from ..domain.months import Month, month_to_close_problem
from ..domain.people import display_name
from ..planning.wlz_counts import wlz_year_totals
from ..services.errors import ServiceError
from ..storage.database import Database


@dataclass(frozen=True)
class MonthCheck:
    month: Month
    closed: bool
    warnings: tuple[str, ...]


def month_check(db: Database, month: Month) -> MonthCheck:
    """What staff should look at before a month is closed (Dutch, one line each)."""
    first, after = month.bounds()
    warnings: list[str] = []
    with db.session() as s:
        closed = _is_closed(s, month)
        rows = s.execute(
            select(Stay, Guest, func.count(Night.id))
            .join(Night, Night.stay_id == Stay.id)
            .join(Guest, Stay.guest_id == Guest.id)
            .where(Night.active.is_(True), Night.day >= first, Night.day < after)
            .group_by(Stay.id, Guest.id)
            .order_by(Stay.arrival)
        ).all()
        for stay, guest, nights in rows:
            name = display_name(guest.first_name, guest.prefix, guest.last_name)
            when = f"{name} ({format_date(stay.arrival)}, {nights} n.)"
            allocation = s.get(Allocation, stay.allocation_id) if stay.allocation_id else None
            if allocation is None:
                warnings.append(f"{when}: geen financiering gekoppeld.")
                continue
            funder = s.get(Funder, allocation.funder_id)
            public = funder is not None and funder.kind in (
                FunderKind.GEMEENTE,
                FunderKind.ZORGKANTOOR,
            )
            if public and not guest.bsn:
                warnings.append(f"{when}: het BSN ontbreekt.")
            if (
                funder is not None
                and funder.kind == FunderKind.GEMEENTE
                and not allocation.reference
            ):
                warnings.append(f"{when}: het toewijzingnummer ontbreekt.")
    warnings += _cap_and_volume_warnings(db, first, after)
    warnings += _reserved_bed_warnings(db, month)
    return MonthCheck(month, closed, tuple(warnings))


def _cap_and_volume_warnings(db: Database, first: date, after: date) -> list[str]:
    """The planner's funding rules (domain.funding_rules.MONTH_RULES) for the month's stays.

    The same typed findings the planner shows; the Wlz cap is counted for the month's year
    only (a stay over New Year counts in each month's own year).
    """
    from ..planning.planner_view import load_planner

    found = []
    stays = load_planner(db, first, after).stays
    with db.read() as conn:
        totals = wlz_year_totals(conn, {s.guest_id for s in stays if s.cap_text}, {first.year})
    for stay in stays:
        when = f"{stay.guest_name} ({format_date(stay.arrival)})"
        if stay.cap_text:
            count = totals.get((stay.guest_id, first.year), 0)
            [year] = wlz_years({first.year: count}, [first.year])
            if year.exceeded:
                found.append(f"{when}: {year.warning()}")
        for finding in stay.findings:
            if finding.rule in MONTH_RULES and finding.rule != Rule.WLZ_CAP:
                found.append(f"{when}: {finding.text}")
    return found


def _reserved_bed_warnings(db: Database, month: Month) -> list[str]:
    """Reserved Wmo beds whose empty days the WMO323 will not carry (no toewijzing)."""
    from ..claims.claim_lines import claim_funders, month_lines, unallocated_bed_notes

    with db.session() as s:
        try:
            lines = month_lines(s, month)
        except ServiceError:  # a missing rate: the claims page names it
            return []
        return [
            note
            for funder in claim_funders(s)
            if funder.kind == FunderKind.GEMEENTE
            for note in unallocated_bed_notes(sl.line for sl in lines.get(funder.id, []))
        ]


def close_month(db: Database, month: Month, *, by: str, now: datetime) -> MonthCheck:
    problem = month_to_close_problem(month, now.date())
    if problem is not None:
        raise ServiceError(problem)
    with db.session() as s:
        # A second PC waits, then finds it closed.
        take_turn(s, f"close-month-{month.year}-{month.month}")
        # Nights being written now go in first; later ones wait and then meet the lock
        # (the triggers of migration 0013 read the closed months afresh).
        hold_off_writers(s, "nights")
        if _is_closed(s, month):
            raise ServiceError(f"{month.label.capitalize()} is al afgesloten.")
        closed_at = now.replace(microsecond=0)
        s.add(MonthClosure(year=month.year, month=month.month, closed_at=closed_at, closed_by=by))
    return month_check(db, month)


def _is_closed(s: Session, month: Month) -> bool:
    return (
        s.scalar(
            select(MonthClosure.id).where(
                MonthClosure.year == month.year, MonthClosure.month == month.month
            )
        )
        is not None
    )


def refuse_closed_days(s: Session, days: list[date]) -> None:
    """Nights in a closed month are not edited; a change there is a correction."""
    for month in sorted({Month.of(d) for d in days}):
        if _is_closed(s, month):
            raise ServiceError(
                f"{month.label.capitalize()} is afgesloten: deze nachten kunnen niet "
                "meer worden gewijzigd. Leg een wijziging vast als correctie."
            )
