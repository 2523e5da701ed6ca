"""Signing in: the first start creates the coordinator; a wrong password is told in Dutch."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from logeerhuis_app.access import accounts
from logeerhuis_app.access.accounts import NewAccount
from logeerhuis_app.ui.login import AccountDialog, LockDialog, LoginDialog, lock_screen, sign_in


def _fill(dialog, **values) -> None:
    for name, value in values.items():
        dialog.findChild(QLineEdit, name).setText(value)


def test_the_first_start_creates_the_coordinator_and_signs_in(context, prompter):
    def answer(dialog):
        assert isinstance(dialog, AccountDialog)
        _fill(dialog, name="Ingrid Jansen", user_name="ingrid", password="kort", repeated="kort")
        dialog.accept()  # refused: too short; the dialog stays open
        assert prompter.messages[-1][2] == "Het wachtwoord moet minstens 10 tekens lang zijn."
        _fill(dialog, password="een-lang-wachtwoord", repeated="een-lang-wachtwoord")
        dialog.accept()

    prompter.dialog_handler = answer
    assert sign_in(context) is True
    assert context.db.user.user_name == "ingrid" and context.db.user.is_coordinator
    assert [a.role for a in accounts.list_accounts(context.db)] == ["coordinator"]


def test_a_wrong_password_gets_a_dutch_message_and_the_right_one_signs_in(context, prompter):
    accounts.create_first_coordinator(
        context.db, NewAccount("Ingrid", "ingrid", "een-lang-wachtwoord", "een-lang-wachtwoord")
    )
    tries = []

    def answer(dialog):
        assert isinstance(dialog, LoginDialog)
        _fill(dialog, user_name="ingrid", password="fout-wachtwoord")
        dialog.accept()
        tries.append(dialog.password.text())
        _fill(dialog, password="een-lang-wachtwoord")
        dialog.accept()

    prompter.dialog_handler = answer
    assert sign_in(context) is True
    assert prompter.messages[0] == (
        "error",
        "Inloggen bij Logeerhuis",
        "Onbekende gebruikersnaam of verkeerd wachtwoord.",
    )
    assert tries == [""]  # the wrong password was cleared
    assert context.db.user.name == "Ingrid"


def test_cancelling_the_login_signs_nobody_in(context, prompter):
    accounts.create_first_coordinator(context.db, NewAccount("I", "ingrid", "x" * 10, "x" * 10))
    prompter.dialog_handler = lambda dialog: dialog.reject()
    assert sign_in(context) is False
    assert context.db.user is None


def test_the_lock_screen_asks_the_password_again(context, prompter):
    accounts.create_first_coordinator(
        context.db, NewAccount("Ingrid", "ingrid", "x" * 10, "x" * 10)
    )
    accounts.sign_in(context.db, "ingrid", "x" * 10)

    def answer(dialog):
        assert isinstance(dialog, LockDialog)
        dialog.reject()  # Escape does not unlock
        assert dialog.result() != dialog.DialogCode.Accepted
        _fill(dialog, password="y" * 10)
        dialog.accept()
        assert prompter.messages[-1][2] == "Dit wachtwoord is niet juist."
        _fill(dialog, password="x" * 10)
        dialog.accept()

    prompter.dialog_handler = answer
    assert lock_screen(context) is True
    assert context.db.user.user_name == "ingrid"
