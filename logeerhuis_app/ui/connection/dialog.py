"""Bestand > Databaseserver…: use this PC's own file, or a PostgreSQL server shared by several
PCs, with a button that tests the connection and says in Dutch what is wrong. Moving the data
of this PC to an empty server database is one button further (the move wizard)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...services.errors import ServiceError
from ...storage.database_server import parse_url
from ..widgets.prompter import Prompter

if TYPE_CHECKING:
    from ...storage.database import Database

RESTART = "Start Logeerhuis opnieuw om met {where} te werken."


class ConnectionDialog(QDialog):
    """`db` is the open database (needed to move its data); None at a start whose server could
    not be opened: then only the choice can be changed, and the start goes on with it."""

    def __init__(
        self,
        data_dir: Path,
        prompter: Prompter,
        db: Database | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir, self.prompter, self.db = data_dir, prompter, db
        self.setWindowTitle("Databaseserver")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.local = QRadioButton("Alleen deze pc: het gegevensbestand in de gegevensmap")
        self.server = QRadioButton("Een PostgreSQL-server (voor twee of meer pc's)")
        self.local.setObjectName("use_local")
        self.server.setObjectName("use_server")
        layout.addWidget(self.local)
        layout.addWidget(self.server)
        form = QFormLayout()
        self.host = _field("host", "bijvoorbeeld 192.168.1.20 of server.logeerhuis.local")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = _field("database", "logeerhuis")
        self.user = _field("user", "gebruikersnaam op de server")
        self.password = _field("password", "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for label, widget in (
            ("Server", self.host),
            ("Poort", self.port),
            ("Database", self.database),
            ("Gebruiker", self.user),
            ("Wachtwoord", self.password),
        ):
            form.addRow(label, widget)
        layout.addLayout(form)
        self.test_button = QPushButton("Verbinding testen")
        self.test_button.setObjectName("test_connection")
        self.test_button.clicked.connect(self.test)
        layout.addWidget(self.test_button)
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        layout.addWidget(self.outcome)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        buttons = QDialogButtonBox()
        self.move_button = buttons.addButton(
            "Gegevens van deze pc naar de server verhuizen…",
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.move_button.setObjectName("move")
        self.move_button.clicked.connect(self.move_house)
        self.save_button = buttons.addButton("Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.server.toggled.connect(self._enable)
        self._load()

    # -- state --------------------------------------------------------------------------------
    def _load(self) -> None:
        from ...storage.server_setting import chosen_server_url

        try:
            url = chosen_server_url(self.data_dir)
        except ServiceError as exc:  # a damaged choice: say so, and let it be made again
            url = None
            self.outcome.setText(exc.message)
        self.server.setChecked(url is not None)
        self.local.setChecked(url is None)
        if url:
            try:
                parsed = parse_url(url)
            except ServiceError:
                return
            self.host.setText(parsed.host or "")
            self.port.setValue(parsed.port or 5432)
            self.database.setText(parsed.database or "")
            self.user.setText(parsed.username or "")
            self.password.setText(parsed.password or "")
        self._enable()

    def _enable(self) -> None:
        on = self.server.isChecked()
        for widget in (self.host, self.port, self.database, self.user, self.password):
            widget.setEnabled(on)
        self.test_button.setEnabled(on)
        self.move_button.setEnabled(on)
        self.move_button.setVisible(self.db is not None)

    def url(self) -> str | None:
        """The server address as typed, or None when this PC's own file is chosen."""
        if not self.server.isChecked():
            return None
        user = quote(self.user.text().strip(), safe="")
        password = self.password.text()
        login = f"{user}:{quote(password, safe='')}@" if password else f"{user}@" if user else ""
        host = self.host.text().strip()
        return (
            f"postgresql+psycopg://{login}{host}:{self.port.value()}/{self.database.text().strip()}"
        )

    def _missing(self) -> str | None:
        if not self.host.text().strip():
            return "Vul de server in (naam of IP-adres)."
        if not self.database.text().strip():
            return "Vul de naam van de database in."
        return None

    # -- actions ------------------------------------------------------------------------------
    def test(self) -> bool:
        from ...storage.database import test_connection

        missing = self._missing()
        if missing:
            self.outcome.setText(missing)
            return False
        self.outcome.setText("Verbinden…")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # up to 10 s for no answer
        QApplication.processEvents()
        try:
            problem = test_connection(self.url() or "")
        finally:
            QApplication.restoreOverrideCursor()
        self.outcome.setText(problem or "De verbinding werkt.")
        return problem is None

    def save(self) -> None:
        from ...storage.server_setting import save_server_url

        url = self.url()
        if url is not None and not self.test():
            return  # the reason is on screen; nothing is saved
        try:
            user = self.db.user if self.db is not None else None
            save_server_url(self.data_dir, url, user=user)
        except ServiceError as exc:
            self.show_error(exc)
            return
        where = "de server" if url else "het gegevensbestand op deze pc"
        if self.db is not None:  # at a start the choice is used at once
            self.prompter.info("Databaseserver", RESTART.format(where=where))
        self.accept()

    def move_house(self) -> None:
        from ...storage.move_house import move_to_server

        if not self.test():
            return
        if self.db is None:
            return
        if not self.prompter.confirm(
            "Verhuizen naar de server",
            "Alle gegevens van deze pc worden naar de lege database op de server gekopieerd en "
            "daarna gecontroleerd. Het bestand op deze pc blijft zoals het is. Doorgaan?",
        ):
            return
        self.progress.setVisible(True)
        try:
            report = move_to_server(self.db, self.url() or "", self.data_dir, progress=self._step)
        except ServiceError as exc:
            self.show_error(exc)
            return
        self.prompter.info(
            "Verhuisd",
            f"{report.rows} regels staan nu op {report.location} en zijn gecontroleerd. "
            + RESTART.format(where="de server"),
        )
        self.accept()

    def show_error(self, error: ServiceError) -> None:
        """A refusal stays in this dialog, under the fields (what operations.run does with a
        form). No run here: the choice and the move touch no data of the open database (the
        server is used after a restart), and at a start there is no window to tell."""
        self.outcome.setText(error.detail)

    def _step(self, percent: int, what: str) -> None:
        self.progress.setValue(percent)
        self.progress.setFormat(f"{percent}% {what}")
        QApplication.processEvents()


def _field(name: str, placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setPlaceholderText(placeholder)
    return field
