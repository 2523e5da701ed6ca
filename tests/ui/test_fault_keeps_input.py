"""A full disk while saving: a Dutch message, and what the user typed stays on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import event

from logeerhuis_app.house.guests import search_guests
from logeerhuis_app.ui.guests.page import GuestsPage


def test_a_full_disk_keeps_the_typed_guest_on_screen(qtbot, context, show):
    page = show(GuestsPage(context))
    page.activate()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.form.fields["first_name"].setText("Johanna")
    page.form.fields["last_name"].setText("Meer")
    # A long text needs new pages, more than the full disk has (a short one may fit); the
    # longest a note may be (10.000 characters).
    long_text = "Insuline om 8 uur, 's avonds hulp bij het uitkleden. " * 180
    page.form.fields["care_needs"].setPlainText(long_text)

    def disk_full(connection, _record):  # every new connection: no room for one more page
        cursor = connection.cursor()
        cursor.execute("PRAGMA max_page_count = 1")
        cursor.close()

    context.db.engine.dispose()
    event.listen(context.db.engine, "connect", disk_full)
    try:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    finally:
        event.remove(context.db.engine, "connect", disk_full)
        context.db.engine.dispose()
    shown = page.general_error.text() + " ".join(m[2] for m in context.prompter.messages)
    assert "schijf is vol" in shown.lower(), shown
    assert page.form.fields["last_name"].text() == "Meer"
    assert "Insuline om 8 uur" in page.form.fields["care_needs"].toPlainText()
    assert search_guests(context.db, "Meer") == []  # nothing half-saved
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)  # room again: it saves
    assert len(search_guests(context.db, "Meer")) == 1
