"""The main window: navigation on the left, one page at a time, a status bar, menus.

The window is shown empty first and gets its pages once the data is open (attach), so that
the user sees something within a fraction of a second of double-clicking.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from .. import __version__
from .context import AppContext
from .page import Page

STATUS_TIMEOUT_MS = 6000
# File-menu actions only a coordinator may use; the services refuse them as well (0026).
COORDINATOR_ACTIONS = {
    "export": "Alleen een coördinator mag alle gegevens exporteren (met elk BSN).",
    "restore": "Alleen een coördinator mag een backup terugzetten.",
    "server": "Alleen een coördinator mag de databaseserver kiezen of de gegevens verhuizen.",
}


if TYPE_CHECKING:
    from .backup import BackupScheduler


class MainWindow(QMainWindow):
    page_shown = Signal(str)
    backup_scheduler: BackupScheduler  # set by app.run: the window keeps it alive

    def __init__(self, settings_file: Path) -> None:
        super().__init__()
        self.setWindowTitle("Logeerhuis")
        self.setWindowIcon(QIcon(str(resources.files("logeerhuis_app.resources") / "icon.png")))
        self.settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        self.context: AppContext | None = None
        self.pages: list[Page] = []
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(220)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 11pt; border: none; background: #eef2f5; }"
            "QListWidget::item { padding: 8px 10px; }"
            "QListWidget::item:selected { background: #2f6f8f; color: white; }"
        )
        self.stack = QStackedWidget()
        self.loading = QLabel("Gegevens openen…")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.location_label = QLabel()
        self.statusBar().addPermanentWidget(self.location_label)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self._build_menus()
        self._restore_geometry()

    # -- set-up ------------------------------------------------------------------------------
    def attach(self, context: AppContext, page_classes: list[type[Page]]) -> None:
        """Create the pages once the data is open, and show the one used last."""
        self.context = context
        self.apply_role()
        self.add_pages(page_classes)
        self.location_label.setText(f"Gegevens: {context.db.location}")
        wanted = self.wanted_page()
        self.show_page(wanted if 0 <= wanted < len(self.pages) else 0)

    def apply_role(self) -> None:
        """Disable what the signed-in user's role does not allow, with the reason as tooltip."""
        from ..access.access import may

        assert self.context is not None
        allowed = may(self.context.db)
        for name, reason in COORDINATOR_ACTIONS.items():
            action = self.actions_by_name[name]
            action.setEnabled(allowed)
            action.setToolTip("" if allowed else reason)

    def wanted_page(self) -> int:
        """The index of the page that was open when the window closed last time."""
        try:
            stored: Any = self.settings.value("window/page", 0)  # whatever the file holds
            return int(stored or 0)
        except (TypeError, ValueError):
            return 0

    def add_pages(self, page_classes: list[type[Page]]) -> None:
        """Append pages to the navigation (the start builds the first page before the rest)."""
        assert self.context is not None
        for page_class in page_classes:
            index = len(self.pages)
            page = page_class(self.context)
            self.pages.append(page)
            self.stack.addWidget(page)
            item = QListWidgetItem(page.nav_title)
            if index < 9:
                item.setToolTip(f"{page.nav_title} (Ctrl+{index + 1})")
            self.nav.addItem(item)
            self._add_page_action(index, page)

    def _build_menus(self) -> None:
        menu = self.menuBar()
        self.file_menu = menu.addMenu("&Bestand")
        self.file_menu.setToolTipsVisible(True)  # why an action is disabled
        self.actions_by_name: dict[str, QAction] = {}
        self._action(self.file_menu, "read_message", "Bericht &inlezen…", None,
                     self._read_message)  # fmt: skip
        self.file_menu.addSeparator()
        self._action(self.file_menu, "export", "Alle gegevens &exporteren…", None, self._export)
        self.file_menu.addSeparator()
        self._action(self.file_menu, "backup", "&Backup maken naar…", None, self._backup)
        self._action(self.file_menu, "restore", "Backup &terugzetten…", None, self._restore)
        self._action(self.file_menu, "server", "&Databaseserver…", None, self._server)
        self.file_menu.addSeparator()
        self._action(self.file_menu, "password", "Mijn &wachtwoord wijzigen…", None,
                     self._change_password)  # fmt: skip
        self.file_menu.addSeparator()
        self._action(self.file_menu, "quit", "&Afsluiten", QKeySequence("Ctrl+Q"), self.close)
        self.edit_menu = menu.addMenu("Be&werken")
        self._action(self.edit_menu, "new", "&Nieuw", QKeySequence.StandardKey.New,
                     lambda: self._on_page(lambda p: p.new_item()))  # fmt: skip
        self._action(self.edit_menu, "find", "&Zoeken", QKeySequence.StandardKey.Find,
                     lambda: self._on_page(lambda p: p.focus_search()))  # fmt: skip
        self._action(self.edit_menu, "refresh", "&Vernieuwen", QKeySequence(Qt.Key.Key_F5),
                     lambda: self._on_page(lambda p: p.refresh()))  # fmt: skip
        self.view_menu = menu.addMenu("&Beeld")
        help_menu = menu.addMenu("&Help")
        self._action(help_menu, "about", "&Over Logeerhuis", None, self._about)

    def _action(self, menu, name: str, text: str, keys, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _add_page_action(self, index: int, page: Page) -> None:
        keys = QKeySequence(f"Ctrl+{index + 1}") if index < 9 else None

        def show(i: int = index) -> None:
            self.show_page(i)

        self._action(self.view_menu, f"page_{index}", page.nav_title, keys, show)

    # -- pages -------------------------------------------------------------------------------
    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def show_page(self, index: int) -> bool:
        """Switch pages, unless the current page has unsaved input the user wants to keep."""
        if not 0 <= index < len(self.pages):
            return False
        target = self.pages[index]
        current = self.current_page()
        if current is not None and current is not target and not current.can_leave():
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.pages.index(current))
            self.nav.blockSignals(False)
            return False
        self.stack.setCurrentWidget(target)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(index)
        self.nav.blockSignals(False)
        target.activate()
        self.page_shown.emit(target.nav_title)
        return True

    def _nav_changed(self, row: int) -> None:
        self.show_page(row)

    def _on_page(self, action: Callable[[Page], object]) -> None:
        page = self.current_page()
        if page is not None:
            action(page)

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    # -- menu actions ------------------------------------------------------------------------
    def _export(self) -> None:
        from .data_actions import export_all

        if self.context is not None:
            export_all(self.context)

    def _read_message(self) -> None:
        from .messages.actions import read_message_from_file

        if self.context is not None:
            read_message_from_file(self.context, self)

    def _server(self) -> None:
        from .connection.dialog import ConnectionDialog

        if self.context is not None:
            context = self.context
            context.prompter.run_dialog(
                ConnectionDialog(context.data_dir, context.prompter, context.db, self)
            )

    def _backup(self) -> None:
        from .backup import backup_to

        if self.context is not None:
            backup_to(self.context, self)

    def _restore(self) -> None:
        from .backup import restore_from_menu

        page = self.current_page()
        if self.context is None or (page is not None and not page.can_leave()):
            return
        restore_from_menu(self.context, self)

    def _change_password(self) -> None:
        from .accounts.own_password import change_password

        if self.context is not None:
            change_password(self.context, self)

    def _about(self) -> None:
        if self.context is not None:
            self.context.prompter.info(
                "Over Logeerhuis",
                f"Logeerhuis {__version__}\n\nPlanning, registratie en declaratie voor "
                f"kleine logeerhuizen.\n\nGegevens: {self.context.db.location}",
            )

    # -- geometry ----------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None and self.restoreGeometry(geometry):
            return
        self.resize(1280, 800)

    def save_geometry(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        page = self.current_page()
        if page is not None:
            self.settings.setValue("window/page", self.pages.index(page))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        page = self.current_page()
        if page is not None and not page.can_leave():
            event.ignore()
            return
        self.save_geometry()
        event.accept()


def placeholder(text: str) -> QWidget:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label
