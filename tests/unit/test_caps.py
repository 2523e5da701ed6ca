from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logeerhuis_app.domain.caps import (
    WLZ_NIGHTS_PER_YEAR,
    CapStatus,
    nights_outside,
    periods_exceeding,
    volume_status,
    wlz_year_status,
)
from logeerhuis_app.domain.dates import days_between
from logeerhuis_app.domain.enums import VolumeFrequency


def test_cap_status_in_dutch():
    status = CapStatus(limit=156, used=100, planned=42)
    assert status.remaining == 14
    assert not status.exceeded
    assert status.text() == "nog 14 van 156"
    over = CapStatus(limit=156, used=150, planned=9)
    assert over.remaining == -3
    assert over.exceeded
    assert over.text() == "3 boven de 156"
    assert CapStatus(156, 156, 0).text() == "nog 0 van 156"
    assert not CapStatus(156, 156, 0).exceeded


def test_wlz_cap_splits_used_and_planned_nights_at_today():
    nights = days_between(date(2026, 3, 1), date(2026, 3, 11))  # 1..10 March
    status = wlz_year_status(nights, 2026, today=date(2026, 3, 4))
    assert WLZ_NIGHTS_PER_YEAR == 156
    assert (status.limit, status.used, status.planned) == (156, 4, 6)
    assert status.text() == "nog 146 van 156"


def test_wlz_cap_counts_only_the_year_and_nights_used_elsewhere():
    nights = days_between(date(2025, 12, 30), date(2026, 1, 3))  # 30, 31 Dec; 1, 2 Jan
    status = wlz_year_status(nights, 2026, used_elsewhere=20, today=date(2025, 12, 31))
    assert (status.used, status.planned) == (20, 2)
    assert wlz_year_status(nights, 2025, 0, date(2026, 1, 5)).used == 2


def test_wlz_cap_exceeded():
    nights = days_between(date(2026, 1, 1), date(2026, 6, 1))  # 151 nights
    status = wlz_year_status(nights, 2026, used_elsewhere=10, today=date(2026, 1, 1))
    assert status.exceeded
    assert status.text() == "5 boven de 156"


def test_a_night_passed_twice_counts_once():
    night = date(2026, 5, 1)
    assert wlz_year_status([night, night], 2026, today=date(2026, 1, 1)).planned == 1


def test_volume_per_iso_week():
    # Week of Monday 2 March 2026 to Sunday 8 March.
    nights = [date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 5), date(2026, 3, 8),
              date(2026, 3, 9)]  # fmt: skip
    status = volume_status(nights, 3, "week", date(2026, 3, 4))
    assert (status.used, status.planned, status.remaining) == (1, 2, 0)
    assert volume_status(nights, 2, VolumeFrequency.WEEK, date(2026, 3, 8)).exceeded


def test_volume_per_month_and_total():
    nights = days_between(date(2026, 1, 30), date(2026, 2, 2))  # 2 in January, 1 in February
    assert volume_status(nights, 4, "month", date(2026, 1, 1)).planned == 2
    assert volume_status(nights, 4, "month", date(2026, 2, 15)).used == 1
    total = volume_status(nights, 2, "total", date(2026, 1, 30))
    assert (total.used, total.planned, total.exceeded) == (1, 2, True)


def test_unknown_frequency_is_refused():
    with pytest.raises(ValueError):
        volume_status([], 3, "year", date(2026, 1, 1))
    with pytest.raises(ValueError):
        periods_exceeding([], 3, "day")


def test_periods_exceeding_by_week_and_month():
    nights = days_between(date(2026, 3, 1), date(2026, 3, 11))  # Sun 1 .. Tue 10 March
    assert periods_exceeding(nights, 3, "week") == [(date(2026, 3, 2), 7)]
    assert periods_exceeding(nights, 0, "week") == [
        (date(2026, 2, 23), 1),
        (date(2026, 3, 2), 7),
        (date(2026, 3, 9), 2),
    ]
    assert periods_exceeding(nights, 9, "month") == [(date(2026, 3, 1), 10)]
    assert periods_exceeding(nights, 10, "month") == []


def test_periods_exceeding_in_total():
    nights = [date(2026, 4, 3), date(2026, 2, 1), date(2026, 3, 1)]
    assert periods_exceeding(nights, 2, "total") == [(date(2026, 2, 1), 3)]
    assert periods_exceeding(nights, 3, "total") == []
    assert periods_exceeding([], 0, "total") == []


@given(
    st.lists(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)), max_size=60),
    st.integers(min_value=0, max_value=5),
    st.sampled_from(["week", "month"]),
)
def test_every_exceeding_period_agrees_with_volume_status(nights, volume, frequency):
    exceeding = dict(periods_exceeding(nights, volume, frequency))
    for night in nights:
        status = volume_status(nights, volume, frequency, night)
        period = (
            night - timedelta(days=night.weekday()) if frequency == "week" else night.replace(day=1)
        )
        assert status.exceeded == (period in exceeding)
        if status.exceeded:
            assert status.used + status.planned == exceeding[period]


def test_nights_outside_an_allocation():
    nights = days_between(date(2026, 3, 28), date(2026, 4, 3))
    assert nights_outside(nights, date(2026, 3, 30), date(2026, 4, 1)) == [
        date(2026, 3, 28),
        date(2026, 3, 29),
        date(2026, 4, 2),
    ]
    assert nights_outside(nights, date(2026, 3, 30), None) == [date(2026, 3, 28), date(2026, 3, 29)]
    assert nights_outside(nights, date(2026, 1, 1), date(2026, 12, 31)) == []


def test_wlz_nights_count_in_the_calendar_year_they_fall_in():
    from logeerhuis_app.domain.caps import (
        wlz_cap_text,
        wlz_nights_per_year,
        wlz_years,
        years_of_stay,
    )

    nights = days_between(date(2026, 12, 30), date(2027, 1, 3))  # 30, 31 Dec; 1, 2 Jan
    assert wlz_nights_per_year(nights + nights[:1]) == {2026: 2, 2027: 2}
    assert years_of_stay(date(2026, 12, 30), date(2027, 1, 3)) == (2026, 2027)
    assert years_of_stay(date(2026, 12, 30), date(2027, 1, 1)) == (2026,)  # no night in 2027
    years = wlz_years({2026: 157, 2027: 2}, [2027, 2026])
    assert [(y.year, y.exceeded) for y in years] == [(2026, True), (2027, False)]
    assert wlz_cap_text(years) == "2026: 1 boven de 156; 2027: nog 154 van 156"
    assert years[0].warning() == "Wlz-logeren: 1 boven de 156 nachten in 2026."
    assert wlz_cap_text(wlz_years({2027: 2}, [2027])) == "nog 154 van 156"
