"""The idle lock: fires after the idle time, input on the window postpones it, and the filter
is on the window (not the application) and removed again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from logeerhuis_app.access.security_settings import idle_minutes, set_idle_minutes
from logeerhuis_app.services.errors import ValidationError
from logeerhuis_app.ui.idle_lock import IdleLock


def _window(show):
    window = QWidget()
    field = QLineEdit(window)
    QVBoxLayout(window).addWidget(field)
    return show(window, 300, 200), field


def test_locks_after_the_idle_time_and_keeps_what_was_typed(qtbot, show):
    window, field = _window(show)
    field.setText("half getypte notitie")
    locked = []
    lock = IdleLock(window, 150, lambda: locked.append(field.text()))
    lock.start()
    qtbot.waitUntil(lambda: bool(locked), timeout=2000)
    assert locked == ["half getypte notitie"] and field.text() == "half getypte notitie"
    lock.stop_watching()


def test_typing_on_the_window_postpones_the_lock(qtbot, show):
    window, field = _window(show)
    locked = []
    lock = IdleLock(window, 400, lambda: locked.append(True))
    lock.start()
    field.setFocus()
    for _ in range(8):  # 8 x 100 ms of typing: twice the idle time, no lock
        # Through the QWindow, as real keys arrive (a widget-level click would skip it).
        qtbot.keyClick(window.windowHandle(), Qt.Key.Key_A)
        qtbot.wait(100)
    assert locked == [] and field.text() == "aaaaaaaa"
    qtbot.waitUntil(lambda: bool(locked), timeout=2000)
    lock.stop_watching()
    assert lock.watched_windows() == [] and not lock.timer.isActive()


def test_the_idle_time_is_a_house_setting(db):
    assert idle_minutes(db) == 5
    set_idle_minutes(db, 12)
    assert idle_minutes(db) == 12
    try:
        set_idle_minutes(db, 0)
    except ValidationError as exc:
        assert "1 tot 60 minuten" in exc.detail
    else:
        raise AssertionError("0 minutes accepted")
    assert idle_minutes(db) == 12


def test_the_settings_page_saves_the_idle_time(context, show, qtbot):
    from logeerhuis_app.ui.settings.page import SettingsPage

    page = show(SettingsPage(context))
    page.refresh()
    assert page.security_panel.minutes.value() == 5
    page.security_panel.minutes.setValue(15)
    qtbot.mouseClick(page.security_panel.save_button, Qt.MouseButton.LeftButton)
    assert idle_minutes(context.db) == 15
