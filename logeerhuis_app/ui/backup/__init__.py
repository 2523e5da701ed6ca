"""Backups in the window: automatic (daily, at close), to a USB stick, restore, and the check
at start that offers the newest good backup when the data file is damaged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ...services.changes import Change
from ...services.errors import ServiceError
from ...storage.backup import (
    BackupResult,
    backup_is_due,
    make_backup,
    newest_good_backup,
    quick_check,
)
from ...storage.backup_restore import RestoreResult, restore_backup
from .. import operations
from ..context import AppContext
from ..widgets.prompter import Prompter

if TYPE_CHECKING:
    from ...storage.backup_postgres import ServerBackupResult

DUE_CHECK_MS = 60 * 60 * 1000  # hourly look whether the daily backup is due
FIRST_CHECK_MS = 20 * 1000  # not during start-up: the user wants the window first


def backup_automatically(
    context: AppContext, parent: QWidget | None = None, now: datetime | None = None
) -> bool:
    """A backup into the backups folder, with rotation; a failure is told, never hidden."""

    def backup(progress: Callable[[int, int, str], None]) -> BackupResult | ServerBackupResult:
        try:
            if context.db.on_server:  # pg_dump or the JSON export, into the same folder
                from ...storage.backup import backups_dir
                from ...storage.backup_postgres import make_server_backup

                progress(0, 1, "")
                return make_server_backup(context.db, backups_dir(context.data_dir), now=now)
            return make_backup(context.data_dir, now=now, progress=progress)
        except ServiceError as exc:
            raise ServiceError(
                f"De automatische backup is niet gelukt.\n\n{exc.message}\n\n"
                "Uw gegevens zelf zijn niet veranderd."
            ) from exc

    with _Progress(parent, "Backup maken…") as progress:
        made = operations.run(
            context,
            lambda: backup(progress),
            title="Backup mislukt",
            done=lambda result: f"Backup gemaakt: {result.path.name}",
        )
    return made is not None


def backup_at_close(context: AppContext) -> bool:
    """After the window closed: release the database, then back it up (a server database is
    backed up through its connection, so before it is closed)."""
    if context.db.on_server:
        done = backup_automatically(context)
        context.db.close()
        return done
    context.db.close()
    return backup_automatically(context)


class BackupScheduler(QObject):
    """Checks every hour (and shortly after start) whether a day passed since the newest
    backup; the backup itself runs in the GUI thread, it takes about a second."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.context, self._parent, self._now = context, parent, now
        self.timer = QTimer(self)
        self.timer.setInterval(DUE_CHECK_MS)
        self.timer.timeout.connect(self.run_if_due)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.run_if_due)

    def run_if_due(self) -> bool:
        now = self._now()
        if not backup_is_due(self.context.data_dir, now, on_server=self.context.db.on_server):
            return False
        return backup_automatically(self.context, self._parent, now)


def backup_to(context: AppContext, parent: QWidget | None = None) -> bool:
    """Bestand > Backup maken naar… (of the file, or of the server: the dialog knows)."""
    from .dialogs import BackupDialog

    return context.prompter.run_dialog(BackupDialog(context, parent))


SERVER_RESTORE = (
    "Logeerhuis werkt nu met een database op een server. Een backup daarvan zet de beheerder "
    "terug met pg_restore (een .pgdump-bestand) of met 'logeerhuis import-data' in een lege "
    "database (een .json-bestand); zie de handleiding. Zo wordt voorkomen dat een andere pc "
    "midden in het werk andere gegevens krijgt."
)


def restore_from_menu(context: AppContext, parent: QWidget | None = None) -> bool:
    """Bestand > Backup terugzetten…: True when another database is now open."""
    from .dialogs import RestoreDialog

    if context.db.on_server:
        context.prompter.info("Backup terugzetten", SERVER_RESTORE)
        return False

    dialog = RestoreDialog(context, parent)
    context.prompter.run_dialog(dialog)
    return dialog.restored is not None


