"""Start the window: show it at once, then open the data and build the pages.

Also the `--self-test`: the same start off-screen, then every page visited and timed; and the
hidden `--startup-probe` for bench/startup_bench.py: the user's start without the sign-in,
printing when the window was shown and when the first page had painted, then stopping.

Nothing heavy is imported before the window is shown: SQLAlchemy, the services and the pages
come after it (ui/main_window.py and ui/context.py import Qt only).
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from .paths import LOCK_FILENAME, settings_path

PRELOAD_PAGES_AFTER_MS = 150
# What the first paint must not wait for (decision 0034); --startup-probe names those loaded.
HEAVY_MODULES = ("sqlalchemy.orm", "logeerhuis_app.db.models", "alembic", "reportlab", "lxml",
                 "openpyxl", "psycopg", "stdnum")  # fmt: skip


def run_gui(data_dir: Path, *, self_test: bool = False, startup_probe: bool = False) -> int:
    started = time.perf_counter()
    quiet = self_test or startup_probe  # no sign-in, no dialogs: messages go to stderr
    if self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    from .ui.pyside_imports import lighten_feature_check

    lighten_feature_check()  # before the app's own modules and SQLAlchemy are imported
    from .ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Logeerhuis")
    app.setOrganizationName("Logeerhuis")
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    translator = QTranslator(app)
    if translator.load("qtbase_nl", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)

    from .storage.private_files import private_dir

    private_dir(data_dir)  # this user only, before the lock and the settings are written in it
    lock = _single_instance(data_dir, quiet)
    if lock is None:
        return 2
    window = MainWindow(settings_path(data_dir))
    if not self_test:
        window.show()
        app.processEvents()
        if startup_probe:
            _probe_mark("window shown", started)
    failures: list[str] = []
    previous_hook = sys.excepthook
    sys.excepthook = _make_excepthook(window, data_dir, failures, quiet)
    try:
        context = _open(window, data_dir, self_test, quiet)
        if context is None:
            return 2
        from .ui.registry import page_classes

        if not quiet:  # the self-test runs as the local system user, like the CLI
            from PySide6.QtCore import QTimer

            from .ui.session_guard import start_session

            # Import the pages while the sign-in dialog waits for the password (once it has
            # painted), so that the planner follows the sign-in without that wait.
            QTimer.singleShot(PRELOAD_PAGES_AFTER_MS, page_classes)
            if not start_session(context):
                window.close()
                context.db.close()
                return 0
        if self_test or window.wanted_page() != 0:
            window.attach(context, page_classes())
        else:  # the planner first; the other pages once it has painted
            _attach_planner_first(window, context)
        if self_test:
            return _self_test(app, window, started, failures)
        if startup_probe:
            return _startup_probe(app, window, started, failures)
        from .ui.backup import BackupScheduler, backup_at_close
        from .ui.session_guard import guard_idle

        window.backup_scheduler = BackupScheduler(context, window)
        idle = guard_idle(window, context)
        code = app.exec()
        idle.stop_watching()
        backup_at_close(context)
        return code
    finally:
        sys.excepthook = previous_hook
        lock.unlock()


def _attach_planner_first(window, context) -> None:
    """The user sees the planner about 0.2 s sooner: the ten other pages are imported and
    built just after it has painted (the navigation fills in then)."""
    from .ui.first_paint import AfterFirstPaint
    from .ui.registry import first_page_class, page_classes

    window.attach(context, [first_page_class()])
    planner = window.current_page()
    AfterFirstPaint(getattr(planner, "grid", planner), lambda: window.add_pages(page_classes()[1:]))


def _single_instance(data_dir: Path, quiet: bool):
    """One window per data directory: two would each hold their own view of the data.
    QLockFile removes a lock whose process is gone, so a crash does not block the next start."""
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(data_dir / LOCK_FILENAME))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
    if lock.tryLock(100):
        return lock
    message = (
        "Logeerhuis is al geopend op deze computer (met dezelfde gegevens). Gebruik het venster "
        "dat al open is; het kan achter een ander venster of op de taakbalk staan.\n\n"
        "Twee vensters tegelijk zouden elkaars wijzigingen niet zien."
    )
    title = "Logeerhuis is al geopend"
    if lock.error() != QLockFile.LockError.LockFailedError:
        title = "Logeerhuis start niet"
        message = f"Het slotbestand in {data_dir} kan niet worden gemaakt (geen schrijfrechten?)."
    if quiet:
        print(f"Fout: {message}", file=sys.stderr)
    else:
        from .ui.widgets.prompter import QtPrompter

        QtPrompter(None).error(title, message)
    return None


def _open(window, data_dir: Path, self_test: bool, quiet: bool):
    """The database this PC uses (a server when one was chosen, else the file), checked."""
    from .ui.context import AppContext
    from .ui.widgets.prompter import QtPrompter

    prompter = QtPrompter(window)
    db = open_chosen(data_dir, prompter, self_test=self_test, quiet=quiet, parent=window)
    if db is None:
        return None
    context = AppContext(db, prompter, data_dir, status=window.show_status)
    if db.is_empty and not quiet:
        from .ui.first_start import first_start

        first_start(context, window)  # a new house, the demo, or another PC's data
    return context


def open_chosen(data_dir: Path, prompter, *, self_test=False, quiet=False, parent=None):
    """Open the file, or the server chosen for this PC. When the server cannot be opened, or
    the choice itself is damaged, the user may change the choice (another address, or back to
    this PC's file) and go on."""
    from .services.errors import ServiceError
    from .storage.database import open_database, open_database_url
    from .storage.server_setting import chosen_server_url

    while True:
        try:
            server_url = chosen_server_url(data_dir)
        except ServiceError as exc:  # never quietly this PC's (perhaps stale) file instead
            if quiet:
                print(f"Fout: {exc.message}", file=sys.stderr)
                return None
            if not _choose_again(data_dir, prompter, exc.message, parent):
                return None
            continue
        # The integrity check and the offer of the newest backup are for this PC's own file.
        if server_url is None and not _file_is_sound(data_dir, prompter, self_test):
            return None
        try:
            return open_database_url(server_url) if server_url else open_database(data_dir)
        except ServiceError as exc:
            if quiet:
                print(f"Fout: {exc.message}", file=sys.stderr)
                return None
            if server_url is None:
                prompter.error("Gegevens niet geopend", exc.message)
                return None
            if not _choose_again(data_dir, prompter, exc.message, parent):
                return None


def _choose_again(data_dir: Path, prompter, problem: str, parent) -> bool:
    """Offer the connection dialog at the start; True when a (new) choice was saved."""
    if not prompter.confirm(
        "Database niet geopend",
        f"{problem}\n\nWilt u de instelling van de databaseserver nu aanpassen? "
        "Kies Nee om Logeerhuis te sluiten en het later opnieuw te proberen.",
    ):
        return False
    from .ui.connection.dialog import ConnectionDialog

    connected: bool = prompter.run_dialog(ConnectionDialog(data_dir, prompter, None, parent))
    return connected


def _file_is_sound(data_dir: Path, prompter, self_test: bool) -> bool:
    if self_test:
        from .storage.backup import quick_check

        problem = quick_check(data_dir)
        if problem is not None:
            print(f"Fout: {problem}", file=sys.stderr)
        return problem is None
    from .ui.backup import check_at_start

    return check_at_start(data_dir, prompter)


def _self_test(app, window, started: float, failures: list[str]) -> int:
    window.show()
    app.processEvents()
    print(f"Venster getoond na {1000 * (time.perf_counter() - started):.0f} ms")
    for index, page in enumerate(window.pages):
        begin = time.perf_counter()
        try:
            window.show_page(index)
            page.refresh()
            app.processEvents()
        except Exception as exc:  # a self-test reports every failure, then goes on
            failures.append(f"{page.nav_title}: {exc!r}")
        took = 1000 * (time.perf_counter() - begin)
        print(f"  {page.nav_title:<28} {took:7.0f} ms")
    from .ui.text_check import dutch_text_problems

    problems = dutch_text_problems()  # sorting and case mapping through ICU (Linux)
    failures.extend(problems)
    print(f"  {'Nederlandse tekst (Qt)':<28} {'in orde' if not problems else 'FOUT'}")
    window.close()
    app.processEvents()
    window.context.db.close()
    total = 1000 * (time.perf_counter() - started)
    if failures:
        print(f"Zelftest MISLUKT na {total:.0f} ms:", file=sys.stderr)
        for failure in failures:
            print(f"  - {failure}", file=sys.stderr)
        return 1
    print(f"Zelftest geslaagd: {len(window.pages)} pagina's in {total:.0f} ms.")
    return 0


def _probe_mark(what: str, started: float, at: tuple[float, float] | None = None) -> None:
    """One line for bench/startup_bench.py: the wall clock (to measure from the process start)
    and the milliseconds since run_gui began; `at` is (time.time(), perf_counter()) of a
    moment noted earlier, else now."""
    wall, perf = at or (time.time(), time.perf_counter())
    print(f"startup-probe: {what} at {wall:.6f} ({1000 * (perf - started):.0f} ms in run_gui)",
          flush=True)  # fmt: skip


def _startup_probe(app, window, started: float, failures: list[str]) -> int:
    """After attach: process events until the current page (normally the planner, its grid)
    has painted, mark that moment, and stop without closing the window (no settings saved).

    The moment is taken when the paint itself is done, inside the paint event: the pages that
    follow the planner may be built in the same round of events, and do not count."""
    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject

    page = window.current_page()
    target = window if page is None else getattr(page, "grid", page)

    class PaintSeen(QObject):
        at: tuple[float, float] | None = None
        loaded: list[str] = []

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if watched is target and event.type() == QEvent.Type.Paint and self.at is None:
                target.removeEventFilter(self)
                QCoreApplication.sendEvent(target, event)  # the paint, now; then the moment
                self.at = (time.time(), time.perf_counter())
                self.loaded = [m for m in HEAVY_MODULES if m in sys.modules]
                return True
            return False

    seen = PaintSeen()
    target.installEventFilter(seen)
    clock = QElapsedTimer()
    clock.start()
    while seen.at is None and clock.elapsed() < 5000:
        app.processEvents()
    forced = seen.at is None
    if forced:  # the platform never painted it (hidden?): paint it synchronously
        target.removeEventFilter(seen)
        target.repaint()
        seen.loaded = [m for m in HEAVY_MODULES if m in sys.modules]
    title = page.nav_title if page is not None else "(geen pagina)"
    _probe_mark(f"page painted: {title}{' (forced)' if forced else ''}", started, seen.at)
    heavy = ", ".join(seen.loaded) or "-"
    print(f"startup-probe: heavy modules loaded by the first paint: {heavy}", flush=True)
    window.context.db.close()
    if failures:
        print("startup-probe: errors: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0


def _make_excepthook(window, data_dir: Path, failures: list[str], quiet: bool):
    """An error in a slot must not kill the app silently: log it and tell the user in Dutch."""

    from .domain.redaction import scrub

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        # Never a BSN, IBAN or a quoted row in the log or on screen (decision 0027).
        text = scrub("".join(traceback.format_exception(kind, value, tb)))
        failures.append(f"{kind.__name__}: {scrub(str(value))}")
        try:
            from .storage.private_files import append_private

            stamp = time.strftime("%Y-%m-%d %H:%M:%S")
            append_private(data_dir / "fouten.log", f"--- {stamp}\n{text}\n")
        except OSError:
            pass
        if quiet:
            print(text, file=sys.stderr)
            return
        from PySide6.QtWidgets import QMessageBox

        from .services.errors import ServiceError

        if isinstance(value, ServiceError):  # known and said in Dutch (a server out of reach)
            QMessageBox.warning(
                window,
                "Niet gelukt",
                f"{scrub(value.message)}\n\nWat al was opgeslagen, blijft bewaard.",
            )
            return
        QMessageBox.critical(
            window,
            "Er ging iets mis",
            "Er ging iets mis in Logeerhuis. Wat al was opgeslagen, blijft bewaard.\n\n"
            f"Technische melding: {scrub(str(value))}\n\n"
            f"De details staan in {data_dir / 'fouten.log'}.",
        )

    return hook
