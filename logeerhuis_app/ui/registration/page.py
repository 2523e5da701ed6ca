"""Registratie: the nights of a month per guest and per day, with the funder that pays them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...billing.registration import (
    ABSENT,
    LATE_CANCELLED,
    PLANNED,
    PRESENT,
    RegistrationMonth,
    registration_month,
)
from ...domain.dates import DUTCH_WEEKDAYS_SHORT, format_month
from ...domain.months import Month
from ...services.changes import Change
from .. import operations
from ..context import AppContext
from ..page import Page

MARKS = {
    PRESENT: ("●", "#2e7d32"),
    PLANNED: ("○", "#2f6f8f"),
    LATE_CANCELLED: ("L", "#b0413e"),
    ABSENT: ("A", "#7b8288"),
}


class RegistrationPage(Page):
    nav_title = "Registratie"
    # The nights and closed months, who stays, what pays them (toewijzing, funder, contract)
    # and the corrections that invoices settle.
    topics = (Change.STAYS, Change.ALLOCATIONS, Change.FUNDERS, Change.GUESTS, Change.INVOICES)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()
        today = date.today()
        bar.addWidget(QLabel("Maand:"))
        self.month = QSpinBox()
        self.month.setObjectName("month")
        self.month.setRange(1, 12)
        self.month.setValue(today.month)
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2000, 2200)
        self.year.setValue(today.year)
        self.month.valueChanged.connect(lambda _v: self.refresh())
        self.year.valueChanged.connect(lambda _v: self.refresh())
        bar.addWidget(self.month)
        bar.addWidget(self.year)
        self.title = QLabel()
        self.title.setObjectName("registration_title")
        bar.addSpacing(12)
        bar.addWidget(self.title)
        self.close_button = QPushButton("Maand afsluiten…")
        self.close_button.setObjectName("close_month")
        self.close_button.clicked.connect(self.close_month)
        bar.addWidget(self.close_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        # On a line of its own and wrapping: beside the buttons it made the window wider
        # than a 1366 pixel screen.
        legend = QLabel(
            "● aanwezig · ○ gepland · A afwezig (niet betaald) · L laat geannuleerd. "
            "Dubbelklik een nacht om hem te corrigeren."
        )
        legend.setWordWrap(True)
        layout.addWidget(legend)
        self.table = QTableWidget()
        self.table.setObjectName("registration")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.cellDoubleClicked.connect(self.correct)
        layout.addWidget(self.table, 1)
        self.data: RegistrationMonth | None = None

    def refresh(self) -> None:
        data = registration_month(self.context.db, Month(self.year.value(), self.month.value()))
        self.data = data
        state = "afgesloten" if data.closed else "open"
        total = sum(r.billable_nights for r in data.rows)
        self.title.setText(
            f"<b>{format_month(data.year, data.month).capitalize()}</b> ({state}): "
            f"{len(data.rows)} gasten, {total} nachten"
        )
        days = data.days_in_month
        headers = ["Gast", "Financier"]
        for day in range(1, days + 1):
            weekday = date(data.year, data.month, day).weekday()
            headers.append(f"{DUTCH_WEEKDAYS_SHORT[weekday]}\n{day}")
        headers.append("Nachten")
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(data.rows))
        for row, record in enumerate(data.rows):
            self.table.setItem(row, 0, QTableWidgetItem(record.guest_name))
            funder = QTableWidgetItem(record.funder_name)
            funder.setToolTip(record.contract_name)
            self.table.setItem(row, 1, funder)
            for day, value in record.days.items():
                mark, colour = MARKS[value]
                item = QTableWidgetItem(mark)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setForeground(QColor(colour))
                item.setToolTip(value)
                self.table.setItem(row, 1 + day, item)
            count = QTableWidgetItem(str(record.billable_nights))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, len(headers) - 1, count)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in range(2, 2 + days):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, 26)
            if date(data.year, data.month, column - 1).weekday() >= 5:
                for row in range(self.table.rowCount()):
                    cell = self.table.item(row, column)
                    if cell is None:
                        cell = QTableWidgetItem("")
                        self.table.setItem(row, column, cell)
                    cell.setBackground(QColor("#f1f3f5"))

    def correct(self, row: int, column: int) -> None:
        """Mark a night absent (not billed), or billed again, with a reason that is kept."""
        from datetime import datetime

        from ...billing.corrections import correct_night

        if self.data is None or not 0 <= row < len(self.data.rows) or column < 2:
            return
        record = self.data.rows[row]
        day = column - 1
        state = record.days.get(day)
        if state not in (PRESENT, PLANNED, ABSENT):
            return
        night = date(self.data.year, self.data.month, day)
        billable = state == ABSENT  # an absent night becomes billed again, and the other way round
        question = "weer als aanwezig (betaald)" if billable else "als afwezig (niet betaald)"
        reason = self.context.prompter.ask_text(
            "Nacht corrigeren",
            f"{record.guest_name}, nacht van {night.strftime('%d-%m-%Y')} {question} "
            "vastleggen.\nReden:",
        )
        if not reason:
            return
        operations.run(
            self.context,
            lambda: correct_night(
                self.context.db, record.stays[day], night, billable=billable, reason=reason,
                by=self.context.who(), now=datetime.now(),
            ),
            lambda outcome: self.reload_after(outcome.changed),
            title="Niet gecorrigeerd",
            done=f"Nacht van {night.strftime('%d-%m-%Y')} gecorrigeerd: {reason}",
        )  # fmt: skip

    def close_month(self) -> None:
        """Show what to look at first; closing locks the nights (later changes are corrections)."""
        from datetime import datetime

        from ...billing.months import close_month, month_check

        month = Month(self.year.value(), self.month.value())
        name = month.label.capitalize()
        check = month_check(self.context.db, month)
        if check.closed:
            self.context.prompter.info("Maand afsluiten", f"{name} is al afgesloten.")
            return
        points = "\n".join(f"• {w}" for w in check.warnings[:15])
        more = f"\n… en nog {len(check.warnings) - 15}" if len(check.warnings) > 15 else ""
        text = f"Let op:\n{points}{more}\n\n" if check.warnings else "Geen aandachtspunten.\n\n"
        text += (
            f"{name} afsluiten? Daarna liggen de nachten vast; een wijziging wordt een "
            "correctie op de volgende factuur."
        )
        if not self.context.prompter.confirm("Maand afsluiten", text):
            return
        operations.run(
            self.context,
            lambda: close_month(self.context.db, month, by=self.context.who(), now=datetime.now()),
            lambda outcome: self.reload_after(outcome.changed),
            title="Niet afgesloten",
            done=f"{name} is afgesloten.",
        )