def switch_to_backup(
    context: AppContext,
    source: Path,
    *,
    password: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> bool:
    """Close the engine, restore, reopen. The old file stays beside it, renamed.

    Two runs, each with its own Dutch title. The second puts the reopened database in
    `context.db` before it ends, so the pages that reload for Change.EVERYTHING read the
    restored data (the recorder cannot see a file being replaced: `also`)."""
    from ...storage.database import open_database

    user = context.db.user
    context.db.close()

    def restore() -> RestoreResult:
        try:
            return restore_backup(
                context.data_dir,
                source,
                password=password,
                progress=progress,
                check_lock=False,
                user=user,
            )
        except ServiceError as exc:
            raise ServiceError(f"{exc.message}\n\nEr is niets veranderd.") from exc

    restored = operations.run(context, restore, title="Backup niet teruggezet")
    if restored is None:
        return False  # the engine reconnects to the unchanged file on its next use
    result = restored.value

    def reopen() -> None:
        try:
            reopened = open_database(context.data_dir)
        except ServiceError as exc:
            raise ServiceError(
                f"De backup is teruggezet, maar kon niet worden geopend: {exc.message}\n\n"
                "Sluit Logeerhuis en start het opnieuw."
            ) from exc
        reopened.user = user  # still the one who signed in, with the same rights
        context.db = reopened

    opened = operations.run(
        context, reopen, title="Backup teruggezet, niet geopend", also=[Change.EVERYTHING]
    )
    if opened is None:
        return False
    aside = (
        f"\n\nHet vorige gegevensbestand is bewaard als:\n{result.set_aside}\n\n"
        f"{result.carried} regels van het toegangslog die na de backup zijn geschreven, zijn "
        "overgenomen; het terugzetten zelf staat er ook in."
    )
    context.prompter.info(
        "Backup teruggezet",
        "De backup is teruggezet en geopend."
        + (aside if result.set_aside is not None else " Het terugzetten staat in het toegangslog."),
    )
    context.status("Backup teruggezet.")
    return True


def check_at_start(data_dir: Path, prompter: Prompter) -> bool:
    """Quick check before anything opens the file for writing. True: go on and open it."""
    problem = quick_check(data_dir)
    if problem is None:
        return True
    good = newest_good_backup(data_dir)
    if good is None:
        prompter.error(
            "Gegevensbestand beschadigd",
            f"{problem}\n\nEr is geen goede backup gevonden in {data_dir / 'backups'}. "
            "Logeerhuis opent het bestand niet, zodat er niets verder beschadigd raakt. "
            "Zet een backup van een USB-stick terug met 'logeerhuis restore BESTAND', "
            "of vraag hulp.",
        )
        return False
    when = f"{good.moment:%d-%m-%Y %H:%M}" if good.moment else good.path.name
    if not prompter.confirm(
        "Gegevensbestand beschadigd",
        f"{problem}\n\nLogeerhuis opent het bestand niet, zodat er niets verder beschadigd "
        f"raakt. De nieuwste goede backup is van {when} ({good.guests} gasten, "
        f"{good.stays} verblijven, {good.invoices} facturen).\n\n"
        "Wilt u die backup terugzetten? Wat na dat moment is ingevoerd, moet u opnieuw "
        "invoeren. Het beschadigde bestand blijft bewaard (met de datum in de naam).",
    ):
        return False
    try:
        result = restore_backup(data_dir, good.path, check_lock=False)
    except ServiceError as exc:
        prompter.error("Backup niet teruggezet", exc.message)
        return False
    prompter.info(
        "Backup teruggezet",
        f"De backup van {when} is teruggezet. Het beschadigde bestand is bewaard als "
        f"{result.set_aside}.",
    )
    return True


class _Progress:
    """A progress dialog that appears only when the work takes longer than a second."""

    def __init__(self, parent: QWidget | None, label: str) -> None:
        self.dialog = QProgressDialog(label, "", 0, 100, parent)
        self.dialog.setWindowTitle("Logeerhuis")
        self.dialog.setCancelButton(None)  # a half backup is worth nothing: no cancel
        self.dialog.setMinimumDuration(1000)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)

    def __enter__(self) -> Callable[[int, int, str], None]:
        return self

    def __call__(self, done: int, total: int, _what: str) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(done)
        QApplication.processEvents()

    def __exit__(self, *_exc: object) -> None:
        self.dialog.reset()
        self.dialog.deleteLater()
