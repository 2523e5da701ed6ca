"""Do something once a widget has painted for the first time.

The start builds the planner, lets it paint, and only then imports and builds the ten other
pages (decision 0034). A fixed delay was not enough: on a busy PC the delay had passed before
the planner's paint event came, and the user waited for all eleven pages.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

AT_LATEST_MS = 1000  # a hidden or minimised window paints nothing: go on anyway


class AfterFirstPaint(QObject):
    """Calls `then` once, in the round of events after `widget`'s first paint."""

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._widget, self._then, self._done = widget, then, False
        widget.installEventFilter(self)
        QTimer.singleShot(AT_LATEST_MS, self, self._go)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self._go)  # the paint goes on and reaches the screen
        return False

    def _go(self) -> None:
        if self._done:
            return
        self._done = True
        self._widget.removeEventFilter(self)
        self._then()
