"""Funding caps: the Wlz 156 nights a year and an allocation's volume (DOMAIN.md sections 3-4).

Nights are named by their evening (see nights.occupied_nights). A night is counted once even
when it is passed twice; the house sees only its own stays, so staff may add nights used
elsewhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .enums import VolumeFrequency

WLZ_NIGHTS_PER_YEAR = 156

_FREQUENCIES = {f.value for f in VolumeFrequency}


@dataclass(frozen=True)
class CapStatus:
    """How much of a limit is used (past nights), planned (future nights) and left."""

    limit: int
    used: int
    planned: int

    @property
    def remaining(self) -> int:
        """What is left after used and planned nights; negative when the limit is exceeded."""
        return self.limit - self.used - self.planned

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0

    def text(self) -> str:
        """'nog 14 van 156', or '3 boven de 156' when exceeded."""
        if self.exceeded:
            return f"{-self.remaining} boven de {self.limit}"
        return f"nog {self.remaining} van {self.limit}"


def _split(nights: Iterable[date], today: date) -> tuple[int, int]:
    """(nights on or before today, nights after today)."""
    used = planned = 0
    for night in nights:
        if night <= today:
            used += 1
        else:
            planned += 1
    return used, planned


def wlz_year_status(
    nights: Iterable[date],
    year: int,
    used_elsewhere: int = 0,
    today: date | None = None,
) -> CapStatus:
    """The Wlz logeeropvang cap for one calendar year.

    Nights on or before `today` count as used, later ones as planned; nights in other years are
    ignored. `used_elsewhere` (entered by staff) counts as used. `today=None` means the system
    date; pass it explicitly wherever the answer must be reproducible.
    """
    today = today if today is not None else date.today()
    in_year = {night for night in nights if night.year == year}
    used, planned = _split(in_year, today)
    return CapStatus(WLZ_NIGHTS_PER_YEAR, used + used_elsewhere, planned)


def wlz_nights_per_year(nights: Iterable[date]) -> dict[int, int]:
    """Distinct Wlz nights per calendar year: a night counts in the year of its date.

    The one counting function of the cap: planner, month close and claims all count with it,
    so a stay from 30 December to 3 January is 2 nights in each year (issue 15).
    """
    return dict(Counter(night.year for night in set(nights)))


def years_of_stay(arrival: date, departure: date) -> tuple[int, ...]:
    """The calendar years a stay has nights in (the departure day is no night)."""
    if departure <= arrival:
        return ()
    return tuple(range(arrival.year, (departure - timedelta(days=1)).year + 1))


@dataclass(frozen=True)
class WlzYear:
    """The Wlz cap of one calendar year: every night counted in it, here and elsewhere."""

    year: int
    nights: int

    @property
    def status(self) -> CapStatus:
        return CapStatus(WLZ_NIGHTS_PER_YEAR, self.nights, 0)

    @property
    def exceeded(self) -> bool:
        return self.status.exceeded

    def warning(self) -> str:
        """'Wlz-logeren: 2 boven de 156 nachten in 2026.'"""
        return f"Wlz-logeren: {self.status.text()} nachten in {self.year}."


def wlz_years(totals: Mapping[int, int], years: Iterable[int]) -> tuple[WlzYear, ...]:
    """The cap per year for `years`, from the per-year totals (nights here plus elsewhere)."""
    return tuple(WlzYear(year, totals.get(year, 0)) for year in sorted(set(years)))


def wlz_cap_text(years: Iterable[WlzYear]) -> str:
    """'nog 14 van 156' for a stay in one year; per year when it spans New Year:
    '2026: nog 0 van 156; 2027: 2 boven de 156'."""
    years = tuple(years)
    if len(years) == 1:
        return years[0].status.text()
    return "; ".join(f"{y.year}: {y.status.text()}" for y in years)


def _check_frequency(frequency: str) -> str:
    value = str(frequency)
    if value not in _FREQUENCIES:
        raise ValueError(f"unknown volume frequency: {frequency!r}")
    return value


def _period_start(night: date, frequency: str) -> date:
    """The Monday of the ISO week or the first day of the month the night falls in."""
    if frequency == VolumeFrequency.WEEK:
        return night - timedelta(days=night.weekday())
    return night.replace(day=1)


def volume_status(nights: Iterable[date], volume: int, frequency: str, on: date) -> CapStatus:
    """An allocation's volume against the nights in the ISO week or month of `on` (or all).

    Within that period, nights on or before `on` count as used and later ones as planned.
    """
    frequency = _check_frequency(frequency)
    distinct = set(nights)
    if frequency != VolumeFrequency.TOTAL:
        period = _period_start(on, frequency)
        distinct = {n for n in distinct if _period_start(n, frequency) == period}
    used, planned = _split(distinct, on)
    return CapStatus(volume, used, planned)


def periods_exceeding(
    nights: Iterable[date], volume: int, frequency: str
) -> list[tuple[date, int]]:
    """(period start, night count) for every week or month with more nights than the volume.

    Weeks are ISO weeks named by their Monday, months by their first day. For 'total' there
    is one entry, (first night, count), when the whole set exceeds the volume.
    """
    frequency = _check_frequency(frequency)
    distinct = set(nights)
    if frequency == VolumeFrequency.TOTAL:
        if len(distinct) > volume:
            return [(min(distinct), len(distinct))]
        return []
    counts = Counter(_period_start(n, frequency) for n in distinct)
    return sorted((start, count) for start, count in counts.items() if count > volume)


def nights_outside(nights: Iterable[date], start: date, end: date | None) -> list[date]:
    """Nights before `start` or after `end` (inclusive period; no end runs for ever), sorted."""
    return sorted({night for night in nights if night < start or (end is not None and night > end)})
