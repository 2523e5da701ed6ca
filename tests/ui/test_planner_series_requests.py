"""Series with a conflict report, requests registered and placed from the waiting lane."""

from __future__ import annotations

from datetime import date

import pytest

from logeerhuis_app.planning.request_history import history
from logeerhuis_app.planning.requests import RequestData, list_requests, save_request
from logeerhuis_app.planning.stays import NewStay, create_stay, list_stays


@pytest.fixture
def house(linde_and_eik):
    return linde_and_eik


@pytest.fixture
def planner(open_planner, house):
    return open_planner(date(2026, 3, 2), zoom=1)


def test_a_series_reports_the_busy_week_and_saves_the_rest(planner, house, prompter, context):
    create_stay(
        context.db,
        NewStay(house["piet"].id, house["linde"].id, date(2026, 3, 17), date(2026, 3, 19)),
    )
    seen = {}

    def fill(dialog):
        fields = dialog.form.fields
        fields["guest_id"].set_value(house["anna"].id)
        fields["room_id"].set_value(house["linde"].id)
        fields["arrival_weekday"].set_value(1)  # dinsdag
        fields["nights"].setText("2")
        fields["start_date"].setText("02-03-2026")
        fields["weeks"].setText("4")
        dialog.check()
        seen["summary"] = dialog.summary.text()
        seen["week3"] = dialog.report.item(2, 2).text()
        dialog.save()

    prompter.dialog_handler = fill
    planner.new_series()
    assert seen["summary"] == "3 van de 4 weken passen. 1 week niet: die worden overgeslagen."
    assert "Piet van Dam" in seen["week3"] and "Eik" in seen["week3"]
    anna = [
        (s.arrival, s.series_id is not None)
        for s in list_stays(context.db, date(2026, 3, 1), date(2026, 4, 30))
        if s.guest_id == house["anna"].id
    ]
    assert anna == [(date(2026, 3, 3), True), (date(2026, 3, 10), True), (date(2026, 3, 24), True)]
    assert "3 verblijven gepland, 1 weken overgeslagen" in context.messages[-1]
    assert sum(1 for s in planner.view.stays if s.series_id) == 3


def test_four_nights_a_week_is_refused_in_the_dialog(planner, house, prompter, context):
    seen = {}

    def fill(dialog):
        dialog.form.fields["guest_id"].set_value(house["anna"].id)
        dialog.form.fields["nights"].setText("4")
        dialog.check()
        seen["error"] = dialog.form.error_text("nights")
        seen["save_enabled"] = dialog.save_button.isEnabled()
        dialog.reject()

    prompter.dialog_handler = fill
    planner.new_series()
    assert seen["error"] == "Structureel logeren is hoogstens 3 nachten per week."
    assert not seen["save_enabled"]


