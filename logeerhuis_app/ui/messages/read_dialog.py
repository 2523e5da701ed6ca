"""Bestand > Bericht inlezen…: what a municipality's message will create or change, shown in
Dutch before anything is saved; an unknown guest is created only when ticked."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...claims.read_message import MessagePreview


class ReadMessageDialog(QDialog):
    def __init__(self, preview: MessagePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle("Bericht inlezen")
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{_escape(preview.title)}</b>")
        title.setWordWrap(True)
        layout.addWidget(title)
        intro = "Dit gaat er gebeuren:" if preview.changes else "Er verandert niets:"
        layout.addWidget(QLabel(intro))
        self.details = QPlainTextEdit("\n".join(preview.lines))
        self.details.setObjectName("details")
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        self.warnings = QLabel("\n".join(f"Let op: {w}" for w in preview.warnings))
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #9a5b00;")
        self.warnings.setVisible(bool(preview.warnings))
        layout.addWidget(self.warnings)
        self.offer = QCheckBox(preview.offer)
        self.offer.setObjectName("offer")
        self.offer.setVisible(bool(preview.offer))
        layout.addWidget(self.offer)
        buttons = QDialogButtonBox()
        if preview.changes:
            self.apply_button = buttons.addButton("Inlezen", QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.apply_button = buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button.setObjectName("apply")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.offer.toggled.connect(lambda _on: self._enable())
        self._enable()

    def _enable(self) -> None:
        """Without the guest the allocation has no one to belong to: tick first."""
        if self.preview.changes and self.preview.offer:
            self.apply_button.setEnabled(self.offer.isChecked())

    def offer_accepted(self) -> bool:
        return bool(self.preview.offer) and self.offer.isChecked()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
