"""Lock the window after a period without keyboard or mouse use.

Activity is seen by an event filter on the main window's own QWindow (every input event for
the window passes there before Qt hands it to a widget), not on the application: an
application-wide filter has made this PySide6 abort at exit (see docs/decisions/0009). Modal
dialogs have their own QWindow: a timer looks every few seconds which one is open and watches
it as well, and counts cursor movement anywhere.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtGui import QCursor, QWindow
from PySide6.QtWidgets import QApplication, QWidget

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
POLL_MS = 5_000


class IdleLock(QObject):
    """Calls `on_idle` once the window saw no input for `timeout_ms`; restarts after it."""

    def __init__(self, window: QWidget, timeout_ms: int, on_idle: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._on_idle = on_idle
        self._watched: QWindow | None = None
        self._dialog: QWindow | None = None
        self._cursor = QPoint()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self._expired)
        self._poll = QTimer(self)
        self._poll.setInterval(min(POLL_MS, max(timeout_ms // 2, 50)))
        self._poll.timeout.connect(self._poll_cursor)
        self.locked = False

    def start(self) -> None:
        handle = self._window.windowHandle()
        if handle is not None and handle is not self._watched:
            self.stop_watching()
            handle.installEventFilter(self)
            self._watched = handle
        self.timer.start()
        self._poll.start()

    def stop_watching(self) -> None:
        """Remove the filter again (also before the window goes away)."""
        for handle in (self._watched, self._dialog):
            if handle is not None:
                handle.removeEventFilter(self)
        self._watched = self._dialog = None
        self.timer.stop()
        self._poll.stop()

    def set_timeout(self, timeout_ms: int) -> None:
        self.timer.setInterval(timeout_ms)
        if self.timer.isActive():
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and not self.locked:
            self.timer.start()
        return False

    def _poll_cursor(self) -> None:
        """Cursor movement anywhere counts, and input in a modal dialog is watched too."""
        position = QCursor.pos()
        if position != self._cursor and not self.locked:
            self.timer.start()
        self._cursor = position
        modal = QApplication.activeModalWidget()
        handle = modal.windowHandle() if modal is not None else None
        if handle is not self._dialog:
            if self._dialog is not None:
                self._dialog.removeEventFilter(self)
            if handle is not None:
                handle.installEventFilter(self)
            self._dialog = handle

    def _expired(self) -> None:
        if self.locked:
            return
        self.locked = True
        try:
            self._on_idle()
        finally:
            self.locked = False
            self.timer.start()
