"""Bestand > Mijn wachtwoord wijzigen: the signed-in user chooses a new password."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...access.passwords import change_own_password
from ..context import AppContext
from .dialogs import PasswordDialog, password_field


class OwnPasswordDialog(PasswordDialog):
    """The present password first (a passer-by at an open PC cannot change it), then the new
    one twice; the policy of domain/passwords applies."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        user = context.db.user
        super().__init__(
            context.prompter,
            user.name if user is not None else "",
            lambda new, again: change_own_password(context.db, self.current.text(), new, again),
            parent,
            title="Mijn wachtwoord wijzigen",
            intro="Vul eerst uw huidige wachtwoord in en kies dan een nieuw wachtwoord.",
            context=context,
        )
        self.current = password_field("current")
        self.form.insertRow(0, "Huidig wachtwoord", self.current)


def change_password(context: AppContext, parent: QWidget | None = None) -> bool:
    if not context.prompter.run_dialog(OwnPasswordDialog(context, parent)):
        return False
    context.status("Uw wachtwoord is gewijzigd.")
    return True
