"""The Month value type (issue 19, decision 0052)."""

from datetime import date

import pytest

from logeerhuis_app.domain.dates import format_month
from logeerhuis_app.domain.months import Month
from logeerhuis_app.domain.validation import InvalidValue


def test_month_validates_month_and_year():
    for year, month in ((2026, 0), (2026, 13), (1899, 5), (2201, 1)):
        with pytest.raises(InvalidValue):
            Month(year, month)


def test_bounds_are_half_open():
    assert Month(2026, 2).bounds() == (date(2026, 2, 1), date(2026, 3, 1))
    assert Month(2024, 2).bounds() == (date(2024, 2, 1), date(2024, 3, 1))
    assert Month(2024, 2).last == date(2024, 2, 29)
    assert Month(2025, 12).bounds() == (date(2025, 12, 1), date(2026, 1, 1))
    lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]  # 2026 is no leap year
    for m, length in enumerate(lengths, start=1):
        first, after = Month(2026, m).bounds()
        assert (first, (after - first).days) == (date(2026, m, 1), length)


def test_contains_only_its_own_days():
    december = Month(2025, 12)
    assert december.contains(date(2025, 12, 1)) and december.contains(date(2025, 12, 31))
    assert not december.contains(date(2026, 1, 1))
    assert not december.contains(date(2024, 12, 15))


def test_next_and_previous_cross_the_year():
    assert Month(2025, 12).next() == Month(2026, 1)
    assert Month(2026, 1).previous() == Month(2025, 12)
    assert Month(2026, 3).next().previous() == Month(2026, 3)


def test_months_are_ordered_and_hashable():
    assert Month(2025, 12) < Month(2026, 1) < Month(2026, 2)
    assert sorted([Month(2026, 1), Month(2025, 11)]) == [Month(2025, 11), Month(2026, 1)]
    assert len({Month(2026, 1), Month(2026, 1)}) == 1


def test_of_a_day():
    assert Month.of(date(2026, 1, 31)) == Month(2026, 1)


def test_parse_reads_jjjj_mm():
    assert Month.parse("2026-03") == Month(2026, 3)
    assert Month.parse(" 2025-12 ") == Month(2025, 12)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "03-2026", "2026", "", "２０２６-03", "x"])
def test_parse_refuses_with_a_dutch_message(text):
    with pytest.raises(InvalidValue, match="Geef de maand als JJJJ-MM"):
        Month.parse(text)


def test_parse_refuses_a_year_out_of_range():
    with pytest.raises(InvalidValue, match="tussen 1900 en 2200"):
        Month.parse("0000-03")


def test_label_and_str():
    assert Month(2026, 3).label == "maart 2026" == format_month(2026, 3)
    assert str(Month(2026, 3)) == "2026-03"
    assert str(Month(2025, 12)) == "2025-12"


def test_days_lists_every_day_of_the_month():
    days = list(Month(2024, 2).days())
    assert len(days) == 29 and days[0] == date(2024, 2, 1) and days[-1] == date(2024, 2, 29)
    assert len(list(Month(2025, 12).days())) == 31
