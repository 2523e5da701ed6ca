"""Wlz nights per guest per calendar year, from the database, counted by domain.caps.

The one place the stored nights are read for the 156 cap (planner, month close, claims).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

if TYPE_CHECKING:  # the planner paints before the ORM is loaded (decision 0034)
    from sqlalchemy.orm import Session

from ..db import core_tables as t
from ..domain.caps import wlz_nights_per_year
from ..domain.enums import FunderKind


def wlz_year_totals(
    conn: Connection | Session,
    guest_ids: Iterable[int],
    years: Iterable[int],
    *,
    before: date | None = None,
    without_stay: int | None = None,
) -> dict[tuple[int, int], int]:
    """{(guest, year): Wlz nights in that year} with nights used elsewhere added.

    `before` counts only nights before that day (a claim counts up to its month's end);
    `without_stay` leaves one stay out (its planned nights are counted by the caller).
    """
    guest_ids, years = set(guest_ids), set(years)
    if not guest_ids or not years:
        return {}
    st, n, a, f = t.stays, t.nights, t.allocations, t.funders
    end = date(max(years) + 1, 1, 1)
    query = (
        select(st.c.guest_id, n.c.day)
        .join_from(st, n, n.c.stay_id == st.c.id)
        .join(a, n.c.allocation_id == a.c.id)
        .join(f, a.c.funder_id == f.c.id)
        .where(
            n.c.active.is_(True),
            f.c.kind == FunderKind.ZORGKANTOOR,
            st.c.guest_id.in_(guest_ids),
            n.c.day >= date(min(years), 1, 1),
            n.c.day < (min(end, before) if before is not None else end),
        )
    )
    if without_stay is not None:
        query = query.where(st.c.id != without_stay)
    days: dict[int, list[date]] = defaultdict(list)
    for guest, day in conn.execute(query):
        days[guest].append(day)
    totals: dict[tuple[int, int], int] = {}
    for guest, nights in days.items():
        for year, count in wlz_nights_per_year(nights).items():
            if year in years:
                totals[(guest, year)] = count
    w = t.wlz_nights_elsewhere.c
    for guest, year, nights in conn.execute(
        select(w.guest_id, w.year, w.nights).where(w.guest_id.in_(guest_ids), w.year.in_(years))
    ):
        totals[(guest, year)] = totals.get((guest, year), 0) + nights
    return totals
