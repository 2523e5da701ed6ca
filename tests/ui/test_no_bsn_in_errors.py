"""A save that fails in the database: neither fouten.log nor the error dialog holds the
guest's BSN or IBAN (SQLAlchemy quotes the query parameters in its errors), and the guest
list shows the BSN masked until the guest is opened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from logeerhuis_app.app import _make_excepthook
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.paths import settings_path
from logeerhuis_app.ui.guests.page import GuestsPage
from logeerhuis_app.ui.main_window import MainWindow

BSN, IBAN = "999900006", "NL91ABNA0417164300"


def test_a_failed_save_keeps_the_bsn_out_of_the_log_and_the_dialog(
    qtbot, context, show, monkeypatch
):
    with context.db.engine.begin() as conn:  # the database refuses every new guest
        conn.execute(
            text(
                "CREATE TRIGGER refuse BEFORE INSERT ON guests "
                "BEGIN SELECT RAISE(ABORT, 'opslag geweigerd'); END"
            )
        )
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _w, _t, m: shown.append(m))
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, m: shown.append(m))
    window = show(MainWindow(settings_path(context.data_dir)))
    hook = _make_excepthook(window, context.data_dir, [], False)
    page = show(GuestsPage(context))
    page.activate()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.form.fields["first_name"].setText("Gerrit")
    page.form.fields["last_name"].setText("Bos")
    page.form.fields["bsn"].setText(BSN)
    page.form.fields["iban"].setText(IBAN)
    with qtbot.capture_exceptions() as raised:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert raised, "the save did not fail"
    for kind, value, tb in raised:
        hook(kind, value, tb)  # as the app's excepthook does with an error in a slot
    log = (context.data_dir / "fouten.log").read_text(encoding="utf-8")
    everything = log + "\n".join(shown) + page.general_error.text()
    assert "opslag geweigerd" in log and "IntegrityError" in log  # still a useful log
    assert shown  # the user was told
    for secret in (BSN, IBAN, "0417164300"):
        assert secret not in everything, secret
    assert page.form.fields["bsn"].text() == BSN  # what was typed stays on screen


def test_the_guest_list_masks_the_bsn_and_the_opened_guest_shows_it(qtbot, context, show):
    save_guest(context.db, GuestData(first_name="Gerrit", last_name="Bos", bsn=BSN))
    page = show(GuestsPage(context))
    page.activate()
    model = page.model
    column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)].index("BSN")
    assert model.data(model.index(0, column)) == "******006"
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.form.fields["bsn"].text() == BSN, timeout=3000)


def test_an_unexpected_error_on_the_command_line_is_told_without_the_bsn(
    data_dir, capsys, monkeypatch
):
    from logeerhuis_app import cli

    def fails(_args, _directory):
        raise RuntimeError(f"kapot bij gast met BSN {BSN} en IBAN {IBAN}")

    monkeypatch.setitem(cli._COMMANDS, "check", fails)
    assert cli.main(["--data-dir", str(data_dir), "check"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "RuntimeError" in err and "kapot bij gast" in err
    assert BSN not in err and IBAN not in err
