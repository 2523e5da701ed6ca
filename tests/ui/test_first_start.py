"""The first screen on a PC without data: a new house, the demo, or another PC's data (an
export or a backup, encrypted or not), before any account exists; a refused file keeps the
screen and leaves the database empty. Clicks through qtbot."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from logeerhuis_app.access import accounts
from logeerhuis_app.access.accounts import NewAccount
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.storage.backup import make_backup
from logeerhuis_app.storage.data_exchange import export_to_file
from logeerhuis_app.storage.database import open_database
from logeerhuis_app.ui.first_start import DEMO, NEW, OTHER_PC, FirstStartDialog, first_start
from logeerhuis_app.ui.login import LoginDialog, sign_in

INGRID = NewAccount("Ingrid Jansen", "ingrid", "geheim-ingrid-1", "geheim-ingrid-1")


def _other_pc(tmp_path):  # type: ignore[no-untyped-def]
    """The data folder of the other PC: a coordinator and one guest."""
    folder = tmp_path / "andere-pc"
    folder.mkdir()
    db = open_database(folder)
    accounts.create_first_coordinator(db, INGRID)
    save_guest(db, GuestData(first_name="Gerrit", last_name="Bos"))
    db.close()
    return folder


def _click(qtbot, name: str):  # type: ignore[no-untyped-def]
    """Answer the first screen by clicking one of its three buttons."""

    def answer(dialog):  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        if isinstance(dialog, FirstStartDialog):
            qtbot.mouseClick(dialog.findChild(QPushButton, name), Qt.MouseButton.LeftButton)

    return answer


def test_a_new_house_starts_empty_with_the_first_coordinator_next(qtbot, context, prompter):
    prompter.dialog_handler = _click(qtbot, "new_house")
    assert first_start(context) == NEW
    assert context.db.is_empty and not accounts.has_accounts(context.db)


def test_the_demo_house_is_built(qtbot, context, prompter):
    prompter.dialog_handler = _click(qtbot, "demo_house")
    assert first_start(context) == DEMO
    assert not context.db.is_empty and accounts.has_accounts(context.db)


def test_an_export_of_another_pc_is_read_and_its_accounts_sign_in(
    qtbot, context, prompter, tmp_path
):
    source = open_database(_other_pc(tmp_path))
    export = tmp_path / "logeerhuis-gegevens.json"
    export_to_file(source, export)
    source.close()
    prompter.files = [export]
    prompter.dialog_handler = _click(qtbot, "other_pc")
    assert first_start(context) == OTHER_PC
    assert prompter.messages[-1][:2] == ("info", "Gegevens ingelezen")
    assert "1 gasten" in prompter.messages[-1][2]

    def log_in(dialog):  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        assert isinstance(dialog, LoginDialog)  # no "first coordinator": the accounts came along
        dialog.findChild(QLineEdit, "user_name").setText("ingrid")
        dialog.findChild(QLineEdit, "password").setText(INGRID.password)
        dialog.accept()

    prompter.dialog_handler = log_in
    assert sign_in(context) is True
    assert context.db.user.name == "Ingrid Jansen"


def test_an_encrypted_backup_asks_its_password_and_a_wrong_one_keeps_the_screen(
    qtbot, context, prompter, tmp_path
):
    folder = _other_pc(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    backup = make_backup(folder, out=stick, password="zomer-tulp-fiets", now=datetime(2026, 3, 1))
    prompter.files = [backup.path, backup.path]
    prompter.texts = ["fout-wachtwoord", "zomer-tulp-fiets"]
    tries = []

    def answer(dialog):  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        button = dialog.findChild(QPushButton, "other_pc")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the wrong password
        tries.append((dialog.result(), context.db.is_empty, prompter.messages[-1][2]))
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the right one

    prompter.dialog_handler = answer
    assert first_start(context) == OTHER_PC
    [(result, empty, refusal)] = tries
    assert result != FirstStartDialog.DialogCode.Accepted and empty
    assert "Het wachtwoord voor" in refusal and "klopt niet" in refusal
    assert not context.db.is_empty
    assert accounts.has_accounts(context.db)
    accounts.sign_in(context.db, "ingrid", INGRID.password)


def test_a_damaged_file_is_refused_in_dutch_and_nothing_is_read(qtbot, context, prompter, tmp_path):
    source = open_database(_other_pc(tmp_path))
    export = tmp_path / "beschadigd.json"
    export_to_file(source, export)
    source.close()
    export.write_bytes(export.read_bytes()[:-200])  # cut off, as by a full USB stick
    prompter.files = [export]
    shown = []

    def answer(dialog):  # type: ignore[no-untyped-def]
        qtbot.addWidget(dialog)
        qtbot.mouseClick(dialog.findChild(QPushButton, "other_pc"), Qt.MouseButton.LeftButton)
        shown.append(dialog.result())
        dialog.reject()  # then the user closes the screen: a new house

    prompter.dialog_handler = answer
    assert first_start(context) == NEW
    assert shown == [FirstStartDialog.DialogCode.Rejected]
    kind, title, text = prompter.messages[-1]
    assert (kind, title) == ("error", "Gegevens niet ingelezen")
    assert text.endswith("Er is niets ingelezen.") and "Traceback" not in text
    assert context.db.is_empty and not accounts.has_accounts(context.db)


def test_the_demo_house_and_a_backup_of_another_pc_reload_every_page_once(
    qtbot, context, prompter, tmp_path
):
    """Another house is there at once: the run says Change.EVERYTHING (the recorder would
    list every subject), once; a backup used to be announced twice."""
    from logeerhuis_app.services.changes import Change

    heard: list[str] = []
    context.data_changed.connect(heard.append)
    prompter.dialog_handler = _click(qtbot, "demo_house")
    assert first_start(context) == DEMO
    assert heard == [Change.EVERYTHING.value]

    heard.clear()
    stick = tmp_path / "stick"
    stick.mkdir()
    backup = make_backup(_other_pc(tmp_path), out=stick, now=datetime(2026, 3, 1))
    prompter.files = [backup.path]
    prompter.texts = [""]  # asked only for a ZIP: not encrypted
    prompter.dialog_handler = _click(qtbot, "other_pc")
    try:
        assert first_start(context) == OTHER_PC
        assert heard == [Change.EVERYTHING.value]
        assert accounts.has_accounts(context.db)
    finally:
        context.db.close()
