"""The very first start (no data yet): a new house, the demo house, or the data of another PC.

"Gegevens van een andere pc inlezen…" reads a logeerhuis-data JSON file (export-data, all or
nothing) or a backup (.sqlite3, or a ZIP from Bestand > Backup maken naar…, asking its
password), before any account exists; afterwards the user signs in with the accounts that
came with the data. A refused file is said in Dutch and the screen stays (decision 0021).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from ..services.changes import Change
from ..services.errors import ServiceError
from . import operations
from .context import AppContext

if TYPE_CHECKING:
    from ..demo.builder import DemoSummary
    from ..storage.data_exchange import ExchangeSummary

NEW, DEMO, OTHER_PC = "nieuw", "demo", "andere-pc"
FILE_FILTER = "Logeerhuis-gegevens of backup (*.json *.zip *.sqlite3);;Alle bestanden (*)"
WELCOME = (
    "Er zijn nog geen gegevens op deze pc. Hoe wilt u beginnen?\n\n"
    "Het demo-logeerhuis heeft verzonnen gasten, kamers en financiers; inloggen kan dan als "
    "coördinator 'ingrid' met wachtwoord 'demo-ingrid-2026' (of als medewerker 'ria', "
    "'demo-ria-2026')."
)


class FirstStartDialog(QDialog):
    """`choice` tells what was chosen (NEW when the window is closed)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.choice = NEW
        self.setWindowTitle("Welkom bij Logeerhuis")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        text = QLabel(WELCOME)
        text.setWordWrap(True)
        layout.addWidget(text)
        for name, label, hint, slot in (
            ("new_house", "Een &nieuw logeerhuis beginnen",
             "U maakt eerst uw eigen account als coördinator.", self._new),
            ("demo_house", "Het &demo-logeerhuis bekijken",
             "Om rond te kijken; later begint u opnieuw in een lege map.", self._demo),
            ("other_pc", "&Gegevens van een andere pc inlezen…",
             "Een gegevensbestand (export) of een backup van de andere pc; daarna logt u in "
             "met een account dat op die pc bestond.", self.read_other_pc),
        ):  # fmt: skip
            button = QPushButton(label)
            button.setObjectName(name)
            button.setMinimumHeight(36)
            button.clicked.connect(slot)
            layout.addWidget(button)
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color: #555; margin-bottom: 8px;")
            layout.addWidget(note)
        new_house = self.findChild(QPushButton, "new_house")
        assert new_house is not None  # made in the loop above
        new_house.setDefault(True)

    def _new(self) -> None:
        self.choice = NEW
        self.accept()

    def _demo(self) -> None:
        from ..demo.answers import write_demo_answer
        from ..demo.builder import build_demo
        from ..demo.messages import save_demo_message

        def build() -> tuple[DemoSummary, Path, Path | None]:
            db, data_dir = self.context.db, self.context.data_dir
            return (
                build_demo(db),
                save_demo_message(db, data_dir),
                write_demo_answer(db, data_dir, date.today()),
            )

        with _busy():  # a whole house at once: every page reloads
            built = operations.run(self.context, build, also=[Change.EVERYTHING])
        if built is None:
            return
        summary, example, answer = built.value
        answered = " en een antwoord op een declaratie (WMO325)" if answer else ""
        self.context.status(
            f"Demo-logeerhuis gemaakt: {summary.guests} gasten, {summary.stays} verblijven. "
            f"Een toewijzing{answered} om in te lezen (Bestand > Bericht inlezen…) staan in "
            f"{example.parent}"
        )
        self.choice = DEMO
        self.accept()

    def read_other_pc(self) -> None:
        """Choose the file and read it; on a refusal the screen stays and nothing is kept."""
        path = self.context.prompter.open_file("Gegevens van een andere pc inlezen", FILE_FILTER)
        if path is None:
            return
        if path.suffix.lower() in (".zip", ".sqlite3", ".sqlite", ".db"):
            read = self._read_backup(path)
        else:
            read = self._read_export(path)
        if read:  # the run announced Change.EVERYTHING
            self.choice = OTHER_PC
            self.accept()

    def _read_export(self, path: Path) -> bool:
        from ..storage.data_exchange import import_from_file

        def read() -> ExchangeSummary:
            try:
                return import_from_file(self.context.db, path)
            except ServiceError as exc:
                raise ServiceError(f"{exc.message}\n\nEr is niets ingelezen.") from exc

        with _busy():  # a whole data set: every page reloads
            imported = operations.run(
                self.context, read, title="Gegevens niet ingelezen", also=[Change.EVERYTHING]
            )
        if imported is None:
            return False
        summary = imported.value
        self.context.prompter.info(
            "Gegevens ingelezen",
            f"De gegevens uit {path.name} zijn ingelezen ({summary.counts.get('guests', 0)} "
            "gasten). Log nu in met uw account van de andere pc.",
        )
        return True

    def _read_backup(self, path: Path) -> bool:
        from .backup import switch_to_backup

        if self.context.db.on_server:
            self.context.prompter.error(
                "Gegevens niet ingelezen",
                "Deze pc werkt met een databaseserver; een backup-bestand kan alleen op een pc "
                "met een eigen gegevensbestand worden teruggezet. Kies een gegevensbestand "
                "(JSON, gemaakt met 'Alle gegevens exporteren' of export-data).",
            )
            return False
        password = None
        if path.suffix.lower() == ".zip":
            password = self.context.prompter.ask_text(
                "Wachtwoord van de backup",
                f"Wachtwoord van {path.name} (leeg laten als de backup niet versleuteld is):",
            )
            if password is None:
                return False
        with _busy():
            return switch_to_backup(self.context, path, password=password or None)


class _busy:
    """The wait cursor while something that may take a few seconds runs."""

    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_exc: object) -> None:
        QApplication.restoreOverrideCursor()


def first_start(context: AppContext, parent: QWidget | None = None) -> str:
    """Show the first screen; what was chosen (NEW, DEMO or OTHER_PC)."""
    dialog = FirstStartDialog(context, parent)
    context.prompter.run_dialog(dialog)
    return dialog.choice
