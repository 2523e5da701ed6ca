"""Dates the Dutch way: shown as dd-mm-jjjj, typed in several common forms."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .validation import InvalidValue

DUTCH_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
DUTCH_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
DUTCH_WEEKDAYS_SHORT = ("ma", "di", "wo", "do", "vr", "za", "zo")

_MESSAGE = "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 14-03-2026."


def format_date(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def format_month(year: int, month: int) -> str:
    return f"{DUTCH_MONTHS[month - 1]} {year}"


def format_long_date(value: date) -> str:
    weekday = DUTCH_WEEKDAYS[value.weekday()]
    return f"{weekday} {value.day} {DUTCH_MONTHS[value.month - 1]} {value.year}"


def parse_date(text: str) -> date:
    """Accept 14-03-2026, 14-3-2026, 14/3/2026, 14.3.2026, 14032026 and 2026-03-14."""
    raw = (text or "").strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    if iso:
        year, month, day = (int(p) for p in iso.groups())
    else:
        parts = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", raw)
        compact = re.fullmatch(r"(\d{2})(\d{2})(\d{4})", raw)
        match = parts or compact
        if not match:
            raise InvalidValue(_MESSAGE)
        day, month, year = (int(p) for p in match.groups())
    if not 1900 <= year <= 2200:
        raise InvalidValue("Vul een jaar in tussen 1900 en 2200.")
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidValue(f"Deze datum bestaat niet: {raw}.") from None


def parse_optional_date(text: str) -> date | None:
    return None if not (text or "").strip() else parse_date(text)


def age_on(birth: date, on: date) -> int:
    """Age in whole years on a day (a 29 February birthday counts from 1 March)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def days_between(start: date, end: date) -> list[date]:
    """Every day from start up to but not including end."""
    return [start + timedelta(days=i) for i in range((end - start).days)]
