"""Issue 19 in the planner: the stay dialog says what to do as a typed value, every edit (undo
too) runs through operations.run, refusals name their reason, and the page reloads because it
listens to what changed."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog

from logeerhuis_app.house.guests import GuestData, get_guest, save_guest
from logeerhuis_app.planning.requests import RequestData, list_requests, save_request
from logeerhuis_app.planning.series import SeriesData, create_series
from logeerhuis_app.planning.stays import NewStay, create_stay, list_stays
from logeerhuis_app.ui import operations
from logeerhuis_app.ui.planner.stay_choices import (
    CancelStay,
    ChangeSeriesLater,
    ChangeStatus,
    DocumentKind,
    MoveStay,
    OpenIntake,
    SaveDocument,
    StatusStep,
)
from logeerhuis_app.ui.planner.stay_dialog import StayDialog

MONDAY = date(2026, 3, 2)


@pytest.fixture
def house(linde_and_eik):
    return linde_and_eik


@pytest.fixture
def planner(open_planner, house):
    return open_planner(MONDAY, zoom=1)


def _heard(context) -> list[str]:
    topics: list[str] = []
    context.data_changed.connect(topics.append)
    return topics


def _dialog(qtbot, planner, stay_id: int | None = None) -> StayDialog:
    stay = planner.grid.stay_by_id(stay_id) if stay_id is not None else None
    dialog = StayDialog(planner.context, planner.grid.beds, stay=stay)
    qtbot.addWidget(dialog)
    return dialog


def _choice(qtbot, planner, press, stay_id: int | None, button: str, **typed: str):
    dialog = _dialog(qtbot, planner, stay_id)
    for name, text in typed.items():
        dialog.form.fields[name].setText(text)
    press(dialog, button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    return dialog.choice


def _complete_intake(context, stay_id: int) -> None:
    from logeerhuis_app.domain.intake import ITEMS, Answer
    from logeerhuis_app.intake.intake import save_intake

    good = {i.key: Answer(i.good[0] if i.good else "ja", date(2026, 3, 1), "Ria") for i in ITEMS}
    good["wzd_art21"] = Answer("nvt", date(2026, 3, 1), "Ria")
    save_intake(context.db, stay_id, good)


def test_each_button_of_the_stay_dialog_gives_its_typed_choice(
    qtbot, planner, house, context, press
):
    linde, eik = house["linde"], house["eik"]
    option = create_stay(context.db, NewStay(house["anna"].id, linde.id, date(2026, 3, 10),
                                             date(2026, 3, 13), status="optie"))  # fmt: skip
    weekly = SeriesData(guest_id=house["piet"].id, room_id=eik.id, arrival_weekday=0, nights=2,
                        start_date=date(2026, 3, 2), weeks=2)  # fmt: skip
    series = create_series(context.db, weekly)
    present = create_stay(context.db, NewStay(house["anna"].id, eik.id, date(2026, 3, 20),
                                              date(2026, 3, 23), status="bevestigd"))  # fmt: skip
    _complete_intake(context, present.id)
    from logeerhuis_app.planning.planning import check_in

    check_in(context.db, present.id, when=datetime(2026, 3, 20, 14))
    planner.refresh()
    eik_bed = eik.bed_ids[0]

    dialog = _dialog(qtbot, planner)
    press(dialog, "save_stay")
    assert dialog.choice is None and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.error_text("guest_id") == "Kies de gast."
    dialog.form.fields["guest_id"].set_value(house["piet"].id)
    dialog.form.fields["bed_id"].set_value(eik_bed)
    dialog.form.fields["arrival"].setText("24-03-2026")
    dialog.form.fields["departure"].setText("26-03-2026")
    press(dialog, "save_stay")
    assert dialog.choice == NewStay(
        guest_id=house["piet"].id, room_id=eik.id, bed_id=eik_bed, arrival=date(2026, 3, 24),
        departure=date(2026, 3, 26), status="bevestigd", allocation_id=None, notes="",
    )  # fmt: skip

    moved = _choice(qtbot, planner, press, option.id, "save_stay", departure="14-03-2026",
                    asked_by="Kees Smit")  # fmt: skip
    assert moved == MoveStay(linde.bed_ids[0], date(2026, 3, 10), date(2026, 3, 14), "Kees Smit")
    assert _choice(qtbot, planner, press, option.id, "action_confirm") == ChangeStatus(
        StatusStep.CONFIRM
    )
    checked_in = _choice(qtbot, planner, press, option.id, "action_check_in",
                         arrival="11-03-2026")  # fmt: skip
    assert isinstance(checked_in, ChangeStatus) and checked_in.step is StatusStep.CHECK_IN
    assert checked_in.when is not None and checked_in.when.date() == date(2026, 3, 11)
    assert _choice(qtbot, planner, press, option.id, "action_cancel") == CancelStay()
    assert _choice(qtbot, planner, press, option.id, "action_intake") == OpenIntake()

    later = _choice(qtbot, planner, press, series.created[0], "action_series_later",
                    arrival="03-03-2026", departure="06-03-2026")  # fmt: skip
    assert later == ChangeSeriesLater(eik_bed, date(2026, 3, 3), date(2026, 3, 6))

    checked_out = _choice(qtbot, planner, press, present.id, "action_check_out",
                          departure="22-03-2026")  # fmt: skip
    assert isinstance(checked_out, ChangeStatus) and checked_out.step is StatusStep.CHECK_OUT
    assert checked_out.when is not None and checked_out.when.date() == date(2026, 3, 22)
    assert _choice(qtbot, planner, press, present.id, "action_doc_departure") == SaveDocument(
        DocumentKind.DEPARTURE
    )
    assert _choice(qtbot, planner, press, present.id, "action_doc_evaluation") == SaveDocument(
        DocumentKind.EVALUATION
    )


def test_undoing_a_move_announces_the_stays_and_a_refused_undo_names_who_is_in_the_way(
    planner, house, prompter, context
):
    anna = create_stay(context.db, NewStay(house["anna"].id, house["linde"].id, date(2026, 3, 10),
                                           date(2026, 3, 13), status="bevestigd"))  # fmt: skip
    planner.refresh()
    eik_bed = house["eik"].bed_ids[0]
    planner.move_stay(anna.id, eik_bed, date(2026, 3, 10), date(2026, 3, 13))
    topics = _heard(context)
    planner.undo_stack.undo()
    assert topics == ["stays"]
    assert planner.grid.stay_by_id(anna.id).bed_id == house["linde"].bed_ids[0]  # reloaded

    planner.undo_stack.redo()  # back in Eik; then another PC books Linde
    create_stay(context.db, NewStay(house["piet"].id, house["linde"].id, date(2026, 3, 11),
                                    date(2026, 3, 12)))  # fmt: skip
    topics.clear()
    planner.undo_stack.undo()
    assert topics == []  # nothing changed, nothing announced
    kind, title, text = prompter.messages[-1]
    assert (kind, title) == ("error", "Kan niet")
    assert text == (
        "Anna Smit verplaatst kan niet ongedaan worden gemaakt: "
        "Kamer Linde is op 11-03-2026 bezet door Piet van Dam."
    )
    assert [s.room_id for s in list_stays(context.db, MONDAY, date(2026, 4, 1))
            if s.guest_id == house["anna"].id] == [house["eik"].id]  # fmt: skip


def test_a_request_dropped_on_a_bed_taken_meanwhile_names_who_took_it(
    planner, house, prompter, context
):
    """Issue 19's bug: this showed "controleer de gemarkeerde velden" with no field marked."""
    request = save_request(context.db, RequestData(
        guest_id=house["anna"].id, requester_name="Kees", received_on=date(2026, 2, 1),
        wished_arrival=date(2026, 3, 10), wished_departure=date(2026, 3, 13)))  # fmt: skip
    planner.refresh()
    # Another writer takes Eik after the planner loaded: the grid still shows it free.
    create_stay(context.db, NewStay(house["piet"].id, house["eik"].id, date(2026, 3, 11),
                                    date(2026, 3, 12)))  # fmt: skip
    topics = _heard(context)
    g = planner.grid.geometry_
    mime = planner.lane.mime_for(request.id)
    drop = QDropEvent(QPointF(g.x_of(date(2026, 3, 10)) + 3, g.y_of(1) + 5),
                      Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    planner.grid.dropEvent(drop)
    kind, title, text = prompter.messages[-1]
    assert (kind, title) == ("error", "Aanvraag niet geplaatst")
    assert text == "Kamer Eik is op 11-03-2026 bezet door Piet van Dam."
    assert "gemarkeerde" not in text and context.messages[-1] == text
    assert [r.id for r in list_requests(context.db)] == [request.id]  # still waiting
    assert topics == []


def test_the_planner_reloads_when_a_guest_is_renamed_elsewhere(planner, house, context):
    """The bars show guests' names: a change of guests reloads the planner (no F5)."""
    create_stay(context.db, NewStay(house["anna"].id, house["linde"].id, date(2026, 3, 10),
                                    date(2026, 3, 13)))  # fmt: skip
    planner.refresh()
    anna = get_guest(context.db, house["anna"].id)
    operations.run(
        context, lambda: save_guest(context.db, GuestData(**{**anna.__dict__, "last_name": "Bos"}))
    )
    assert [s.guest_name for s in planner.view.stays] == ["Anna Bos"]


def test_a_refused_check_in_stays_in_the_dialog_with_the_reason(
    planner, house, prompter, context, press
):
    stay = create_stay(context.db, NewStay(house["anna"].id, house["linde"].id, date(2026, 3, 10),
                                           date(2026, 3, 13), status="bevestigd"))  # fmt: skip
    _complete_intake(context, stay.id)
    planner.refresh()
    seen = []

    def check_in(dialog):
        seen.append(dialog.message.text())
        if len(seen) > 1:
            dialog.reject()
            return
        dialog.form.fields["arrival"].setText("13-03-2026")  # on the departure day
        press(dialog, "action_check_in")

    prompter.dialog_handler = check_in
    planner.open_stay(stay.id)
    assert seen[1] == "De aankomst ligt op of na de vertrekdatum."
    assert prompter.messages == []  # no message box: the dialog said it
