"""Bestand > Bericht inlezen…: the preview dialog in Dutch, the guest created only when ticked,
cancel changes nothing, a refusal is told and its answer kept when asked (issue 21)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from logeerhuis_app.db.models import Allocation, Guest, ReceivedMessage
from logeerhuis_app.paths import settings_path
from logeerhuis_app.ui.main_window import MainWindow
from logeerhuis_app.ui.messages.read_dialog import ReadMessageDialog
from logeerhuis_app.ui.registry import page_classes
from tests.wmo301_messages import NEW_CLIENT, wmo301


def _counts(db):
    with db.session(write=False) as s:
        return tuple(
            s.scalar(select(func.count(m.id))) for m in (Allocation, Guest, ReceivedMessage)
        )


def _window(context, show):
    window = MainWindow(settings_path(context.data_dir))
    window.attach(context, page_classes())
    return show(window)


def test_the_menu_reads_a_toewijzing_for_a_new_guest_only_after_ticking(
    qtbot, context, show, prompter, wmo_house, tmp_path
):
    wmo_house()
    path = tmp_path / "toewijzing.xml"
    path.write_bytes(wmo301(client=NEW_CLIENT, number="777000001"))
    window = _window(context, show)
    assert window.actions_by_name["read_message"].text() == "Bericht &inlezen…"
    seen = {}

    def cancel(dialog):
        assert isinstance(dialog, ReadMessageDialog)
        seen["lines"] = dialog.details.toPlainText()
        seen["apply_enabled"] = dialog.apply_button.isEnabled()
        dialog.reject()

    before = _counts(context.db)
    prompter.files.append(path)
    prompter.dialog_handler = cancel
    window.actions_by_name["read_message"].trigger()
    assert "Gast: Truus van Dijk, geboren 23-11-1938: nog niet bekend" in seen["lines"]
    assert "Toewijzing 777000001 (nieuwe toewijzing)" in seen["lines"]
    assert seen["apply_enabled"] is False  # the guest must be ticked first
    assert _counts(context.db) == before

    def tick_and_apply(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.offer.isVisible() and dialog.offer.text().startswith("Gast Truus van Dijk")
        qtbot.mouseClick(dialog.offer, Qt.MouseButton.LeftButton)
        assert dialog.apply_button.isEnabled()
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    prompter.files.append(path)
    prompter.dialog_handler = tick_and_apply
    window.actions_by_name["read_message"].trigger()
    kind, title, text = prompter.messages[-1]
    assert (kind, title) == ("info", "Bericht ingelezen")
    assert "Nieuwe gast: Truus van Dijk" in text and "WMO302-0308-B2026000001.xml" in text
    assert _counts(context.db) == (before[0] + 1, before[1] + 1, before[2] + 1)


def test_a_shortening_shows_the_planned_stay_as_a_warning(qtbot, context, show, prompter,
                                                          wmo_house, tmp_path):  # fmt: skip
    from datetime import date

    wmo_house()
    path = tmp_path / "korter.xml"
    path.write_bytes(wmo301(end=date(2026, 3, 14), reason="05"))
    seen = {}

    def look(dialog):
        show(dialog, 700, 420)
        seen["warnings"] = dialog.warnings.text() if dialog.warnings.isVisible() else ""
        dialog.reject()

    prompter.files.append(path)
    prompter.dialog_handler = look
    from logeerhuis_app.ui.messages.actions import read_message_from_file

    assert read_message_from_file(context) is False
    assert seen["warnings"].startswith("Let op: Het verblijf van 10-03-2026 tot 18-03-2026")


def test_a_refused_message_is_told_in_dutch_and_its_answer_kept_when_asked(
    context, prompter, wmo_house, tmp_path
):
    from logeerhuis_app.ui.messages.actions import read_message_from_file

    wmo_house()
    path = tmp_path / "fout.xml"
    path.write_bytes(wmo301(code="04X99"))
    prompter.files.append(path)
    prompter.confirm_answer = True
    assert read_message_from_file(context) is False
    kind, title, text = prompter.messages[-1]
    assert (kind, title) == ("confirm", "Bericht afgekeurd")
    assert "geen contract met Gemeente Baarn voor product 04/04X99" in text
    assert (context.data_dir / "berichten" / "WMO302-0308-B2026000001-afgekeurd.xml").exists()
    assert prompter.dialogs == []  # no preview for a refused message
    garbage = tmp_path / "kapot.xml"
    garbage.write_bytes(b"\x00\x01 geen xml")
    prompter.files.append(garbage)
    assert read_message_from_file(context) is False
    assert prompter.messages[-1][:2] == ("error", "Bericht niet ingelezen")
    assert "geen leesbaar XML-bericht" in prompter.messages[-1][2]


def test_the_declaraties_page_lists_the_answers_of_the_month_and_saves_one(
    context, show, prompter, wmo_house, tmp_path, qtbot
):
    from datetime import datetime

    from logeerhuis_app.claims.read_message import apply_message, read_message
    from logeerhuis_app.ui.claims.page import ClaimsPage

    wmo_house()
    now = datetime(2026, 7, 2, 10, 0)
    preview = read_message(context.db, wmo301(number="555000111"), today=now.date())
    apply_message(context.db, preview, data_dir=context.data_dir, accept_offer=False, by="Ans",
                  now=now)  # fmt: skip
    page = show(ClaimsPage(context))
    page.year.setValue(2026)
    page.month.setValue(7)
    page.refresh()
    box = page.messages_box
    assert box.model.rowCount() == 1
    row = [box.model.index(0, c).data() for c in range(box.model.columnCount())]
    assert row[:6] == ["02-07-2026", "WMO301 B2026000001", "Baarn", "verwerkt",
                       "geen (goedgekeurd)", "WMO302-0308-B2026000001.xml"]  # fmt: skip
    page.month.setValue(6)  # another month: not listed
    assert box.model.rowCount() == 0
    page.month.setValue(7)
    box.view.selectRow(0)
    target = tmp_path / "antwoord.xml"
    prompter.files.append(target)
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"<?xml") and b"<wmo302:BerichtCode>415<" in (
        target.read_bytes()
    )


def test_a_database_that_cannot_be_read_is_told_not_a_crash(
    context, prompter, wmo_house, tmp_path, monkeypatch
):
    from logeerhuis_app.services.errors import DataError
    from logeerhuis_app.ui.messages import actions

    wmo_house()
    path = tmp_path / "toewijzing.xml"
    path.write_bytes(wmo301())

    def unreadable(*_args, **_kwargs):
        raise DataError("De database kan niet worden gelezen.")

    monkeypatch.setattr(actions, "read_message", unreadable)
    prompter.files.append(path)
    assert actions.read_message_from_file(context) is False
    assert prompter.messages[-1] == (
        "error",
        "Bericht niet ingelezen",
        "De database kan niet worden gelezen.",
    )
