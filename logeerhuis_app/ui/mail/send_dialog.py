"""The e-mail about to leave: recipients (proposed from last time), subject, attachment and
text. "Versturen" checks the addresses and the size first and stays open on a problem."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.mail import format_size, join_recipients
from ...services.errors import ServiceError
from .. import operations

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

    from ...mail.mail_drafts import MailDraft
    from ...mail.mailing import PreparedMail
    from ..context import AppContext


class MailDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        draft: MailDraft,
        prepare: Callable[[str], PreparedMail],
        note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.prepare = context, prepare
        self.prepared: PreparedMail | None = None
        self.setWindowTitle("Versturen per e-mail")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.to = QLineEdit(join_recipients(draft.suggested_to))
        self.to.setObjectName("to")
        self.to.setPlaceholderText("naam@voorbeeld.nl, meer adressen met komma's ertussen")
        form.addRow("Aan:", self.to)
        form.addRow("Onderwerp:", QLabel(draft.subject))
        files = ", ".join(f"{a.name} ({format_size(len(a.data))})" for a in draft.attachments)
        form.addRow("Bijlage:", QLabel(files or "geen"))
        layout.addLayout(form)
        body = QPlainTextEdit(draft.body)
        body.setReadOnly(True)
        body.setMaximumHeight(180)
        layout.addWidget(body)
        if note:
            hint = QLabel(note)
            hint.setObjectName("note")
            hint.setWordWrap(True)
            hint.setTextInteractionFlags(hint.textInteractionFlags() | _selectable())
            layout.addWidget(hint)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton("Versturen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setObjectName("send")
        self.send_button.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Annuleren")
        buttons.accepted.connect(self.check_and_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def check_and_accept(self) -> None:
        checked = operations.run(self.context, lambda: self.prepare(self.to.text()), shown_in=self)
        if checked is not None:
            self.prepared = checked.value
            self.accept()

    def show_error(self, error: ServiceError) -> None:
        """An address or size refused: said under the fields, the cursor back in Aan."""
        self.problem.setText(error.detail)
        self.to.setFocus()


def _selectable() -> Qt.TextInteractionFlag:
    from PySide6.QtCore import Qt

    return Qt.TextInteractionFlag.TextSelectableByMouse
