"""Maand exporteren: choose a folder (a USB stick), optionally one encrypted ZIP, and go.

The ZIP's password is shown here once, with the advice to send it another way; it is not
stored anywhere.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_month
from ...domain.months import Month
from ...services.errors import ServiceError
from .. import operations
from ..context import AppContext

if TYPE_CHECKING:
    from ...claims.month_export import MonthExport


class ExportDialog(QDialog):
    def __init__(
        self, context: AppContext, year: int, month: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context, self.year, self.month = context, year, month
        self.result_export: MonthExport | None = None
        self.setWindowTitle(f"{format_month(year, month).capitalize()} exporteren")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Alle declaraties, facturen en het maandoverzicht in één map met de datum. "
            "Bestandsnamen bevatten geen namen of BSN's."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setObjectName("folder")
        self.folder.setPlaceholderText("bijvoorbeeld de USB-stick")
        choose = QPushButton("Kies map…")
        choose.clicked.connect(self._choose)
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        form.addRow("Naar map:", row)
        self.encrypt = QCheckBox(
            "Versleuteld: één ZIP-bestand met wachtwoord (AES-256), voor e-mail"
        )
        self.encrypt.setObjectName("encrypt")
        self.encrypt.setChecked(True)  # what leaves the PC is encrypted unless unticked (0027)
        form.addRow("", self.encrypt)
        layout.addLayout(form)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        layout.addWidget(self.outcome)
        password_row = QHBoxLayout()
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setReadOnly(True)
        self.copy = QPushButton("Kopiëren")
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.password.text()))
        password_row.addWidget(self.password, 1)
        password_row.addWidget(self.copy)
        self.password_box = QWidget()
        self.password_box.setLayout(password_row)
        self.password_box.setVisible(False)
        layout.addWidget(self.password_box)
        self.buttons = QDialogButtonBox()
        self.go = self.buttons.addButton("Exporteren", QDialogButtonBox.ButtonRole.ActionRole)
        self.go.setObjectName("export")
        self.go.setDefault(True)
        self.go.clicked.connect(self.run_export)
        self.mail = self.buttons.addButton(
            "Versturen per e-mail…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.mail.setObjectName("mail")
        self.mail.setVisible(False)  # after an encrypted export: the ZIP, never the password
        self.mail.clicked.connect(self.send_by_mail)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText("Sluiten")
        self.close_button.clicked.connect(self._close)
        layout.addWidget(self.buttons)

    def _choose(self) -> None:
        folder = self.context.prompter.choose_folder("Map voor de export")
        if folder is not None:
            self.folder.setText(str(folder))

    def run_export(self) -> None:
        text = self.folder.text().strip()
        if not text:
            self.outcome.setText("Kies eerst een map (bijvoorbeeld de USB-stick).")
            return
        self.progress.setVisible(True)
        self.progress.setValue(0)
        self.go.setEnabled(False)
        from ...claims.month_export import export_month  # documents only when exporting

        made = operations.run(
            self.context,
            lambda: export_month(
                self.context.db,
                Month(self.year, self.month),
                Path(text),
                today=date.today(),
                encrypt=self.encrypt.isChecked(),
                progress=self._progress,
            ),
            shown_in=self,
        )
        if made is not None:
            self.result_export = made.value
            self._show_result(made.value)

    def show_error(self, error: ServiceError) -> None:
        """A refused export: the reason under the choices, and the button to try again."""
        self.outcome.setText(error.detail)
        self.go.setEnabled(True)

    def _progress(self, done: int, total: int, what: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} van {total}: {what}")
        QApplication.processEvents()

    def _show_result(self, result: MonthExport) -> None:
        lines = [f"{len(result.files)} bestanden geschreven naar:", str(result.location)]
        if result.unclaimed:
            lines.append("Let op: nog niet gedeclareerd bij " + ", ".join(result.unclaimed) + ".")
        if result.care_problems:
            lines.append("Niet in de start- en stopberichten:")
            lines += [f"• {problem}" for problem in result.care_problems]
        if result.file_problems:
            lines.append("Niet in de export:")
            lines += [f"• {problem}" for problem in result.file_problems]
        if result.password:
            lines.append(
                "Het wachtwoord staat hieronder en wordt nergens bewaard. Stuur het via een "
                "ander kanaal dan het bestand (bel of sms de ontvanger)."
            )
            self.password.setText(result.password)
            self.password_box.setVisible(True)
        else:
            lines.append("Per e-mail versturen kan alleen met de versleutelde ZIP.")
        self.outcome.setText("\n".join(lines))
        self.context.status(f"Export gemaakt: {result.location}")
        self.go.setVisible(False)
        self.mail.setVisible(bool(result.password))
        self.adjustSize()  # the outcome and the password need room

    def send_by_mail(self) -> None:
        """The encrypted ZIP by e-mail; the password stays here, to pass on by phone."""
        from ...mail.mail_drafts import export_mail
        from ..mail.sending import mail_document

        result = self.result_export
        if result is None or not result.password:
            return
        sent = mail_document(
            self.context,
            self,
            f"{format_month(self.year, self.month).capitalize()} versturen",
            lambda: export_mail(self.context.db, Month(self.year, self.month), result.location),
            note="Het wachtwoord gaat niet mee in de e-mail. Geef het telefonisch of per sms "
            f"door aan de ontvanger: {result.password}",
        )
        if sent is not None:
            self.outcome.setText(
                self.outcome.text() + f"\nVerstuurd per e-mail aan {', '.join(sent.to)}. "
                "Geef het wachtwoord hieronder telefonisch of per sms door."
            )

    def _close(self) -> None:
        if self.result_export is not None:
            self.accept()
        else:
            self.reject()
