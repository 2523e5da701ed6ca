"""A calendar month as one value (issue 19): months no longer travel as (year, month) pairs
and their bounds are computed here only (decision 0052)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import DUTCH_MONTHS
from .validation import InvalidValue

FIRST_YEAR, LAST_YEAR = 1900, 2200  # the same sane range parse_date accepts


@dataclass(frozen=True, order=True)
class Month:
    """One calendar month; ordered by time, so `Month(2025, 12) < Month(2026, 1)`."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise InvalidValue(f"Een maand loopt van 1 tot en met 12 (niet {self.month}).")
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise InvalidValue(f"Vul een jaar in tussen {FIRST_YEAR} en {LAST_YEAR}.")

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """'2026-03' (JJJJ-MM), the form the command line and file names use."""
        raw = (text or "").strip()
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", raw) if raw.isascii() else None
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise InvalidValue(f"Geef de maand als JJJJ-MM, bijvoorbeeld 2026-03 (niet {text!r}).")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def after(self) -> date:
        """The first day of the next month (the half-open end)."""
        return self.last + timedelta(days=1)

    def bounds(self) -> tuple[date, date]:
        """First day and first day of the next month (half-open)."""
        return self.first, self.after

    def contains(self, day: date) -> bool:
        return (day.year, day.month) == (self.year, self.month)

    def days(self) -> Iterator[date]:
        day = self.first
        while day.month == self.month:
            yield day
            day += timedelta(days=1)

    def next(self) -> Month:
        return Month.of(self.after)

    def previous(self) -> Month:
        return Month.of(self.first - timedelta(days=1))

    @property
    def label(self) -> str:
        """Dutch, as staff read it: 'maart 2026' (format_month)."""
        return f"{DUTCH_MONTHS[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


OLDEST_MONTH_YEARS = 10  # a month to close longer ago than this is a typing error


def month_to_close_problem(month: Month, today: date) -> str | None:
    """Why this month cannot be closed today (Dutch), or None: a month is closed once it has
    begun (mostly once it is over), never one still to come or one from long ago."""
    name = month.label
    if month > Month.of(today):
        return f"De maand {name} ligt in de toekomst; een maand sluit u af als hij voorbij is."
    if (month.year, month.month) < (today.year - OLDEST_MONTH_YEARS, today.month):
        return (
            f"De maand {name} ligt meer dan {OLDEST_MONTH_YEARS} jaar geleden; controleer het "
            "jaar (JJJJ-MM)."
        )
    return None
