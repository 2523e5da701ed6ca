"""Stays stored per night; the database refuses a double booking, ids are never reused."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from logeerhuis_app.db.models import Guest, Night
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.planning import cancel
from logeerhuis_app.planning.stays import NewStay, create_stay, list_stays
from logeerhuis_app.services.errors import ValidationError
from logeerhuis_app.storage.database import open_database


@pytest.fixture
def house(tmp_path):
    db = open_database(tmp_path)
    room = save_room(db, RoomData(name="Kamer Linde", beds=1))
    twin = save_room(db, RoomData(name="Kamer Eik", beds=2))
    anna = save_guest(db, GuestData(first_name="Anna", last_name="de Vries"))
    piet = save_guest(db, GuestData(first_name="Piet", prefix="van", last_name="Dam"))
    yield db, room, twin, anna, piet
    db.close()


def test_a_stay_has_one_night_per_date_arrival_counts_departure_not(house):
    db, room, _twin, anna, _piet = house
    stay = create_stay(db, NewStay(anna.id, room.id, date(2026, 1, 30), date(2026, 2, 2)))
    assert stay.nights == 3
    with db.session() as s:
        days = s.scalars(select(Night.day).where(Night.stay_id == stay.id)).all()
    assert days == [date(2026, 1, 30), date(2026, 1, 31), date(2026, 2, 1)]


def test_a_double_booking_is_refused_naming_the_guest_in_the_way(house):
    db, room, _twin, anna, piet = house
    create_stay(db, NewStay(anna.id, room.id, date(2026, 3, 6), date(2026, 3, 9)))
    with pytest.raises(ValidationError) as info:
        create_stay(db, NewStay(piet.id, room.id, date(2026, 3, 8), date(2026, 3, 10)))
    assert info.value.field_errors["room_id"] == (
        "Kamer Linde is op 08-03-2026 bezet door Anna de Vries."
    )
    # A changeover day is fine: departure morning, arrival afternoon.
    create_stay(db, NewStay(piet.id, room.id, date(2026, 3, 9), date(2026, 3, 10)))


def test_the_database_itself_refuses_two_active_nights_in_one_bed(house):
    db, room, _twin, anna, _piet = house
    stay = create_stay(db, NewStay(anna.id, room.id, date(2026, 3, 6), date(2026, 3, 7)))
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(Night(stay_id=stay.id, bed_id=stay.bed_id, day=date(2026, 3, 6), active=True))
        s.flush()


def test_a_two_bed_room_takes_two_guests_and_cancelled_nights_free_the_bed(house):
    db, room, twin, anna, piet = house
    first = create_stay(db, NewStay(anna.id, twin.id, date(2026, 4, 1), date(2026, 4, 4)))
    second = create_stay(db, NewStay(piet.id, twin.id, date(2026, 4, 2), date(2026, 4, 3)))
    assert first.bed_id != second.bed_id
    cancel(db, first.id, reason="Ziekenhuisopname", cancelled_by="mantelzorger",
           when=datetime(2026, 3, 1))  # fmt: skip
    again = create_stay(db, NewStay(piet.id, room.id, date(2026, 4, 1), date(2026, 4, 2)))
    assert again.bed_id == room.bed_ids[0]
    statuses = {s.id: s.status for s in list_stays(db, date(2026, 4, 1), date(2026, 5, 1))}
    assert statuses[first.id] == "geannuleerd"


def test_ids_of_deleted_guests_are_never_given_again(house):
    db, _room, _twin, _anna, piet = house
    with db.session() as s:
        s.delete(s.get(Guest, piet.id))
    newcomer = save_guest(db, GuestData(last_name="Nieuw"))
    assert newcomer.id > piet.id
