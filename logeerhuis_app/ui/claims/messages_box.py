"""Declaraties: the answers (WMO302) to the municipalities' messages read in this month, to
send back through their portal; each can be saved elsewhere."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ...claims.received_messages import AnswerInfo, answer_file, list_answers
from ...domain.dates import format_date
from ...domain.months import Month
from ...house.municipalities import municipality_label
from .. import operations
from ..context import AppContext
from ..document_actions import write_file
from ..widgets.record_table import Column, RecordTableModel

ANSWER_COLUMNS = (
    Column("Ingelezen", lambda a: format_date(a.read_at.date())),
    Column("Bericht", lambda a: f"{a.kind} {a.identification}"),
    Column("Gemeente", lambda a: municipality_label(a.sender)),
    Column("Uitkomst", lambda a: a.outcome),
    Column("Retourcodes", lambda a: a.codes or "geen (goedgekeurd)"),
    Column("Antwoord", lambda a: a.name),
    Column("Wat", lambda a: a.summary),
)


class MessagesBox(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Ingelezen berichten</b> van gemeenten en de antwoorden "
                                "(WMO302), ook in de maandexport"))  # fmt: skip
        self.model = RecordTableModel(ANSWER_COLUMNS, self)
        self.view = QTableView()
        self.view.setObjectName("answers")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        actions = QHBoxLayout()
        self.save_button = QPushButton("Antwoord (WMO302) bewaren…")
        self.save_button.clicked.connect(lambda _c=False: self.save_selected())
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        layout.addLayout(actions)

    def refresh(self, year: int, month: int) -> None:
        self.model.set_records(list_answers(self.context.db, Month(year, month)))
        self.view.resizeColumnsToContents()

    def selected(self) -> AnswerInfo | None:
        index = self.view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def save_selected(self) -> None:
        answer = self.selected()
        if answer is None:
            self.context.prompter.error("Bewaren", "Kies eerst een ingelezen bericht.")
            return
        path = self.context.prompter.save_file("Antwoord bewaren", answer.name, "XML (*.xml)")
        if path is None:
            return
        operations.run(
            self.context,
            lambda: write_file(Path(path), answer_file(self.context.db, answer.id)[1]),
            title="Niet bewaard",
            done=f"Bewaard: {path}",
        )
