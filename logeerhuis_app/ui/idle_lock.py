"""Lock the window after a period without keyboard or mouse use in this program's windows.

Activity is seen by event filters on the program's own top-level QWindows (the main window,
dialogs, modal or not; every input event for a window passes there before Qt hands it to a
widget), never on the application: an application-wide filter has made this PySide6 abort at
exit (see docs/decisions/0009). Windows that appear later are picked up when the focus moves
to them and by a look every few seconds. Only input to these windows counts: moving the
mouse in another program does not keep this one open (decision 0027).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
POLL_MS = 5_000


class IdleLock(QObject):
    """Calls `on_idle` once no window of the program saw input for `timeout_ms`; restarts
    after it."""

    def __init__(self, window: QWidget, timeout_ms: int, on_idle: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._on_idle = on_idle
        self._watched: dict[int, QWindow] = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self._expired)
        self._poll = QTimer(self)
        self._poll.setInterval(min(POLL_MS, max(timeout_ms // 2, 50)))
        self._poll.timeout.connect(self.watch_windows)
        self._following_focus = False
        self.locked = False

    def start(self) -> None:
        self.watch_windows()
        if not self._following_focus:
            _gui_app().focusWindowChanged.connect(self._focus_moved)
            self._following_focus = True
        self.timer.start()
        self._poll.start()

    def stop_watching(self) -> None:
        """Remove every filter again (also before the windows go away)."""
        for handle in self._watched.values():
            if isValid(handle):
                handle.removeEventFilter(self)
        self._watched.clear()
        if self._following_focus:
            _gui_app().focusWindowChanged.disconnect(self._focus_moved)
            self._following_focus = False
        self.timer.stop()
        self._poll.stop()

    def watched_windows(self) -> list[QWindow]:
        return list(self._watched.values())

    def set_timeout(self, timeout_ms: int) -> None:
        self.timer.setInterval(timeout_ms)
        if self.timer.isActive():
            self.timer.start()

    def watch_windows(self) -> None:
        """Put the filter on every top-level window of the program not watched yet."""
        for handle in QGuiApplication.topLevelWindows():
            key = id(handle)
            if key in self._watched:
                continue
            handle.installEventFilter(self)
            self._watched[key] = handle
            # A window that is destroyed must not be touched again (removeEventFilter).
            handle.destroyed.connect(lambda _obj=None, key=key: self._watched.pop(key, None))

    def _focus_moved(self, window: QWindow | None) -> None:
        if window is not None:  # a dialog just opened, or the user came back to the program
            self.watch_windows()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and not self.locked:
            self.timer.start()
        return False

    def _expired(self) -> None:
        if self.locked:
            return
        self.locked = True
        try:
            self._on_idle()
        finally:
            self.locked = False
            self.timer.start()


def _gui_app() -> QGuiApplication:
    """The running application: a QGuiApplication (QApplication) whenever windows exist."""
    return cast(QGuiApplication, QGuiApplication.instance())
