"""Reload the planner when the data changed elsewhere (another PC on the same server).

A timer compares a cheap fingerprint of the planner's data (planning/change_stamp.py); only a
visible page is checked, and a change made in this window is no reason to reload twice.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from ...planning.change_stamp import planner_stamp
from ...services.errors import ServiceError
from ...storage.database import Database

POLL_MS = 10_000


class RemoteRefresh(QObject):
    def __init__(
        self,
        page: QWidget,
        db: Callable[[], Database],
        reload: Callable[[], None],
        interval_ms: int = POLL_MS,
        status: Callable[[str], None] = lambda _text: None,
    ) -> None:
        super().__init__(page)
        self._page, self._db, self._reload, self._status = page, db, reload, status
        self._stamp = planner_stamp(db())
        self.offline = False  # the last look at the database failed (server out of reach)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.reloads = 0

    def seen(self) -> None:
        """This window showed the data as it is now (after its own change or a reload)."""
        stamp = self._look()
        if stamp is not None:
            self._stamp = stamp

    def check(self) -> None:
        if not self._page.isVisible():
            return
        stamp = self._look()
        if stamp is not None and stamp != self._stamp:
            self._stamp = stamp
            self.reloads += 1
            self._reload()

    def _look(self) -> tuple | None:
        """The fingerprint, or None when the database cannot be reached: then the status bar
        says so once (no message box every 10 s), and again when it is back."""
        try:
            stamp = planner_stamp(self._db())
        except ServiceError as exc:
            if not self.offline:
                self.offline = True
                self._status(f"Geen verbinding met de gegevens: {exc.message}")
            return None
        if self.offline:
            self.offline = False
            self._status("De verbinding met de gegevens is hersteld.")
        return stamp
