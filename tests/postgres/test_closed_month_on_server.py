"""Two PCs on one server: closing a month and writing its nights at the same moment never
leaves a night changed in a closed month (billing/months.py holds the writers of nights off;
the triggers of migration 0013 read the closed months afresh)."""

from __future__ import annotations

import threading
import time
from datetime import date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from logeerhuis_app.billing.months import close_month
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.stays import NewStay, create_stay

INSERT = "INSERT INTO nights (stay_id, bed_id, day, active) VALUES (:stay, :bed, :day, false)"


def _close_is_waiting_for_the_nights(db) -> bool:
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        "AND query LIKE 'LOCK TABLE nights%'"
    )
    for _ in range(100):
        with db.engine.connect() as conn:
            if conn.execute(query).scalar():
                return True
        time.sleep(0.1)
    return False


def test_closing_a_month_waits_for_a_night_being_written_and_then_locks_it(db):
    room = save_room(db, RoomData(name="Linde"))
    anna = save_guest(db, GuestData(first_name="Anna", last_name="Smit"))
    stay = create_stay(db, NewStay(anna.id, room.id, date(2026, 3, 2), date(2026, 3, 4)))
    night = {"stay": stay.id, "bed": stay.bed_id}
    writer = db.engine.connect()
    writing = writer.begin()
    writer.execute(text(INSERT), {**night, "day": date(2026, 3, 20)})  # not committed yet
    outcome: dict[str, object] = {}

    def close() -> None:
        try:
            outcome["check"] = close_month(
                db, Month(2026, 3), by="Ria", now=datetime(2026, 4, 1, 9)
            )
        except Exception as exc:  # reported below
            outcome["error"] = exc

    closer = threading.Thread(target=close)
    closer.start()
    try:
        assert _close_is_waiting_for_the_nights(db)  # it waits for the night being written
    finally:
        writing.commit()
        writer.close()
        closer.join(30)
    assert "error" not in outcome and outcome["check"].closed
    with db.engine.connect() as conn:
        days = conn.execute(text("SELECT day FROM nights WHERE stay_id = :s ORDER BY day"),
                            {"s": stay.id}).scalars().all()  # fmt: skip
    assert days == [date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 20)]
    with pytest.raises(DBAPIError, match="afgesloten maand"), db.engine.begin() as conn:
        conn.execute(text(INSERT), {**night, "day": date(2026, 3, 21)})
