"""The session as the app runs it: a tampered access log is reported at start, nobody gets in
without signing in, and the idle lock hides the window until the password is given again."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow
from sqlalchemy import text

from logeerhuis_app.access import accounts
from logeerhuis_app.access.accounts import NewAccount
from logeerhuis_app.access.security_settings import set_idle_minutes
from logeerhuis_app.ui.login import LockDialog, LoginDialog
from logeerhuis_app.ui.session_guard import guard_idle, start_session

PASSWORD = "lang-genoeg-1"


def _coordinator(context):
    accounts.create_first_coordinator(
        context.db, NewAccount("Ingrid", "ingrid", PASSWORD, PASSWORD)
    )


def test_start_reports_a_tampered_log_and_needs_a_sign_in(context, prompter):
    _coordinator(context)
    with context.db.engine.begin() as conn:  # a forged row: right shape, wrong hash
        conn.execute(
            text(
                "INSERT INTO access_log (at, user_name, action, detail, prev_hash, hash) "
                "VALUES ('2026-01-01 00:00:00', 'x', 'bekijken', '', 'vals', 'vals')"
            )
        )
    prompter.dialog_handler = lambda dialog: dialog.reject()
    assert start_session(context) is False
    assert prompter.messages[0][:2] == ("error", "Toegangslog niet in orde")
    assert isinstance(prompter.dialogs[-1], LoginDialog) and context.db.user is None


def test_the_idle_lock_hides_the_window_and_asks_the_password(context, prompter, show, qtbot):
    _coordinator(context)
    accounts.sign_in(context.db, "ingrid", PASSWORD)
    window = QMainWindow()
    window.setCentralWidget(QLabel("open werk"))
    show(window, 400, 300)
    seen = {}

    def answer(dialog):
        cover = window.findChild(QLabel, "lock_cover")  # over the whole window, on top
        seen["hidden"] = cover is not None and cover.geometry() == window.rect()
        dialog.password.setText(PASSWORD)
        dialog.accept()

    prompter.dialog_handler = answer
    set_idle_minutes(context.db, 1)
    guard = guard_idle(window, context)
    guard.set_timeout(100)  # the test does not wait a minute
    qtbot.waitUntil(lambda: bool(prompter.dialogs), timeout=3000)
    assert isinstance(prompter.dialogs[0], LockDialog) and seen["hidden"]
    assert window.centralWidget().isVisible() and window.isVisible()
    qtbot.waitUntil(lambda: window.findChild(QLabel, "lock_cover") is None, timeout=2000)
    guard.stop_watching()
