from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logeerhuis_app.domain.series import (
    MAX_NIGHTS_PER_WEEK,
    WeeklyPattern,
    expand_series,
    validate_series,
)
from logeerhuis_app.domain.validation import InvalidValue

TUESDAY_TO_THURSDAY = WeeklyPattern(arrival_weekday=1, nights=2)


def test_a_pattern_knows_its_problems_in_dutch():
    assert TUESDAY_TO_THURSDAY.validate() == []
    assert WeeklyPattern(7, 2).validate() == ["Kies een aankomstdag van maandag tot en met zondag."]
    assert WeeklyPattern(0, 0).validate() == [
        "Een wekelijks verblijf duurt 1 tot en met 6 nachten."
    ]
    assert len(WeeklyPattern(-1, 7).validate()) == 2
    assert WeeklyPattern(4, 6).validate() == []


def test_a_series_starts_on_the_first_matching_weekday():
    # 2 March 2026 is a Monday; the first Tuesday is the 3rd.
    stays = expand_series(TUESDAY_TO_THURSDAY, date(2026, 3, 2), weeks=3)
    assert stays == [
        (date(2026, 3, 3), date(2026, 3, 5)),
        (date(2026, 3, 10), date(2026, 3, 12)),
        (date(2026, 3, 17), date(2026, 3, 19)),
    ]
    assert expand_series(TUESDAY_TO_THURSDAY, date(2026, 3, 3), weeks=1)[0][0] == date(2026, 3, 3)
    assert expand_series(TUESDAY_TO_THURSDAY, date(2026, 3, 4), weeks=1)[0][0] == date(2026, 3, 10)


def test_the_end_date_is_inclusive_for_arrivals():
    stays = expand_series(TUESDAY_TO_THURSDAY, date(2026, 3, 2), end=date(2026, 3, 17))
    assert [a for a, _ in stays] == [date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 17)]
    stays = expand_series(TUESDAY_TO_THURSDAY, date(2026, 3, 2), end=date(2026, 3, 16))
    assert len(stays) == 2
    assert expand_series(TUESDAY_TO_THURSDAY, date(2026, 3, 4), end=date(2026, 3, 9)) == []


def test_exactly_one_of_end_and_weeks():
    with pytest.raises(ValueError):
        expand_series(TUESDAY_TO_THURSDAY, date(2026, 3, 2))
    with pytest.raises(ValueError):
        expand_series(TUESDAY_TO_THURSDAY, date(2026, 3, 2), end=date(2026, 4, 1), weeks=2)
    with pytest.raises(ValueError):
        expand_series(TUESDAY_TO_THURSDAY, date(2026, 3, 2), weeks=0)
    with pytest.raises(InvalidValue):
        expand_series(WeeklyPattern(1, 9), date(2026, 3, 2), weeks=2)


def test_a_series_never_has_more_than_260_stays():
    assert len(expand_series(TUESDAY_TO_THURSDAY, date(2026, 1, 1), weeks=500)) == 260
    assert len(expand_series(TUESDAY_TO_THURSDAY, date(2026, 1, 1), end=date(2040, 1, 1))) == 260


@given(
    st.integers(min_value=0, max_value=6),
    st.integers(min_value=1, max_value=6),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    st.integers(min_value=1, max_value=300),
)
def test_expanded_stays_keep_the_pattern(weekday, nights, start, weeks):
    stays = expand_series(WeeklyPattern(weekday, nights), start, weeks=weeks)
    assert len(stays) == min(weeks, 260)
    assert start <= stays[0][0] < start + timedelta(days=7)
    for arrival, departure in stays:
        assert arrival.weekday() == weekday
        assert (departure - arrival).days == nights
    for (a, _), (b, _) in pairwise(stays):
        assert (b - a).days == 7


@given(
    st.integers(min_value=0, max_value=6),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    st.integers(min_value=-10, max_value=2000),
)
def test_end_and_weeks_give_the_same_series(weekday, start, length):
    pattern = WeeklyPattern(weekday, 3)
    end = start + timedelta(days=length)
    by_end = expand_series(pattern, start, end=end)
    assert all(arrival <= end for arrival, _ in by_end)
    if by_end:
        assert by_end == expand_series(pattern, start, weeks=len(by_end))
    if 0 < len(by_end) < 260:
        assert by_end[-1][0] + timedelta(days=7) > end  # the next arrival would be too late


def test_a_valid_series_has_no_errors():
    assert validate_series(TUESDAY_TO_THURSDAY, date(2026, 3, 2), None, 10) == {}
    assert validate_series(TUESDAY_TO_THURSDAY, date(2026, 3, 2), date(2026, 6, 30), None) == {}


def test_structural_stays_are_at_most_three_nights_a_week():
    errors = validate_series(WeeklyPattern(1, MAX_NIGHTS_PER_WEEK + 1), date(2026, 3, 2), None, 4)
    assert errors == {"nights": "Structureel logeren is hoogstens 3 nachten per week."}
    assert validate_series(WeeklyPattern(1, 3), date(2026, 3, 2), None, 4) == {}
    assert "nights" in validate_series(WeeklyPattern(1, 0), date(2026, 3, 2), None, 4)


@pytest.mark.parametrize(
    ("start", "end", "weeks", "field", "words"),
    [
        (date(2026, 3, 2), None, None, "end", "einddatum of een aantal weken"),
        (date(2026, 3, 2), date(2026, 4, 1), 3, "weeks", "niet allebei"),
        (date(2026, 3, 2), None, 0, "weeks", "tussen 1 en 260"),
        (date(2026, 3, 2), None, 261, "weeks", "tussen 1 en 260"),
        (date(2026, 3, 2), date(2026, 3, 1), None, "end", "voor de begindatum"),
        (date(2026, 3, 4), date(2026, 3, 9), None, "end", "valt geen dinsdag"),
        (date(2026, 3, 2), date(2032, 1, 1), None, "end", "hoogstens 260"),
        (None, None, 3, "start", "begindatum"),
    ],
)
def test_series_errors_name_the_field(start, end, weeks, field, words):
    errors = validate_series(TUESDAY_TO_THURSDAY, start, end, weeks)
    assert field in errors
    assert words in errors[field]


def test_a_bad_weekday_is_reported_once():
    errors = validate_series(WeeklyPattern(9, 2), date(2026, 3, 2), date(2026, 4, 1), None)
    assert list(errors) == ["arrival_weekday"]
