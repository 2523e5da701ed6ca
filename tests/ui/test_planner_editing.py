"""The planner grid through the mouse and keyboard: create, move, resize, collide, undo, scroll."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt

from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.ui import operations
from tests.ui import planner_support
from tests.ui.planner_support import MONDAY, _stays

# The fixtures live in planner_support.py, shared with the other half of the planner tests.
house, planner = planner_support.house, planner_support.planner


def _point(page, row: int, day: date, where: float = 0.5) -> QPoint:
    g = page.grid.geometry_
    return QPoint(int(g.x_of(day) + g.day_width * where), int(g.y_of(row) + g.row_height / 2))


def _drag(qtbot, grid, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=start)
    middle = QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2)
    qtbot.mouseMove(grid, middle)
    qtbot.mouseMove(grid, end)
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=end)


def test_the_grid_shows_beds_down_and_the_stay_across(planner, house):
    labels = [bed.label for bed in planner.grid.beds]
    assert labels == ["Linde", "Eik · bed 1", "Eik · bed 2"]
    [stay] = planner.view.stays
    assert (stay.guest_name, stay.nights) == ("Anna Smit", 3)
    hit, part = planner.grid.stay_at(_point(planner, 0, date(2026, 3, 11)).toPointF())
    assert hit.id == house["stay"].id and part == "body"
    # The bar starts in the afternoon of arrival: the morning of 10 March is still free.
    assert planner.grid.stay_at(_point(planner, 0, date(2026, 3, 10), 0.2).toPointF())[0] is None


def test_dragging_over_free_days_creates_a_stay_and_undo_removes_it(
    qtbot, planner, house, prompter, context, press
):
    def fill(dialog):
        assert dialog.form.fields["arrival"].text() == "12-03-2026"
        assert dialog.form.fields["departure"].text() == "15-03-2026"
        dialog.form.fields["guest_id"].set_value(house["piet"].id)
        press(dialog, "save_stay")

    prompter.dialog_handler = fill
    _drag(
        qtbot,
        planner.grid,
        _point(planner, 1, date(2026, 3, 12)),
        _point(planner, 1, date(2026, 3, 14)),
    )
    created = (house["piet"].id, house["eik"].id, date(2026, 3, 12), date(2026, 3, 15), "bevestigd")
    assert created in _stays(context)
    assert len(planner.view.stays) == 2
    qtbot.mouseClick(planner.undo_button, Qt.MouseButton.LeftButton)
    assert created not in _stays(context)
    qtbot.mouseClick(planner.redo_button, Qt.MouseButton.LeftButton)
    assert created in _stays(context)


def test_moving_a_stay_to_another_room_and_day_and_undo(qtbot, planner, house, context):
    start = _point(planner, 0, date(2026, 3, 11))
    _drag(qtbot, planner.grid, start, _point(planner, 2, date(2026, 3, 13)))
    moved = (house["anna"].id, house["eik"].id, date(2026, 3, 12), date(2026, 3, 15), "bevestigd")
    assert _stays(context) == [moved]
    assert "verplaatst" in context.messages[-1]
    planner.undo_stack.undo()
    assert _stays(context) == [(house["anna"].id, house["linde"].id, date(2026, 3, 10),
                                date(2026, 3, 13), "bevestigd")]  # fmt: skip


def test_dragging_the_end_changes_the_departure(qtbot, planner, house, context):
    g = planner.grid.geometry_
    _left, right = g.bar_span(date(2026, 3, 10), date(2026, 3, 13))
    start = QPoint(int(right) - 2, g.y_of(0) + g.row_height // 2)
    end = QPoint(int(right) - 2 + 2 * g.day_width, start.y())
    _drag(qtbot, planner.grid, start, end)
    assert _stays(context)[0][2:4] == (date(2026, 3, 10), date(2026, 3, 15))


def test_a_move_onto_an_occupied_bed_is_refused_naming_the_guest(
    qtbot, planner, house, prompter, context
):
    create_stay(context.db, NewStay(house["piet"].id, house["eik"].id, date(2026, 3, 3),
                                    date(2026, 3, 6), bed_id=house["eik"].bed_ids[0]))  # fmt: skip
    planner.refresh()
    before = _stays(context)
    _drag(
        qtbot,
        planner.grid,
        _point(planner, 1, date(2026, 3, 4)),
        _point(planner, 0, date(2026, 3, 11)),
    )
    assert _stays(context) == before
    kind, _title, text = prompter.messages[-1]
    assert kind == "error"
    assert text == "Kamer Linde is op 10-03-2026 bezet door Anna Smit."
    assert not planner.undo_stack.canUndo()


def test_the_database_refuses_a_collision_the_grid_did_not_see(planner, house, context):
    """Another PC booked the bed after the planner loaded: the service refuses too."""
    create_stay(context.db, NewStay(house["piet"].id, house["eik"].id, date(2026, 3, 10),
                                    date(2026, 3, 12), bed_id=house["eik"].bed_ids[1]))  # fmt: skip
    planner.move_stay(
        house["stay"].id, house["eik"].bed_ids[1], date(2026, 3, 10), date(2026, 3, 13)
    )
    assert "bezet door Piet van Dam" in context.prompter.messages[-1][2]
    assert _stays(context)[0][1] == house["linde"].id


def test_keyboard_moves_and_lengthens_the_selected_stay(qtbot, planner, house, context, activate):
    planner.grid.selected_stay = house["stay"].id
    planner.grid.setFocus()
    qtbot.keyClick(planner.grid, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert _stays(context)[0][2:4] == (date(2026, 3, 11), date(2026, 3, 14))
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(planner.grid, Qt.Key.Key_Right, shift_ctrl)
    assert _stays(context)[0][2:4] == (date(2026, 3, 11), date(2026, 3, 15))
    planner.undo_stack.undo()
    planner.undo_stack.undo()
    assert _stays(context)[0][2:4] == (date(2026, 3, 10), date(2026, 3, 13))


def test_delete_cancels_with_a_reason_and_undo_reinstates(qtbot, planner, house, prompter, context):
    planner.grid.selected_stay = house["stay"].id
    prompter.texts.append("Gast ziek")
    qtbot.keyClick(planner.grid, Qt.Key.Key_Delete)
    assert _stays(context)[0][4] == "geannuleerd"
    assert planner.view.stays == ()  # cancelled stays are hidden unless asked for
    planner.show_cancelled.setChecked(True)
    assert [s.status for s in planner.view.stays] == ["geannuleerd"]
    planner.undo_stack.undo()
    assert _stays(context)[0][4] == "bevestigd"


def test_zoom_levels_and_week_scrolling(qtbot, planner):
    for index, days in ((0, 14), (1, 35), (2, 91)):
        planner.zoom_box.setCurrentIndex(index)
        assert planner.grid.days == days
        assert planner.grid.geometry_.first_day == MONDAY
    qtbot.mouseClick(planner.forward_button, Qt.MouseButton.LeftButton)
    assert planner.first_day == MONDAY + timedelta(days=7)
    planner.jump.setText("25-12-2026")
    qtbot.keyClick(planner.jump, Qt.Key.Key_Return)
    assert planner.first_day == date(2026, 12, 21)


def test_scrolling_a_week_reuses_the_loaded_window_and_changes_reload(planner, house, context):
    loads = planner.loads
    planner.scroll_days(7)
    planner.scroll_days(-7)
    assert planner.loads == loads  # within the loaded window: a repaint only
    planner.scroll_days(7 * 20)
    assert planner.loads == loads + 1  # far away: the next window is read
    planner.scroll_days(-7 * 20)
    # A change made elsewhere in the app (another page): announced, the planner reloads.
    operations.run(
        context,
        lambda: create_stay(
            context.db,
            NewStay(house["piet"].id, house["eik"].id, date(2026, 3, 3), date(2026, 3, 5)),
        ),
    )
    assert any(s.guest_id == house["piet"].id for s in planner.view.stays)


def test_a_reserved_bed_names_its_funder_where_the_bed_is_free(planner, house, context, qtbot):
    from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
    from logeerhuis_app.house.funders import FunderData, save_funder
    from logeerhuis_app.house.reservations import ReservationData, reserve_bed
    from logeerhuis_app.ui.planner.grid import reservation_text
    from logeerhuis_app.ui.planner.painting import _widest_gap

    leusden = save_funder(context.db, FunderData(name="Gemeente Leusden", cbs_code="0327"))
    crisis = save_contract(
        context.db,
        ContractData(
            funder_id=leusden.id,
            name="Crisisbed",
            tariff_model="reserved_bed",
            valid_from=date(2026, 1, 1),
            rates=(RateData(valid_from=date(2026, 1, 1), amount_cents=11800),),
        ),
    )
    linde_bed = planner.grid.beds[0].bed_id
    reserve_bed(
        context.db, ReservationData(None, linde_bed, crisis.id, date(2026, 3, 2), date(2026, 3, 15))
    )
    planner.refresh()
    over_anna = planner.grid.reservation_at(_point(planner, 0, date(2026, 3, 11)).toPointF())
    assert reservation_text(over_anna) == (
        "Bed gereserveerd door Gemeente Leusden, 02-03-2026 t/m 15-03-2026 "
        "(betaald, ook als het leeg is)\n"
        "Geen toewijzing voor het bed: de lege dagen gaan niet mee in de WMO323"
    )
    assert planner.grid.reservation_at(_point(planner, 1, date(2026, 3, 11)).toPointF()) is None
    # The name goes in the widest free stretch: here before Anna's stay (2-10 March).
    g = planner.grid.geometry_
    span = (g.x_of(date(2026, 3, 2)), g.x_of(date(2026, 3, 16)))
    anna = g.bar_span(date(2026, 3, 10), date(2026, 3, 13))
    assert _widest_gap(span, [anna]) == (span[0], anna[0])
    assert _widest_gap(span, []) == span
    assert _widest_gap((0, 100), [(-10, 40), (60, 120)]) == (40, 60)
    planner.grid.repaint()  # paints without error with the label in place
