from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logeerhuis_app.domain.holidays import dutch_holidays, easter_sunday, holidays_between


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)),
     (2027, date(2027, 3, 28)), (2000, date(2000, 4, 23)), (2038, date(2038, 4, 25)),
     (2285, date(2285, 3, 22))],
)  # fmt: skip
def test_easter_falls_on_known_dates(year, easter):
    assert easter_sunday(year) == easter


@given(st.integers(min_value=1583, max_value=9999))
def test_easter_is_a_sunday_between_22_march_and_25_april(year):
    easter = easter_sunday(year)
    assert easter.weekday() == 6
    assert date(year, 3, 22) <= easter <= date(year, 4, 25)


def test_the_2026_holidays_have_dutch_names():
    assert dutch_holidays(2026) == {
        date(2026, 1, 1): "Nieuwjaarsdag",
        date(2026, 4, 3): "Goede Vrijdag",
        date(2026, 4, 5): "Eerste Paasdag",
        date(2026, 4, 6): "Tweede Paasdag",
        date(2026, 4, 27): "Koningsdag",
        date(2026, 5, 5): "Bevrijdingsdag",
        date(2026, 5, 14): "Hemelvaartsdag",
        date(2026, 5, 24): "Eerste Pinksterdag",
        date(2026, 5, 25): "Tweede Pinksterdag",
        date(2026, 12, 25): "Eerste Kerstdag",
        date(2026, 12, 26): "Tweede Kerstdag",
    }


def test_kings_day_moves_to_saturday_when_27_april_is_a_sunday():
    assert date(2025, 4, 27).weekday() == 6
    assert dutch_holidays(2025)[date(2025, 4, 26)] == "Koningsdag"
    assert date(2025, 4, 27) not in dutch_holidays(2025)
    assert dutch_holidays(2024)[date(2024, 4, 27)] == "Koningsdag"


def test_liberation_day_is_there_every_year():
    for year in (2024, 2025, 2026, 2027):
        assert dutch_holidays(year)[date(year, 5, 5)] == "Bevrijdingsdag"


def test_two_holidays_on_one_day_keep_both_names():
    # 2016: Ascension Day fell on 5 May.
    assert dutch_holidays(2016)[date(2016, 5, 5)] == "Bevrijdingsdag en Hemelvaartsdag"


def test_the_result_is_a_fresh_dict_the_caller_may_change():
    first = dutch_holidays(2026)
    first.clear()
    assert len(dutch_holidays(2026)) == 11


def test_holidays_between_is_half_open():
    found = holidays_between(date(2025, 12, 25), date(2026, 1, 2))
    assert found == {
        date(2025, 12, 25): "Eerste Kerstdag",
        date(2025, 12, 26): "Tweede Kerstdag",
        date(2026, 1, 1): "Nieuwjaarsdag",
    }
    assert holidays_between(date(2025, 12, 26), date(2026, 1, 1)) == {
        date(2025, 12, 26): "Tweede Kerstdag"
    }
    assert holidays_between(date(2026, 1, 1), date(2026, 1, 1)) == {}
    assert holidays_between(date(2026, 2, 1), date(2026, 1, 1)) == {}


@given(
    st.dates(min_value=date(1600, 1, 1), max_value=date(9998, 1, 1)),
    st.integers(min_value=0, max_value=800),
)
def test_holidays_between_agrees_with_the_yearly_lists(start, length):
    end = start + timedelta(days=length)
    expected = {
        day: name
        for year in range(start.year, end.year + 1)
        for day, name in dutch_holidays(year).items()
        if start <= day < end
    }
    assert holidays_between(start, end) == expected
    assert list(holidays_between(start, end)) == sorted(expected)
