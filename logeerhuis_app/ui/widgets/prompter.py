"""Questions and messages to the user, injected so tests never block on a modal box."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget


class Prompter(Protocol):
    def info(self, title: str, text: str) -> None: ...
    def error(self, title: str, text: str) -> None: ...
    def confirm(self, title: str, text: str) -> bool: ...
    def open_file(self, title: str, file_filter: str) -> Path | None: ...
    def save_file(self, title: str, suggested: str, file_filter: str) -> Path | None: ...
    def choose_folder(self, title: str) -> Path | None: ...
    def run_dialog(self, dialog: QDialog) -> bool: ...
    def ask_text(self, title: str, label: str) -> str | None: ...
    def ask_password(self, title: str, label: str) -> str | None: ...
    def open_document(self, path: Path) -> None: ...


class QtPrompter:
    """The real thing: Qt's standard dialogs (Dutch through qtbase_nl)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self.parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def open_file(self, title: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, title, "", file_filter)
        return Path(name) if name else None

    def save_file(self, title: str, suggested: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, file_filter)
        return Path(name) if name else None

    def choose_folder(self, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(self.parent, title)
        return Path(name) if name else None

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show a dialog of our own modally; True when the user accepted it."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def ask_text(self, title: str, label: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(self.parent, title, label)
        return text if ok else None

    def ask_password(self, title: str, label: str) -> str | None:
        """A password, typed as dots; None when cancelled."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        text, ok = QInputDialog.getText(self.parent, title, label, QLineEdit.EchoMode.Password)
        return text if ok else None

    def open_document(self, path: Path) -> None:
        """Show a made document (PDF) in the system's viewer."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class RecordingPrompter:
    """For tests: records every message and answers from prepared replies."""

    def __init__(self, *, confirm: bool = True, files: list[Path] | None = None) -> None:
        self.messages: list[tuple[str, str, str]] = []
        self.confirm_answer = confirm
        self.files = list(files or [])
        # A test sets this to fill in and accept (or reject) a dialog instead of a user.
        self.dialog_handler: Callable[[QDialog], None] | None = None
        self.dialogs: list[QDialog] = []
        self.texts: list[str | None] = []  # answers for ask_text, in order
        self.passwords: list[str | None] = []  # answers for ask_password, in order

    def info(self, title: str, text: str) -> None:
        self.messages.append(("info", title, text))

    def error(self, title: str, text: str) -> None:
        self.messages.append(("error", title, text))

    def confirm(self, title: str, text: str) -> bool:
        self.messages.append(("confirm", title, text))
        return self.confirm_answer

    def open_file(self, title: str, file_filter: str) -> Path | None:
        return self.files.pop(0) if self.files else None

    def save_file(self, title: str, suggested: str, file_filter: str) -> Path | None:
        return self.files.pop(0) if self.files else None

    def choose_folder(self, title: str) -> Path | None:
        return self.files.pop(0) if self.files else None

    def run_dialog(self, dialog: QDialog) -> bool:
        self.dialogs.append(dialog)
        if self.dialog_handler is not None:
            self.dialog_handler(dialog)
        return dialog.result() == QDialog.DialogCode.Accepted

    def ask_text(self, title: str, label: str) -> str | None:
        self.messages.append(("ask", title, label))
        return self.texts.pop(0) if self.texts else None

    def ask_password(self, title: str, label: str) -> str | None:
        self.messages.append(("password", title, label))
        return self.passwords.pop(0) if self.passwords else None

    def open_document(self, path: Path) -> None:
        self.messages.append(("open", "document", str(path)))
