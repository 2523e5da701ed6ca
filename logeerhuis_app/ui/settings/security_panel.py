"""Instellingen > Beveiliging: after how many idle minutes the window locks."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from ...access.security_settings import MAX_IDLE, MIN_IDLE, idle_minutes, set_idle_minutes
from .. import operations
from ..context import AppContext
from ..widgets.roles import coordinator_only
from ..widgets.typed_input import RemembersLoadedInput


class SecuritySettingsPanel(RemembersLoadedInput, QGroupBox):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Beveiliging", parent)
        self.context = context
        row = QHBoxLayout(self)
        row.addWidget(QLabel("Vergrendelen na"))
        self.minutes = QSpinBox()
        self.minutes.setObjectName("idle_minutes")
        self.minutes.setRange(MIN_IDLE, MAX_IDLE)
        self.minutes.setSuffix(" minuten")
        row.addWidget(self.minutes)
        row.addWidget(
            QLabel("zonder toetsenbord of muis; daarna vraagt het programma het wachtwoord.")
        )
        row.addStretch(1)
        self.save_button = QPushButton("Opslaan")
        self.save_button.setObjectName("save_security")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)

    def load(self) -> None:
        self.minutes.setValue(idle_minutes(self.context.db))
        coordinator_only(
            (self.minutes, self.save_button),
            self.context.db,
            "Alleen een coördinator mag de vergrendeltijd wijzigen.",
        )
        self.remember_input()

    def save(self) -> None:
        minutes = self.minutes.value()
        operations.run(
            self.context,
            lambda: set_idle_minutes(self.context.db, minutes),
            lambda _saved: self.remember_input(),
            title="Niet opgeslagen",
            done=f"Vergrendelen na {minutes} minuten opgeslagen.",
        )
