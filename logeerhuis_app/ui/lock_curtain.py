"""While the program is locked, every one of its windows is covered: the main window, and any
dialog that was open (a guest's details, a stay), also a modal one in its own event loop.

A window is not hidden: hiding a dialog that runs `exec()` ends it (and what was typed in
it). Instead an opaque cover is laid over its content, its title is replaced and open popups
are closed; after the unlock the covers are taken away and everything is as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from shiboken6 import isValid

LOCKED_TITLE = "Logeerhuis (vergrendeld)"
COVER_STYLE = "background: #33434d; color: white; font-size: 14pt;"


class _Cover(QLabel):
    """An opaque label over the whole window, following it when it is resized."""

    def __init__(self, window: QWidget) -> None:
        super().__init__("Logeerhuis is vergrendeld.", window)
        self.setObjectName("lock_cover")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAutoFillBackground(True)
        self.setStyleSheet(COVER_STYLE)
        self.window_ = window  # its parent: the window it covers
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.window_.rect())
            self.raise_()
        return False

    def lift(self) -> None:
        if not isValid(self):  # its window was closed while locked
            return
        self.window_.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class Curtains:
    """Cover every visible top-level window of the program; `lift` restores them."""

    def __init__(self) -> None:
        self._covered: list[tuple[QWidget, _Cover, str]] = []

    def close_over(self) -> None:
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()  # a menu or a list that drops down: nothing is lost by closing it
        for window in QApplication.topLevelWidgets():
            if not window.isVisible() or window.windowType() == Qt.WindowType.ToolTip:
                continue
            self._covered.append((window, _Cover(window), window.windowTitle()))
            window.setWindowTitle(LOCKED_TITLE)  # a title can name a guest

    def lift(self) -> None:
        for window, cover, title in self._covered:
            cover.lift()
            if isValid(window):
                window.setWindowTitle(title)
        self._covered.clear()

    @property
    def windows(self) -> list[QWidget]:
        return [window for window, _cover, _title in self._covered]
