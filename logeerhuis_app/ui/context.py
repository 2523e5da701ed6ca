"""What every page needs: the open database, the prompter and one app-wide change signal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..services.changes import Change
from .widgets.prompter import Prompter

if TYPE_CHECKING:  # the database (SQLAlchemy) is imported only after the window is shown
    from ..storage.database import Database

# Topics carried by AppContext.data_changed are the values of services.changes.Change; a page
# reloads only for the subjects it shows. Only ui/operations.py announces them (decision 0053).
TOPIC_GUESTS = Change.GUESTS.value
TOPIC_ROOMS = Change.ROOMS.value
TOPIC_FUNDERS = Change.FUNDERS.value  # funders and their contracts
TOPIC_ALLOCATIONS = Change.ALLOCATIONS.value
TOPIC_SETTINGS = Change.SETTINGS.value
TOPIC_STAYS = Change.STAYS.value
TOPIC_INVOICES = Change.INVOICES.value
TOPIC_CLAIMS = Change.CLAIMS.value
TOPIC_ACCOUNTS = Change.ACCOUNTS.value
TOPIC_ALL = Change.EVERYTHING.value  # another database was opened


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

    def announce(self, topic: str) -> None:
        """Tell every page that data of this topic changed; pages call operations.run, which
        calls announce_all with what the use case wrote."""
        self.announce_all([topic])

    def announce_all(self, topics: list[str]) -> None:
        self.announcing = True
        try:
            for topic in topics:
                self.data_changed.emit(topic)
        finally:
            self.announcing = False
        self.announced.emit()
