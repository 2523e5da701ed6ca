"""Instellingen > E-mail: the SMTP server, the sender, and the password, which goes into the
OS keyring (never into the database); where there is no keyring it is asked at every send."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...domain.mail import SECURITY
from ...mail.mail_settings import MailSettings, get_mail_settings, save_mail_settings
from ...services.errors import ServiceError
from .. import operations
from ..context import AppContext
from ..widgets.roles import coordinator_only
from ..widgets.typed_input import RemembersLoadedInput

if TYPE_CHECKING:
    from ...storage.database import Database


class MailSettingsPanel(RemembersLoadedInput, QGroupBox):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("E-mail", parent)
        self.context = context
        form = QFormLayout(self)
        self.host = self._line(form, "mail_host", "Server (SMTP)", "bijvoorbeeld smtp.ziggo.nl")
        self.port = QSpinBox()
        self.port.setObjectName("mail_port")
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        self.security.setObjectName("mail_security")
        for value, (label, _port) in SECURITY.items():
            self.security.addItem(label, value)
        self.security.currentIndexChanged.connect(self._usual_port)
        row = QHBoxLayout()
        row.addWidget(self.port)
        row.addWidget(self.security, 1)
        form.addRow("Poort en beveiliging", row)
        self.user = self._line(form, "mail_user", "Gebruikersnaam", "vaak het e-mailadres")
        self.password = self._line(form, "mail_password", "Wachtwoord", "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sender_name = self._line(form, "mail_sender_name", "Naam afzender", "")
        self.sender_address = self._line(
            form, "mail_sender_address", "E-mailadres afzender", "facturen@logeerhuis.nl"
        )
        self.state = QLabel()
        self.state.setObjectName("mail_state")
        self.state.setWordWrap(True)
        self.state.setStyleSheet("color: #555;")
        form.addRow("", self.state)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.test_button = QPushButton("Testbericht versturen…")
        self.test_button.setObjectName("test_mail")
        self.test_button.clicked.connect(self.send_test)
        self.save_button = QPushButton("Opslaan")
        self.save_button.setObjectName("save_mail")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        form.addRow("", buttons)

    def _line(self, form: QFormLayout, name: str, label: str, hint: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setPlaceholderText(hint)
        form.addRow(label, field)
        return field

    def _usual_port(self) -> None:
        """Follow the usual port of the chosen security, unless the user typed another."""
        usual = {port for _label, port in SECURITY.values()}
        if self.port.value() in usual:
            self.port.setValue(SECURITY[self.security.currentData()][1])

    def load(self) -> None:
        from ...mail.mail_secret import secure_store, stored_password

        settings = get_mail_settings(self.context.db)
        self.host.setText(settings.host)
        self.security.blockSignals(True)
        self.security.setCurrentIndex(max(0, self.security.findData(settings.security)))
        self.security.blockSignals(False)
        self.port.setValue(settings.port)
        self.user.setText(settings.user)
        self.password.clear()
        self.sender_name.setText(settings.sender_name)
        self.sender_address.setText(settings.sender_address)
        kept = settings.configured and bool(settings.user) and stored_password(settings)
        if kept:
            self.password.setPlaceholderText("bewaard in de sleutelbos (leeg laten om te houden)")
            state = "Het wachtwoord staat in de sleutelbos van deze computer."
        elif settings.user and not secure_store():
            self.password.setPlaceholderText("wordt bij elke verzending gevraagd")
            state = (
                "Deze computer heeft geen veilige sleutelbos: het wachtwoord wordt niet "
                "bewaard en bij elke verzending gevraagd."
            )
        else:
            self.password.setPlaceholderText("niet bewaard op deze computer")
            state = "Het wachtwoord wordt nooit in de database bewaard, alleen in de sleutelbos."
        self.state.setText(state)
        self.test_button.setEnabled(settings.configured)
        coordinator_only(
            (self.host, self.port, self.security, self.user, self.password, self.sender_name,
             self.sender_address, self.save_button),
            self.context.db,
            "Alleen een coördinator mag de e-mailinstellingen wijzigen.",
        )  # fmt: skip
        self.remember_input()

    def settings(self) -> MailSettings:
        return MailSettings(
            host=self.host.text(),
            port=self.port.value(),
            security=self.security.currentData(),
            user=self.user.text(),
            sender_name=self.sender_name.text(),
            sender_address=self.sender_address.text(),
        )

    def save(self) -> None:
        db, settings, password = self.context.db, self.settings(), self.password.text()
        outcome = operations.run(
            self.context,
            lambda: _store(db, settings, password),
            title="E-mailinstellingen niet opgeslagen",
        )
        if outcome is None:
            return
        self.load()
        if outcome.value:
            self.context.prompter.error(
                "Wachtwoord niet bewaard",
                f"{outcome.value}\n\nDe andere instellingen zijn opgeslagen.",
            )
        self.context.status("E-mailinstellingen opgeslagen.")

    def send_test(self) -> None:
        from ...mail.mail_drafts import test_mail
        from ..mail.sending import mail_document

        mail_document(self.context, self, "Testbericht", lambda: test_mail(self.context.db))


def _store(db: Database, settings: MailSettings, password: str) -> str:
    """Save the settings and put a typed password in the keyring; what went wrong with the
    password (the settings are saved regardless), or ""."""
    from ...mail.mail_secret import forget_password, store_password

    before = get_mail_settings(db)
    saved = save_mail_settings(db, settings)
    if before.user and before.account != saved.account:
        forget_password(before)  # another server or user: the old password goes
    if password:
        try:
            store_password(db, saved, password)
        except ServiceError as exc:
            return exc.detail
    return ""
