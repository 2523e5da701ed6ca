from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logeerhuis_app.domain.nights import occupied_nights
from logeerhuis_app.domain.planning import (
    Booking,
    change_notice,
    collision_message,
    find_collision,
    first_colliding_day,
    free_beds,
    is_late_cancellation,
    resize_stay,
    room_need_warnings,
    shift_stay,
)
from logeerhuis_app.domain.validation import InvalidValue

ANNA = Booking(1, bed_id=10, arrival=date(2026, 3, 6), departure=date(2026, 3, 9),
               guest_name="Anna de Vries")  # fmt: skip
PIET = Booking(2, bed_id=10, arrival=date(2026, 3, 12), departure=date(2026, 3, 14),
               guest_name="Piet Jansen")  # fmt: skip
KEES = Booking(3, bed_id=11, arrival=date(2026, 3, 1), departure=date(2026, 3, 20),
               guest_name="Kees Bakker")  # fmt: skip
BOOKINGS = [PIET, ANNA, KEES]


def test_a_changeover_day_is_not_a_collision():
    assert find_collision(BOOKINGS, 10, date(2026, 3, 9), date(2026, 3, 12)) is None
    assert find_collision(BOOKINGS, 10, date(2026, 3, 2), date(2026, 3, 6)) is None


def test_a_shared_night_collides_on_the_same_bed_only():
    assert find_collision(BOOKINGS, 10, date(2026, 3, 8), date(2026, 3, 10)) == ANNA
    assert find_collision(BOOKINGS, 12, date(2026, 3, 8), date(2026, 3, 10)) is None


def test_the_first_shared_night_wins_and_a_stay_ignores_itself():
    assert find_collision(BOOKINGS, 10, date(2026, 3, 1), date(2026, 3, 31)) == ANNA
    found = find_collision(BOOKINGS, 10, date(2026, 3, 1), date(2026, 3, 31), ignore_stay_id=1)
    assert found == PIET
    assert find_collision([ANNA], 10, ANNA.arrival, ANNA.departure, ignore_stay_id=1) is None


def test_collision_message_in_dutch():
    expected = "Kamer Linde is op 08-03-2026 bezet door Anna de Vries."
    assert collision_message("Kamer Linde", ANNA, date(2026, 3, 8)) == expected
    assert collision_message("Linde", ANNA, date(2026, 3, 8)) == expected


def test_first_colliding_day():
    d = date(2026, 3, 1)
    assert first_colliding_day(d, d + timedelta(3), d + timedelta(2), d + timedelta(5)) == date(
        2026, 3, 3
    )
    assert first_colliding_day(d, d + timedelta(3), d + timedelta(3), d + timedelta(5)) is None


@given(
    st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 3, 1)),
    st.integers(min_value=1, max_value=30),
    st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 3, 1)),
    st.integers(min_value=1, max_value=30),
)
def test_first_colliding_day_is_the_first_shared_night(a, a_len, b, b_len):
    a_end, b_end = a + timedelta(a_len), b + timedelta(b_len)
    shared = sorted(set(occupied_nights(a, a_end)) & set(occupied_nights(b, b_end)))
    assert first_colliding_day(a, a_end, b, b_end) == (shared[0] if shared else None)
    assert first_colliding_day(b, b_end, a, a_end) == first_colliding_day(a, a_end, b, b_end)


def test_free_beds_keep_their_order():
    assert free_beds(BOOKINGS, [12, 11, 10], date(2026, 3, 9), date(2026, 3, 12)) == [12, 10]
    assert free_beds(BOOKINGS, [10, 11], date(2026, 3, 7), date(2026, 3, 8)) == []
    assert free_beds(BOOKINGS, [10, 11], date(2026, 3, 20), date(2026, 3, 22)) == [10, 11]


def test_room_needs():
    assert room_need_warnings(True, True, True, True, True, True) == []
    assert room_need_warnings(False, False, False, False, False, False) == []
    assert room_need_warnings(True, False, False, False, True, True) == [
        "De gast heeft een tillift nodig; deze kamer heeft er geen."
    ]
    warnings = room_need_warnings(True, True, True, False, False, False)
    assert len(warnings) == 3
    assert "begane grond" in warnings[1] and "rolstoel" in warnings[2]


@pytest.mark.parametrize(
    ("cancelled_on", "late"),
    [(date(2026, 3, 1), False), (date(2026, 3, 2), True), (date(2026, 3, 8), True),
     (date(2026, 3, 10), True), (date(2026, 2, 1), False)],
)  # fmt: skip
def test_late_cancellation(cancelled_on, late):
    assert is_late_cancellation(cancelled_on, date(2026, 3, 8)) is late


def test_late_cancellation_with_other_notice():
    assert is_late_cancellation(date(2026, 3, 1), date(2026, 3, 8), days=14)
    assert not is_late_cancellation(date(2026, 3, 7), date(2026, 3, 8), days=1)


def test_change_notice():
    assert change_notice(date(2026, 3, 1), date(2026, 3, 8)) == "meer dan een week van tevoren"
    assert change_notice(date(2026, 3, 2), date(2026, 3, 8)) == "minder dan een week van tevoren"


def test_shift_and_resize():
    a, d = date(2026, 3, 6), date(2026, 3, 9)
    assert shift_stay(a, d, 2) == (date(2026, 3, 8), date(2026, 3, 11))
    assert shift_stay(a, d, -6) == (date(2026, 2, 28), date(2026, 3, 3))
    assert resize_stay(a, d, None, date(2026, 3, 12)) == (a, date(2026, 3, 12))
    assert resize_stay(a, d, date(2026, 3, 8), None) == (date(2026, 3, 8), d)
    assert resize_stay(a, d, None, None) == (a, d)


@pytest.mark.parametrize(
    ("new_arrival", "new_departure"),
    [(date(2026, 3, 9), None), (None, date(2026, 3, 6)), (date(2026, 3, 10), date(2026, 3, 8))],
)
def test_a_stay_lasts_at_least_one_night(new_arrival, new_departure):
    with pytest.raises(ValueError) as info:
        resize_stay(date(2026, 3, 6), date(2026, 3, 9), new_arrival, new_departure)
    assert str(info.value) == "Een verblijf duurt minstens één nacht."
    with pytest.raises(InvalidValue):
        shift_stay(date(2026, 3, 6), date(2026, 3, 6), 1)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=-400, max_value=400),
)
def test_shifting_keeps_the_length(arrival, length, days):
    new_arrival, new_departure = shift_stay(arrival, arrival + timedelta(length), days)
    assert (new_departure - new_arrival).days == length
    assert (new_arrival - arrival).days == days
