"""Belasting mantelzorger (CSI): opened from the carers table, stored only with consent."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt

from logeerhuis_app.house.guests import CarerData, GuestData, save_guest
from logeerhuis_app.intake.carer_strain import NO_CONSENT, StrainData, list_strain, record_strain
from logeerhuis_app.ui.guests.page import GuestsPage
from logeerhuis_app.ui.guests.strain_dialog import StrainDialog


def _guest(db):  # type: ignore[no-untyped-def]
    carers = (CarerData(name="Kees Smit", relation="partner"), CarerData(name="Els Smit"))
    return save_guest(db, GuestData(first_name="Anna", last_name="Smit", carers=carers))


def _open_carers(page, guest, row: int):  # type: ignore[no-untyped-def]
    page.select_id(guest.id)
    page.tabs.setCurrentIndex(1)  # Contacten
    editor = page.form.fields["carers"]
    editor.table.selectRow(row)
    return editor


def test_a_score_of_8_is_stored_with_consent_and_shown_as_overburdened(
    qtbot, context, show, prompter
):
    guest = _guest(context.db)
    kees = guest.carers[0].id
    earlier = date.today() - timedelta(days=90)
    record_strain(context.db, StrainData(carer_id=kees, measured_on=earlier, answers=(True,) * 5
                                         + (False,) * 8, consent=True,
                                         consent_recorded_by="Ineke"))  # fmt: skip
    page = show(GuestsPage(context))
    page.activate()
    editor = _open_carers(page, guest, 0)
    seen = {}

    def fill(dialog: StrainDialog) -> None:
        dialog.show()  # as exec() would
        qtbot.waitExposed(dialog)
        seen["title"] = dialog.windowTitle()
        seen["history"] = [
            dialog.history.item(r, 2).text() for r in range(dialog.history.rowCount())
        ]
        seen["date"] = dialog.form.fields["measured_on"].text()
        consent = dialog.form.fields["consent"]
        box = QPoint(8, consent.height() // 2)  # on the box, not in the empty space beside it
        qtbot.mouseClick(consent, Qt.MouseButton.LeftButton, pos=box)
        seen["consent"] = consent.isChecked()
        qtbot.keyClicks(dialog.form.fields["consent_recorded_by"], "Marieke de Vries")
        dialog.form.fields["moment"].set_value("evaluatie")
        for check in dialog.questions[:8]:
            check.setChecked(True)
        seen["score"] = dialog.score_label.text()
        seen["overburdened"] = dialog.overburdened_label.isVisible()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    prompter.dialog_handler = fill
    qtbot.mouseClick(editor.strain_button, Qt.MouseButton.LeftButton)

    assert len(prompter.dialogs) == 1
    assert "Kees Smit" in seen.pop("title")
    assert seen.pop("history") == ["5"]
    assert seen.pop("date") == date.today().strftime("%d-%m-%Y")
    assert seen == {"consent": True, "score": "Score: 8 van 13", "overburdened": True}
    dialog = prompter.dialogs[0]
    assert dialog.result() == StrainDialog.DialogCode.Accepted
    records = list_strain(context.db, kees)
    assert [(r.score, r.overburdened, r.moment) for r in records] == [
        (5, False, "intake"),
        (8, True, "evaluatie"),
    ]
    assert records[-1].consent_recorded_by == "Marieke de Vries"
    assert "score 8" in context.messages[-1]
    # Opened again: the history shows both, with the trend and the red word.
    prompter.dialog_handler = lambda d: seen.update(
        trend=d.trend_label.text(), flag=d.history.item(1, 3).text()
    )
    qtbot.mouseClick(editor.strain_button, Qt.MouseButton.LeftButton)
    assert "gestegen van 5 naar 8" in seen["trend"] and seen["flag"] == "overbelast"


def test_without_consent_the_save_is_refused_and_nothing_is_stored(qtbot, context, show, prompter):
    guest = _guest(context.db)
    page = show(GuestsPage(context))
    page.activate()
    editor = _open_carers(page, guest, 1)
    seen = {}

    def fill(dialog: StrainDialog) -> None:
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClicks(dialog.form.fields["consent_recorded_by"], "Marieke")
        for check in dialog.questions[:3]:
            check.setChecked(True)
        seen["overburdened"] = dialog.overburdened_label.isVisible()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["field"] = dialog.form.error_text("consent")
        seen["message"] = dialog.message.text()
        seen["visible"] = dialog.isVisible()
        dialog.reject()

    prompter.dialog_handler = fill
    qtbot.mouseClick(editor.strain_button, Qt.MouseButton.LeftButton)
    assert seen["field"] == NO_CONSENT and seen["message"] == NO_CONSENT
    assert seen["visible"] and not seen["overburdened"]
    assert list_strain(context.db, guest.carers[1].id) == []
    assert list_strain(context.db, guest.carers[0].id) == []


def test_an_unsaved_carer_asks_to_save_the_guest_first(qtbot, context, show, prompter):
    guest = _guest(context.db)
    page = show(GuestsPage(context))
    page.activate()
    editor = _open_carers(page, guest, 0)
    editor.add_row()
    editor.table.item(2, 0).setText("Piet Smit")
    editor.table.selectRow(2)
    qtbot.mouseClick(editor.strain_button, Qt.MouseButton.LeftButton)
    assert prompter.dialogs == []
    kind, _title, text = prompter.messages[-1]
    assert kind == "info" and "Sla eerst de gast op" in text
