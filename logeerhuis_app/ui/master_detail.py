"""A page with a list on the left and an editor on the right: the shape of every master-data page.

The editor keeps what the user typed until it is saved or the user agrees to throw it away:
switching rows or pages with unsaved changes asks first, and a refused save leaves every field
as typed with the reasons beside the fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..services.errors import ConflictError, NotFoundError, ServiceError, ValidationError
from . import operations
from .page import Page
from .widgets.form import ERROR_STYLE, Form
from .widgets.raw_value import raw_value
from .widgets.record_table import Column, RecordTableModel


class MasterDetailPage(Page):
    """Subclasses fill in: columns, load_records, record_id, build_editor, blank, load, save."""

    columns: Sequence[Column] = ()
    search_placeholder = ""  # empty: no search box
    new_label = "Nieuw"
    item_noun = "item"  # "gast", "kamer": used in messages
    list_width = 440  # starting width of the list pane in pixels

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.form = Form()
        self.current: Any = None  # the record (service dataclass) in the editor
        self._snapshot: list[object] = []
        self._build()

    # -- hooks -------------------------------------------------------------------------------
    def load_records(self, search: str) -> list[Any]:
        raise NotImplementedError

    def record_id(self, record: Any) -> int:
        record_id: int = record.id
        return record_id

    def build_editor(self, layout: QVBoxLayout) -> None:
        raise NotImplementedError

    def blank(self) -> Any:
        """A new, empty item for the editor."""
        raise NotImplementedError

    def fetch(self, item_id: int) -> Any:
        """The full item for the editor (a list record may be a summary)."""
        raise NotImplementedError

    def to_values(self, item: Any) -> dict[str, Any]:
        return dict(item.__dict__)

    def from_values(self, item: Any, values: dict[str, Any]) -> Any:
        from dataclasses import replace

        return replace(item, **values)

    def save(self, item: Any) -> Any:
        raise NotImplementedError

    def check(self, item: Any) -> None:
        """The service's validation without saving (raises ValidationError)."""

    def title_of(self, item: Any) -> str:
        return getattr(item, "name", "")

    def after_load(self, item: Any) -> None:
        """Extra widgets outside the form (lists of children) follow the loaded item."""

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(splitter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.search_placeholder)
        self.search.setVisible(bool(self.search_placeholder))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        top.addWidget(self.search, 1)
        self.new_button = QPushButton(self.new_label)
        self.new_button.setObjectName("new_button")
        self.new_button.setToolTip("Nieuw (Ctrl+N)")
        self.new_button.clicked.connect(self.new_item)
        top.addWidget(self.new_button)
        left_layout.addLayout(top)
        self.extra_filters = QHBoxLayout()
        left_layout.addLayout(self.extra_filters)
        self.model = RecordTableModel(self.columns, self)
        self.table = QTableView()
        self.table.setObjectName("list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        left_layout.addWidget(self.table, 1)
        self.count_label = QLabel()
        left_layout.addWidget(self.count_label)
        splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        self.editor_title = QLabel()
        self.editor_title.setObjectName("editor_title")
        self.editor_title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        right_layout.addWidget(self.editor_title)
        self.build_editor(right_layout)
        self.general_error = QLabel()
        self.general_error.setObjectName("general_error")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        right_layout.addWidget(self.general_error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.revert_button = QPushButton("Wijzigingen ongedaan maken")
        self.revert_button.setObjectName("revert_button")
        self.revert_button.clicked.connect(self.revert)
        buttons.addWidget(self.revert_button)
        self.save_button = QPushButton("Opslaan")
        self.save_button.setObjectName("save_button")
        self.save_button.setToolTip("Opslaan (Ctrl+S)")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_current)
        buttons.addWidget(self.save_button)
        right_layout.addLayout(buttons)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self._sized = False
        self.splitter = splitter

        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self.save_current)
        self.set_editor_enabled(False)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized and self.splitter.count() > 1 and self.width() > self.list_width + 400:
            # Sizes only stick once the page has its real width.
            self.splitter.setSizes([self.list_width, self.width() - self.list_width])
            self._sized = True

    # -- behaviour ---------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.record_id(self.current) if self.current is not None else None
        try:
            records = self.load_records(self.search.text().strip())
        except ServiceError as exc:
            operations.show_error(self.context, exc, title="Laden mislukt")
            return
        self.model.set_records(records)
        self.table.resizeColumnsToContents()
        self.count_label.setText(self.count_text(len(records)))
        if keep is not None:
            self._select_quietly(keep)

    def count_text(self, count: int) -> str:
        return f"{count} in de lijst"

    def focus_search(self) -> None:
        if self.search.isVisible():
            self.search.setFocus()
            self.search.selectAll()

    def new_item(self) -> None:
        if not self.confirm_discard():
            return
        self.table.clearSelection()
        self.show_item(self.blank())

    def show_item(self, item: Any) -> None:
        self.current = item
        self.form.set_values(self.to_values(item))
        self.general_error.hide()
        self.after_load(item)
        is_new = self.record_id(item) is None
        self.editor_title.setText(
            f"Nieuwe {self.item_noun}" if is_new else self.title_of(item) or self.item_noun
        )
        self.set_editor_enabled(True)
        self._snapshot = self.raw_state()
        first = next(iter(self.form.fields.values()), None)
        if is_new and first is not None:
            first.setFocus()

    def set_editor_enabled(self, enabled: bool) -> None:
        for widget in self.form.fields.values():
            widget.setEnabled(enabled)
        self.save_button.setEnabled(enabled)
        self.revert_button.setEnabled(enabled)
        if not enabled:
            self.editor_title.setText(
                f"Kies links een {self.item_noun} of klik op {self.new_label}."
            )

    def revert(self) -> None:
        if self.current is not None:
            self.show_item(self.current)
            self.context.status("Wijzigingen ongedaan gemaakt.")

    def is_dirty(self) -> bool:
        return self.current is not None and self.raw_state() != self._snapshot

    def raw_state(self) -> list[object]:
        """What is on screen, as typed (not parsed), to notice any change."""
        state: list[object] = []
        for widget in self.form.fields.values():
            state.append(raw_value(widget))
        return state

    def can_leave(self) -> bool:
        return self.confirm_discard()

    def confirm_discard(self) -> bool:
        if not self.is_dirty():
            return True
        return self.context.prompter.confirm(
            "Wijzigingen niet opgeslagen",
            f"U heeft wijzigingen in deze {self.item_noun} die nog niet zijn opgeslagen.\n"
            "Wilt u die wijzigingen weggooien?",
        )

    def save_current(self) -> bool:
        if self.current is None:
            return False
        values, problems = self.form.read()
        if problems:
            # Show every problem at once: also check the fields that could be read.
            readable = {k: v for k, v in self.to_values(self.current).items() if k in problems}
            try:
                self.check(self.from_values(self.current, {**values, **readable}))
            except ValidationError as exc:
                problems = {**exc.field_errors, **problems}
            self._show_problems(problems)
            return False
        item = self.from_values(self.current, values)
        outcome = operations.run(self.context, lambda: self.save(item), shown_in=self)
        if outcome is None:
            return False
        saved = outcome.value
        self.context.status(f"{self.item_noun.capitalize()} opgeslagen: {self.title_of(saved)}")
        self.current = saved
        self.show_item(saved)
        self.reload_after(outcome.changed)
        self._select_quietly(self.record_id(saved))
        return True

    def show_error(self, error: ServiceError) -> None:
        """A refused save (operations.run): the fields marked, a conflict offers the saved
        version, a vanished item is said in a box, anything else under the fields."""
        if isinstance(error, ValidationError):
            self._show_problems(error.field_errors)
        elif isinstance(error, ConflictError):
            self._offer_reload(error.message)
        elif isinstance(error, NotFoundError):
            operations.show_error(self.context, error, title="Niet opgeslagen")
        else:
            self._show_problems({"": error.message})

    def _offer_reload(self, message: str) -> None:
        """Someone else saved this item first (another PC): the user chooses between their
        version (reload, losing what they typed) and keeping their input on screen."""
        item_id = self.record_id(self.current) if self.current is not None else None
        if item_id is None or not self.context.prompter.confirm(
            "Niet opgeslagen: intussen gewijzigd",
            f"{message}\n\nDe opgeslagen versie nu laden? Wat u hier typte gaat dan verloren. "
            "Kies Nee om uw invoer te laten staan (bijvoorbeeld om die over te nemen).",
        ):
            self.context.status("Niet opgeslagen: intussen door iemand anders gewijzigd.")
            return
        try:
            fresh = self.fetch(item_id)
        except NotFoundError as exc:
            operations.show_error(self.context, exc, title="Niet geladen")
            return
        self.show_item(fresh)
        self.refresh()
        self._select_quietly(item_id)
        self.context.status("De opgeslagen versie is geladen.")

    def _show_problems(self, problems: dict[str, str]) -> None:
        rest = self.form.show_errors(self.map_problems(problems))
        count = len(problems)
        summary = "Niet opgeslagen: " + (
            "controleer het rood gemarkeerde veld."
            if count == 1
            else f"controleer de {count} rood gemarkeerde velden."
        )
        self.general_error.setText(f"{summary} {rest}" if rest else summary)
        self.general_error.show()
        self.context.status(summary)

    def map_problems(self, problems: dict[str, str]) -> dict[str, str]:
        return problems

    def _on_row_changed(self, current, previous) -> None:
        if not current.isValid() or self._selecting:
            return
        record = self.model.record(current.row())
        if self.current is not None and self.record_id(self.current) == self.record_id(record):
            return
        if not self.confirm_discard():
            self._selecting = True
            self.table.selectionModel().setCurrentIndex(
                previous,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self._selecting = False
            return
        try:
            self.show_item(self.fetch(self.record_id(record)))
        except NotFoundError as exc:
            operations.show_error(self.context, exc, title="Niet gevonden")
            self.refresh()

    _selecting = False

    def _select_quietly(self, item_id: int | None) -> None:
        row = self.model.row_of(lambda r: self.record_id(r) == item_id)
        self._selecting = True
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        self._selecting = False

    def select_id(self, item_id: int) -> None:
        """Select a row and open it in the editor (used by tests and other pages)."""
        row = self.model.row_of(lambda r: self.record_id(r) == item_id)
        if row >= 0:
            self.table.selectRow(row)
