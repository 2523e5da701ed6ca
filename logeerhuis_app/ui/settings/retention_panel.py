"""Instellingen > Bewaartermijnen: how long care and financial records are kept, and a list of
what is past its term (for the coordinator to act on; nothing is removed automatically)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from ...access.privacy import Retention, get_retention, past_retention, set_retention
from .. import operations
from ..context import AppContext
from ..widgets.roles import coordinator_only
from ..widgets.typed_input import RemembersLoadedInput


class RetentionPanel(RemembersLoadedInput, QGroupBox):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Bewaartermijnen", parent)
        self.context = context
        row = QHBoxLayout(self)
        row.addWidget(QLabel("Zorgdossiers"))
        self.care = _years("care_years", 15)
        row.addWidget(self.care)
        row.addWidget(QLabel("na de laatste wijziging; financiële gegevens"))
        self.money = _years("financial_years", 7)
        row.addWidget(self.money)
        row.addStretch(1)
        self.save_button = QPushButton("Opslaan")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        self.list_button = QPushButton("Wat is over de termijn?")
        self.list_button.setObjectName("past_retention")
        self.list_button.clicked.connect(self.show_past)
        row.addWidget(self.list_button)

    def load(self) -> None:
        retention = get_retention(self.context.db)
        self.care.setValue(retention.care_years)
        self.money.setValue(retention.financial_years)
        coordinator_only(
            (self.care, self.money, self.save_button),
            self.context.db,
            "Alleen een coördinator mag de bewaartermijnen wijzigen.",
        )
        self.remember_input()

    def save(self) -> None:
        retention = Retention(self.care.value(), self.money.value())
        operations.run(
            self.context,
            lambda: set_retention(self.context.db, retention),
            lambda _saved: self.remember_input(),
            title="Niet opgeslagen",
            done="Bewaartermijnen opgeslagen.",
        )

    def show_past(self) -> None:
        found = past_retention(self.context.db, today=date.today())
        text = "\n".join(found[:200]) if found else "Niets is over zijn bewaartermijn."
        if len(found) > 200:
            text += f"\n… en nog {len(found) - 200}."
        self.context.prompter.info("Over de bewaartermijn", text)


def _years(name: str, minimum: int) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(minimum, 100)
    box.setSuffix(" jaar")
    return box
