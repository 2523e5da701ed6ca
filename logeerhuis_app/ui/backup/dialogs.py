"""Backup maken naar… (a USB stick, optionally an encrypted ZIP) and Backup terugzetten…"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.errors import ServiceError
from ...storage.backup import BackupInfo, BackupResult, inspect_backup, list_backups, make_backup
from .. import operations
from ..context import AppContext

if TYPE_CHECKING:
    from ...storage.backup_postgres import ServerBackupResult
from ..widgets.roles import coordinator_only

MIN_PASSWORD = 10
BACKUP_FILTER = "Logeerhuis-backup (*.sqlite3 *.zip)"


def _progress_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setObjectName("progress")
    bar.setVisible(False)
    return bar


def _show_progress(bar: QProgressBar, done: int, total: int) -> None:
    bar.setVisible(True)
    bar.setMaximum(max(total, 1))
    bar.setValue(done)
    QApplication.processEvents()


class BackupDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result_backup: BackupResult | ServerBackupResult | None = None
        self.setWindowTitle("Backup maken naar…")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        info = QLabel(
            "Een volledige, gecontroleerde kopie van alle gegevens, bijvoorbeeld op een "
            "USB-stick. Bewaar de stick op een veilige plek: zonder versleuteling kan "
            "iedereen die hem vindt de gegevens lezen."
        )
        info.setWordWrap(True)
        layout.addWidget(info)
        form = QFormLayout()
        row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setObjectName("folder")
        self.folder.setPlaceholderText("bijvoorbeeld de USB-stick")
        choose = QPushButton("Kies map…")
        choose.clicked.connect(self._choose)
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        form.addRow("Naar map:", row)
        self.encrypt = QCheckBox("Versleutelen: één ZIP-bestand met wachtwoord (AES-256)")
        self.encrypt.setObjectName("encrypt")
        self.encrypt.setChecked(True)
        coordinator_only(  # a medewerker's copy that leaves the PC is always encrypted
            [self.encrypt],
            context.db,
            "Alleen een coördinator mag een backup zonder versleuteling maken.",
        )
        form.addRow("", self.encrypt)
        self.generate = QRadioButton("Maak een sterk wachtwoord voor mij (wordt één keer getoond)")
        self.generate.setObjectName("generate")
        self.own = QRadioButton("Ik kies zelf een wachtwoord:")
        self.own.setObjectName("own")
        self.generate.setChecked(True)
        form.addRow("", self.generate)
        form.addRow("", self.own)
        self.password1 = QLineEdit()
        self.password1.setObjectName("password1")
        self.password2 = QLineEdit()
        self.password2.setObjectName("password2")
        for field in (self.password1, self.password2):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Wachtwoord:", self.password1)
        form.addRow("Nogmaals:", self.password2)
        layout.addLayout(form)
        self.progress = _progress_bar()
        layout.addWidget(self.progress)
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        layout.addWidget(self.outcome)
        self.shown_password = QLineEdit()
        self.shown_password.setObjectName("shown_password")
        self.shown_password.setReadOnly(True)
        self.copy = QPushButton("Kopiëren")
        self.copy.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.shown_password.text())
        )
        password_row = QHBoxLayout()
        password_row.addWidget(self.shown_password, 1)
        password_row.addWidget(self.copy)
        self.password_box = QWidget()
        self.password_box.setLayout(password_row)
        self.password_box.setVisible(False)
        layout.addWidget(self.password_box)
        buttons = QDialogButtonBox()
        self.go = buttons.addButton("Backup maken", QDialogButtonBox.ButtonRole.ActionRole)
        self.go.setObjectName("make")
        self.go.setDefault(True)
        self.go.clicked.connect(self.run_backup)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText("Sluiten")
        close.clicked.connect(self._close)
        layout.addWidget(buttons)
        for toggle in (self.encrypt, self.own, self.generate):
            toggle.toggled.connect(self._update_fields)
        self._update_fields()

    def _update_fields(self) -> None:
        encrypted = self.encrypt.isChecked()
        self.generate.setEnabled(encrypted)
        self.own.setEnabled(encrypted)
        for field in (self.password1, self.password2):
            field.setEnabled(encrypted and self.own.isChecked())

    def _choose(self) -> None:
        folder = self.context.prompter.choose_folder("Map voor de backup")
        if folder is not None:
            self.folder.setText(str(folder))

    def _password(self) -> str | None:
        """The password to use, '' when refused (the reason is shown), None: no encryption."""
        if not self.encrypt.isChecked():
            return None
        if self.generate.isChecked():
            from ...claims.month_export import new_password

            return new_password()
        first, second = self.password1.text(), self.password2.text()
        if len(first) < MIN_PASSWORD:
            self.outcome.setText(f"Kies een wachtwoord van minstens {MIN_PASSWORD} tekens.")
            return ""
        if first != second:
            self.outcome.setText("De twee wachtwoorden zijn niet gelijk. Typ ze opnieuw.")
            return ""
        return first

    def run_backup(self) -> None:
        text = self.folder.text().strip()
        if not text:
            self.outcome.setText("Kies eerst een map (bijvoorbeeld de USB-stick).")
            return
        folder = Path(text)
        if not folder.is_dir():
            self.outcome.setText(f"De map {folder} bestaat niet. Is de USB-stick ingestoken?")
            return
        password = self._password()
        if password == "":
            return
        self.go.setEnabled(False)
        made = operations.run(self.context, lambda: self._make(folder, password), shown_in=self)
        if made is None:
            return
        result = self.result_backup = made.value
        lines = [f"Backup gemaakt en gecontroleerd:\n{result.path}"]
        note = getattr(result, "note", "")  # only a server backup has a note
        if note:
            lines.append(note)
        if password is not None and self.generate.isChecked():
            lines.append(
                "Het wachtwoord staat hieronder en wordt nergens bewaard. Schrijf het op en "
                "bewaar het apart van de USB-stick: zonder wachtwoord is de backup onbruikbaar."
            )
            self.shown_password.setText(result.password)
            self.password_box.setVisible(True)
        self.password1.clear()
        self.password2.clear()
        self.outcome.setText("\n\n".join(lines))
        self.context.status(f"Backup gemaakt: {result.path}")
        self.go.setVisible(False)

    def show_error(self, error: ServiceError) -> None:
        """A refused backup: the reason under the choices, and the button to try again."""
        self.outcome.setText(error.detail)
        self.go.setEnabled(True)

    def _make(self, folder: Path, password: str | None) -> BackupResult | ServerBackupResult:
        """A copy of this PC's file, or (working on a server) of the server database."""
        db = self.context.db
        if db.on_server:
            from ...storage.backup_postgres import server_backup_to

            _show_progress(self.progress, 0, 1)
            made = server_backup_to(
                db, folder, work_dir=self.context.data_dir, password=password, user=db.user
            )
            _show_progress(self.progress, 1, 1)
            return made
        return make_backup(
            self.context.data_dir,
            out=folder,
            password=password,
            progress=lambda done, total, _w: _show_progress(self.progress, done, total),
            user=db.user,
        )

    def _close(self) -> None:
        if self.result_backup is not None:
            self.accept()
        else:
            self.reject()


