"""A dialog around a Form: the fields, a Dutch message under them, Opslaan and Annuleren, and
one way to save: read the form, let the subclass store the values, show what the service
refused (under the field it concerns, else as the message) and close only when it was saved."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from ...services.errors import ServiceError
from .. import operations
from ..context import AppContext
from .form import ERROR_STYLE, Form


class FormDialog(QDialog):
    form: Form
    context: AppContext

    def add_message_and_buttons(self, layout: QVBoxLayout) -> None:
        """Below the fields: the hidden message and Opslaan / Annuleren."""
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Opslaan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def store(self, values: dict[str, Any]) -> None:
        """Save the values through the service (keeping the result); raise ServiceError."""
        raise NotImplementedError

    def save(self) -> None:
        values, problems = self.form.read()
        if problems:
            self.form.show_errors(problems)
            return
        if operations.run(self.context, lambda: self.store(values), shown_in=self) is not None:
            self.accept()

    def show_error(self, error: ServiceError) -> None:
        """A refusal: under the fields it concerns, the rest (or the reason) as the message."""
        self.form.show_refusal(error, self.message)
