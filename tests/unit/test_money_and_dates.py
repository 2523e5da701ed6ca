from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logeerhuis_app.domain.dates import (
    age_on,
    format_date,
    format_month,
    parse_date,
    parse_optional_date,
)
from logeerhuis_app.domain.money import format_amount, format_cents, parse_euro
from logeerhuis_app.domain.validation import InvalidValue


def test_money_is_shown_the_dutch_way():
    assert format_cents(123456) == "€\u00a01.234,56"
    assert format_cents(5) == "€\u00a00,05"
    assert format_amount(-100000) == "-1.000,00"
    assert format_amount(123456789) == "1.234.567,89"


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("1.234,56", 123456), ("1234,5", 123450), ("€ 12", 1200), ("12.50", 1250), ("-3,00", -300)],
)
def test_money_is_read_from_common_notations(typed, cents):
    assert parse_euro(typed) == cents


@pytest.mark.parametrize("typed", ["", "12,345", "1,2,3", "twaalf", "1.23.4"])
def test_unreadable_money_is_refused(typed):
    with pytest.raises(InvalidValue):
        parse_euro(typed)


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_money_round_trips(cents):
    assert parse_euro(format_amount(cents)) == cents


@pytest.mark.parametrize("typed", ["14-03-2026", "14-3-2026", "14/3/2026", "14.03.2026",
                                   "14032026", "2026-03-14"])  # fmt: skip
def test_dates_are_read_the_dutch_way(typed):
    assert parse_date(typed) == date(2026, 3, 14)


@pytest.mark.parametrize("typed", ["14-03-26", "31-02-2026", "32-01-2026", "morgen", "1-1-1850"])
def test_bad_dates_are_refused_in_dutch(typed):
    with pytest.raises(InvalidValue) as info:
        parse_date(typed)
    assert "datum" in info.value.message or "jaar" in info.value.message


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_dates_round_trip(day):
    assert parse_date(format_date(day)) == day


def test_date_helpers():
    assert parse_optional_date("  ") is None
    assert format_date(None) == ""
    assert format_month(2026, 3) == "maart 2026"
    assert age_on(date(1940, 3, 14), date(2026, 3, 13)) == 85
    assert age_on(date(1940, 3, 14), date(2026, 3, 14)) == 86
