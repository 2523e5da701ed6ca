"""Gasten > Privacy: the inzage file and removing the care data, as staff would click them."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from logeerhuis_app.house.guests import get_guest
from logeerhuis_app.ui.guests.page import GuestsPage


def test_inzage_and_removal_from_the_guest_page(
    qtbot, context, show, prompter, wmo_house, tmp_path
):
    _gemeente, stay = wmo_house()
    page = show(GuestsPage(context))
    page.refresh()
    page.select_id(stay.guest_id)
    target = tmp_path / "inzage.json"
    prompter.files.append(target)
    qtbot.mouseClick(page.privacy.export_button, Qt.MouseButton.LeftButton)
    dossier = json.loads(target.read_text(encoding="utf-8"))
    assert dossier["gast"] == "Gerrit Bos" and len(dossier["tabellen"]["nights"]) == 8

    prompter.texts.append("brief van de gast, 2 april")
    qtbot.mouseClick(page.privacy.erase_button, Qt.MouseButton.LeftButton)
    guest = get_guest(context.db, stay.guest_id)
    assert "brief van de gast" in guest.notes and guest.bsn == "999900006"


def test_a_new_unsaved_guest_has_no_inzage(qtbot, context, show, prompter):
    page = show(GuestsPage(context))
    page.refresh()
    page.new_item()
    qtbot.mouseClick(page.privacy.export_button, Qt.MouseButton.LeftButton)
    assert prompter.messages[-1][:2] == ("error", "Privacy")


def test_retention_terms_are_set_and_listed_in_settings(qtbot, context, show, prompter):
    from logeerhuis_app.access.privacy import get_retention
    from logeerhuis_app.ui.settings.page import SettingsPage

    page = show(SettingsPage(context))
    page.refresh()
    panel = page.retention_panel
    assert (panel.care.value(), panel.money.value()) == (20, 7)
    panel.care.setValue(25)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert get_retention(context.db).care_years == 25
    qtbot.mouseClick(panel.list_button, Qt.MouseButton.LeftButton)
    assert prompter.messages[-1] == (
        "info",
        "Over de bewaartermijn",
        "Niets is over zijn bewaartermijn.",
    )
