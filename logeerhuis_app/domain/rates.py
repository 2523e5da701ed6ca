"""Rate periods of a contract: which amount applies on a date, and whether the periods fit."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

from .dates import format_date
from .enums import TariffModel
from .nights import periods_overlap


@dataclass(frozen=True)
class RatePeriod:
    valid_from: date
    valid_to: date | None
    amount_cents: int
    housing_cents: int = 0
    stay_cents: int = 0

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def rate_on(periods: list[RatePeriod], day: date) -> RatePeriod | None:
    return next((p for p in periods if p.covers(day)), None)


def validate_rate_periods(model: TariffModel, periods: list[RatePeriod]) -> list[str]:
    """Dutch problems with a list of rate periods; empty when they are usable."""
    problems: list[str] = []
    for p in periods:
        where = f"De tariefperiode vanaf {format_date(p.valid_from)}"
        if p.valid_to is not None and p.valid_to < p.valid_from:
            problems.append(f"{where} eindigt vóór ze begint.")
        if min(p.amount_cents, p.housing_cents, p.stay_cents) < 0:
            problems.append(f"{where} heeft een negatief bedrag.")
        if model is TariffModel.SPLIT_DAY:
            if p.housing_cents <= 0 and p.stay_cents <= 0:
                problems.append(f"{where} heeft geen woon- en verblijfsdeel.")
        elif p.amount_cents <= 0:
            problems.append(f"{where} heeft geen bedrag.")
    ordered = sorted(periods, key=lambda p: p.valid_from)
    for first, second in itertools.pairwise(ordered):
        if periods_overlap(first.valid_from, first.valid_to, second.valid_from, second.valid_to):
            problems.append(
                f"De tariefperioden vanaf {format_date(first.valid_from)} en vanaf "
                f"{format_date(second.valid_from)} overlappen."
            )
    return problems
