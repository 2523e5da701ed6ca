"""Pricing a month's nights per tariff model and counting rule (DOMAIN.md sections 3 and 4)."""

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
    PricedLine,
    price_fixed_month,
    price_housing_days,
    price_reserved_days,
    price_stay_month,
    total,
)
from logeerhuis_app.domain.rates import RatePeriod, rate_on
from tests.unit.pricing_support import (
    PER_NIGHT,
    RATES,
    SPLIT,
    changing_rates,
    lengths,
    rules,
    stay_dates,
)

NBSP = "\u00a0"


def months(start: date, end: date) -> list[Month]:
    """Every month from start's month to end's month, inclusive."""
    out = [Month.of(start)]
    while out[-1] < Month.of(end):
        out.append(out[-1].next())
    return out


def stay_lines(model, rule, rates, arrival, departure, arrival_time=None) -> list[PricedLine]:
    return [
        line
        for month in months(arrival, departure)
        for line in price_stay_month(model, rule, rates, arrival, departure, month, arrival_time)
    ]


def covered_days(lines: list[PricedLine]) -> list[date]:
    return [
        line.day_from + timedelta(days=i)
        for line in lines
        for i in range((line.day_to - line.day_from).days + 1)
    ]


# --- plain values ---------------------------------------------------------------------------


def test_friday_to_monday_is_three_etmalen():
    [line] = price_stay_month(
        PER_NIGHT, CountingRule.NIGHTS, RATES, date(2026, 4, 10), date(2026, 4, 13), Month(2026, 4)
    )
    assert line == PricedLine(
        date(2026, 4, 10),
        date(2026, 4, 12),
        "verblijf",
        3,
        14820,
        44460,
        f"3 nachten à €{NBSP}148,20",
    )


def test_a_stay_over_a_month_end_belongs_to_both_months():
    arrival, departure = date(2026, 1, 30), date(2026, 2, 2)
    jan = price_stay_month(
        PER_NIGHT, CountingRule.NIGHTS, RATES, arrival, departure, Month(2026, 1)
    )
    feb = price_stay_month(
        PER_NIGHT, CountingRule.NIGHTS, RATES, arrival, departure, Month(2026, 2)
    )
    mar = price_stay_month(
        PER_NIGHT, CountingRule.NIGHTS, RATES, arrival, departure, Month(2026, 3)
    )
    assert [(x.day_from, x.day_to, x.quantity) for x in jan] == [
        (date(2026, 1, 30), date(2026, 1, 31), 2)
    ]
    assert [(x.day_from, x.quantity, x.description) for x in feb] == [
        (date(2026, 2, 1), 1, f"1 nacht à €{NBSP}148,20")
    ]
    assert mar == []


@pytest.mark.parametrize(
    ("rule", "arrival_time", "expected"),
    [
        (CountingRule.NIGHTS, None, [13, 14]),
        (CountingRule.NIGHTS, time(22), [13, 14]),
        (CountingRule.ARRIVAL_BEFORE_20, time(19, 59), [13, 14, 15]),
        (CountingRule.ARRIVAL_BEFORE_20, None, [13, 14, 15]),
        (CountingRule.ARRIVAL_BEFORE_20, time(20), [14, 15]),
        (CountingRule.ARRIVAL_BEFORE_20, time(21, 30), [14, 15]),
        (CountingRule.BOTH_DAYS, time(23), [13, 14, 15]),
    ],
)
def test_counting_rules(rule, arrival_time, expected):
    lines = price_stay_month(
        PER_NIGHT, rule, RATES, date(2026, 3, 13), date(2026, 3, 15), Month(2026, 3), arrival_time
    )
    assert [d.day for d in covered_days(lines)] == expected
    assert total(lines) == len(expected) * 14820


