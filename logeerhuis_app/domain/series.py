"""Weekly recurring stays (structureel logeren): a fixed pattern, e.g. every Tuesday to Thursday.

DOMAIN.md: structural stays are at most 3 nights a week (the Wlz logeeropvang of 156 a year).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .dates import DUTCH_WEEKDAYS, format_date
from .validation import InvalidValue

MAX_NIGHTS_PER_WEEK = 3
MAX_OCCURRENCES = 260  # five years of weekly stays
MAX_PATTERN_NIGHTS = 6  # a seventh night would run into next week's arrival

_WEEKDAY_MESSAGE = "Kies een aankomstdag van maandag tot en met zondag."
_NIGHTS_MESSAGE = f"Een wekelijks verblijf duurt 1 tot en met {MAX_PATTERN_NIGHTS} nachten."
_CAP_MESSAGE = f"Structureel logeren is hoogstens {MAX_NIGHTS_PER_WEEK} nachten per week."
_WEEKS_MESSAGE = f"Het aantal weken moet tussen 1 en {MAX_OCCURRENCES} liggen."


@dataclass(frozen=True)
class WeeklyPattern:
    """Arrive every week on `arrival_weekday` (0 = Monday) and stay `nights` nights."""

    arrival_weekday: int
    nights: int

    def validate(self) -> list[str]:
        """Dutch problems with the pattern itself; empty when it can be expanded."""
        problems: list[str] = []
        if not isinstance(self.arrival_weekday, int) or not 0 <= self.arrival_weekday <= 6:
            problems.append(_WEEKDAY_MESSAGE)
        if not isinstance(self.nights, int) or not 1 <= self.nights <= MAX_PATTERN_NIGHTS:
            problems.append(_NIGHTS_MESSAGE)
        return problems

    @property
    def weekday_name(self) -> str:
        return DUTCH_WEEKDAYS[self.arrival_weekday]


def first_arrival(pattern: WeeklyPattern, start: date) -> date:
    """The first day on or after start that falls on the pattern's weekday."""
    return start + timedelta(days=(pattern.arrival_weekday - start.weekday()) % 7)


def expand_series(
    pattern: WeeklyPattern,
    start: date,
    end: date | None = None,
    weeks: int | None = None,
) -> list[tuple[date, date]]:
    """(arrival, departure) of every stay in the series.

    The series runs until an arrival would fall after `end` (inclusive), or for `weeks`
    occurrences; exactly one of the two must be given. Never more than MAX_OCCURRENCES.
    """
    problems = pattern.validate()
    if problems:
        raise InvalidValue(problems[0])
    if (end is None) == (weeks is None):
        raise InvalidValue("Vul een einddatum óf een aantal weken in.")
    if weeks is not None and weeks < 1:
        raise InvalidValue(_WEEKS_MESSAGE)
    count = min(weeks, MAX_OCCURRENCES) if weeks is not None else MAX_OCCURRENCES
    length = timedelta(days=pattern.nights)
    arrival = first_arrival(pattern, start)
    stays: list[tuple[date, date]] = []
    while len(stays) < count and (end is None or arrival <= end):
        stays.append((arrival, arrival + length))
        arrival += timedelta(days=7)
    return stays


def validate_series(
    pattern: WeeklyPattern,
    start: date | None,
    end: date | None,
    weeks: int | None,
) -> dict[str, str]:
    """Field name -> Dutch message for everything wrong with a planned series; empty if fine.

    Field names: arrival_weekday, nights, start, end, weeks.
    """
    errors: dict[str, str] = {}
    if not isinstance(pattern.arrival_weekday, int) or not 0 <= pattern.arrival_weekday <= 6:
        errors["arrival_weekday"] = _WEEKDAY_MESSAGE
    if not isinstance(pattern.nights, int) or pattern.nights < 1:
        errors["nights"] = "Een verblijf duurt minstens één nacht."
    elif pattern.nights > MAX_NIGHTS_PER_WEEK:
        errors["nights"] = _CAP_MESSAGE
    if start is None:
        errors["start"] = "Vul een begindatum in."
    if end is None and weeks is None:
        errors["end"] = "Vul een einddatum of een aantal weken in."
    elif end is not None and weeks is not None:
        errors["weeks"] = "Vul een einddatum óf een aantal weken in, niet allebei."
    elif weeks is not None and not 1 <= weeks <= MAX_OCCURRENCES:
        errors["weeks"] = _WEEKS_MESSAGE
    elif end is not None and start is not None:
        if end < start:
            errors["end"] = "De einddatum ligt voor de begindatum."
        elif "arrival_weekday" not in errors:
            _check_end(pattern, start, end, errors)
    return errors


def _check_end(pattern: WeeklyPattern, start: date, end: date, errors: dict[str, str]) -> None:
    """An end date must leave room for at least one, and at most MAX_OCCURRENCES, arrivals."""
    first = first_arrival(pattern, start)
    if first > end:
        errors["end"] = (
            f"Tussen {format_date(start)} en {format_date(end)} valt geen {pattern.weekday_name}."
        )
    elif (end - first).days // 7 + 1 > MAX_OCCURRENCES:
        errors["end"] = (
            f"Een reeks heeft hoogstens {MAX_OCCURRENCES} verblijven; kies een eerdere einddatum."
        )
