"""Versturen per e-mail from the window (qtbot): an invoice from Facturen, the encrypted month
export from its dialog, an overview, and Instellingen > E-mail; against a real SMTP server."""

from __future__ import annotations

from datetime import date, datetime

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from sqlalchemy import select

from logeerhuis_app.billing.invoice_finalising import finalise
from logeerhuis_app.billing.invoice_records import invoice_pdf
from logeerhuis_app.billing.months import close_month
from logeerhuis_app.db.models import Setting
from logeerhuis_app.domain.months import Month
from logeerhuis_app.mail.mail_secret import store_password
from logeerhuis_app.mail.mail_settings import (
    MailSettings,
    get_mail_settings,
    save_mail_settings,
)
from logeerhuis_app.mail.mailing import SENT_FOLDER
from logeerhuis_app.ui.claims.export_dialog import ExportDialog
from logeerhuis_app.ui.invoices.page import InvoicesPage
from logeerhuis_app.ui.mail.send_dialog import MailDialog
from logeerhuis_app.ui.overview.page import OverviewPage
from logeerhuis_app.ui.settings.mail_panel import MailSettingsPanel
from tests.mail_support import PASSWORD, USER

SENDER = "facturen@delinde.nl"


def _configure(db, port, user=USER):
    return save_mail_settings(db, MailSettings("127.0.0.1", port, "geen", user, "De Linde", SENDER))


def _send_to(address, seen=None):
    """A dialog handler: type the address into the mail dialog and press Versturen."""

    def handle(dialog):
        if isinstance(dialog, MailDialog):
            if seen is not None:
                seen["proposed"] = dialog.to.text()
                note = dialog.findChild(type(dialog.problem), "note")
                seen["note"] = note.text() if note is not None else ""
            dialog.to.setText(address)
            dialog.send_button.click()

    return handle


def _invoices_page(context, show, invoice_drafts):
    [draft] = invoice_drafts(context.db, 1)
    final = finalise(context.db, draft, invoice_date=date(2026, 4, 2), by="test")
    page = show(InvoicesPage(context))
    page.activate()
    page.table.selectRow(page.model.row_of(lambda i: i.id == draft))
    return page, draft, final.number


def test_an_invoice_is_mailed_from_the_invoices_page(
    qtbot, context, show, prompter, invoice_drafts, smtp_server, memory_keyring, data_dir
):
    server = smtp_server(auth=True)
    store_password(context.db, _configure(context.db, server.port), PASSWORD)
    page, invoice_id, number = _invoices_page(context, show, invoice_drafts)

    def handle(dialog):  # first a wrong address: the dialog stays open and says why
        dialog.to.setText("boekhouding@particulier")
        dialog.send_button.click()
        assert "boekhouding@particulier is geen geldig e-mailadres" in dialog.problem.text()
        assert dialog.prepared is None and dialog.result() == 0
        _send_to("boekhouding@particulier.nl")(dialog)

    prompter.dialog_handler = handle
    qtbot.mouseClick(page.mail_button, Qt.MouseButton.LeftButton)
    [got] = server.received
    assert got.rcpt_tos == ["boekhouding@particulier.nl"]
    assert got.message["Subject"] == f"Factuur {number} van Logeerhuis De Linde"
    assert got.attachments() == {f"factuur-{number}.pdf": invoice_pdf(context.db, invoice_id)}
    assert not [m for m in prompter.messages if m[0] in ("error", "password")]
    assert "verstuurd aan boekhouding@particulier.nl" in context.messages[-1]
    [copy] = (data_dir / SENT_FOLDER).glob("*.eml")
    assert copy.read_bytes() == got.data
    # The next time, the address is proposed.
    seen = {}
    prompter.dialog_handler = _send_to("boekhouding@particulier.nl", seen)
    qtbot.mouseClick(page.mail_button, Qt.MouseButton.LeftButton)
    assert seen["proposed"] == "boekhouding@particulier.nl"


def test_without_a_kept_password_it_is_asked_and_a_wrong_one_is_told(
    qtbot, context, show, prompter, invoice_drafts, smtp_server, memory_keyring
):
    server = smtp_server(auth=True)
    _configure(context.db, server.port)
    page, _invoice_id, _number = _invoices_page(context, show, invoice_drafts)
    prompter.dialog_handler = _send_to("a@b.nl")
    prompter.passwords = ["verkeerd", PASSWORD]
    qtbot.mouseClick(page.mail_button, Qt.MouseButton.LeftButton)
    kind, title, text = prompter.messages[-1]
    assert kind == "error" and title.endswith("niet verstuurd")
    assert "weigert de gebruikersnaam of het wachtwoord" in text
    assert server.received == []
    qtbot.mouseClick(page.mail_button, Qt.MouseButton.LeftButton)  # asked again, right now
    assert [m[0] for m in prompter.messages].count("password") == 2
    assert len(server.received) == 1


def test_an_unreachable_server_is_told_in_dutch_from_the_page(
    qtbot, context, show, prompter, invoice_drafts
):
    from tests.mail_support import free_port

    port = free_port()  # nobody listens there
    _configure(context.db, port, user="")
    page, _invoice_id, _number = _invoices_page(context, show, invoice_drafts)
    prompter.dialog_handler = _send_to("a@b.nl")
    qtbot.mouseClick(page.mail_button, Qt.MouseButton.LeftButton)
    kind, _title, text = prompter.messages[-1]
    assert kind == "error" and f"127.0.0.1 (poort {port}) is niet bereikbaar" in text


def test_mail_before_the_settings_points_to_instellingen(
    qtbot, context, show, prompter, invoice_drafts
):
    page, _invoice_id, _number = _invoices_page(context, show, invoice_drafts)
    qtbot.mouseClick(page.mail_button, Qt.MouseButton.LeftButton)
    assert "Instellingen > E-mail" in prompter.messages[-1][2]
    assert prompter.dialogs == []


