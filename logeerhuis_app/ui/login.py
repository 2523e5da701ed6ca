"""Signing in at start, the first coordinator on a fresh install, and the lock screen.

The lead calls sign_in(context) from app.py before the pages are made, and lock_screen(context)
after a period of inactivity. Both go through context.prompter.run_dialog, so tests can answer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QPushButton, QWidget

from ..access import accounts
from ..access.accounts import NewAccount
from ..access.passwords import PasswordChangeRequired, change_after_reset
from ..services.errors import ServiceError
from .accounts.dialogs import AccountDialog, PasswordDialog, ServiceDialog, password_field
from .context import AppContext

FIRST_START = (
    "Welkom. Maak eerst het account van de coördinator aan. De coördinator beheert de "
    "instellingen en de accounts van de medewerkers, maakt facturen en declaraties definitief "
    "en kan het toegangslog inzien."
)


def sign_in(context: AppContext) -> bool:
    """Ask who is using the program; True when someone signed in (context.db.user is set)."""
    db = context.db
    if not accounts.has_accounts(db):
        return _first_coordinator(context)
    return context.prompter.run_dialog(LoginDialog(context))


def _first_coordinator(context: AppContext) -> bool:
    def create(new: NewAccount) -> None:
        accounts.create_first_coordinator(context.db, new)
        accounts.sign_in(context.db, new.user_name, new.password)

    dialog = AccountDialog(
        context.prompter,
        create,
        title="Eerste start: account van de coördinator",
        intro=FIRST_START,
        fixed_role="coordinator",
    )
    return context.prompter.run_dialog(dialog)


class LoginDialog(ServiceDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Inloggen bij Logeerhuis", context.prompter, parent)
        self.context = context
        self.user_name = QLineEdit()
        self.user_name.setObjectName("user_name")
        self.password = password_field("password")
        self.form.addRow("Gebruikersnaam", self.user_name)
        self.form.addRow("Wachtwoord", self.password)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Inloggen")
        self.finish_layout()

    def submit(self) -> None:
        user_name, password = self.user_name.text(), self.password.text()
        try:
            accounts.sign_in(self.context.db, user_name, password)
        except PasswordChangeRequired as required:
            self._choose_new_password(required.message, user_name, password)
        finally:
            self.password.clear()
            self.password.setFocus()

    def _choose_new_password(self, why: str, user_name: str, old: str) -> None:
        """After a coordinator's reset: signed in only once an own password is chosen."""
        dialog = PasswordDialog(
            self.prompter,
            user_name,
            lambda new, again: change_after_reset(self.context.db, user_name, old, new, again),
            self,
            title="Kies een nieuw wachtwoord",
            intro=why,
        )
        if not self.prompter.run_dialog(dialog):
            raise ServiceError("Zonder een nieuw wachtwoord kunt u niet inloggen.")


def lock_screen(context: AppContext) -> bool:
    """Ask the signed-in user's password again; True when unlocked, False to quit instead.

    No window is closed: the dialog covers them until the right password is typed.
    """
    if context.db.user is None:
        return True
    return context.prompter.run_dialog(LockDialog(context))


class LockDialog(ServiceDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Logeerhuis is vergrendeld", context.prompter, parent)
        self.context = context
        user = context.db.user
        name = user.name if user is not None else ""
        text = QLabel(
            f"Het programma is vergrendeld omdat het een tijd niet is gebruikt.\n"
            f"{name}, vul uw wachtwoord in om verder te gaan."
        )
        text.setWordWrap(True)
        self.layout_.addWidget(text)
        self.password = password_field("password")
        self.form.addRow("Wachtwoord", self.password)
        self.buttons.clear()
        unlock = self.buttons.addButton("Ontgrendelen", QDialogButtonBox.ButtonRole.AcceptRole)
        unlock.setDefault(True)
        quit_button = QPushButton("Programma afsluiten")
        quit_button.setObjectName("quit")
        self.buttons.addButton(quit_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        quit_button.clicked.connect(lambda: self.done(self.DialogCode.Rejected))
        self.finish_layout()

    def submit(self) -> None:
        right = accounts.check_password(self.context.db, self.password.text())
        self.password.clear()
        if not right:
            raise ServiceError("Dit wachtwoord is niet juist.")

    def reject(self) -> None:
        """Escape and the window's close button do not unlock (nor quit)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)
