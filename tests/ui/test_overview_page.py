"""Overzichten: the figures of a month, a year, the previous and next period, saved as files."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from logeerhuis_app.domain.dates import format_month
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.ui.overview.page import OverviewPage


def _previous_month(day: date) -> date:
    return day.replace(day=1) - timedelta(days=1)


@pytest.fixture
def page(context, show):
    """Linde (1 bed) with one guest: 3 nights in the month before this one, 2 in this one."""
    today = date.today()
    room = save_room(context.db, RoomData(name="Linde"))
    anna = save_guest(context.db, GuestData(first_name="Anna", last_name="Smit"))
    earlier = _previous_month(today).replace(day=10)
    this_month = today.replace(day=1)
    for arrival, nights in ((earlier, 3), (this_month, 2)):
        new = NewStay(anna.id, room.id, arrival, arrival + timedelta(days=nights), "bevestigd")
        create_stay(context.db, new)
    widget = show(OverviewPage(context))
    widget.activate()
    return widget


def _figure(page, name: str) -> str:
    return page.figures[name].text()


def test_the_page_shows_the_figures_of_this_month(page):
    today = date.today()
    assert page.title.text() == format_month(today.year, today.month).capitalize()
    assert _figure(page, "nights") == "2"
    assert _figure(page, "guests") == "1"
    assert page.notes["guests"].text() == "0 nieuw"  # her first stay was last month
    days = (
        date(today.year + today.month // 12, today.month % 12 + 1, 1) - today.replace(day=1)
    ).days
    assert page.notes["occupancy"].text() == f"2 van {days} bednachten"
    rooms = page.tables["rooms"]
    assert rooms.item(0, 0).text() == "Linde" and rooms.item(0, 3).text() == "2"
    assert rooms.item(rooms.rowCount() - 1, 0).text() == "Totaal"
    assert page.room_chart.bars[0][0] == "Linde"
    assert page.month_chart.isHidden()


def test_previous_next_and_the_year_change_the_figures(qtbot, page):
    today = date.today()
    before = _previous_month(today)
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    assert page.title.text() == format_month(before.year, before.month).capitalize()
    assert _figure(page, "nights") == "3"
    assert page.notes["guests"].text() == "1 nieuw"
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert _figure(page, "nights") == "2"
    qtbot.mouseClick(page.year_button, Qt.MouseButton.LeftButton)
    assert page.title.text() == str(today.year)
    expected = 5 if before.year == today.year else 2
    assert _figure(page, "nights") == str(expected)
    assert page.month_chart.isVisible()
    assert sum(value for _label, value, _text in page.month_chart.bars) == expected
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.title.text() == str(today.year + 1)
    assert _figure(page, "nights") == "0"
    qtbot.mouseClick(page.month_button, Qt.MouseButton.LeftButton)
    assert page.month_chart.isHidden()


def test_saving_writes_a_pdf_and_a_workbook(qtbot, page, prompter, context, tmp_path):
    from pypdf import PdfReader

    pdf_path, xlsx_path = tmp_path / "overzicht.pdf", tmp_path / "overzicht.xlsx"
    prompter.files += [pdf_path, xlsx_path]
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    text = "".join(p.extract_text() for p in PdfReader(str(pdf_path)).pages)
    assert "Maandoverzicht" in text and "Linde" in text
    assert "Anna" not in text and "Smit" not in text  # aggregated figures only
    qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    figures = {
        row[0]: row[1]
        for row in load_workbook(xlsx_path)["Kerncijfers"].iter_rows(values_only=True)
    }
    assert figures["Nachten verbleven"] == 2
    assert ("open", "document", str(xlsx_path)) in prompter.messages
    assert "opgeslagen" in context.messages[-1]


def test_cancelling_the_save_dialog_writes_nothing(qtbot, page, prompter, tmp_path):
    qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    assert not [m for m in prompter.messages if m[0] in ("open", "error")]
    assert list(tmp_path.glob("*.pdf")) == []
