"""Instellingen > Intake: which checklist items hold a stay back, and the house's own texts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.intake import GATE_CHECK_IN, GATE_CONFIRM, ITEMS
from ...house.house_texts import CONDITIONS, EVALUATION, get_text, set_text
from ...intake.intake import required_items, set_required_items
from .. import operations
from ..context import AppContext
from ..widgets.typed_input import RemembersLoadedInput

GATES = (GATE_CONFIRM, GATE_CHECK_IN)


class IntakeSettingsPanel(RemembersLoadedInput, QGroupBox):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Intake en teksten", parent)
        self.context = context
        layout = QVBoxLayout(self)
        hint = QLabel(
            "Vink aan welke punten van de intake in orde moeten zijn voordat een verblijf wordt "
            "bevestigd of de gast incheckt. Een coördinator kan met een reden overrulen."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = QTableWidget(len(ITEMS), 3)
        self.table.setObjectName("required_items")
        self.table.setHorizontalHeaderLabels(
            ["Intakepunt", "Nodig voor bevestigen", "Nodig voor inchecken"]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setMinimumHeight(260)
        for row, item in enumerate(ITEMS):
            label = QTableWidgetItem(f"{item.group}: {item.question}")
            label.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, label)
            for column in (1, 2):
                box = QTableWidgetItem()
                box.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                self.table.setItem(row, column, box)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        layout.addWidget(
            QLabel("Voorwaarden op de verklaring logeerzorg (leeg: de standaardtekst):")
        )
        self.conditions = QPlainTextEdit()
        self.conditions.setObjectName("conditions_text")
        self.conditions.setFixedHeight(90)
        layout.addWidget(self.conditions)
        layout.addWidget(QLabel("Tekst van de evaluatiebrief (leeg: de standaardtekst):"))
        self.evaluation = QPlainTextEdit()
        self.evaluation.setObjectName("evaluation_text")
        self.evaluation.setFixedHeight(90)
        layout.addWidget(self.evaluation)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton("Intake-instellingen opslaan")
        self.save_button.setObjectName("save_intake_settings")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def _box(self, row: int, column: int) -> QTableWidgetItem:
        box = self.table.item(row, column)
        assert box is not None  # every cell is filled in __init__
        return box

    def load(self) -> None:
        required = required_items(self.context.db)
        for row, item in enumerate(ITEMS):
            for column, gate in zip((1, 2), GATES, strict=True):
                state = (
                    Qt.CheckState.Checked if item.key in required[gate] else Qt.CheckState.Unchecked
                )
                self._box(row, column).setCheckState(state)
        self.conditions.setPlainText(get_text(self.context.db, CONDITIONS))
        self.evaluation.setPlainText(get_text(self.context.db, EVALUATION))
        self.remember_input()

    def save(self) -> None:
        required = {
            gate: tuple(
                item.key
                for row, item in enumerate(ITEMS)
                if self._box(row, column).checkState() == Qt.CheckState.Checked
            )
            for column, gate in zip((1, 2), GATES, strict=True)
        }
        conditions, evaluation = self.conditions.toPlainText(), self.evaluation.toPlainText()

        def store() -> None:
            set_required_items(self.context.db, required)
            set_text(self.context.db, CONDITIONS, conditions)
            set_text(self.context.db, EVALUATION, evaluation)

        operations.run(
            self.context,
            store,
            lambda _saved: self.remember_input(),
            title="Niet opgeslagen",
            done="Intake-instellingen opgeslagen.",
        )
