"""A closed month's nights are locked everywhere (issue 19): every service that creates, moves,
resizes, cancels, checks in or out, undoes or places a stay refuses a change to them, and the
database refuses raw SQL on them (triggers of migration 0013), on SQLite and PostgreSQL.
Changes that leave those nights as they were, and night corrections, still go through."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from logeerhuis_app.billing.corrections import correct_night
from logeerhuis_app.billing.months import close_month
from logeerhuis_app.db.models import Night, Stay
from logeerhuis_app.domain.intake import ITEMS, Answer
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.intake.intake import save_intake
from logeerhuis_app.planning import planning
from logeerhuis_app.planning.requests import RequestData, get_request, place_request, save_request
from logeerhuis_app.planning.series import SeriesData, create_series, plan_series
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.services.errors import ServiceError

FEB_CLOSED = "Februari 2026 is afgesloten"


def _complete_intake(db, stay_id: int) -> None:
    good = {i.key: Answer(i.good[0] if i.good else "ja", date(2026, 2, 1), "Ria") for i in ITEMS}
    good["wzd_art21"] = Answer("nvt", date(2026, 2, 1), "Ria")
    save_intake(db, stay_id, good)


@pytest.fixture
def house(db):
    """February 2026 closed on 3 March, with stays in it, across its end and in March."""
    linde = save_room(db, RoomData(name="Linde", beds=2))
    eik = save_room(db, RoomData(name="Eik", beds=1))
    anna = save_guest(db, GuestData(first_name="Anna", last_name="Smit"))
    piet = save_guest(db, GuestData(first_name="Piet", last_name="Dam"))
    kees = save_guest(db, GuestData(first_name="Kees", last_name="Bos"))

    def stay(guest, room, arrival, departure):
        new = NewStay(guest.id, room.id, arrival, departure, status="bevestigd")
        return create_stay(db, new).id

    ids = {
        "feb": stay(anna, linde, date(2026, 2, 20), date(2026, 2, 24)),
        "across": stay(piet, linde, date(2026, 2, 26), date(2026, 3, 3)),
        "present": stay(kees, linde, date(2026, 2, 25), date(2026, 3, 6)),
        "cancelled": stay(anna, eik, date(2026, 2, 10), date(2026, 2, 12)),
        "march": stay(anna, eik, date(2026, 3, 10), date(2026, 3, 12)),
        "early": stay(piet, eik, date(2026, 3, 2), date(2026, 3, 4)),
    }
    _complete_intake(db, ids["present"])
    _complete_intake(db, ids["early"])
    planning.check_in(db, ids["present"], when=datetime(2026, 2, 25, 15))
    planning.cancel(db, ids["cancelled"], reason="Griep", cancelled_by="dochter",
                    when=datetime(2026, 2, 1, 9))  # fmt: skip
    close_month(db, Month(2026, 2), by="Ria", now=datetime(2026, 3, 3, 9))
    return {"db": db, "linde": linde.id, "eik": eik.id, "anna": anna.id, "piet": piet.id, **ids}


def _nights(db) -> list[tuple]:
    with db.session() as s:
        rows = s.execute(
            select(Night.id, Night.stay_id, Night.bed_id, Night.day, Night.active).order_by(
                Night.id
            )
        ).all()
        return [tuple(r) for r in rows]


def _february(rows: list[tuple]) -> list[tuple]:
    return [r for r in rows if r[3] < date(2026, 3, 1)]


def _refused(house, call, match: str = FEB_CLOSED) -> None:
    """The call is refused in Dutch and no night and no stay changed."""
    db = house["db"]
    before = _nights(db)
    stays = _stays(db)
    with pytest.raises(ServiceError, match=match):
        call()
    assert _nights(db) == before
    assert _stays(db) == stays


def _stays(db) -> list[tuple]:
    query = select(Stay.id, Stay.status, Stay.arrival, Stay.departure, Stay.bed_id)
    with db.session() as s:
        return [tuple(r) for r in s.execute(query.order_by(Stay.id)).all()]


def test_a_stay_is_not_created_in_a_closed_month(house):
    db = house["db"]
    piet, eik = house["piet"], house["eik"]
    _refused(
        house, lambda: create_stay(db, NewStay(piet, eik, date(2026, 2, 14), date(2026, 2, 16)))
    )
    # Across the end of the month: the February nights are refused, so the stay is too.
    _refused(
        house, lambda: create_stay(db, NewStay(piet, eik, date(2026, 2, 27), date(2026, 3, 1)))
    )


def test_a_stay_is_not_moved_into_out_of_or_within_a_closed_month(house):
    db = house["db"]

    def move(key, room, arrival, departure):
        return lambda: planning.move_stay(db, house[key], room_id=house[room], arrival=arrival,
                                          departure=departure)  # fmt: skip

    _refused(house, move("feb", "linde", date(2026, 3, 20), date(2026, 3, 24)))  # out of it
    _refused(house, move("march", "eik", date(2026, 2, 14), date(2026, 2, 16)))  # into it
    _refused(house, move("feb", "eik", date(2026, 2, 20), date(2026, 2, 24)))  # another bed


def test_a_resize_may_not_touch_the_closed_nights_and_leaves_them_as_they_were(house):
    db = house["db"]

    def resize(arrival, departure):
        return lambda: planning.move_stay(db, house["across"], room_id=house["linde"],
                                          arrival=arrival, departure=departure)  # fmt: skip

    _refused(house, resize(date(2026, 2, 27), date(2026, 3, 3)))  # a later arrival
    _refused(house, resize(date(2026, 2, 25), date(2026, 3, 3)))  # an earlier arrival
    february = _february(_nights(db))
    resize(date(2026, 2, 26), date(2026, 3, 5))()  # longer in March: fine
    assert _february(_nights(db)) == february  # the very same rows, untouched
    days = [r[3] for r in _nights(db) if r[1] == house["across"] and r[4]]
    assert days[-1] == date(2026, 3, 4) and len(days) == 7


def test_a_stay_in_a_closed_month_is_not_cancelled_deleted_or_reinstated(house):
    db = house["db"]
    cancel = planning.cancel
    _refused(house, lambda: cancel(db, house["feb"], reason="Ziek", cancelled_by="Ria",
                                   when=datetime(2026, 3, 3, 10)))  # fmt: skip
    _refused(house, lambda: cancel(db, house["across"], reason="Ziek", cancelled_by="Ria",
                                   when=datetime(2026, 3, 3, 10)))  # fmt: skip
    _refused(house, lambda: planning.delete_planned(db, house["feb"]))  # the undo of "create"
    _refused(house, lambda: planning.reinstate(db, house["cancelled"]))  # the undo of "cancel"


def test_check_in_and_out_on_another_day_may_not_change_a_closed_month(house):
    db = house["db"]
    _refused(house, lambda: planning.check_out(db, house["present"],
                                               when=datetime(2026, 2, 28, 10)))  # fmt: skip
    _refused(house, lambda: planning.check_in(db, house["early"],
                                              when=datetime(2026, 2, 27, 15)))  # fmt: skip
    february = _february(_nights(db))
    # Leaving early in March frees only March nights: fine, February stays as it was.
    left = planning.check_out(db, house["present"], when=datetime(2026, 3, 4, 10))
    assert (left.status, left.departure) == ("vertrokken", date(2026, 3, 4))
    assert _february(_nights(db)) == february


def test_a_series_skips_the_weeks_of_a_closed_month(house):
    db = house["db"]
    beuk = save_room(db, RoomData(name="Beuk", beds=1))
    hans = save_guest(db, GuestData(first_name="Hans", last_name="Vos"))
    data = SeriesData(guest_id=hans.id, room_id=beuk.id, arrival_weekday=1,
                      nights=2, start_date=date(2026, 2, 17), weeks=4)  # fmt: skip
    planned = plan_series(db, data)
    assert [(o.arrival, o.free, o.problem) for o in planned[:2]] == [
        (date(2026, 2, 17), False, "Februari 2026 is afgesloten."),
        (date(2026, 2, 24), False, "Februari 2026 is afgesloten."),
    ]
    before = _february(_nights(db))
    result = create_series(db, data)
    assert [o.arrival for o in result.skipped] == [date(2026, 2, 17), date(2026, 2, 24)]
    assert len(result.created) == 2
    assert _february(_nights(db)) == before


def test_a_request_is_not_placed_in_a_closed_month(house):
    db = house["db"]
    request = save_request(db, RequestData(guest_id=house["piet"], requester_name="Dochter",
                                           wished_arrival=date(2026, 2, 14),
                                           wished_departure=date(2026, 2, 16)))  # fmt: skip
    _refused(house, lambda: place_request(db, request.id, room_id=house["eik"],
                                          arrival=date(2026, 2, 14),
                                          departure=date(2026, 2, 16)))  # fmt: skip
    assert get_request(db, request.id).status == "nieuw"


def test_what_leaves_the_closed_nights_alone_still_goes_through(house):
    db = house["db"]
    before = _nights(db)
    planning.set_status(db, house["feb"], planning.StayStatus.OPTION)
    correct_night(db, house["feb"], date(2026, 2, 21), billable=False, reason="Ziekenhuis",
                  by="Ria", now=datetime(2026, 3, 4, 9))  # fmt: skip
    assert _nights(db) == before


# --- the database itself -------------------------------------------------------------------


def _night_of(db, stay_id: int, day: date) -> tuple:
    return next(r for r in _nights(db) if r[1] == stay_id and r[3] == day)


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO nights (stay_id, bed_id, day, active) VALUES (:stay, :bed, :feb15, :yes)",
        "UPDATE nights SET active = :no WHERE id = :feb_night",
        "UPDATE nights SET day = :feb15 WHERE id = :march_night",  # into February
        "UPDATE nights SET day = :mar20 WHERE id = :feb_night",  # out of February
        "DELETE FROM nights WHERE id = :feb_night",
        "DELETE FROM stays WHERE id = :stay",  # its nights go with it (ON DELETE CASCADE)
    ],
    ids=["insert", "update", "update-into", "update-out-of", "delete", "delete-stay"],
)
def test_raw_sql_on_a_closed_months_nights_is_refused(house, statement):
    db = house["db"]
    feb_night = _night_of(db, house["feb"], date(2026, 2, 21))
    march_night = _night_of(db, house["march"], date(2026, 3, 10))
    params = {
        "stay": house["feb"], "bed": feb_night[2], "feb15": date(2026, 2, 15),
        "mar20": date(2026, 3, 20), "feb_night": feb_night[0], "march_night": march_night[0],
        "yes": True, "no": False,
    }  # fmt: skip
    before = _nights(db)
    with pytest.raises(DBAPIError, match="afgesloten maand"), db.engine.begin() as conn:
        conn.execute(text(statement), {k: v for k, v in params.items() if f":{k}" in statement})
    assert _nights(db) == before


def test_raw_sql_on_an_open_months_nights_goes_through(house):
    db = house["db"]
    night = _night_of(db, house["march"], date(2026, 3, 10))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE nights SET day = :d WHERE id = :id"),
                     {"d": date(2026, 3, 20), "id": night[0]})  # fmt: skip
        insert = "INSERT INTO nights (stay_id, bed_id, day, active) VALUES (:s, :b, :d, :a)"
        values = {"s": house["march"], "b": night[2], "d": date(2026, 3, 21), "a": True}
        conn.execute(text(insert), values)
        conn.execute(text("DELETE FROM nights WHERE stay_id = :s"), {"s": house["march"]})
    assert not [r for r in _nights(db) if r[1] == house["march"]]


def test_truncating_the_nights_is_refused_on_the_server(house):
    db = house["db"]
    if not db.on_server:
        pytest.skip("TRUNCATE is PostgreSQL's; SQLite has only DELETE")
    with pytest.raises(DBAPIError, match="afgesloten maand"), db.engine.begin() as conn:
        conn.execute(text("TRUNCATE nights"))


# --- moving the data -----------------------------------------------------------------------


def test_export_and_import_carry_the_nights_of_a_closed_month(house, tmp_path):
    """import-data writes the nights before it closes their month (data_exchange_order)."""
    from logeerhuis_app.storage.data_exchange import export_data, import_data
    from logeerhuis_app.storage.database import open_database

    data = export_data(house["db"])
    target_dir = tmp_path / "elders"
    target_dir.mkdir()
    target = open_database(target_dir)
    try:
        import_data(target, data)
        assert export_data(target)["tables"] == data["tables"]
        assert _february(_nights(target)) == _february(_nights(house["db"]))
    finally:
        target.close()
