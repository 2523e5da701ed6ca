"""Accounts: the coordinator adds staff, resets a forgotten password, switches accounts off.

Accounts are never deleted (the access log refers to them). The services check the role as
well; for staff this page only says that a coordinator manages the accounts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...access import accounts
from ...access.accounts import AccountData
from ...domain.accounts import Role
from ...services.changes import Change
from ...services.errors import ServiceError
from .. import operations
from ..context import AppContext
from ..page import Page
from .dialogs import AccountDialog, PasswordDialog

COORDINATORS_ONLY = "Alleen een coördinator kan accounts beheren."


def may_manage(context: AppContext) -> bool:
    user = context.db.user
    return user is None or user.is_coordinator


class AccountsPage(Page):
    nav_title = "Accounts"
    topics = (Change.ACCOUNTS,)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.accounts: list[AccountData] = []
        layout = QVBoxLayout(self)
        title = QLabel("Accounts")
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(title)
        self.notice = QLabel(
            "Iedereen werkt met een eigen account. Een account wordt nooit verwijderd, alleen "
            "uitgeschakeld: het toegangslog blijft ernaar verwijzen."
        )
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("accounts_table")
        self.table.setHorizontalHeaderLabels(["Naam", "Gebruikersnaam", "Rol", "Status"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = self._button(row, "add", "Nieuw account…", self.new_item)
        self.reset_button = self._button(row, "reset", "Wachtwoord opnieuw instellen…", self._reset)
        self.active_button = self._button(row, "toggle_active", "Uitschakelen", self._toggle)
        row.addStretch(1)
        layout.addLayout(row)

    def _button(self, row: QHBoxLayout, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        row.addWidget(button)
        return button

    # -- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        allowed = may_manage(self.context)
        self.table.setEnabled(allowed)
        self.add_button.setEnabled(allowed)
        if not allowed:
            self.notice.setText(COORDINATORS_ONLY)
            self.accounts = []
            self.table.setRowCount(0)
            self._update_buttons()
            return
        try:
            self.accounts = accounts.list_accounts(self.context.db)
        except ServiceError as exc:
            operations.show_error(self.context, exc, title="Accounts")
            return
        self.table.setRowCount(len(self.accounts))
        for index, account in enumerate(self.accounts):
            status = "actief" if account.active else "uitgeschakeld"
            values = (account.name, account.user_name, Role(account.role).label, status)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if not account.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(index, column, item)
        self._update_buttons()

    def selected(self) -> AccountData | None:
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        account = self.selected() if may_manage(self.context) else None
        self.reset_button.setEnabled(account is not None)
        self.active_button.setEnabled(account is not None)
        self.active_button.setText(
            "Weer inschakelen" if account is not None and not account.active else "Uitschakelen"
        )

    def _show_account(self, user_name: str) -> None:
        self.refresh()
        self.select_user(user_name)

    def select_user(self, user_name: str) -> None:
        for index, account in enumerate(self.accounts):
            if account.user_name == user_name:
                self.table.selectRow(index)

    # -- actions -----------------------------------------------------------------------------
    def new_item(self) -> None:
        if not may_manage(self.context):
            operations.show_error(self.context, ServiceError(COORDINATORS_ONLY), title="Accounts")
            return
        dialog = AccountDialog(self.context.prompter, self._add, parent=self, context=self.context)
        if self.context.prompter.run_dialog(dialog):
            self.refresh()
            self.select_user(dialog.account().user_name.strip().lower())
            self.context.status("Account aangemaakt")

    def _add(self, new) -> None:
        accounts.add_account(self.context.db, new)

    def _reset(self) -> None:
        account = self.selected()
        if account is None:
            return
        dialog = PasswordDialog(
            self.context.prompter,
            f"{account.name} ({account.user_name})",
            lambda pw, again: accounts.reset_password(self.context.db, account.id, pw, again),
            parent=self,
            context=self.context,
        )
        if self.context.prompter.run_dialog(dialog):
            self.context.status("Wachtwoord opnieuw ingesteld")

    def _toggle(self) -> None:
        account = self.selected()
        if account is None:
            return
        if account.active and not self.context.prompter.confirm(
            "Account uitschakelen",
            f"{account.name} kan daarna niet meer inloggen. Het account blijft bewaard voor "
            "het toegangslog en kan later weer worden ingeschakeld. Uitschakelen?",
        ):
            return
        operations.run(
            self.context,
            lambda: accounts.set_active(self.context.db, account.id, not account.active),
            lambda _done: self._show_account(account.user_name),
            title="Accounts",
        )
