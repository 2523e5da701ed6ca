"""The login screen after a reset (choose a new password first) and with a locked account
(the Dutch message says until when). Typing and clicking through qtbot."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from logeerhuis_app.access import accounts, passwords
from logeerhuis_app.access.accounts import NewAccount
from logeerhuis_app.services.errors import ServiceError
from logeerhuis_app.ui.accounts.dialogs import PasswordDialog
from logeerhuis_app.ui.accounts.own_password import OwnPasswordDialog, change_password
from logeerhuis_app.ui.login import LoginDialog, sign_in

INGRID = NewAccount("Ingrid Jansen", "ingrid", "geheim-ingrid-1", "geheim-ingrid-1")
RIA = NewAccount("Ria de Boer", "ria", "geheim-ria-123", "geheim-ria-123", role="medewerker")


def _two_accounts(db) -> int:  # type: ignore[no-untyped-def]
    accounts.create_first_coordinator(db, INGRID)
    accounts.sign_in(db, "ingrid", INGRID.password)
    ria = accounts.add_account(db, RIA)
    return ria.id


def _type(qtbot, dialog, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    field = dialog.findChild(QLineEdit, name)
    field.clear()
    qtbot.keyClicks(field, text)


def _ok(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_after_a_reset_the_login_asks_a_new_password_first(qtbot, context, prompter):
    ria = _two_accounts(context.db)
    passwords.reset_password(context.db, ria, "tijdelijk-7391", "tijdelijk-7391")
    accounts.sign_out(context.db)
    seen = []

    def answer(dialog):  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        seen.append(type(dialog).__name__)
        if isinstance(dialog, LoginDialog):
            _type(qtbot, dialog, "user_name", "ria")
            _type(qtbot, dialog, "password", "tijdelijk-7391")
            _ok(qtbot, dialog)  # opens the new-password dialog (answered below)
        elif isinstance(dialog, PasswordDialog):
            assert dialog.windowTitle() == "Kies een nieuw wachtwoord"
            _type(qtbot, dialog, "password", "Wachtwoord2026!")
            _type(qtbot, dialog, "repeated", "Wachtwoord2026!")
            _ok(qtbot, dialog)  # refused: a common password; the dialog stays
            assert "veelgebruikte wachtwoorden" in prompter.messages[-1][2]
            assert context.db.user is None
            _type(qtbot, dialog, "password", "koffie met appeltaart")
            _type(qtbot, dialog, "repeated", "koffie met appeltaart")
            _ok(qtbot, dialog)

    prompter.dialog_handler = answer
    assert sign_in(context) is True
    assert seen == ["LoginDialog", "PasswordDialog"]
    assert context.db.user.user_name == "ria"
    accounts.sign_out(context.db)
    accounts.sign_in(context.db, "ria", "koffie met appeltaart")  # the new one works


def test_without_a_new_password_nobody_is_signed_in(qtbot, context, prompter):
    ria = _two_accounts(context.db)
    passwords.reset_password(context.db, ria, "tijdelijk-7391", "tijdelijk-7391")
    accounts.sign_out(context.db)

    def answer(dialog):  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        if isinstance(dialog, PasswordDialog):
            dialog.reject()  # Annuleren
            return
        _type(qtbot, dialog, "user_name", "ria")
        _type(qtbot, dialog, "password", "tijdelijk-7391")
        _ok(qtbot, dialog)
        assert prompter.messages[-1][2] == "Zonder een nieuw wachtwoord kunt u niet inloggen."
        assert dialog.password.text() == ""
        dialog.reject()

    prompter.dialog_handler = answer
    assert sign_in(context) is False
    assert context.db.user is None


def test_a_locked_account_is_told_until_when(qtbot, context, prompter):
    _two_accounts(context.db)
    accounts.sign_out(context.db)
    now = datetime.now()
    for _ in range(5):
        with pytest.raises(ServiceError):
            accounts.sign_in(context.db, "ria", "fout-fout-fout", now=now)
    ends = now + timedelta(minutes=15)
    # After 23:45 the lock ends tomorrow, and the message names the date too.
    until = ends.strftime("%H:%M" if ends.date() == now.date() else "%d-%m-%Y %H:%M")

    def answer(dialog):  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        _type(qtbot, dialog, "user_name", "ria")
        _type(qtbot, dialog, "password", RIA.password)  # right, but the account is locked
        _ok(qtbot, dialog)
        assert f"vergrendeld tot {until}" in prompter.messages[-1][2]
        assert dialog.result() != dialog.DialogCode.Accepted
        _type(qtbot, dialog, "user_name", "ingrid")  # another account is not locked
        _type(qtbot, dialog, "password", INGRID.password)
        _ok(qtbot, dialog)

    prompter.dialog_handler = answer
    assert sign_in(context) is True
    assert context.db.user.user_name == "ingrid"


def test_a_user_changes_the_own_password_with_the_present_one(qtbot, context, prompter):
    _two_accounts(context.db)  # Ingrid is signed in

    def answer(dialog):  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        assert isinstance(dialog, OwnPasswordDialog)
        _type(qtbot, dialog, "current", "niet-mijn-wachtwoord")
        _type(qtbot, dialog, "password", "fiets tulp regen koffie")
        _type(qtbot, dialog, "repeated", "fiets tulp regen koffie")
        _ok(qtbot, dialog)
        assert prompter.messages[-1][2] == "Uw huidige wachtwoord is niet juist."
        _type(qtbot, dialog, "current", INGRID.password)
        _type(qtbot, dialog, "password", "ingrid2026")
        _type(qtbot, dialog, "repeated", "ingrid2026")
        _ok(qtbot, dialog)
        assert "gebruikersnaam" in prompter.messages[-1][2]
        _type(qtbot, dialog, "password", "fiets tulp regen koffie")
        _type(qtbot, dialog, "repeated", "fiets tulp regen koffie")
        _ok(qtbot, dialog)

    prompter.dialog_handler = answer
    assert change_password(context) is True
    assert context.messages[-1] == "Uw wachtwoord is gewijzigd."
    accounts.sign_out(context.db)
    accounts.sign_in(context.db, "ingrid", "fiets tulp regen koffie")
