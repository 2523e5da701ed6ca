"""Pricing by contract with plain values and properties."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logeerhuis_app.domain.enums import CountingRule, TariffModel
from logeerhuis_app.domain.months import Month
from logeerhuis_app.domain.nights import billable_days
from logeerhuis_app.domain.pricing import (
    MissingRate,
    credit_lines,
    due_date,
    invoice_number,
    parse_invoice_number,
    payment_status,
    price_fixed_month,
    price_housing_days,
    price_reserved_days,
    price_stay_month,
    total,
)
from logeerhuis_app.domain.rates import RatePeriod

RATES = [
    RatePeriod(date(2024, 1, 1), date(2025, 12, 31), 12500, 4000, 8500),
    RatePeriod(date(2026, 1, 1), None, 12900, 4200, 8700),
]
NIGHTS, SPLIT = TariffModel.PER_NIGHT, TariffModel.SPLIT_DAY


def _month_range(start: date, end: date):
    month = Month.of(start)
    while month <= Month.of(end):
        yield month
        month = month.next()


def test_the_domain_examples():
    fri, mon = date(2026, 4, 10), date(2026, 4, 13)
    [line] = price_stay_month(NIGHTS, CountingRule.NIGHTS, RATES, fri, mon, Month(2026, 4))
    assert (line.quantity, line.amount_cents, line.description) == (
        3,
        38700,
        "3 nachten à €\u00a0129,00",
    )
    jan = price_stay_month(
        NIGHTS, CountingRule.NIGHTS, RATES, date(2026, 1, 30), date(2026, 2, 2), Month(2026, 1)
    )
    feb = price_stay_month(
        NIGHTS, CountingRule.NIGHTS, RATES, date(2026, 1, 30), date(2026, 2, 2), Month(2026, 2)
    )
    assert [x.quantity for x in jan] == [2] and [x.quantity for x in feb] == [1]


def test_a_tariff_change_splits_the_line_exactly():
    lines = price_stay_month(
        NIGHTS, CountingRule.NIGHTS, RATES, date(2025, 12, 30), date(2026, 1, 3), Month(2025, 12)
    )
    assert [(x.day_from, x.day_to, x.unit_cents) for x in lines] == [
        (date(2025, 12, 30), date(2025, 12, 31), 12500)
    ]
    lines = price_stay_month(
        NIGHTS, CountingRule.NIGHTS, RATES, date(2025, 12, 30), date(2026, 1, 3), Month(2026, 1)
    )
    assert [(x.quantity, x.unit_cents) for x in lines] == [(2, 12900)]


def test_counting_rules_and_split_tariffs():
    arrive, leave = date(2026, 3, 13), date(2026, 3, 15)
    both = price_stay_month(NIGHTS, CountingRule.BOTH_DAYS, RATES, arrive, leave, Month(2026, 3))
    assert sum(x.quantity for x in both) == 3
    late = price_stay_month(
        NIGHTS, CountingRule.ARRIVAL_BEFORE_20, RATES, arrive, leave, Month(2026, 3), time(21)
    )
    assert sum(x.quantity for x in late) == 2
    [stay_part] = price_stay_month(SPLIT, CountingRule.NIGHTS, RATES, arrive, leave, Month(2026, 3))
    assert (stay_part.unit_cents, stay_part.amount_cents) == (8700, 17400)
    housing = price_housing_days(RATES, date(2026, 1, 1), None, Month(2026, 2))
    assert [(x.kind, x.quantity, x.unit_cents) for x in housing] == [("huisvesting", 28, 4200)]
    reserved = price_reserved_days(RATES, date(2026, 2, 20), date(2026, 3, 10), Month(2026, 2))
    assert [(x.kind, x.quantity) for x in reserved] == [("gereserveerd", 9)]
    [fixed] = price_fixed_month(RATES, Month(2026, 2))
    assert (fixed.quantity, fixed.amount_cents) == (1, 12900)
    assert (
        price_stay_month(
            TariffModel.RESERVED_BED, CountingRule.NIGHTS, RATES, arrive, leave, Month(2026, 3)
        )
        == []
    )


def test_a_day_without_a_rate_is_refused_in_dutch():
    with pytest.raises(MissingRate, match="Er is geen tarief voor 31-12-2023"):
        price_stay_month(
            NIGHTS,
            CountingRule.NIGHTS,
            RATES,
            date(2023, 12, 31),
            date(2024, 1, 2),
            Month(2023, 12),
        )


@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 6, 1)),
    st.integers(1, 120),
    st.sampled_from(list(CountingRule)),
)
def test_nights_per_month_add_up_to_the_stay(arrival, length, rule):
    departure = arrival + timedelta(days=length)
    lines = [
        line
        for month in _month_range(arrival, departure)
        for line in price_stay_month(NIGHTS, rule, RATES, arrival, departure, month)
    ]
    assert sum(x.quantity for x in lines) == len(billable_days(arrival, departure, rule))
    assert total(lines) == sum(x.quantity * x.unit_cents for x in lines)
    assert total(lines) + total(credit_lines(lines)) == 0
    for line in lines:  # each line lies within one rate period
        assert line.unit_cents == (12500 if line.day_to < date(2026, 1, 1) else 12900)
        assert (line.day_from < date(2026, 1, 1)) == (line.day_to < date(2026, 1, 1))


def test_numbers_due_dates_and_status():
    assert invoice_number(2026, 1) == "2026-0001"
    assert invoice_number(2026, 12345) == "2026-12345"
    assert parse_invoice_number("2026-0042") == (2026, 42)
    with pytest.raises(ValueError):
        parse_invoice_number("26-1")
    assert due_date(date(2026, 2, 2), 14) == date(2026, 2, 16)
    due, before, after = date(2026, 2, 16), date(2026, 2, 10), date(2026, 2, 20)
    assert payment_status(10000, 0, 0, due, before) == "open"
    assert payment_status(10000, 2500, 0, due, before) == "deels betaald"
    assert payment_status(10000, 2500, 0, due, after) == "vervallen"
    assert payment_status(10000, 0, 0, due, after) == "vervallen"
    assert payment_status(10000, 10000, 0, due, after) == "betaald"
    assert payment_status(10000, 0, 10000, due, after) == "betaald"
