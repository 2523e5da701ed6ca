"""One way to cancel: a single stay and a week of a series go through stay_writer.cancel
(closed months refused, late cancellations marked, the access log written for the guest)."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

import logeerhuis_app
from logeerhuis_app.access.access_log import LogFilter, list_access
from logeerhuis_app.billing.months import close_month
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.series import SeriesData, cancel_occurrences, create_series
from logeerhuis_app.services.errors import ServiceError

CANCELS = re.compile(r"\.status\s*=\s*StayStatus\.CANCELLED")


def test_only_the_stay_writer_sets_a_stay_to_cancelled():
    package = Path(logeerhuis_app.__file__).parent
    setters = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if CANCELS.search(path.read_text(encoding="utf-8"))
    )
    assert setters == ["planning/stay_writer.py"]


@pytest.fixture
def weekly(db):
    room = save_room(db, RoomData(name="Kamer Linde", beds=1))
    anna = save_guest(db, GuestData(first_name="Anna", last_name="de Vries"))
    series = SeriesData(guest_id=anna.id, room_id=room.id, arrival_weekday=1, nights=2,
                        start_date=date(2026, 3, 3), weeks=3)  # fmt: skip
    return db, anna, create_series(db, series).created


def test_a_week_of_a_series_is_cancelled_as_a_single_stay_is(weekly):
    db, anna, weeks = weekly
    before = len(list_access(db, LogFilter(guest_id=anna.id)))
    cancel_occurrences(db, weeks[1], and_later=False, reason="Griep", cancelled_by="dochter",
                       when=datetime(2026, 3, 6, 9))  # fmt: skip
    rows = list_access(db, LogFilter(guest_id=anna.id))
    assert len(rows) == before + 1
    assert "Verblijf geannuleerd" in [row.detail for row in rows]


def test_a_week_of_a_series_in_a_closed_month_is_not_cancelled(weekly):
    db, _anna, weeks = weekly
    close_month(db, Month(2026, 3), by="Ingrid", now=datetime(2026, 4, 1, 9))
    with pytest.raises(ServiceError, match="afgesloten"):
        cancel_occurrences(db, weeks[0], and_later=True, reason="Stopt", cancelled_by="zoon",
                           when=datetime(2026, 3, 1, 9))  # fmt: skip
