"""The main window: navigation, shortcuts, unsaved input kept, geometry remembered."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt

from logeerhuis_app.paths import settings_path
from logeerhuis_app.ui.main_window import MainWindow
from logeerhuis_app.ui.registry import page_classes


def _window(context, show):
    window = MainWindow(settings_path(context.data_dir))
    window.attach(context, page_classes())
    return show(window)


def test_navigation_lists_every_page_in_dutch(qtbot, context, show):
    window = _window(context, show)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [
        "Planner",
        "Gasten",
        "Registratie",
        "Facturen",
        "Declaraties",
        "Overzichten",
        "Kamers",
        "Financiers en contracten",
        "Instellingen",
        "Accounts",
        "Toegangslog",
    ]
    window.nav.setCurrentRow(7)
    assert window.current_page().nav_title == "Financiers en contracten"


def test_ctrl_number_switches_pages_and_ctrl_n_starts_a_new_item(qtbot, context, show, activate):
    window = _window(context, show)
    activate(window)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().nav_title == "Declaraties"
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().nav_title == "Instellingen"
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().nav_title == "Kamers"
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().editor_title.text() == "Nieuwe kamer"
    window.actions_by_name["page_1"].trigger()
    assert window.current_page().nav_title == "Gasten"


def test_leaving_a_page_with_unsaved_input_asks_and_can_stay(qtbot, context, show, prompter):
    window = _window(context, show)
    window.show_page(6)
    page = window.current_page()
    page.new_item()
    qtbot.keyClicks(page.form.fields["name"], "Eik")
    prompter.confirm_answer = False
    assert not window.show_page(0)
    assert window.current_page() is page
    assert page.form.fields["name"].text() == "Eik"
    assert window.nav.currentRow() == 6
    prompter.confirm_answer = True
    assert window.show_page(0)


def test_geometry_and_page_are_remembered(qtbot, context, show):
    window = _window(context, show)
    window.setGeometry(QRect(10, 20, 760, 700))
    qtbot.waitUntil(lambda: window.size().height() == 700)
    wanted = (window.size().width(), window.size().height())
    window.show_page(8)
    window.close()
    again = MainWindow(settings_path(context.data_dir))
    qtbot.addWidget(again)
    again.attach(context, page_classes())
    assert (again.size().width(), again.size().height()) == wanted
    assert again.current_page().nav_title == "Instellingen"
    assert settings_path(context.data_dir).exists()


def test_export_from_the_file_menu(qtbot, context, show, prompter, tmp_path):
    from logeerhuis_app.house.rooms import RoomData, save_room

    save_room(context.db, RoomData(name="Linde"))
    window = _window(context, show)
    target = tmp_path / "uit.json"
    prompter.files.append(target)
    window.actions_by_name["export"].trigger()
    assert '"Linde"' in target.read_text(encoding="utf-8")
    assert "Alle gegevens geschreven" in context.messages[-1]


def test_every_page_fits_a_small_laptop_screen(qtbot, context, show):
    """1366x768 is the common office laptop: no page may force the window wider or taller.
    A page's data can add width (a registration month of real guests did), so an empty house
    must leave room to spare: 1024 pixels."""
    window = _window(context, show)
    for index in range(window.nav.count()):
        window.show_page(index)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 740, window.current_page().nav_title


def test_the_start_shows_the_planner_first_and_fills_in_the_other_pages(qtbot, context, show):
    from logeerhuis_app.app import _attach_planner_first
    from logeerhuis_app.ui.registry import first_page_class

    assert first_page_class() is page_classes()[0]
    window = show(MainWindow(settings_path(context.data_dir)))
    _attach_planner_first(window, context)
    assert [p.nav_title for p in window.pages] == ["Planner"]
    assert window.current_page().nav_title == "Planner"
    qtbot.waitUntil(lambda: len(window.pages) == len(page_classes()), timeout=5000)
    assert window.nav.count() == len(page_classes())
    assert window.current_page().nav_title == "Planner"  # still where the user is
    window.actions_by_name["page_4"].trigger()  # Ctrl+5 works once they are there
    assert window.current_page().nav_title == "Declaraties"


def test_the_other_pages_wait_for_the_planner_to_have_painted(qtbot, context, show):
    """Also on a slow start (here: the events are handled 0.2 s after the planner was built),
    the planner paints before the ten other pages are imported and built."""
    import time

    from PySide6.QtCore import QEvent, QObject

    from logeerhuis_app.app import _attach_planner_first

    window = show(MainWindow(settings_path(context.data_dir)))
    _attach_planner_first(window, context)
    grid = window.current_page().grid
    pages_at_paint: list[int] = []

    class PaintSeen(QObject):
        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]
            if watched is grid and event.type() == QEvent.Type.Paint:
                pages_at_paint.append(len(window.pages))
            return False

    seen = PaintSeen()
    grid.installEventFilter(seen)
    try:
        time.sleep(0.2)
        qtbot.waitUntil(lambda: len(window.pages) == len(page_classes()), timeout=5000)
    finally:
        grid.removeEventFilter(seen)
    assert pages_at_paint and pages_at_paint[0] == 1


def test_an_error_in_a_slot_is_told_in_dutch_and_logged(context, show, monkeypatch):
    """A known problem (a server out of reach) is shown as it is; anything else as an
    unexpected error with the log's place; both go into fouten.log."""
    from PySide6.QtWidgets import QMessageBox

    from logeerhuis_app.app import _make_excepthook
    from logeerhuis_app.services.errors import DataError

    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, t, m: shown.append(("warning", t, m)))
    monkeypatch.setattr(QMessageBox, "critical", lambda _w, t, m: shown.append(("critical", t, m)))
    window = show(MainWindow(settings_path(context.data_dir)))
    failures: list[str] = []
    hook = _make_excepthook(window, context.data_dir, failures, False)
    hook(DataError, DataError("De databaseserver server:5432 is niet bereikbaar."), None)
    hook(KeyError, KeyError("x"), None)
    assert shown[0] == (
        "warning",
        "Niet gelukt",
        "De databaseserver server:5432 is niet bereikbaar.\n\n"
        "Wat al was opgeslagen, blijft bewaard.",
    )
    assert shown[1][:2] == ("critical", "Er ging iets mis") and "fouten.log" in shown[1][2]
    log = (context.data_dir / "fouten.log").read_text(encoding="utf-8")
    assert "DataError" in log and "KeyError" in log
    assert len(failures) == 2
