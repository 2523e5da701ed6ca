"""Dutch public holidays (feestdagen), for the planner's calendar and the staff rota.

The list is the one staff see on a Dutch calendar: the Christian holidays around Easter and
Christmas, Koningsdag and Bevrijdingsdag (shown every year, although many employers give it
off only once every five years).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

# Two holidays can fall on one day (Hemelvaartsdag on 5 May, as in 2016); their names are joined.
_JOIN = " en "


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Meeus/Jones/Butcher algorithm)."""
    if not 1583 <= year <= 9999:
        raise ValueError("Pasen is alleen te berekenen voor de jaren 1583 tot en met 9999.")
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _kings_day(year: int) -> date:
    """27 April, moved to Saturday 26 April when the 27th is a Sunday."""
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@lru_cache(maxsize=64)
def _holidays_of_year(year: int) -> tuple[tuple[date, str], ...]:
    """The year's holidays sorted by date; a tuple so the cached value cannot be changed."""
    easter = easter_sunday(year)
    entries = [
        (date(year, 1, 1), "Nieuwjaarsdag"),
        (easter - timedelta(days=2), "Goede Vrijdag"),
        (easter, "Eerste Paasdag"),
        (easter + timedelta(days=1), "Tweede Paasdag"),
        (_kings_day(year), "Koningsdag"),
        (date(year, 5, 5), "Bevrijdingsdag"),
        (easter + timedelta(days=39), "Hemelvaartsdag"),
        (easter + timedelta(days=49), "Eerste Pinksterdag"),
        (easter + timedelta(days=50), "Tweede Pinksterdag"),
        (date(year, 12, 25), "Eerste Kerstdag"),
        (date(year, 12, 26), "Tweede Kerstdag"),
    ]
    merged: dict[date, str] = {}
    for day, name in sorted(entries, key=lambda entry: entry[0]):
        merged[day] = f"{merged[day]}{_JOIN}{name}" if day in merged else name
    return tuple(merged.items())


def dutch_holidays(year: int) -> dict[date, str]:
    """Date -> Dutch name of every public holiday in the year, in date order."""
    return dict(_holidays_of_year(year))


def holidays_between(start: date, end: date) -> dict[date, str]:
    """The holidays from start up to, not including, end (half-open, like a stay)."""
    if end <= start:
        return {}
    last = end - timedelta(days=1)
    found: dict[date, str] = {}
    for year in range(start.year, last.year + 1):
        for day, name in _holidays_of_year(year):
            if start <= day < end:
                found[day] = name
    return found
