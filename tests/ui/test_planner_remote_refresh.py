"""Another PC changes the planning: the planner here reloads by itself, and not for its own
changes."""

from __future__ import annotations

from datetime import date, datetime

from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.planning import cancel
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.ui.planner.page import PlannerPage

MONDAY = date(2026, 3, 2)


def test_a_stay_made_elsewhere_appears_without_pressing_f5(context, show):
    room = save_room(context.db, RoomData(name="Linde", beds=1))
    anna = save_guest(context.db, GuestData(first_name="Anna", last_name="Smit"))
    page = show(PlannerPage(context), 1300, 600)
    page.first_day = MONDAY
    page.refresh()
    page.remote.check()
    assert page.remote.reloads == 0  # nothing changed
    # "The other PC": the services on the same database, not through this window.
    stay = create_stay(context.db, NewStay(anna.id, room.id, date(2026, 3, 4), date(2026, 3, 6)))
    page.remote.check()
    assert page.remote.reloads == 1
    assert [s.id for s in page.view.stays] == [stay.id]
    cancel(context.db, stay.id, reason="ziek", cancelled_by="dochter",
           when=datetime(2026, 3, 1, 9))  # fmt: skip
    page.remote.check()
    assert page.remote.reloads == 2 and not page.view.stays


def test_a_hidden_planner_does_not_poll(context, show):
    page = show(PlannerPage(context), 1300, 600)
    page.hide()
    room = save_room(context.db, RoomData(name="Eik", beds=1))
    assert room.id
    page.remote.check()
    assert page.remote.reloads == 0


def test_a_lost_connection_is_said_once_in_the_status_bar_and_its_return_too(
    context, show, monkeypatch
):
    from logeerhuis_app.services.errors import DataError
    from logeerhuis_app.ui.planner import remote_refresh

    page = show(PlannerPage(context), 1300, 600)
    real = remote_refresh.planner_stamp

    def unreachable(_db):  # type: ignore[no-untyped-def]
        raise DataError("De databaseserver server:5432 is niet bereikbaar.")

    monkeypatch.setattr(remote_refresh, "planner_stamp", unreachable)
    before = len(context.messages)
    for _ in range(3):  # three polls while the server is away: no error dialog, one line
        page.remote.check()
    assert context.messages[before:] == [
        "Geen verbinding met de gegevens: De databaseserver server:5432 is niet bereikbaar."
    ]
    monkeypatch.setattr(remote_refresh, "planner_stamp", real)
    save_room(context.db, RoomData(name="Beuk", beds=1))  # changed while away
    page.remote.check()
    assert context.messages[-1] == "De verbinding met de gegevens is hersteld."
    assert page.remote.reloads == 1 and not page.remote.offline
