"""Accounts and Toegangslog pages: coordinators manage; staff see them disabled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from logeerhuis_app.access import accounts
from logeerhuis_app.access.accounts import NewAccount
from logeerhuis_app.ui.access_log.page import AccessLogPage
from logeerhuis_app.ui.accounts.page import AccountsPage


def _house(db) -> None:
    accounts.create_first_coordinator(db, NewAccount("Ingrid", "ingrid", "x" * 10, "x" * 10))
    accounts.sign_in(db, "ingrid", "x" * 10)


def test_a_coordinator_adds_a_staff_member_and_switches_the_account_off(
    context, prompter, show, qtbot
):
    _house(context.db)
    page = show(AccountsPage(context))
    page.activate()
    assert page.table.rowCount() == 1

    def answer(dialog):
        values = {"name": "Ria de Boer", "user_name": "ria"}
        values |= {"password": "geheim-ria-123", "repeated": "geheim-ria-123"}
        for name, value in values.items():
            dialog.findChild(QLineEdit, name).setText(value)
        role = dialog.findChild(QComboBox, "role")
        assert role.currentData() == "medewerker"
        dialog.accept()

    prompter.dialog_handler = answer
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 2
    assert page.selected().user_name == "ria"
    assert page.table.item(1, 2).text() == "Medewerker"
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert prompter.messages[-1][0] == "confirm"
    assert page.selected().active is False and page.active_button.text() == "Weer inschakelen"
    accounts.sign_out(context.db)
    assert "uitgeschakeld" in _refusal(context.db, "ria", "geheim-ria-123")


def test_staff_see_the_accounts_and_log_pages_disabled(context, show):
    _house(context.db)
    accounts.add_account(
        context.db, NewAccount("Ria", "ria", "y" * 10, "y" * 10, role="medewerker")
    )
    accounts.sign_in(context.db, "ria", "y" * 10)
    page = show(AccountsPage(context))
    page.activate()
    assert not page.add_button.isEnabled() and not page.table.isEnabled()
    assert page.notice.text() == "Alleen een coördinator kan accounts beheren."
    assert page.table.rowCount() == 0
    log_page = show(AccessLogPage(context))
    log_page.activate()
    assert not log_page.export_button.isEnabled() and log_page.table.rowCount() == 0
    assert log_page.chain.text() == "Alleen een coördinator kan het toegangslog inzien."


def test_the_log_page_shows_the_chain_and_exports_csv(context, prompter, show, tmp_path):
    _house(context.db)
    page = show(AccessLogPage(context))
    page.activate()
    assert page.chain.text() == "Het toegangslog is compleet en ongewijzigd."
    assert page.table.rowCount() == 2  # the first coordinator made, and signed in
    prompter.files = [tmp_path / "log.csv"]
    page.export_button.click()
    assert (tmp_path / "log.csv").read_text(encoding="utf-8-sig").startswith("Nr;Datum;Tijd")
    assert prompter.messages[-1][:2] == ("info", "Toegangslog geëxporteerd")


def _refusal(db, user_name, password) -> str:
    from logeerhuis_app.services.errors import ServiceError

    try:
        accounts.sign_in(db, user_name, password)
    except ServiceError as exc:
        return exc.message
    return ""