def test_the_encrypted_month_export_is_mailed_from_its_dialog(
    context, show, prompter, wmo_house, smtp_server, tmp_path
):
    wmo_house()
    close_month(context.db, Month(2026, 3), by="test", now=datetime(2026, 4, 2, 9))
    server = smtp_server()
    _configure(context.db, server.port, user="")
    (tmp_path / "usb").mkdir()
    seen = {}
    mail = _send_to("administratie@gemeente.nl", seen)

    def handle(dialog):
        if isinstance(dialog, ExportDialog):
            dialog.folder.setText(str(tmp_path / "usb"))
            dialog.go.click()
            assert dialog.mail.isVisible()
            dialog.mail.click()  # the mail dialog runs from here
            seen["password"] = dialog.password.text()
            seen["outcome"] = dialog.outcome.text()
            dialog.close_button.click()
        else:
            mail(dialog)

    prompter.dialog_handler = handle
    dialog = ExportDialog(context, 2026, 3)
    show(dialog, 700, 500)
    prompter.run_dialog(dialog)
    [zip_path] = (tmp_path / "usb").glob("*.zip")
    [got] = server.received
    assert got.rcpt_tos == ["administratie@gemeente.nl"]
    assert got.attachments() == {zip_path.name: zip_path.read_bytes()}
    assert seen["password"] and seen["password"].encode() not in got.data
    assert seen["password"] in seen["note"]  # shown to pass on by phone, not sent
    assert "Verstuurd per e-mail aan administratie@gemeente.nl" in seen["outcome"]


def test_a_plain_export_offers_no_mail(context, show, prompter, wmo_house, tmp_path):
    wmo_house()
    dialog = show(ExportDialog(context, 2026, 3), 700, 500)
    dialog.folder.setText(str(tmp_path))
    dialog.encrypt.setChecked(False)
    dialog.go.click()
    assert not dialog.mail.isVisible()
    assert "alleen met de versleutelde ZIP" in dialog.outcome.text()


def test_an_overview_is_mailed_from_the_overview_page(qtbot, context, show, prompter, smtp_server):
    server = smtp_server()
    _configure(context.db, server.port, user="")
    page = show(OverviewPage(context))
    page.activate()
    prompter.dialog_handler = _send_to("bestuur@delinde.nl")
    qtbot.mouseClick(page.mail_button, Qt.MouseButton.LeftButton)
    [got] = server.received
    today = date.today()
    name = f"overzicht-{today.year}-{today.month:02d}.pdf"
    assert list(got.attachments()) == [name]
    assert got.attachments()[name].startswith(b"%PDF")


@pytest.fixture
def panel(context, show):
    widget = show(MailSettingsPanel(context), 700, 400)
    widget.load()
    return widget


def _fill(panel, port=587):
    panel.host.setText("smtp.delinde.nl")
    panel.security.setCurrentIndex(panel.security.findData("starttls"))
    panel.port.setValue(port)
    panel.user.setText(USER)
    panel.sender_name.setText("Ingrid van De Linde")
    panel.sender_address.setText(SENDER)
    panel.password.setText(PASSWORD)


def test_settings_keep_the_password_in_the_keyring_only(
    qtbot, context, panel, prompter, memory_keyring
):
    _fill(panel)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert get_mail_settings(context.db) == MailSettings(
        "smtp.delinde.nl", 587, "starttls", USER, "Ingrid van De Linde", SENDER
    )
    assert list(memory_keyring.store.values()) == [PASSWORD]
    with context.db.session() as s:
        assert not any(PASSWORD in row.value for row in s.scalars(select(Setting)))
    assert panel.password.text() == "" and "sleutelbos van deze computer" in panel.state.text()
    assert [m for m in prompter.messages if m[0] == "error"] == []


def test_without_a_secure_keyring_the_password_is_refused_in_dutch(qtbot, context, panel, prompter):
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # what a headless Linux has
    try:
        _fill(panel)
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    finally:
        keyring.set_keyring(before)
    kind, title, text = prompter.messages[-1]
    assert (kind, title) == ("error", "Wachtwoord niet bewaard")
    assert "geen veilige sleutelbos" in text and "bij elke verzending" in text
    assert "De andere instellingen zijn opgeslagen" in text
    assert get_mail_settings(context.db).host == "smtp.delinde.nl"
    with context.db.session() as s:
        assert not any(PASSWORD in row.value for row in s.scalars(select(Setting)))


def test_a_wrong_setting_is_refused_in_dutch(qtbot, context, panel, prompter):
    _fill(panel)
    panel.security.setCurrentIndex(panel.security.findData("geen"))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    kind, _title, text = prompter.messages[-1]
    assert kind == "error" and "wachtwoord leesbaar over het netwerk" in text
    assert get_mail_settings(context.db) == MailSettings()


def test_choosing_ssl_moves_the_usual_port(panel):
    panel.security.setCurrentIndex(panel.security.findData("ssl"))
    assert panel.port.value() == 465
    panel.port.setValue(2525)  # typed by the user: kept
    panel.security.setCurrentIndex(panel.security.findData("starttls"))
    assert panel.port.value() == 2525


def test_the_test_message_reaches_the_sender(qtbot, context, panel, prompter, smtp_server):
    server = smtp_server()
    _configure(context.db, server.port, user="")
    panel.load()
    prompter.dialog_handler = _send_to(SENDER)
    qtbot.mouseClick(panel.test_button, Qt.MouseButton.LeftButton)
    [got] = server.received
    assert got.rcpt_tos == [SENDER] and got.message["Subject"].startswith("Testbericht")
