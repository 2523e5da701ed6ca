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
from ...services.errors import ServiceError, ValidationError
from ..context import TOPIC_STAYS, AppContext
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
            assert start is not None and last is not None  # required fields: None raises
            add_closure(
                self.context.db, ClosureData(None, self.room_id, start, last, self.reason.value())
            )
        except InvalidValue as exc:
            self._say(exc.message)
            return
        except ValidationError as exc:
            self._say(exc.detail)
            return
        except ServiceError as exc:
            self._say(exc.message)
            return
        self.start.clear()
        self.last.clear()
        self.reason.clear()
        self.context.status("Kamer gesloten voor de gekozen periode.")
        self.context.announce(TOPIC_STAYS)
        self.show_room(self.room_id)

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            remove_closure(self.context.db, int(item.data(256)))
        except ServiceError as exc:
            self._say(exc.message)
            return
        self.context.announce(TOPIC_STAYS)
        self.show_room(self.room_id)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
