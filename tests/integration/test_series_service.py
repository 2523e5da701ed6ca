"""Weekly series on a real SQLite file: plan, create with conflicts, cancel, change later."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from logeerhuis_app.db.models import Night, RoomClosure, Stay, StaySeries
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.series import (
    SeriesData,
    cancel_occurrences,
    change_later,
    create_series,
    plan_series,
)
from logeerhuis_app.planning.series_reading import list_series
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.services.errors import ServiceError, ValidationError

TUESDAY = date(2026, 3, 3)


@pytest.fixture
def house(db):
    linde = save_room(db, RoomData(name="Kamer Linde", beds=1, sort_order=1))
    eik = save_room(db, RoomData(name="Kamer Eik", beds=1, sort_order=2))
    beuk = save_room(db, RoomData(name="Kamer Beuk", beds=1, sort_order=3))
    anna = save_guest(db, GuestData(first_name="Anna", last_name="de Vries"))
    piet = save_guest(db, GuestData(first_name="Piet", prefix="van", last_name="Dam"))
    return db, linde, eik, beuk, anna, piet


def _tuesdays(anna, room, weeks=4, nights=2, **extra):  # type: ignore[no-untyped-def]
    return SeriesData(guest_id=anna.id, room_id=room.id, arrival_weekday=1, nights=nights,
                      start_date=TUESDAY, weeks=weeks, **extra)  # fmt: skip


def _stays(db, series_id):  # type: ignore[no-untyped-def]
    with db.session() as s:
        rows = s.scalars(select(Stay).where(Stay.series_id == series_id).order_by(Stay.arrival))
        return [(r.arrival, r.departure, r.status, r.room_id, r.cancel_late) for r in rows]


def test_a_series_skips_a_busy_week_and_names_who_is_in_the_way(house):
    db, linde, eik, _beuk, anna, piet = house
    create_stay(db, NewStay(piet.id, linde.id, date(2026, 3, 10), date(2026, 3, 12)))
    create_stay(db, NewStay(piet.id, eik.id, date(2026, 3, 17), date(2026, 3, 20)))
    occurrences = plan_series(db, _tuesdays(anna, linde))
    assert [(o.arrival, o.departure) for o in occurrences] == [
        (date(2026, 3, 3), date(2026, 3, 5)),
        (date(2026, 3, 10), date(2026, 3, 12)),
        (date(2026, 3, 17), date(2026, 3, 19)),
        (date(2026, 3, 24), date(2026, 3, 26)),
    ]
    busy = occurrences[1]
    assert not busy.free
    assert busy.problem == "Kamer Linde is op 10-03-2026 bezet door Piet van Dam."
    assert busy.alternatives == ("Kamer Eik", "Kamer Beuk")
    assert all(o.free for o in occurrences if o is not busy)

    result = create_series(db, _tuesdays(anna, linde))
    assert len(result.created) == 3
    assert [o.arrival for o in result.skipped] == [date(2026, 3, 10)]
    stays = _stays(db, result.series_id)
    assert [a for a, *_ in stays] == [date(2026, 3, 3), date(2026, 3, 17), date(2026, 3, 24)]
    assert {st for _a, _d, st, _r, _l in stays} == {"bevestigd"}
    with db.session() as s:
        series = s.get(StaySeries, result.series_id)
        assert series.end_date == date(2026, 3, 24)  # the last arrival of the four weeks
    # Planning again: now Anna's own weeks stand in the way of another series for her.
    again = plan_series(db, _tuesdays(anna, eik, weeks=1))
    assert not again[0].free and again[0].problem.startswith("Anna de Vries logeert dan al in")
    assert again[0].alternatives == ()


def test_a_closed_room_is_reported_with_other_free_rooms(house):
    db, linde, eik, _beuk, anna, piet = house
    with db.session() as s:
        s.add(RoomClosure(room_id=linde.id, start_date=date(2026, 3, 16),
                          end_date=date(2026, 3, 23), reason="schilderwerk"))  # fmt: skip
    create_stay(db, NewStay(piet.id, eik.id, date(2026, 3, 17), date(2026, 3, 18)))
    occurrences = plan_series(db, _tuesdays(anna, linde))
    closed = occurrences[2]
    assert not closed.free
    assert closed.problem == (
        "Kamer Linde is gesloten van 16-03-2026 tot en met 22-03-2026 (schilderwerk)."
    )
    assert closed.alternatives == ("Kamer Beuk",)
    result = create_series(db, _tuesdays(anna, linde))
    assert len(result.created) == 3 and result.skipped[0].arrival == date(2026, 3, 17)


def test_more_than_three_nights_a_week_is_refused(house):
    db, linde, _eik, _beuk, anna, _piet = house
    with pytest.raises(ValidationError) as info:
        plan_series(db, _tuesdays(anna, linde, nights=4))
    assert (
        info.value.field_errors["nights"] == "Structureel logeren is hoogstens 3 nachten per week."
    )
    with pytest.raises(ValidationError) as info:
        create_series(db, SeriesData(guest_id=anna.id, room_id=linde.id, start_date=TUESDAY))
    assert "end_date" in info.value.field_errors
    with db.session() as s:
        assert s.scalars(select(StaySeries)).all() == []


def test_cancel_one_week_and_then_this_and_later(house):
    db, linde, _eik, _beuk, anna, _piet = house
    result = create_series(db, _tuesdays(anna, linde, weeks=6))
    first, second, third, *_rest = result.created
    when = datetime(2026, 3, 6, 10, 0)
    assert cancel_occurrences(db, second, and_later=False, reason="Griep",
                              cancelled_by="dochter", when=when) == 1  # fmt: skip
    stays = _stays(db, result.series_id)
    assert stays[1][2] == "geannuleerd" and stays[1][4] is True  # 4 days ahead: late
    assert [st for _a, _d, st, _r, _l in stays].count("geannuleerd") == 1

    assert cancel_occurrences(db, third, and_later=True, reason="Opname verpleeghuis",
                              cancelled_by="Wmo-consulent", when=when) == 4  # fmt: skip
    stays = _stays(db, result.series_id)
    assert [st for _a, _d, st, _r, _l in stays] == ["bevestigd"] + ["geannuleerd"] * 5
    assert [late for *_x, late in stays] == [False, True, False, False, False, False]
    with db.session() as s:
        assert s.get(StaySeries, result.series_id).end_date == date(2026, 3, 16)
        active = s.scalars(select(Night).where(Night.active.is_(True))).all()
    assert len(active) == 2  # only the first week still occupies the bed
    summary = list_series(db, anna.id)[0]
    assert (summary.weekday, summary.nights, summary.planned) == ("dinsdag", 2, 1)
    assert summary.pattern_text == "elke dinsdag, 2 nachten"
    with pytest.raises(ValidationError):
        cancel_occurrences(db, first, and_later=False, reason=" ", cancelled_by="", when=when)
    with pytest.raises(ServiceError):
        cancel_occurrences(db, second, and_later=False, reason="x", cancelled_by="", when=when)


def test_a_present_week_is_left_alone_when_cancelling_later_weeks(house):
    db, linde, _eik, _beuk, anna, _piet = house
    result = create_series(db, _tuesdays(anna, linde, weeks=3))
    with db.session() as s:
        s.get(Stay, result.created[1]).status = "aanwezig"
    count = cancel_occurrences(db, result.created[0], and_later=True, reason="Stopt",
                               cancelled_by="zoon", when=datetime(2026, 2, 1, 9))  # fmt: skip
    assert count == 2
    assert [st for _a, _d, st, _r, _l in _stays(db, result.series_id)] == [
        "geannuleerd", "aanwezig", "geannuleerd",
    ]  # fmt: skip


def test_change_this_and_later_makes_a_new_series_from_that_week(house):
    db, linde, eik, _beuk, anna, piet = house
    result = create_series(db, _tuesdays(anna, linde, weeks=6))
    # Piet is in Kamer Eik on Thursday 26 March: the new pattern's week 4 clashes.
    create_stay(db, NewStay(piet.id, eik.id, date(2026, 3, 26), date(2026, 3, 28)))
    third = result.created[2]  # 17 March
    changed = change_later(db, third, room_id=eik.id, arrival_weekday=3, nights=3)
    old = _stays(db, result.series_id)
    assert [a for a, *_ in old] == [date(2026, 3, 3), date(2026, 3, 10)]
    new = _stays(db, changed.series_id)
    assert [(a, d) for a, d, *_ in new] == [
        (date(2026, 3, 19), date(2026, 3, 22)),
        (date(2026, 4, 2), date(2026, 4, 5)),
        (date(2026, 4, 9), date(2026, 4, 12)),
    ]
    assert {r for *_x, r, _l in new} == {eik.id}
    assert [o.arrival for o in changed.skipped] == [date(2026, 3, 26)]
    assert "Piet van Dam" in changed.skipped[0].problem
    with db.session() as s:
        old_series = s.get(StaySeries, result.series_id)
        new_series = s.get(StaySeries, changed.series_id)
        assert old_series.end_date == date(2026, 3, 16)
        assert new_series.start_date == date(2026, 3, 16)  # the Monday of that week
        assert new_series.end_date == date(2026, 4, 12)  # through the old series' last week
        assert (new_series.arrival_weekday, new_series.nights) == (3, 3)
    summaries = {x.id: x for x in list_series(db)}
    assert summaries[changed.series_id].weekday == "donderdag"
    assert summaries[result.series_id].planned == 2


def test_change_later_refuses_four_nights_and_keeps_everything(house):
    db, linde, _eik, _beuk, anna, _piet = house
    result = create_series(db, _tuesdays(anna, linde, weeks=3))
    with pytest.raises(ValidationError) as info:
        change_later(db, result.created[1], room_id=linde.id, arrival_weekday=1, nights=4)
    assert "nights" in info.value.field_errors
    assert len(_stays(db, result.series_id)) == 3


def test_planning_far_ahead_is_quick_to_read(house):
    db, linde, _eik, _beuk, anna, _piet = house
    data = _tuesdays(anna, linde, weeks=None, end_date=TUESDAY + timedelta(weeks=100))
    assert len(plan_series(db, data)) == 101
