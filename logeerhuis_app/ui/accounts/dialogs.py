"""Dialogs around accounts: a new account (also the first coordinator) and a new password.

Each dialog calls its service in accept(); on a refusal it tells the user through the prompter
and stays open, so the user can correct the input. Given the window's context (a page, not the
sign-in before there is one), accept() runs the service through operations.run, so the pages
hear that the accounts changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...access.accounts import NewAccount
from ...domain.accounts import Role
from ...domain.passwords import MIN_PASSWORD_LENGTH
from ...services.errors import ServiceError
from .. import operations
from ..widgets.prompter import Prompter

if TYPE_CHECKING:
    from ..context import AppContext

POLICY_HINT = (
    f"Minstens {MIN_PASSWORD_LENGTH} tekens, niet de gebruikersnaam en geen veelgebruikt "
    "wachtwoord. Tip: drie of vier losse woorden, zoals 'fiets tulp regen koffie'."
)


def policy_hint() -> QLabel:
    hint = QLabel(POLICY_HINT)
    hint.setObjectName("policy_hint")
    hint.setWordWrap(True)
    hint.setStyleSheet("color: #555;")
    return hint


def password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(200)
    return field


class ServiceDialog(QDialog):
    """accept() runs `submit`; a ServiceError is shown and the dialog stays open."""

    def __init__(
        self,
        title: str,
        prompter: Prompter,
        parent: QWidget | None = None,
        context: AppContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.prompter = prompter
        self._runs_in = context  # not `context`: the sign-in dialogs keep their own
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.buttons)

    def submit(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        if self._runs_in is not None:
            if operations.run(self._runs_in, self.submit, shown_in=self) is None:
                return
        else:
            try:
                self.submit()
            except ServiceError as exc:
                self.show_error(exc)
                return
        super().accept()

    def show_error(self, error: ServiceError) -> None:
        """A refusal: in a box titled like the dialog, which stays open for a correction."""
        self.prompter.error(self.windowTitle(), error.detail)


class AccountDialog(ServiceDialog):
    """Name, user name, role and the password twice. `save` stores the NewAccount."""

    def __init__(
        self,
        prompter: Prompter,
        save: Callable[[NewAccount], object],
        *,
        title: str = "Nieuw account",
        intro: str = "",
        fixed_role: str | None = None,
        parent: QWidget | None = None,
        context: AppContext | None = None,
    ) -> None:
        super().__init__(title, prompter, parent, context)
        self.save = save
        self.fixed_role = fixed_role
        if intro:
            text = QLabel(intro)
            text.setWordWrap(True)
            self.layout_.addWidget(text)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.user_name = QLineEdit()
        self.user_name.setObjectName("user_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in (Role.STAFF, Role.COORDINATOR):
            self.role.addItem(role.label, role.value)
        self.password = password_field("password")
        self.repeated = password_field("repeated")
        self.form.addRow("Naam", self.name)
        self.form.addRow("Gebruikersnaam", self.user_name)
        if fixed_role is None:
            self.form.addRow("Rol", self.role)
        self.form.addRow(f"Wachtwoord (minstens {MIN_PASSWORD_LENGTH} tekens)", self.password)
        self.form.addRow("Wachtwoord nogmaals", self.repeated)
        self.form.addRow("", policy_hint())
        self.finish_layout()

    def account(self) -> NewAccount:
        return NewAccount(
            name=self.name.text(),
            user_name=self.user_name.text(),
            password=self.password.text(),
            repeated=self.repeated.text(),
            role=self.fixed_role or self.role.currentData(),
        )

    def submit(self) -> None:
        self.save(self.account())


class PasswordDialog(ServiceDialog):
    """A new password, twice, for one account. `save(password, repeated)` stores it."""

    def __init__(
        self,
        prompter: Prompter,
        who: str,
        save: Callable[[str, str], object],
        parent: QWidget | None = None,
        *,
        title: str = "Wachtwoord opnieuw instellen",
        intro: str = "",
        context: AppContext | None = None,
    ) -> None:
        super().__init__(title, prompter, parent, context)
        self.save = save
        intro = intro or (
            f"Nieuw wachtwoord voor {who}. Geef het persoonlijk door; bij de volgende keer "
            f"inloggen kiest {who} zelf een nieuw wachtwoord."
        )
        text = QLabel(intro)
        text.setWordWrap(True)
        self.layout_.addWidget(text)
        self.password = password_field("password")
        self.repeated = password_field("repeated")
        self.form.addRow(f"Wachtwoord (minstens {MIN_PASSWORD_LENGTH} tekens)", self.password)
        self.form.addRow("Wachtwoord nogmaals", self.repeated)
        self.form.addRow("", policy_hint())
        self.finish_layout()

    def submit(self) -> None:
        self.save(self.password.text(), self.repeated.text())
