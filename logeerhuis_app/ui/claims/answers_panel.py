"""The municipalities' answers (WMO325) on the Declaraties page: per month declared, granted,
rejected and not yet answered; the rejected lines with their code in Dutch; reading an answer
file and marking a rejected line as put right (it then goes into the next declaration)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...claims.claim_answer_overview import RejectedLine, month_answers
from ...claims.claim_answers import mark_fixed, read_wmo325_file
from ...domain.dates import format_date
from ...domain.money import format_cents
from ...domain.months import Month
from .. import operations
from ..context import AppContext
from ..widgets.record_table import Column, RecordTableModel

REJECTED_COLUMNS = (
    Column("Regel", lambda r: r.reference),
    Column("Declaratie", lambda r: r.claim_number),
    Column("Gast", lambda r: r.guest_name),
    Column("Periode", lambda r: f"{format_date(r.period_from)} t/m {format_date(r.period_to)}"),
    Column("Bedrag", lambda r: format_cents(r.amount_cents), align_right=True),
    Column("Status", lambda r: r.state),
    Column("Reden (retourcode)", lambda r: r.codes),
)


class AnswersPanel(QWidget):
    def __init__(self, context: AppContext, reload, parent: QWidget | None = None) -> None:
        """`reload` shows the page again after an answer was read or a line marked."""
        super().__init__(parent)
        self.context, self.reload = context, reload
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.totals = QLabel()
        self.totals.setObjectName("answer_totals")
        self.totals.setWordWrap(True)
        layout.addWidget(self.totals)
        self.rejected = RecordTableModel(REJECTED_COLUMNS, self)
        self.rejected_view = QTableView()
        self.rejected_view.setObjectName("rejected")
        self.rejected_view.setModel(self.rejected)
        self.rejected_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.rejected_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.rejected_view.verticalHeader().hide()
        self.rejected_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.rejected_view, 1)
        actions = QHBoxLayout()
        self.read_button = QPushButton("WMO325 inlezen…")
        self.read_button.setToolTip("Het antwoord van de gemeente op een declaratie (WMO325)")
        self.read_button.clicked.connect(lambda _c=False: self.read_answer())
        self.fixed_button = QPushButton("Gecorrigeerd: opnieuw declareren")
        self.fixed_button.setToolTip(
            "Na herstel (BSN, toewijzing, tarief…) gaat de regel één keer mee in de volgende "
            "declaratie, als nieuwe regel"
        )
        self.fixed_button.clicked.connect(lambda _c=False: self.mark_selected_fixed())
        actions.addWidget(self.read_button)
        actions.addWidget(self.fixed_button)
        actions.addStretch(1)
        layout.addLayout(actions)

    def load(self, year: int, month: int) -> None:
        answers = month_answers(self.context.db, Month(year, month))
        self.totals.setText(
            f"<b>Antwoorden van gemeenten</b>: gedeclareerd "
            f"{format_cents(answers.declared_cents)}, toegekend "
            f"{format_cents(answers.accepted_cents)}, afgewezen "
            f"{format_cents(answers.rejected_cents)}, nog geen antwoord "
            f"{format_cents(answers.waiting_cents)}"
        )
        self.rejected.set_records(list(answers.rejected))
        self.rejected_view.resizeColumnsToContents()

    def selected(self) -> RejectedLine | None:
        index = self.rejected_view.currentIndex()
        return self.rejected.record(index.row()) if index.isValid() else None

    def read_answer(self) -> None:
        title = "WMO325 inlezen"
        path = self.context.prompter.open_file(title, "iWmo-bericht (*.xml);;Alle bestanden (*)")
        if path is None:
            return
        read = operations.run(
            self.context,
            lambda: read_wmo325_file(
                self.context.db, Path(path), by=self.context.who(), now=datetime.now()
            ),
            title=title,
        )
        if read is None:
            return
        self.context.prompter.info(title, read.value.summary)
        self.context.status(read.value.summary)
        self.reload()

    def mark_selected_fixed(self) -> None:
        line = self.selected()
        title = "Afgewezen regel"
        if line is None:
            self.context.prompter.error(title, "Kies eerst een afgewezen regel.")
            return
        if not line.to_fix:
            self.context.prompter.error(title, f"Regel {line.reference}: {line.state}.")
            return
        if not self.context.prompter.confirm(
            title,
            f"Is de oorzaak van de afwijzing van regel {line.reference} ({line.guest_name}) "
            "hersteld? De regel gaat dan één keer mee in de volgende declaratie, als nieuwe "
            "regel (een afgewezen regel wordt nooit gecrediteerd).",
        ):
            return
        operations.run(
            self.context,
            lambda: mark_fixed(
                self.context.db, line.reference, by=self.context.who(), now=datetime.now()
            ),
            lambda _outcome: self.reload(),
            title=title,
        )
