"""Toegangslog: who viewed, changed, printed or exported which guest's data, and when.

For coordinators only (the services check this too). Shows whether the hash chain is intact.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...access.access_log import (
    LogFilter,
    LogLine,
    export_access_log,
    list_access,
    logged_user_names,
    verify_chain,
)
from ...domain.access_log import ACTIONS
from ...house.guests import search_guests
from ...services.changes import Change
from .. import operations
from ..context import AppContext
from ..page import Page

COORDINATORS_ONLY = "Alleen een coördinator kan het toegangslog inzien."


class AccessLogPage(Page):
    nav_title = "Toegangslog"
    # The log itself is read again on every visit; the guests' names in the filter and lines.
    topics = (Change.GUESTS,)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.lines: list[LogLine] = []
        layout = QVBoxLayout(self)
        title = QLabel("Toegangslog")
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(title)
        self.chain = QLabel()
        self.chain.setObjectName("chain_status")
        self.chain.setWordWrap(True)
        layout.addWidget(self.chain)
        filters, more = QHBoxLayout(), QHBoxLayout()
        today = date.today()
        self.start = self._date(filters, "Van", "start", today - timedelta(days=30))
        self.end = self._date(filters, "t/m", "end", today)
        self.action = self._combo(filters, "Actie", "action")
        self.user = self._combo(more, "Gebruiker", "user")
        self.guest = self._combo(more, "Gast", "guest")
        self.action.addItem("Alle acties", "")
        for action in ACTIONS:
            self.action.addItem(action, action)
        show = QPushButton("Tonen")
        show.setObjectName("show")
        show.clicked.connect(lambda _c=False: self.load_lines())
        more.addWidget(show)
        filters.addStretch(1)
        more.addStretch(1)
        layout.addLayout(filters)
        layout.addLayout(more)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("log_table")
        self.table.setHorizontalHeaderLabels(
            ["Moment", "Gebruiker", "Gast", "Actie", "Toelichting"]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.count = QLabel()
        self.count.setObjectName("count")
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        self.export_button = QPushButton("Exporteren als CSV…")
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(lambda _c=False: self.export())
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)

    def _date(self, row: QHBoxLayout, label: str, name: str, value: date) -> QDateEdit:
        row.addWidget(QLabel(label))
        edit = QDateEdit(QDate(value.year, value.month, value.day))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd-MM-yyyy")
        row.addWidget(edit)
        return edit

    def _combo(self, row: QHBoxLayout, label: str, name: str) -> QComboBox:
        row.addWidget(QLabel(label))
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(16)
        row.addWidget(combo)
        return combo

    def activate(self) -> None:
        """The log grows with every view elsewhere: reload each time the page is shown."""
        self.refresh()
        self._stale = False

    def _allowed(self) -> bool:
        user = self.context.db.user
        return user is None or user.is_coordinator

    def refresh(self) -> None:
        allowed = self._allowed()
        for widget in (self.table, self.export_button, self.user, self.guest, self.action):
            widget.setEnabled(allowed)
        if not allowed:
            self.chain.setText(COORDINATORS_ONLY)
            self.table.setRowCount(0)
            return
        problems = verify_chain(self.context.db)
        if problems:
            self.chain.setStyleSheet("color: #b00020;")
            self.chain.setText("Het toegangslog is aangetast:\n" + "\n".join(problems[:10]))
        else:
            self.chain.setStyleSheet("color: #2e7d32;")
            self.chain.setText("Het toegangslog is compleet en ongewijzigd.")
        self._fill_choices()
        self.load_lines()

    def _fill_choices(self) -> None:
        chosen_user, chosen_guest = self.user.currentData(), self.guest.currentData()
        self.user.clear()
        self.user.addItem("Alle gebruikers", "")
        for name in logged_user_names(self.context.db):
            self.user.addItem(name, name)
        self.guest.clear()
        self.guest.addItem("Alle gasten", None)
        for guest in search_guests(self.context.db):
            self.guest.addItem(guest.name, guest.id)
        for combo, value in ((self.user, chosen_user), (self.guest, chosen_guest)):
            index = combo.findData(value)
            combo.setCurrentIndex(max(index, 0))

    def current_filter(self) -> LogFilter:
        return LogFilter(
            start=cast(date, self.start.date().toPython()),
            end=cast(date, self.end.date().toPython()),
            user_name=self.user.currentData() or "",
            guest_id=self.guest.currentData(),
            action=self.action.currentData() or "",
        )

    def load_lines(self) -> None:
        chosen = self.current_filter()
        read = operations.run(
            self.context, lambda: list_access(self.context.db, chosen), title="Toegangslog"
        )
        if read is None:
            return
        self.lines = read.value
        self.table.setRowCount(len(self.lines))
        for index, line in enumerate(self.lines):
            guest = line.guest_name or (f"gast {line.guest_id}" if line.guest_id else "")
            values = (line.at.strftime("%d-%m-%Y %H:%M:%S"), line.user_name, guest,
                      line.action, line.detail)  # fmt: skip
            for column, value in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.count.setText("1 regel" if len(self.lines) == 1 else f"{len(self.lines)} regels")

    def export(self) -> None:
        target = self.context.prompter.save_file(
            "Toegangslog exporteren",
            f"toegangslog-{date.today().isoformat()}.csv",
            "CSV-bestanden (*.csv)",
        )
        if target is None:
            return
        chosen = self.current_filter()
        operations.run(
            self.context,
            lambda: export_access_log(self.context.db, target, chosen),
            lambda done: self.context.prompter.info(
                "Toegangslog geëxporteerd", f"{done.value} regels opgeslagen in {target}."
            ),
            title="Toegangslog exporteren",
        )
