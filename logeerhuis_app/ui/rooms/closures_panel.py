"""Closing a room for a period (maintenance), shown as blocked in the planner."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date
from ...domain.validation import InvalidValue
from ...house.closures import ClosureData, add_closure, list_closures, remove_closure
from ...services.errors import ServiceError
from .. import operations
from ..context import AppContext
from ..widgets.fields import DateField, TextField
from ..widgets.form import ERROR_STYLE


class ClosuresPanel(QGroupBox):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Gesloten periodes (onderhoud)", parent)
        self.context = context
        self.room_id: int | None = None
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("closures")
        self.list.setMaximumHeight(48)
        listed = QHBoxLayout()  # 'Weer openen' beside the list leaves room for the reason
        listed.addWidget(self.list, 1)
        chosen = QVBoxLayout()
        listed.addLayout(chosen)
        layout.addLayout(listed)
        row = QHBoxLayout()
        self.start = DateField(required=True)
        self.start.setObjectName("closure_start")
        self.last = DateField(required=True)
        self.last.setObjectName("closure_last")
        self.reason = TextField(max_length=200)
        self.reason.setObjectName("closure_reason")
        self.reason.setPlaceholderText("reden, bijv. schilderwerk")
        for label, widget in (("Van", self.start), ("t/m", self.last)):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self.reason, 1)
        self.add_button = QPushButton("Sluiten")
        self.add_button.setObjectName("add_closure")
        self.add_button.clicked.connect(self.add)
        row.addWidget(self.add_button)
        self.remove_button = QPushButton("Weer openen")
        self.remove_button.clicked.connect(self.remove)
        chosen.addWidget(self.remove_button)
        chosen.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("closure_error")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.show_room(None)

    def show_room(self, room_id: int | None) -> None:
        self.room_id = room_id
        self.setEnabled(room_id is not None)
        self.list.clear()
        self.message.hide()
        for closure in list_closures(self.context.db, room_id) if room_id else []:
            period = f"{format_date(closure.start)} t/m {format_date(closure.last_day)}"
            text = f"{period}: {closure.reason}"
            item = QListWidgetItem(text)
            item.setData(256, closure.id)
            self.list.addItem(item)

    def add(self) -> None:
        if self.room_id is None:
            return
        try:
            start, last = self.start.value(), self.last.value()
        except InvalidValue as exc:
            self._say(exc.message)
            return
        assert start is not None and last is not None  # required fields: None raises
        closure = ClosureData(None, self.room_id, start, last, self.reason.value())
        operations.run(
            self.context,
            lambda: add_closure(self.context.db, closure),
            self._added,
            shown_in=self,
            done="Kamer gesloten voor de gekozen periode.",
        )

    def _added(self, _outcome: object) -> None:
        self.start.clear()
        self.last.clear()
        self.reason.clear()
        self.show_room(self.room_id)

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        closure_id = int(item.data(256))
        operations.run(
            self.context,
            lambda: remove_closure(self.context.db, closure_id),
            lambda _done: self.show_room(self.room_id),
            shown_in=self,
        )

    def show_error(self, error: ServiceError) -> None:
        """A refusal (operations.run): the panel has no field marks, so the field messages
        themselves (error.detail), not "controleer de gemarkeerde velden"."""
        self._say(error.detail)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
