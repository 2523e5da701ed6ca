"""Two PCs on one server: the planner of the first shows what the second planned, by itself."""

from __future__ import annotations

from datetime import date

from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.storage.database import open_database_url
from logeerhuis_app.ui.context import AppContext
from logeerhuis_app.ui.planner.page import PlannerPage
from logeerhuis_app.ui.widgets.prompter import RecordingPrompter

MONDAY = date(2026, 3, 2)


def test_a_stay_planned_on_the_other_pc_appears_in_this_planner(pg_url, data_dir, qtbot):
    this_pc, other_pc = open_database_url(pg_url), open_database_url(pg_url)
    try:
        room = save_room(other_pc, RoomData(name="Linde", beds=1))
        anna = save_guest(other_pc, GuestData(first_name="Anna", last_name="Smit"))
        page = PlannerPage(AppContext(this_pc, RecordingPrompter(), data_dir, status=print))
        qtbot.addWidget(page)
        page.resize(1300, 600)
        page.show()
        page.first_day = MONDAY
        page.refresh()
        page.remote.check()
        assert page.remote.reloads == 0
        stay = create_stay(other_pc, NewStay(anna.id, room.id, date(2026, 3, 4), date(2026, 3, 6)))
        page.remote.check()
        assert page.remote.reloads == 1
        assert [s.id for s in page.view.stays] == [stay.id]
    finally:
        this_pc.close()
        other_pc.close()
