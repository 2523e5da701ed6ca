"""Reload the planner when the data changed elsewhere (another PC on the same server).

A timer compares a cheap fingerprint of the planner's data (services/change_stamp.py); only a
visible page is checked, and a change made in this window is no reason to reload twice.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from ...services.change_stamp import planner_stamp
from ...services.database import Database

POLL_MS = 10_000


class RemoteRefresh(QObject):
    def __init__(
        self,
        page: QWidget,
        db: Callable[[], Database],
        reload: Callable[[], None],
        interval_ms: int = POLL_MS,
    ) -> None:
        super().__init__(page)
        self._page, self._db, self._reload = page, db, reload
        self._stamp = planner_stamp(db())
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.reloads = 0

    def seen(self) -> None:
        """This window showed the data as it is now (after its own change or a reload)."""
        self._stamp = planner_stamp(self._db())

    def check(self) -> None:
        if not self._page.isVisible():
            return
        stamp = planner_stamp(self._db())
        if stamp != self._stamp:
            self._stamp = stamp
            self.reloads += 1
            self._reload()
