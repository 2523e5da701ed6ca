"""What a medewerker may not do is disabled on screen, with the reason as a tooltip; the
services refuse it as well (tests/integration/test_roles.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from logeerhuis_app.access import accounts
from logeerhuis_app.access.accounts import NewAccount
from logeerhuis_app.paths import settings_path
from logeerhuis_app.ui.backup.dialogs import BackupDialog
from logeerhuis_app.ui.main_window import MainWindow
from logeerhuis_app.ui.registry import page_classes

INGRID = NewAccount("Ingrid Jansen", "ingrid", "geheim-ingrid-1", "geheim-ingrid-1")
RIA = NewAccount("Ria de Boer", "ria", "geheim-ria-123", "geheim-ria-123", role="medewerker")
COORDINATOR_ONLY = ("export", "restore", "server")  # reading data in: only at the first start


@pytest.fixture
def sign_in(context):
    accounts.create_first_coordinator(context.db, INGRID)
    accounts.sign_in(context.db, "ingrid", INGRID.password)
    accounts.add_account(context.db, RIA)
    accounts.sign_out(context.db)

    def _sign_in(user_name: str) -> None:
        password = INGRID.password if user_name == "ingrid" else RIA.password
        accounts.sign_in(context.db, user_name, password)

    return _sign_in


def _window(context, show):
    window = MainWindow(settings_path(context.data_dir))
    window.attach(context, page_classes())
    return show(window)


def test_the_file_menu_of_a_medewerker(qtbot, context, show, sign_in):
    sign_in("ria")
    window = _window(context, show)
    for name in COORDINATOR_ONLY:
        action = window.actions_by_name[name]
        assert not action.isEnabled(), name
        assert "Alleen een coördinator" in action.toolTip(), name
    assert window.file_menu.toolTipsVisible()
    backup = window.actions_by_name["backup"]  # an encrypted backup to a stick is allowed
    assert backup.isEnabled()
    seen = []
    context.prompter.dialog_handler = lambda dialog: seen.append(type(dialog).__name__)
    window.actions_by_name["restore"].trigger()  # a disabled action does nothing
    backup.trigger()
    assert seen == ["BackupDialog"]


def test_the_file_menu_of_a_coordinator(qtbot, context, show, sign_in):
    sign_in("ingrid")
    window = _window(context, show)
    for name in (*COORDINATOR_ONLY, "backup"):
        assert window.actions_by_name[name].isEnabled(), name


def test_a_medewerker_backs_up_to_a_stick_only_encrypted(qtbot, context, show, sign_in, tmp_path):
    sign_in("ria")
    stick = tmp_path / "usb"
    stick.mkdir()
    dialog = show(BackupDialog(context), 600, 500)
    assert dialog.encrypt.isChecked() and not dialog.encrypt.isEnabled()
    assert "Alleen een coördinator" in dialog.encrypt.toolTip()
    dialog.folder.setText(str(stick))
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    [made] = list(stick.iterdir())
    assert made.suffix == ".zip" and dialog.shown_password.text()


def test_a_coordinator_may_untick_encryption(qtbot, context, show, sign_in):
    sign_in("ingrid")
    dialog = show(BackupDialog(context), 600, 500)
    assert dialog.encrypt.isChecked() and dialog.encrypt.isEnabled()


def test_the_security_and_retention_settings_of_a_medewerker(qtbot, context, show, sign_in):
    from logeerhuis_app.ui.settings.page import SettingsPage

    sign_in("ria")
    page = show(SettingsPage(context))
    page.refresh()
    for panel in (page.security_panel, page.retention_panel):
        assert not panel.save_button.isEnabled()
        assert "Alleen een coördinator" in panel.save_button.toolTip()
    assert not page.security_panel.minutes.isEnabled()
    assert not page.retention_panel.care.isEnabled()
    assert page.retention_panel.list_button.isEnabled()  # looking is allowed


def test_the_security_settings_of_a_coordinator(qtbot, context, show, sign_in):
    from logeerhuis_app.ui.settings.page import SettingsPage

    sign_in("ingrid")
    page = show(SettingsPage(context))
    page.refresh()
    assert page.security_panel.save_button.isEnabled()
    assert page.retention_panel.save_button.isEnabled()


def test_a_restore_in_the_window_keeps_the_user_and_is_logged_by_name(qtbot, context, sign_in):
    from logeerhuis_app.access.access_log import LogFilter, list_access
    from logeerhuis_app.storage.backup import make_backup
    from logeerhuis_app.ui.backup import switch_to_backup

    sign_in("ingrid")
    backup = make_backup(context.data_dir)
    assert switch_to_backup(context, backup.path)
    assert context.db.user is not None and context.db.user.user_name == "ingrid"
    [last, *_] = list_access(context.db, LogFilter(action="terugzetten"))
    assert last.user_name == "ingrid" and backup.path.name in last.detail
    assert "toegangslog" in context.prompter.messages[-1][2]
