"""The base of every page in the main window's navigation."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..services.changes import Change
from .context import AppContext


class Page(QWidget):
    """A page shows one subject. Subclasses set the class attributes and implement refresh().

    - nav_title: the Dutch name in the navigation ("Gasten").
    - topics: the data_changed topics after which this page reloads.
    """

    nav_title = ""
    topics: tuple[str, ...] = ()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        self._heard = False  # a topic of this page was announced, not yet acted on
        context.data_changed.connect(self._on_data_changed)
        context.announced.connect(self._after_announcement)

    def refresh(self) -> None:
        """Reload what the page shows from the services."""
        raise NotImplementedError

    def activate(self) -> None:
        """Called when the page becomes visible; reloads only when something changed."""
        if self._stale:
            self.refresh()
            self._stale = False

    def can_leave(self) -> bool:
        """False when unsaved input would be lost; the page then asks or keeps the user."""
        return True

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the page's search box, if it has one."""

    def new_item(self) -> None:
        """Ctrl+N: start a new item of what this page lists, if it lists anything."""

    def reload_after(self, changed: frozenset[Change]) -> None:
        """After the page's own operation: reload, unless the announcement of what it changed
        has just reloaded this (visible) page."""
        heard = Change.EVERYTHING in changed or any(c in self.topics for c in changed)
        if not (heard and self.isVisible()):
            self.refresh()
            self._stale = False

    def _on_data_changed(self, topic: str) -> None:
        if topic == Change.EVERYTHING or topic in self.topics:
            self._stale = self._heard = True
            if not self.context.announcing:
                self._after_announcement()

    def _after_announcement(self) -> None:
        """Reload a visible page once for all the topics of one operation it heard."""
        heard, self._heard = self._heard, False
        if heard and self.isVisible():
            self.refresh()
            self._stale = False