def test_split_day_prices_the_stay_part_per_night_and_housing_per_contract_day():
    [stay] = price_stay_month(
        SPLIT, CountingRule.NIGHTS, RATES, date(2026, 3, 13), date(2026, 3, 15), Month(2026, 3)
    )
    assert (stay.kind, stay.quantity, stay.unit_cents, stay.amount_cents) == (
        "verblijf",
        2,
        9620,
        19240,
    )
    # A contract from 10 February: 19 days of February; one ending 5 March: 5 days of March.
    [feb] = price_housing_days(RATES, date(2026, 2, 10), None, Month(2026, 2))
    assert (feb.kind, feb.day_from, feb.day_to, feb.quantity, feb.unit_cents) == (
        "huisvesting",
        date(2026, 2, 10),
        date(2026, 2, 28),
        19,
        5200,
    )
    assert feb.description == f"huisvesting, 19 dagen à €{NBSP}52,00"
    [mar] = price_housing_days(RATES, date(2026, 2, 10), date(2026, 3, 5), Month(2026, 3))
    assert (mar.day_to, mar.quantity, mar.amount_cents) == (date(2026, 3, 5), 5, 26000)
    assert price_housing_days(RATES, date(2026, 2, 10), date(2026, 3, 5), Month(2026, 4)) == []
    assert price_housing_days(RATES, date(2026, 5, 1), None, Month(2026, 4)) == []


def test_housing_splits_at_the_tariff_change():
    lines = price_housing_days(RATES, date(2025, 6, 1), None, Month(2025, 12))
    assert [(x.quantity, x.unit_cents) for x in lines] == [(31, 5000)]
    lines = price_housing_days(RATES, date(2025, 12, 20), date(2026, 1, 10), Month(2026, 1))
    assert [(x.day_from, x.day_to, x.unit_cents) for x in lines] == [
        (date(2026, 1, 1), date(2026, 1, 10), 5200)
    ]


def test_reserved_bed_is_paid_every_day_in_the_month_and_not_per_stay():
    lines = price_reserved_days(RATES, date(2025, 12, 20), date(2026, 1, 4), Month(2025, 12))
    assert [(x.kind, x.day_from, x.day_to, x.quantity, x.unit_cents) for x in lines] == [
        ("gereserveerd", date(2025, 12, 20), date(2025, 12, 31), 12, 14335)
    ]
    [jan] = price_reserved_days(RATES, date(2025, 12, 20), date(2026, 1, 4), Month(2026, 1))
    assert (jan.day_to, jan.quantity) == (date(2026, 1, 3), 3)  # end is exclusive
    assert jan.description == f"gereserveerd bed, 3 dagen à €{NBSP}148,20"
    assert price_reserved_days(RATES, date(2026, 1, 5), date(2026, 1, 5), Month(2026, 1)) == []
    for model in (TariffModel.RESERVED_BED, TariffModel.FIXED_PERIOD):
        assert (
            price_stay_month(
                model,
                CountingRule.NIGHTS,
                RATES,
                date(2026, 1, 5),
                date(2026, 1, 9),
                Month(2026, 1),
            )
            == []
        )


def test_fixed_period_is_one_line_per_month_at_the_first_days_rate():
    [line] = price_fixed_month(RATES, Month(2026, 2))
    assert line == PricedLine(
        date(2026, 2, 1),
        date(2026, 2, 28),
        "vast bedrag",
        1,
        14820,
        14820,
        f"1 maand à €{NBSP}148,20",
    )
    # A change in the middle of the month does not split a fixed sum.
    mid = [RatePeriod(date(2026, 1, 1), date(2026, 3, 14), 300000), RATES[1]]
    [march] = price_fixed_month(mid, Month(2026, 3))
    assert (march.amount_cents, march.day_to) == (300000, date(2026, 3, 31))


def test_a_tariff_change_inside_a_month_splits_the_line_at_the_boundary():
    rates = [
        RatePeriod(date(2026, 1, 1), date(2026, 3, 14), 14000),
        RatePeriod(date(2026, 3, 15), None, 15000),
    ]
    lines = price_stay_month(
        PER_NIGHT, CountingRule.NIGHTS, rates, date(2026, 3, 10), date(2026, 3, 20), Month(2026, 3)
    )
    assert [(x.day_from, x.day_to, x.quantity, x.unit_cents, x.amount_cents) for x in lines] == [
        (date(2026, 3, 10), date(2026, 3, 14), 5, 14000, 70000),
        (date(2026, 3, 15), date(2026, 3, 19), 5, 15000, 75000),
    ]
    assert total(lines) == 145000
    # Two periods with the same price still make one line.
    same = [
        RatePeriod(date(2026, 1, 1), date(2026, 3, 14), 14000),
        RatePeriod(date(2026, 3, 15), None, 14000),
    ]
    [one] = price_stay_month(
        PER_NIGHT, CountingRule.NIGHTS, same, date(2026, 3, 10), date(2026, 3, 20), Month(2026, 3)
    )
    assert one.quantity == 10