def test_a_request_for_a_new_guest_waits_in_the_lane_and_is_placed_by_dropping(
    planner, house, prompter, context
):
    def fill(dialog):
        fields = dialog.form.fields
        fields["guest_id"].set_value(0)
        fields["new_first_name"].setText("Truus")
        fields["new_last_name"].setText("Brouwer")
        fields["requester_kind"].set_value("wmo_consulent")
        fields["requester_name"].setText("M. Jansen")
        fields["channel"].set_value("email")
        fields["wished_arrival"].setText("09-03-2026")
        fields["wished_departure"].setText("12-03-2026")
        fields["flexibility"].setText("een dag eerder of later kan")
        dialog.save()

    prompter.dialog_handler = fill
    planner.new_request()
    [request] = list_requests(context.db)
    assert (request.guest_name, request.requester_name, request.channel) == (
        "Truus Brouwer",
        "M. Jansen",
        "email",
    )
    assert planner.lane.count() == 1 and "Truus Brouwer" in planner.lane.item(0).text()

    # Drop it on Eik on 10 March: placed there for the wished number of nights.
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QDropEvent

    g = planner.grid.geometry_
    where = QPointF(g.x_of(date(2026, 3, 10)) + 3, g.y_of(1) + 5)
    mime = planner.lane.mime_for(request.id)
    drop = QDropEvent(
        where,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    planner.grid.dropEvent(drop)
    stays = list_stays(context.db, date(2026, 3, 1), date(2026, 4, 1))
    assert [(s.room_id, s.arrival, s.departure) for s in stays] == [
        (house["eik"].id, date(2026, 3, 10), date(2026, 3, 13))
    ]
    assert list_requests(context.db) == []
    assert planner.lane.item(0).text() == "Geen wachtende aanvragen."


def test_changing_the_wished_dates_is_kept_as_history(planner, house, prompter, context):
    request = save_request(
        context.db,
        RequestData(
            guest_id=house["anna"].id,
            requester_name="Kees Smit",
            received_on=date(2026, 2, 1),
            wished_arrival=date(2026, 3, 20),
            wished_departure=date(2026, 3, 23),
        ),
    )
    planner.refresh()

    def fill(dialog):
        dialog.form.fields["wished_arrival"].setText("21-03-2026")
        dialog.form.fields["wished_departure"].setText("24-03-2026")
        dialog.save()

    prompter.dialog_handler = fill
    planner.open_request(request.id)
    [change] = history(context.db, request_id=request.id)
    assert change.old_arrival == date(2026, 3, 20) and change.new_arrival == date(2026, 3, 21)
    assert change.asked_by == "Kees Smit"


def test_rejecting_needs_a_reason(planner, house, prompter, context):
    request = save_request(
        context.db,
        RequestData(
            guest_id=house["anna"].id,
            received_on=date(2026, 2, 1),
            wished_arrival=date(2026, 3, 20),
            wished_departure=date(2026, 3, 23),
        ),
    )
    prompter.texts.append("Geen plek met tillift")
    prompter.dialog_handler = lambda dialog: dialog.reject_request()
    planner.open_request(request.id)
    assert list_requests(context.db) == []
    [rejected] = list_requests(context.db, open_only=False)
    assert (rejected.status, rejected.reject_reason) == ("afgewezen", "Geen plek met tillift")


def test_this_and_later_weeks_of_a_series_move_to_another_weekday(
    planner, house, prompter, context, press
):
    from logeerhuis_app.planning.series import SeriesData, create_series

    result = create_series(
        context.db,
        SeriesData(
            guest_id=house["anna"].id,
            room_id=house["linde"].id,
            arrival_weekday=1,
            nights=2,
            start_date=date(2026, 3, 2),
            weeks=4,
        ),
    )
    planner.refresh()
    second = result.created[1]  # tuesday 10 March

    def change(dialog):
        dialog.form.fields["arrival"].setText("12-03-2026")  # thursday
        dialog.form.fields["departure"].setText("15-03-2026")  # three nights
        press(dialog, "action_series_later")

    prompter.dialog_handler = change
    planner.open_stay(second)
    anna = sorted(
        (s.arrival, s.departure)
        for s in list_stays(context.db, date(2026, 3, 1), date(2026, 5, 1))
        if s.guest_id == house["anna"].id and s.status != "geannuleerd"
    )
    assert anna == [
        (date(2026, 3, 3), date(2026, 3, 5)),
        (date(2026, 3, 12), date(2026, 3, 15)),
        (date(2026, 3, 19), date(2026, 3, 22)),
        (date(2026, 3, 26), date(2026, 3, 29)),
    ]


def test_a_change_by_dialog_records_who_asked_and_how(planner, house, prompter, context, press):
    stay = create_stay(
        context.db,
        NewStay(
            house["anna"].id,
            house["linde"].id,
            date(2026, 3, 10),
            date(2026, 3, 12),
            status="bevestigd",
        ),
    )
    planner.refresh()

    def move(dialog):
        dialog.form.fields["departure"].setText("13-03-2026")
        dialog.form.fields["asked_by"].setText("Kees Smit (zoon)")
        dialog.form.fields["channel"].set_value("telefoon")
        press(dialog, "save_stay")

    prompter.dialog_handler = move
    planner.open_stay(stay.id)
    [change] = history(context.db, stay_id=stay.id)
    assert (change.asked_by, change.channel, change.new_departure) == (
        "Kees Smit (zoon)",
        "telefoon",
        date(2026, 3, 13),
    )
