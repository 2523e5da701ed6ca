"""Which nights a stay occupies and which days a contract bills (DOMAIN.md section 3)."""

from __future__ import annotations

from collections import Counter
from datetime import date, time

from .dates import days_between
from .enums import CountingRule

# Under the 'arrival before 20:00' rule an evening arrival does not count as a day.
EVENING = time(20, 0)


def occupied_nights(arrival: date, departure: date) -> list[date]:
    """A night is named by its evening: arrival day up to, not including, the departure day."""
    if departure <= arrival:
        raise ValueError("departure must be after arrival")
    return days_between(arrival, departure)


def billable_days(
    arrival: date, departure: date, rule: CountingRule, arrival_time: time | None = None
) -> list[date]:
    """The days a contract pays for, by its counting rule."""
    nights = occupied_nights(arrival, departure)
    if rule is CountingRule.NIGHTS:
        return nights
    if rule is CountingRule.BOTH_DAYS:
        return [*nights, departure]
    # Calendar days: the departure day counts; the arrival day only before 20:00.
    days = [*nights, departure]
    if arrival_time is not None and arrival_time >= EVENING:
        days = days[1:]
    return days


def count_per_month(days: list[date]) -> dict[tuple[int, int], int]:
    """Days belong to the month of their date."""
    return dict(sorted(Counter((d.year, d.month) for d in days).items()))


def periods_overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Inclusive periods; an open end runs for ever."""
    a_stop = a_end or date.max
    b_stop = b_end or date.max
    return a_start <= b_stop and b_start <= a_stop
