"""The planner test house (Linde, Eik with two beds, Anna's stay 10-13 March) and its helpers."""

from __future__ import annotations

from datetime import date

import pytest

from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.stays import NewStay, create_stay, list_stays

MONDAY = date(2026, 3, 2)


@pytest.fixture
def house(context):
    db = context.db
    linde = save_room(db, RoomData(name="Linde", beds=1, sort_order=1))
    eik = save_room(db, RoomData(name="Eik", beds=2, sort_order=2))
    anna = save_guest(db, GuestData(first_name="Anna", last_name="Smit"))
    piet = save_guest(db, GuestData(first_name="Piet", prefix="van", last_name="Dam"))
    stay = create_stay(db, NewStay(anna.id, linde.id, date(2026, 3, 10), date(2026, 3, 13),
                                   status="bevestigd"))  # fmt: skip
    return {"linde": linde, "eik": eik, "anna": anna, "piet": piet, "stay": stay}


@pytest.fixture
def planner(open_planner, house):
    return open_planner(MONDAY, zoom=0)


def _stays(context):
    return [(s.guest_id, s.room_id, s.arrival, s.departure, s.status)
            for s in list_stays(context.db, date(2026, 1, 1), date(2027, 1, 1))]  # fmt: skip
