"""Screens on a real database in a temporary directory, with a recording prompter."""

from __future__ import annotations

import pytest

from logeerhuis_app.ui.context import AppContext
from logeerhuis_app.ui.widgets.prompter import RecordingPrompter


@pytest.fixture
def prompter():
    return RecordingPrompter()


@pytest.fixture
def context(db, data_dir, prompter, qapp):
    messages: list[str] = []
    ctx = AppContext(db, prompter, data_dir, status=messages.append)
    ctx.messages = messages  # type: ignore[attr-defined]
    return ctx


@pytest.fixture
def show(qtbot):
    """Add a widget to qtbot (closed after the test) and show it at a realistic size."""

    def _show(widget, width: int = 1200, height: int = 800):
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return _show


@pytest.fixture
def activate(qtbot):
    """Make a shown window the active one, so that keyboard shortcuts reach it."""
    from PySide6.QtWidgets import QApplication

    def _activate(window):
        window.activateWindow()
        window.windowHandle().requestActivate()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)

    return _activate


@pytest.fixture
def press():
    """Click a dialog's button by its object name ("save_stay", "action_check_in"…)."""
    from PySide6.QtWidgets import QPushButton

    def _press(dialog, name: str) -> None:
        button = dialog.findChild(QPushButton, name)
        assert button is not None, f"no button {name}"
        assert button.isEnabled(), f"button {name} is disabled"
        button.click()

    return _press


@pytest.fixture
def linde_and_eik(context):
    """Two rooms of one bed (Linde, Eik) and two guests (Anna Smit, Piet van Dam)."""
    from logeerhuis_app.house.guests import GuestData, save_guest
    from logeerhuis_app.house.rooms import RoomData, save_room

    db = context.db
    return {
        "linde": save_room(db, RoomData(name="Linde", beds=1, sort_order=1)),
        "eik": save_room(db, RoomData(name="Eik", beds=1, sort_order=2)),
        "anna": save_guest(db, GuestData(first_name="Anna", last_name="Smit")),
        "piet": save_guest(db, GuestData(first_name="Piet", prefix="van", last_name="Dam")),
    }


@pytest.fixture
def open_planner(context, show):
    """The planner shown from `first_day`; zoom 0 is two weeks, 1 a month."""

    def _open(first_day, zoom: int = 1):
        from logeerhuis_app.ui.planner.page import PlannerPage

        page = show(PlannerPage(context), 1300, 600)
        page.zoom_box.setCurrentIndex(zoom)
        page.first_day = first_day
        page.refresh()
        return page

    return _open
