"""Backups in the window: the File menu, the stick dialog, the restore dialog, the check at
start, the daily and closing backups, and one window per data directory."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta

from PySide6.QtWidgets import QDialog

from logeerhuis_app.paths import database_path, settings_path
from logeerhuis_app.storage.backup import automatic_backups, backups_dir, make_backup
from logeerhuis_app.storage.backup_restore import set_aside_files
from logeerhuis_app.ui.backup import (
    BackupScheduler,
    backup_at_close,
    check_at_start,
    restore_from_menu,
)
from logeerhuis_app.ui.backup.dialogs import BackupDialog, RestoreDialog
from logeerhuis_app.ui.main_window import MainWindow
from logeerhuis_app.ui.registry import page_classes


def _add_guest(context, last_name="Bos"):
    from logeerhuis_app.house.guests import GuestData, save_guest

    save_guest(context.db, GuestData(first_name="Gerrit", last_name=last_name, city="Baarn"))


def _guest_names(context):
    from logeerhuis_app.house.guests import search_guests

    return sorted(g.name.split(",")[0] for g in search_guests(context.db))


def test_file_menu_has_backup_and_restore(qtbot, context, show):
    window = MainWindow(settings_path(context.data_dir))
    window.attach(context, page_classes())
    show(window)
    texts = [a.text() for a in window.file_menu.actions()]
    assert "&Backup maken naar…" in texts and "Backup &terugzetten…" in texts
    seen = []
    context.prompter.dialog_handler = lambda dialog: seen.append(type(dialog).__name__)
    window.actions_by_name["backup"].trigger()
    window.actions_by_name["restore"].trigger()
    assert seen == ["BackupDialog", "RestoreDialog"]


def test_backup_to_a_stick_with_a_password_typed_twice(qtbot, context, show, tmp_path):
    stick = tmp_path / "usb"
    stick.mkdir()
    _add_guest(context)
    dialog = show(BackupDialog(context), 600, 500)
    dialog.run_backup()
    assert "Kies eerst een map" in dialog.outcome.text()
    dialog.folder.setText(str(stick))
    dialog.own.setChecked(True)
    dialog.password1.setText("appelboom-2026")
    dialog.password2.setText("appelboom-2027")
    dialog.run_backup()
    assert "niet gelijk" in dialog.outcome.text() and os.listdir(stick) == []
    dialog.password2.setText("appelboom-2026")
    qtbot.mouseClick(dialog.go, qtbot_left())
    (made,) = os.listdir(stick)
    assert made.endswith(".zip") and "gecontroleerd" in dialog.outcome.text()
    assert not dialog.password_box.isVisible()  # the user knows the own password
    assert dialog.password1.text() == ""


def test_generated_password_is_shown_once(qtbot, context, show, tmp_path):
    dialog = show(BackupDialog(context), 600, 500)
    dialog.folder.setText(str(tmp_path))
    dialog.run_backup()
    assert dialog.password_box.isVisible()
    assert len(dialog.shown_password.text()) == 29
    assert dialog.result_backup.password == dialog.shown_password.text()


def test_unencrypted_backup_to_a_missing_stick_is_explained(qtbot, context, show, tmp_path):
    dialog = show(BackupDialog(context), 600, 500)
    dialog.encrypt.setChecked(False)
    dialog.folder.setText(str(tmp_path / "weg"))
    dialog.run_backup()
    assert "bestaat niet" in dialog.outcome.text()
    dialog.folder.setText(str(tmp_path))
    dialog.run_backup()
    assert dialog.result_backup.path.suffix == ".sqlite3"


def test_restore_dialog_lists_backups_and_restores_one(qtbot, context, show, prompter):
    _add_guest(context, "Bos")
    make_backup(context.data_dir, now=datetime(2026, 11, 27, 9, 15))
    _add_guest(context, "Later")
    make_backup(context.data_dir, now=datetime(2026, 11, 28, 9, 15))
    dialog = show(RestoreDialog(context), 800, 500)
    cells = [[dialog.table.item(r, c).text() for c in range(5)] for r in range(2)]
    assert cells[0][0] == "28-11-2026 09:15" and cells[0][2:] == ["2", "0", "0"]
    assert cells[1][0] == "27-11-2026 09:15" and cells[1][2] == "1"
    dialog.table.selectRow(1)
    old_db = context.db
    qtbot.mouseClick(dialog.go, qtbot_left())
    try:
        assert dialog.restored is not None and dialog.result() == QDialog.DialogCode.Accepted
        assert context.db is not old_db
        assert _guest_names(context) == ["Bos"]
        assert len(set_aside_files(context.data_dir)) == 1
        assert prompter.messages[-1][1] == "Backup teruggezet"
    finally:
        context.db.close()


def test_a_bad_file_from_elsewhere_is_refused_and_nothing_changes(
    qtbot, context, show, prompter, tmp_path
):
    _add_guest(context)
    bad = tmp_path / "logeerhuis-2026-11-20T1000.sqlite3"
    bad.write_text('{"guests": []}', encoding="utf-8")
    prompter.files.append(bad)
    dialog = show(RestoreDialog(context), 800, 500)
    dialog.choose_file()
    assert "geen Logeerhuis-backup" in dialog.table.item(0, 5).text()
    dialog.run_restore()
    assert (
        prompter.messages[-1][0] == "error" and "Er is niets veranderd" in prompter.messages[-1][2]
    )
    assert "niet veranderd" in dialog.outcome.text()
    assert _guest_names(context) == ["Bos"]  # the same database still works
    assert set_aside_files(context.data_dir) == []


def test_declining_the_question_restores_nothing(qtbot, context, prompter):
    make_backup(context.data_dir, now=datetime(2026, 11, 27, 9, 15))
    prompter.confirm_answer = False
    prompter.dialog_handler = lambda dialog: dialog.run_restore()
    assert not restore_from_menu(context)
    assert set_aside_files(context.data_dir) == []


def _damage(data_dir):
    path = database_path(data_dir)
    data = bytearray(path.read_bytes())
    data[4096:] = os.urandom(len(data) - 4096)
    path.write_bytes(bytes(data))


def test_a_damaged_database_at_start_offers_the_newest_good_backup(qtbot, context, prompter):
    _add_guest(context)
    make_backup(context.data_dir, now=datetime(2026, 11, 27, 9, 15))
    context.db.close()
    _damage(context.data_dir)
    prompter.confirm_answer = False
    assert not check_at_start(context.data_dir, prompter)
    assert "27-11-2026 09:15" in prompter.messages[-1][2]
    assert set_aside_files(context.data_dir) == []
    prompter.confirm_answer = True
    assert check_at_start(context.data_dir, prompter)
    assert prompter.messages[-1][1] == "Backup teruggezet"
    conn = sqlite3.connect(database_path(context.data_dir))
    assert conn.execute("SELECT count(*) FROM guests").fetchone()[0] == 1
    conn.close()
    assert len(set_aside_files(context.data_dir)) == 1  # the damaged file, kept


def test_a_damaged_database_without_backup_opens_nothing(qtbot, context, prompter):
    context.db.close()
    _damage(context.data_dir)
    assert not check_at_start(context.data_dir, prompter)
    kind, _title, text = prompter.messages[-1]
    assert kind == "error" and "geen goede backup" in text
    assert set_aside_files(context.data_dir) == []


def test_daily_backup_when_due_and_a_backup_at_close(qtbot, context, show):
    window = show(MainWindow(settings_path(context.data_dir)))
    # Days before today: the backup at close (made now) must not fall on the same day, or
    # the daily rotation would rightly keep only one of the two.
    now = [datetime.now().replace(second=0, microsecond=0) - timedelta(days=3)]
    scheduler = BackupScheduler(context, window, now=lambda: now[0])
    assert scheduler.timer.isActive()
    assert scheduler.run_if_due()
    assert not scheduler.run_if_due()  # less than a day later
    now[0] += timedelta(days=1, minutes=1)
    assert scheduler.run_if_due()
    assert len(automatic_backups(context.data_dir)) == 2
    assert "Backup gemaakt" in context.messages[-1]
    assert backup_at_close(context)
    assert len(list(backups_dir(context.data_dir).iterdir())) == 3


def test_a_second_window_on_the_same_data_is_refused(qapp, data_dir, capsys):
    from logeerhuis_app.app import _single_instance

    first = _single_instance(data_dir, True)
    assert first is not None
    assert _single_instance(data_dir, True) is None
    assert "al geopend" in capsys.readouterr().err
    first.unlock()
    # a lock left by a crashed app: its process no longer exists
    (data_dir / "logeerhuis.lock").write_text("999999\nlogeerhuis\n\n", encoding="utf-8")
    again = _single_instance(data_dir, True)
    assert again is not None
    again.unlock()


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_restore_tells_every_page_once_with_the_restored_database_open(
    qtbot, context, show, prompter
):
    """The recorder cannot see a file being replaced: the run says Change.EVERYTHING, once,
    after context.db is the reopened database, so a reloading page reads the restored data."""
    from logeerhuis_app.services.changes import Change

    _add_guest(context, "Bos")
    make_backup(context.data_dir, now=datetime(2026, 11, 27, 9, 15))
    _add_guest(context, "Later")
    old_db = context.db
    heard: list[tuple[str, object, list[str]]] = []
    context.data_changed.connect(
        lambda topic: heard.append((topic, context.db, _guest_names(context)))
    )
    dialog = show(RestoreDialog(context), 800, 500)
    dialog.table.selectRow(0)
    dialog.run_restore()
    try:
        assert context.db is not old_db
        assert heard == [(Change.EVERYTHING.value, context.db, ["Bos"])]
        assert context.messages[-1] == "Backup teruggezet."
    finally:
        context.db.close()
