"""The Wlz 156 cap checked before a plan is saved (issue 18).

Every way to plan (new stay, drag, resize, move, placing a request, a series, the command line)
ends in add_stay or planning.move_stay, which call `guard`. Nights that take a guest past 156
in a calendar year are saved only when the caller names who chose to go on; the choice is
written to the access log with that name. Otherwise the unit of work is rolled back by the
WlzCapWarning, which the window turns into a "Toch opslaan?" question.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy.orm import Session

from ..access.access import log_access
from ..db.models import Allocation, Funder, Guest
from ..domain.access_log import CHANGE
from ..domain.caps import WLZ_NIGHTS_PER_YEAR, WlzYear, wlz_years
from ..domain.enums import FunderKind
from ..domain.people import display_name
from ..services.errors import ServiceError
from .wlz_counts import wlz_year_totals


class WlzCapWarning(ServiceError):
    """Saving would take the guest past the Wlz cap; `years` names the count per year."""

    def __init__(self, guest_name: str, years: tuple[WlzYear, ...]) -> None:
        self.guest_name, self.years = guest_name, years
        super().__init__(
            f"Wlz-logeren: {guest_name} komt hiermee boven de {WLZ_NIGHTS_PER_YEAR} nachten per "
            f"kalenderjaar ({year_counts(years)})."
        )


def year_counts(years: Iterable[WlzYear]) -> str:
    """'2026: 157 van 156; 2027: 2 van 156'."""
    return "; ".join(f"{y.year}: {y.nights} van {WLZ_NIGHTS_PER_YEAR}" for y in years)


def is_wlz(s: Session, allocation_id: int | None) -> bool:
    if allocation_id is None:
        return False
    allocation = s.get(Allocation, allocation_id)
    funder = s.get(Funder, allocation.funder_id) if allocation is not None else None
    return funder is not None and funder.kind == FunderKind.ZORGKANTOOR


def counts(s: Session, guest_id: int, years: Iterable[int]) -> dict[int, int]:
    """{year: Wlz nights of the guest}, here and elsewhere, as the session sees them now."""
    return {y: n for (_g, y), n in wlz_year_totals(s, {guest_id}, years).items()}


def guard(
    s: Session,
    guest_id: int,
    years: Iterable[int],
    before: Mapping[int, int],
    accepted_by: str,
) -> None:
    """Refuse (or log the accepted choice) when a year grew past the cap in this unit of work."""
    years = sorted(set(years))
    after = wlz_years(counts(s, guest_id, years), years)
    grown = [y for y in after if y.exceeded and y.nights > before.get(y.year, 0)]
    if not grown:
        return
    guest = s.get(Guest, guest_id)
    name = display_name(guest.first_name, guest.prefix, guest.last_name) if guest else ""
    if not accepted_by.strip():
        raise WlzCapWarning(name, after)
    log_access(
        s,
        CHANGE,
        guest_id,
        f"Wlz-logeren boven de {WLZ_NIGHTS_PER_YEAR} nachten toch gepland, gekozen door "
        f"{accepted_by.strip()} ({year_counts(after)})",
    )
