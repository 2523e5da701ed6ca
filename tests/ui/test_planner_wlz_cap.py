"""Every planner path asks before it saves nights past the Wlz 156 (issue 18)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent

from logeerhuis_app.planning.requests import RequestData, save_request
from logeerhuis_app.planning.series import SeriesData, create_series
from logeerhuis_app.planning.stays import NewStay, create_stay, list_stays
from logeerhuis_app.ui.planner.cap_confirm import TITLE
from tests.wlz_house import cap_log, wlz_house

MONDAY = date(2026, 3, 2)


@pytest.fixture
def house(context):
    return wlz_house(context.db, elsewhere=155)


@pytest.fixture
def planner(open_planner, house):
    return open_planner(MONDAY, zoom=1)


def _point(page, row: int, day: date, where: float = 0.5) -> QPoint:
    g = page.grid.geometry_
    return QPoint(int(g.x_of(day) + g.day_width * where), int(g.y_of(row) + g.row_height / 2))


def _drag(qtbot, grid, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(grid, QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    qtbot.mouseMove(grid, end)
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=end)


def _nights(context) -> int:
    return sum(s.nights for s in list_stays(context.db, date(2026, 1, 1), date(2027, 1, 1))
               if s.status != "geannuleerd")  # fmt: skip


def _asked(prompter) -> list[str]:
    return [text for kind, title, text in prompter.messages if kind == "confirm" and title == TITLE]


def _one_night(context, house):
    stay = create_stay(context.db, NewStay(house["piet"].id, house["linde"].id, date(2026, 3, 10),
                                           date(2026, 3, 11), status="bevestigd",
                                           allocation_id=house["indication"].id))  # fmt: skip
    return stay


def test_the_new_stay_dialog_asks_and_no_saves_nothing(
    qtbot, planner, house, prompter, context, press
):
    rounds = []

    def fill(dialog):
        rounds.append(dialog)
        prompter.confirm_answer = len(rounds) > 1  # no first; the dialog stays open; then yes
        dialog.form.fields["guest_id"].set_value(house["piet"].id)
        dialog.form.fields["allocation_id"].set_value(house["indication"].id)
        press(dialog, "save_stay")

    prompter.dialog_handler = fill
    _drag(qtbot, planner.grid, _point(planner, 1, date(2026, 3, 12)),
          _point(planner, 1, date(2026, 3, 13)))  # fmt: skip
    [question, _again] = _asked(prompter)
    assert "2026: 157 van 156" in question and "Toch opslaan?" in question
    assert _nights(context) == 2
    assert "gekozen door medewerker" in cap_log(context.db)[0]


def test_dragging_a_stay_onto_more_nights_asks_first(qtbot, planner, house, prompter, context):
    _one_night(context, house)
    planner.refresh()
    g = planner.grid.geometry_
    _left, right = g.bar_span(date(2026, 3, 10), date(2026, 3, 11))
    start = QPoint(int(right) - 2, g.y_of(0) + g.row_height // 2)
    prompter.confirm_answer = False
    _drag(qtbot, planner.grid, start, QPoint(int(right) - 2 + 2 * g.day_width, start.y()))
    assert len(_asked(prompter)) == 1 and _nights(context) == 1  # resize refused
    prompter.confirm_answer = True
    _drag(qtbot, planner.grid, start, QPoint(int(right) - 2 + 2 * g.day_width, start.y()))
    assert _nights(context) == 3 and len(cap_log(context.db)) == 1


def test_moving_by_mouse_within_the_cap_asks_nothing(qtbot, planner, house, prompter, context):
    _one_night(context, house)
    planner.refresh()
    _drag(qtbot, planner.grid, _point(planner, 0, date(2026, 3, 10), 0.8),
          _point(planner, 1, date(2026, 3, 11), 0.8))  # fmt: skip
    assert _asked(prompter) == []
    [stay] = list_stays(context.db, date(2026, 3, 1), date(2026, 4, 1))
    assert (stay.room_id, stay.arrival) == (house["eik"].id, date(2026, 3, 11))


def test_moving_by_mouse_into_a_full_year_asks_first(qtbot, planner, house, prompter, context):
    """Within a year a move keeps the count; over New Year it can fill the other year."""
    from logeerhuis_app.db.models import WlzNightsElsewhere

    with context.db.session() as s:
        s.query(WlzNightsElsewhere).update({"nights": 100})  # 2026: room to spare
        s.add(WlzNightsElsewhere(guest_id=house["piet"].id, year=2027, nights=155))
    create_stay(context.db, NewStay(house["piet"].id, house["linde"].id, date(2026, 12, 30),
                                    date(2027, 1, 1), status="bevestigd",
                                    allocation_id=house["indication"].id))  # fmt: skip
    planner.first_day = date(2026, 12, 21)
    planner.refresh()
    g = planner.grid.geometry_
    left, right = g.bar_span(date(2026, 12, 30), date(2027, 1, 1))
    start = QPoint(int((left + right) / 2), g.y_of(0) + g.row_height // 2)  # the bar's middle
    end = QPoint(start.x() + 3 * int(g.day_width), start.y())  # 2-4 January: 157 in 2027
    prompter.confirm_answer = False
    _drag(qtbot, planner.grid, start, end)
    [question] = _asked(prompter)
    assert "2027: 157 van 156" in question
    [stay] = list_stays(context.db, date(2026, 12, 1), date(2027, 2, 1))
    assert stay.arrival == date(2026, 12, 30)  # refused: nothing moved
    prompter.confirm_answer = True
    _drag(qtbot, planner.grid, start, end)
    [stay] = list_stays(context.db, date(2026, 12, 1), date(2027, 2, 1))
    assert (stay.arrival, stay.departure) == (date(2027, 1, 2), date(2027, 1, 4))
    assert len(cap_log(context.db)) == 1


def test_moving_in_the_stay_dialog_asks_first(planner, house, prompter, context, press):
    stay = _one_night(context, house)
    planner.refresh()

    shown = []

    def move(dialog):
        if shown:  # the refusal came back into the open dialog: close it
            shown.append(dialog.message.text())
            dialog.reject()
            return
        shown.append(dialog)
        dialog.form.fields["departure"].setText("13-03-2026")
        press(dialog, "save_stay")

    prompter.confirm_answer = False
    prompter.dialog_handler = move
    planner.open_stay(stay.id)
    assert len(_asked(prompter)) == 1 and _nights(context) == 1
    assert shown[1].startswith("Niet opgeslagen.") and "(2026: 158 van 156)" in shown[1]


def test_placing_a_request_asks_first(planner, house, prompter, context):
    request = save_request(context.db, RequestData(
        guest_id=house["piet"].id, allocation_id=house["indication"].id, requester_name="Kees",
        wished_arrival=date(2026, 3, 9), wished_departure=date(2026, 3, 12)))  # fmt: skip
    planner.refresh()
    g = planner.grid.geometry_
    mime = planner.lane.mime_for(request.id)  # kept alive while the event uses it
    drop = QDropEvent(QPointF(g.x_of(date(2026, 3, 10)) + 3, g.y_of(1) + 5),
                      Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    prompter.confirm_answer = True
    planner.grid.dropEvent(drop)
    assert len(_asked(prompter)) == 1 and _nights(context) == 3
    assert len(cap_log(context.db)) == 1


def test_a_series_asks_first(planner, house, prompter, context):
    def fill(dialog):
        fields = dialog.form.fields
        fields["guest_id"].set_value(house["piet"].id)
        dialog._fill_allocations()
        fields["allocation_id"].set_value(house["indication"].id)
        fields["room_id"].set_value(house["linde"].id)
        fields["arrival_weekday"].set_value(1)
        fields["nights"].setText("2")
        fields["start_date"].setText("02-03-2026")
        fields["weeks"].setText("2")
        dialog.check()
        dialog.save()

    prompter.confirm_answer = False
    prompter.dialog_handler = fill
    planner.new_series()
    [question] = _asked(prompter)
    assert "2026: 159 van 156" in question and _nights(context) == 0


def test_changing_later_weeks_of_a_series_asks_first(planner, house, prompter, context, press):
    data = SeriesData(guest_id=house["piet"].id, room_id=house["linde"].id,
                      allocation_id=house["indication"].id, arrival_weekday=1, nights=1,
                      start_date=MONDAY, weeks=1)  # fmt: skip
    result = create_series(context.db, data, cap_accepted_by="Ria")
    planner.refresh()

    def change(dialog):
        if dialog.choice is not None:  # the refusal came back into the open dialog
            assert dialog.message.text().startswith("Niet opgeslagen. Wlz-logeren")
            dialog.reject()
            return
        dialog.form.fields["departure"].setText("06-03-2026")  # three nights
        press(dialog, "action_series_later")

    prompter.confirm_answer = False
    prompter.dialog_handler = change
    planner.open_stay(result.created[0])
    assert len(_asked(prompter)) == 1 and _nights(context) == 1


def test_undoing_a_cancellation_past_156_asks_first(qtbot, planner, house, prompter, context):
    stay = _one_night(context, house)  # 156 of 156
    planner.refresh()
    planner.grid.selected_stay = stay.id
    prompter.texts.append("Gast ziek")
    qtbot.keyClick(planner.grid, Qt.Key.Key_Delete)
    again = NewStay(house["piet"].id, house["eik"].id, date(2026, 3, 20), date(2026, 3, 21),
                    allocation_id=house["indication"].id)  # fmt: skip
    create_stay(context.db, again)  # the night is used again: the undo would make it 157
    prompter.confirm_answer = True
    planner.undo_stack.undo()
    assert len(_asked(prompter)) == 1 and _nights(context) == 2
    assert "gekozen door medewerker" in cap_log(context.db)[0]
