"""The idle lock's two gaps (issue 16): an open dialog with a guest's data was left visible
while locked, and moving the mouse in another program kept the lock away. Now every window of
the program is covered (also a modal dialog in its own event loop, which must not end), and
only input to the program's own windows postpones the lock."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QColor, QCursor
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMainWindow, QVBoxLayout, QWidget

from logeerhuis_app.access import accounts
from logeerhuis_app.access.accounts import NewAccount
from logeerhuis_app.access.security_settings import set_idle_minutes
from logeerhuis_app.ui.idle_lock import IdleLock
from logeerhuis_app.ui.lock_curtain import LOCKED_TITLE
from logeerhuis_app.ui.session_guard import guard_idle

PASSWORD = "lang-genoeg-1"
GUEST = "Gerrit Bos, BSN 999900006"
COVER = QColor("#33434d")


def _signed_in(context):
    accounts.create_first_coordinator(
        context.db, NewAccount("Ingrid", "ingrid", PASSWORD, PASSWORD)
    )
    accounts.sign_in(context.db, "ingrid", PASSWORD)


def _covered(widget: QWidget, inner: QWidget) -> bool:
    """What the screen shows of `widget` at `inner`: the cover's colour, not the field."""
    image = widget.grab().toImage()
    spot = inner.mapTo(widget, QPoint(4, 4))
    return image.pixelColor(spot) == COVER


def test_a_modal_dialog_with_guest_data_is_covered_while_locked(context, prompter, show, qtbot):
    _signed_in(context)
    set_idle_minutes(context.db, 1)
    window = QMainWindow()
    work = QLabel("open werk")
    window.setCentralWidget(work)
    window.setWindowTitle("Logeerhuis")
    show(window, 500, 400)
    dialog = QDialog(window)
    dialog.setWindowTitle(f"Gast: {GUEST}")
    field = QLineEdit(GUEST)
    layout = QVBoxLayout(dialog)
    layout.addWidget(field)
    layout.addStretch(1)
    dialog.resize(420, 300)
    seen: dict[str, object] = {}

    def answer(lock):  # the lock dialog, while it is up
        seen["titles"] = (window.windowTitle(), dialog.windowTitle())
        seen["covered"] = (_covered(dialog, field), _covered(window, work))
        field.setText(GUEST + " (half getypt)")  # what was typed before the lock
        lock.password.setText(PASSWORD)
        lock.accept()
        QTimer.singleShot(50, after_unlock)

    def after_unlock():
        seen["after"] = (
            dialog.isVisible(),
            dialog.windowTitle(),
            field.text(),
            _covered(dialog, field),
        )
        dialog.accept()

    prompter.dialog_handler = answer
    guard = guard_idle(window, context)
    guard.set_timeout(150)
    QTimer.singleShot(0, dialog.exec)  # modal, in its own event loop, as the pages open them
    try:
        qtbot.waitUntil(lambda: "after" in seen, timeout=5000)
    finally:
        guard.stop_watching()
    assert seen["titles"] == (LOCKED_TITLE, LOCKED_TITLE)
    assert seen["covered"] == (True, True)
    visible, title, text, covered = seen["after"]
    assert visible and title == f"Gast: {GUEST}" and text.endswith("(half getypt)")
    assert not covered and window.windowTitle() == "Logeerhuis"


def _outside(window: QWidget) -> QPoint:
    for point in (QPoint(1800, 1000), QPoint(50, 1000), QPoint(1800, 50)):
        if not window.frameGeometry().adjusted(-50, -50, 50, 50).contains(point):
            return point
    raise AssertionError("no point outside the window")


def test_moving_the_mouse_in_another_program_does_not_postpone_the_lock(qtbot, show):
    window = show(QWidget(), 300, 200)
    locked = []
    lock = IdleLock(window, 300, lambda: locked.append(True))
    lock.start()
    elsewhere = _outside(window)
    try:
        for step in range(20):  # 1 s of movement elsewhere, more than three idle times
            QCursor.setPos(elsewhere + QPoint(step % 10, step % 7))
            qtbot.wait(50)
        assert locked
    finally:
        lock.stop_watching()


def test_typing_in_another_window_of_the_program_postpones_the_lock(qtbot, show):
    from PySide6.QtCore import Qt

    window = show(QWidget(), 300, 200)
    other = QDialog(window)  # not modal: a second window of the program
    field = QLineEdit(other)
    show(other, 200, 100)
    locked = []
    lock = IdleLock(window, 400, lambda: locked.append(True))
    lock.start()
    field.setFocus()
    try:
        for _ in range(8):  # 8 x 100 ms of typing in the other window: no lock
            qtbot.keyClick(other.windowHandle(), Qt.Key.Key_A)
            qtbot.wait(100)
        assert locked == []
        qtbot.waitUntil(lambda: bool(locked), timeout=2000)
    finally:
        lock.stop_watching()
    assert lock.watched_windows() == []
