"""Closing a month: warnings first, then its nights are locked against edits."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from logeerhuis_app.services import planning
from logeerhuis_app.services.errors import ServiceError
from logeerhuis_app.services.guests import GuestData, save_guest
from logeerhuis_app.services.months import close_month, month_check
from logeerhuis_app.services.rooms import RoomData, save_room
from logeerhuis_app.services.stays import NewStay, create_stay


def test_a_closed_month_refuses_moves_and_cancellations(db):
    room = save_room(db, RoomData(name="Linde"))
    anna = save_guest(db, GuestData(first_name="Anna", last_name="Smit"))
    stay = create_stay(
        db, NewStay(anna.id, room.id, date(2026, 2, 27), date(2026, 3, 2), status="bevestigd")
    )
    check = month_check(db, 2026, 2)
    assert check.warnings == ("Anna Smit (27-02-2026, 2 n.): geen financiering gekoppeld.",)
    close_month(db, 2026, 2, by="Ria", now=datetime(2026, 3, 3, 9))
    with pytest.raises(ServiceError, match="Februari 2026 is afgesloten"):
        planning.move_stay(
            db, stay.id, room_id=room.id, arrival=date(2026, 2, 28), departure=date(2026, 3, 2)
        )
    with pytest.raises(ServiceError, match="afgesloten"):
        planning.cancel(db, stay.id, reason="ziek", cancelled_by="Ria", when=datetime(2026, 3, 3))
    # March is open: a longer stay into March is fine (the February nights stay as they were).
    planning.move_stay(
        db, stay.id, room_id=room.id, arrival=date(2026, 2, 27), departure=date(2026, 3, 4)
    )
    with pytest.raises(ServiceError, match="al afgesloten"):
        close_month(db, 2026, 2, by="Ria", now=datetime(2026, 3, 3, 9))