def test_a_day_without_a_rate_is_refused_in_dutch():
    rates = [RatePeriod(date(2026, 1, 1), date(2026, 3, 31), 14000)]
    with pytest.raises(MissingRate, match=r"^Er is geen tarief voor 01-04-2026\.$") as caught:
        price_stay_month(
            PER_NIGHT,
            CountingRule.NIGHTS,
            rates,
            date(2026, 3, 30),
            date(2026, 4, 3),
            Month(2026, 4),
        )
    assert isinstance(caught.value, ValueError) and caught.value.day == date(2026, 4, 1)
    # March alone is fully covered.
    assert total(
        price_stay_month(
            PER_NIGHT,
            CountingRule.NIGHTS,
            rates,
            date(2026, 3, 30),
            date(2026, 4, 3),
            Month(2026, 3),
        )
    ) == (2 * 14000)
    with pytest.raises(MissingRate, match="30-12-2025"):
        price_reserved_days(rates, date(2025, 12, 30), date(2026, 1, 2), Month(2025, 12))
    with pytest.raises(MissingRate, match="01-05-2026"):
        price_fixed_month(rates, Month(2026, 5))
    with pytest.raises(MissingRate, match="01-04-2026"):
        price_housing_days(rates, date(2026, 3, 1), None, Month(2026, 4))


def test_a_line_refuses_an_amount_that_is_not_quantity_times_unit():
    with pytest.raises(ValueError):
        PricedLine(date(2026, 1, 1), date(2026, 1, 2), "verblijf", 2, 100, 201, "fout")


# --- properties ------------------------------------------------------------------------------

times = st.none() | st.times()


@given(stay_dates, lengths, rules, times, st.sampled_from([PER_NIGHT, SPLIT]))
def test_lines_per_month_add_up_to_the_stays_billable_days(arrival, length, rule, at, model):
    departure = arrival + timedelta(days=length)
    lines = stay_lines(model, rule, RATES, arrival, departure, at)
    assert sum(x.quantity for x in lines) == len(billable_days(arrival, departure, rule, at))
    assert covered_days(lines) == billable_days(arrival, departure, rule, at)
    for line in lines:  # a line never crosses a month end
        assert (line.day_from.year, line.day_from.month) == (line.day_to.year, line.day_to.month)


@given(stay_dates, lengths, rules, changing_rates())
def test_a_tariff_change_splits_exactly(arrival, length, rule, drawn):
    change, rates = drawn
    departure = arrival + timedelta(days=length)
    for model, part in ((PER_NIGHT, "amount_cents"), (SPLIT, "stay_cents")):
        lines = stay_lines(model, rule, rates, arrival, departure)
        for line in lines:
            assert (line.day_from < change) == (line.day_to < change)
            expected = getattr(rates[0] if line.day_to < change else rates[1], part)
            assert line.unit_cents == expected
        days = billable_days(arrival, departure, rule)
        assert total(lines) == sum(getattr(rate_on(rates, d), part) for d in days)


@given(stay_dates, lengths, changing_rates())
def test_reserved_and_housing_days_cover_the_period_at_the_days_rate(start, length, drawn):
    change, rates = drawn
    end = start + timedelta(days=length)  # reserved [start, end); housing [start, end] inclusive
    reserved = [x for m in months(start, end) for x in price_reserved_days(rates, start, end, m)]
    housing = [x for m in months(start, end) for x in price_housing_days(rates, start, end, m)]
    assert sum(x.quantity for x in reserved) == length
    assert sum(x.quantity for x in housing) == length + 1
    assert covered_days(housing) == [start + timedelta(days=i) for i in range(length + 1)]
    assert total(reserved) == sum(rate_on(rates, d).amount_cents for d in covered_days(reserved))
    assert total(housing) == sum(rate_on(rates, d).housing_cents for d in covered_days(housing))
    for line in reserved + housing:
        assert (line.day_from < change) == (line.day_to < change)