def describe_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def _count(value: int | None) -> str:
    return "–" if value is None else str(value)


class RestoreDialog(QDialog):
    COLUMNS = ("Datum", "Grootte", "Gasten", "Verblijven", "Facturen", "Opmerking")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.restored: Path | None = None
        self.paths: list[Path] = []
        self.setWindowTitle("Backup terugzetten")
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        info = QLabel(
            "Kies de backup die u wilt terugzetten. Wat na dat moment is ingevoerd, gaat "
            "verloren; het huidige gegevensbestand blijft wel bewaard (met de datum in de "
            "naam), het wordt nooit verwijderd."
        )
        info.setWordWrap(True)
        layout.addWidget(info)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("backups")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.run_restore())
        layout.addWidget(self.table, 1)
        self.progress = _progress_bar()
        layout.addWidget(self.progress)
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        layout.addWidget(self.outcome)
        buttons = QDialogButtonBox()
        other = buttons.addButton("Ander bestand…", QDialogButtonBox.ButtonRole.ActionRole)
        other.setObjectName("other")
        other.clicked.connect(self.choose_file)
        self.go = buttons.addButton("Terugzetten", QDialogButtonBox.ButtonRole.ActionRole)
        self.go.setObjectName("restore")
        self.go.clicked.connect(self.run_restore)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText("Sluiten")
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        self.table.setRowCount(0)
        self.paths = []
        for path, info, problem in list_backups(self.context.data_dir):
            self._add_row(path, info, problem)
        if not self.paths:
            self.outcome.setText(
                "Er staan nog geen backups in de map backups. Kies 'Ander bestand…' voor een "
                "backup op een USB-stick."
            )
        else:
            self.table.selectRow(0)
        self.table.resizeColumnsToContents()

    def _add_row(self, path: Path, info: BackupInfo | None, problem: str, at: int = -1) -> None:
        row = self.table.rowCount() if at < 0 else at
        self.table.insertRow(row)
        self.paths.insert(row, path)
        if info is not None and info.moment is not None:
            when = f"{info.moment:%d-%m-%Y %H:%M}"
        else:
            when = path.name
        values = [when, describe_size(path.stat().st_size)]
        if info is None:
            values += ["", "", "", problem]
        else:
            counts = (info.guests, info.stays, info.invoices)
            extra = "" if path.parent == self.context.data_dir / "backups" else str(path)
            values += [_count(n) for n in counts] + [extra]
        for column, text in enumerate(values):
            item = QTableWidgetItem(text)
            if 1 <= column <= 4:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(str(path))
            self.table.setItem(row, column, item)

    def choose_file(self) -> None:
        path = self.context.prompter.open_file("Backup kiezen", BACKUP_FILTER)
        if path is None:
            return
        info, problem = None, ""
        if path.suffix.lower() != ".zip":
            try:
                info = inspect_backup(path, verify=False)
            except ServiceError as exc:
                problem = exc.message
        self._add_row(path, info, problem, at=0)
        self.table.selectRow(0)

    def selected_path(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.paths[rows[0].row()] if rows else None

    def run_restore(self) -> None:
        from . import switch_to_backup

        path = self.selected_path()
        if path is None:
            self.outcome.setText("Kies eerst een backup in de lijst.")
            return
        password = None
        if path.suffix.lower() == ".zip":
            password = self.context.prompter.ask_text(
                "Versleutelde backup", f"Wachtwoord voor {path.name}:"
            )
            if not password:
                return
        when_item = self.table.item(self.paths.index(path), 0)
        assert when_item is not None  # every row has its date
        when = when_item.text()
        if not self.context.prompter.confirm(
            "Backup terugzetten",
            f"De backup van {when} terugzetten?\n\nAlles wat daarna is ingevoerd, staat er "
            "dan niet meer in. Het huidige gegevensbestand wordt bewaard met de datum in de "
            "naam.",
        ):
            return
        self.go.setEnabled(False)
        done = switch_to_backup(
            self.context,
            path,
            password=password,
            progress=lambda d, t, _w: _show_progress(self.progress, d, t),
        )
        self.go.setEnabled(True)
        if done:
            self.restored = path
            self.accept()
        else:
            self.progress.setVisible(False)
            self.outcome.setText("Niet teruggezet; de huidige gegevens zijn niet veranderd.")
