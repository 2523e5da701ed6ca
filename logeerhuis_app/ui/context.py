"""What every page needs: the open database, the prompter and one app-wide change signal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from .widgets.prompter import Prompter

if TYPE_CHECKING:  # the database (SQLAlchemy) is imported only after the window is shown
    from ..storage.database import Database

# AppContext.data_changed carries the value of a services.changes.Change; a page reloads only
# for the subjects it shows. Only ui/operations.py announces them (decision 0053).


class AppContext(QObject):
    data_changed = Signal(str)
    # After the topics of one operation were announced: a page that heard several of them
    # reloads once, here, instead of once per topic.
    announced = Signal()

    def __init__(
        self,
        db: Database,
        prompter: Prompter,
        data_dir: Path,
        status: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.prompter = prompter
        self.data_dir = data_dir
        self._status = status or (lambda _message: None)
        self.announcing = False

    def who(self, without_sign_in: str = "medewerker") -> str:
        """The signed-in person's name, for what they record (finalised by, closed by,
        cancelled by); `without_sign_in` for a test or the self-test, where nobody is."""
        user = self.db.user
        return user.name if user is not None and user.name else without_sign_in

    def status(self, message: str) -> None:
        """A short message in the main window's status bar (e.g. "Gast opgeslagen")."""
        self._status(message)

    def announce_all(self, topics: list[str]) -> None:
        """Tell every page that data of these subjects changed (ui/operations.py does)."""
        self.announcing = True
        try:
            for topic in topics:
                self.data_changed.emit(topic)
        finally:
            self.announcing = False
        self.announced.emit()
