from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logeerhuis_app.domain.enums import CountingRule, TariffModel
from logeerhuis_app.domain.nights import (
    billable_days,
    count_per_month,
    occupied_nights,
    periods_overlap,
)
from logeerhuis_app.domain.people import display_name, sort_name
from logeerhuis_app.domain.rates import RatePeriod, rate_on, validate_rate_periods


def test_a_weekend_stay_has_two_nights():
    assert occupied_nights(date(2026, 3, 13), date(2026, 3, 15)) == [
        date(2026, 3, 13),
        date(2026, 3, 14),
    ]
    with pytest.raises(ValueError):
        occupied_nights(date(2026, 3, 13), date(2026, 3, 13))


def test_counting_rules():
    arrive, leave = date(2026, 3, 13), date(2026, 3, 15)
    assert len(billable_days(arrive, leave, CountingRule.NIGHTS)) == 2
    assert len(billable_days(arrive, leave, CountingRule.BOTH_DAYS)) == 3
    assert len(billable_days(arrive, leave, CountingRule.ARRIVAL_BEFORE_20, time(14))) == 3
    late = billable_days(arrive, leave, CountingRule.ARRIVAL_BEFORE_20, time(20, 30))
    assert late == [date(2026, 3, 14), date(2026, 3, 15)]


def test_nights_belong_to_the_month_of_their_date():
    nights = occupied_nights(date(2026, 1, 30), date(2026, 2, 2))
    assert count_per_month(nights) == {(2026, 1): 2, (2026, 2): 1}


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(1, 400))
def test_nights_count_equals_length_of_stay(arrival, length):
    nights = occupied_nights(arrival, arrival + timedelta(days=length))
    assert len(nights) == length and sum(count_per_month(nights).values()) == length


def test_periods_overlap_inclusive_and_open_ended():
    d = date
    assert periods_overlap(d(2026, 1, 1), d(2026, 1, 31), d(2026, 1, 31), None)
    assert not periods_overlap(d(2026, 1, 1), d(2026, 1, 30), d(2026, 1, 31), None)


def test_rate_periods_pick_the_rate_of_the_day_and_refuse_overlap():
    periods = [
        RatePeriod(date(2026, 1, 1), date(2026, 6, 30), 15000),
        RatePeriod(date(2026, 7, 1), None, 15500),
    ]
    assert rate_on(periods, date(2026, 6, 30)).amount_cents == 15000
    assert rate_on(periods, date(2026, 7, 1)).amount_cents == 15500
    assert rate_on(periods, date(2025, 12, 31)) is None
    assert validate_rate_periods(TariffModel.PER_NIGHT, periods) == []
    overlapping = [*periods, RatePeriod(date(2026, 6, 1), date(2026, 8, 1), 1)]
    assert any("overlappen" in p for p in validate_rate_periods(TariffModel.PER_NIGHT, overlapping))
    split = [RatePeriod(date(2026, 1, 1), None, 0)]
    assert validate_rate_periods(TariffModel.SPLIT_DAY, split)
    assert not validate_rate_periods(
        TariffModel.SPLIT_DAY, [RatePeriod(date(2026, 1, 1), None, 0, 4000, 9000)]
    )


def test_names_with_dutch_prefixes():
    assert display_name("Jan", "van der", "Berg") == "Jan van der Berg"
    assert sort_name("Jan", "van der", "Berg") == "Berg, Jan van der"
    assert display_name("", "", "Smit") == "Smit"


def test_room_label_does_not_repeat_kamer():
    from logeerhuis_app.domain.rooms import room_label

    assert room_label("Linde") == "Kamer Linde"
    assert room_label("Kamer 1 – Linde") == "Kamer 1 – Linde"
