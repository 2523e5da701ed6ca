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
