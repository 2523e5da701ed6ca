"""The Wlz 156 cap is checked before saving, on every planning path (issue 18)."""

from __future__ import annotations

from datetime import date

import pytest

from logeerhuis_app.planning import planning
from logeerhuis_app.planning.requests import RequestData, place_request, save_request
from logeerhuis_app.planning.series import SeriesData, change_later, create_series
from logeerhuis_app.planning.stays import NewStay, create_stay, list_stays
from logeerhuis_app.planning.wlz_guard import WlzCapWarning
from tests.wlz_house import cap_log, wlz_house


def _nights(db):
    return sum(s.nights for s in list_stays(db, date(2026, 1, 1), date(2028, 1, 1))
               if s.status != "geannuleerd")  # fmt: skip


def _new(h, arrival, departure):
    return NewStay(h["piet"].id, h["linde"].id, arrival, departure,
                   allocation_id=h["indication"].id)  # fmt: skip


def test_a_new_stay_past_156_is_refused_until_someone_chooses_it(db):
    h = wlz_house(db)
    create_stay(db, _new(h, date(2026, 5, 4), date(2026, 5, 6)))  # 156 of 156: no question
    with pytest.raises(WlzCapWarning) as warned:
        create_stay(db, _new(h, date(2026, 6, 1), date(2026, 6, 3)))
    assert warned.value.years[0].nights == 158
    assert "Piet Dam komt hiermee boven de 156" in warned.value.message
    assert "2026: 158 van 156" in warned.value.message
    assert _nights(db) == 2  # nothing saved
    from dataclasses import replace

    create_stay(db, replace(_new(h, date(2026, 6, 1), date(2026, 6, 3)), cap_accepted_by="Ria"))
    assert _nights(db) == 4
    [line] = cap_log(db)
    assert "gekozen door Ria" in line and "2026: 158 van 156" in line


def test_a_stay_over_new_year_names_the_count_of_each_year(db):
    h = wlz_house(db, elsewhere=155, year=2027)
    with pytest.raises(WlzCapWarning) as warned:
        create_stay(db, _new(h, date(2026, 12, 30), date(2027, 1, 3)))
    assert "(2026: 2 van 156; 2027: 157 van 156)" in warned.value.message


def test_moving_or_lengthening_past_156_warns_and_a_shorter_stay_does_not(db):
    h = wlz_house(db, elsewhere=155)
    stay = create_stay(db, _new(h, date(2026, 5, 4), date(2026, 5, 5)))
    with pytest.raises(WlzCapWarning):
        planning.move_stay(db, stay.id, room_id=h["eik"].id, arrival=date(2026, 5, 4),
                           departure=date(2026, 5, 7))  # fmt: skip
    assert _nights(db) == 1
    planning.move_stay(db, stay.id, room_id=h["eik"].id, arrival=date(2026, 5, 4),
                       departure=date(2026, 5, 7), cap_accepted_by="Ria")  # fmt: skip
    # Already over: moving it (same count) or shortening it asks nothing.
    planning.move_stay(db, stay.id, room_id=h["linde"].id, arrival=date(2026, 5, 5),
                       departure=date(2026, 5, 8))  # fmt: skip
    planning.move_stay(db, stay.id, room_id=h["linde"].id, arrival=date(2026, 5, 5),
                       departure=date(2026, 5, 7))  # fmt: skip
    assert len(cap_log(db)) == 1


def test_placing_a_request_past_156_warns(db):
    h = wlz_house(db, elsewhere=156)
    request = save_request(
        db,
        RequestData(
            guest_id=h["piet"].id, allocation_id=h["indication"].id,
            wished_arrival=date(2026, 5, 4), wished_departure=date(2026, 5, 6),
            requester_name="Kees",
        ),
    )  # fmt: skip
    where = {"room_id": h["linde"].id, "arrival": date(2026, 5, 4), "departure": date(2026, 5, 6)}
    with pytest.raises(WlzCapWarning):
        place_request(db, request.id, **where)
    assert _nights(db) == 0
    place_request(db, request.id, **where, cap_accepted_by="Ria")
    assert _nights(db) == 2 and len(cap_log(db)) == 1


def test_a_series_past_156_warns_once_with_the_whole_count(db):
    h = wlz_house(db, elsewhere=150)
    data = SeriesData(guest_id=h["piet"].id, room_id=h["linde"].id,
                      allocation_id=h["indication"].id, arrival_weekday=1, nights=2,
                      start_date=date(2026, 3, 2), weeks=4)  # fmt: skip
    with pytest.raises(WlzCapWarning) as warned:
        create_series(db, data)
    assert "2026: 158 van 156" in warned.value.message
    assert _nights(db) == 0
    result = create_series(db, data, cap_accepted_by="Ria")
    assert len(result.created) == 4
    with pytest.raises(WlzCapWarning):  # three nights a week from the second week on
        change_later(db, result.created[1], room_id=h["linde"].id, arrival_weekday=1, nights=3)
    change_later(db, result.created[1], room_id=h["linde"].id, arrival_weekday=1, nights=3,
                 cap_accepted_by="Ria")  # fmt: skip
    assert _nights(db) == 11 and len(cap_log(db)) == 2


def test_undoing_a_cancellation_past_156_warns(db):
    from datetime import datetime

    h = wlz_house(db, elsewhere=154)
    stay = create_stay(db, _new(h, date(2026, 5, 4), date(2026, 5, 6)))
    planning.cancel(db, stay.id, reason="ziek", cancelled_by="Ria", when=datetime(2026, 5, 1))
    create_stay(db, _new(h, date(2026, 6, 1), date(2026, 6, 3)))  # the 2 nights used again
    with pytest.raises(WlzCapWarning):
        planning.reinstate(db, stay.id)
    planning.reinstate(db, stay.id, cap_accepted_by="Ria")
    assert _nights(db) == 4 and len(cap_log(db)) == 1
