"""E-mail of an invoice and of the encrypted month export through a real SMTP server on
127.0.0.1 (aiosmtpd), read back: recipients, subject, attachment bytes; the failures in Dutch."""

from __future__ import annotations

import os
import socket
import stat
from datetime import date, datetime

import pytest
import pyzipper
from sqlalchemy import select

from logeerhuis_app.billing.invoice_finalising import finalise
from logeerhuis_app.billing.invoice_records import invoice_pdf
from logeerhuis_app.claims.month_export import export_month
from logeerhuis_app.db.models import AccessLogEntry, MailRecipient, Setting
from logeerhuis_app.domain.months import Month
from logeerhuis_app.mail.mail_drafts import export_mail, invoice_id_of, invoice_mail
from logeerhuis_app.mail.mail_secret import store_password, stored_password
from logeerhuis_app.mail.mail_settings import MailSettings, save_mail_settings
from logeerhuis_app.mail.mail_transport import MailError, deliver
from logeerhuis_app.mail.mailing import SENT_FOLDER, prepare, send
from logeerhuis_app.services.errors import ServiceError
from tests.mail_support import PASSWORD, USER, make_certificate

SENDER = "facturen@delinde.nl"


def _settings(db, port, *, user=USER, security="geen", host="127.0.0.1"):
    return save_mail_settings(
        db,
        MailSettings(host=host, port=port, security=security, user=user,
                     sender_name="Ingrid van De Linde", sender_address=SENDER),
    )  # fmt: skip


def _final_invoice(db, invoice_drafts) -> tuple[int, str]:
    [draft] = invoice_drafts(db, 1)
    final = finalise(db, draft, invoice_date=date(2026, 4, 2), by="test")
    return draft, final.number


def _mail_log(db) -> list[AccessLogEntry]:
    with db.session() as s:
        return list(s.scalars(select(AccessLogEntry).where(AccessLogEntry.action == "e-mailen")))


def test_an_invoice_arrives_with_its_stored_pdf_and_is_kept_logged_and_remembered(
    db, data_dir, invoice_drafts, smtp_server, memory_keyring
):
    server = smtp_server(auth=True)
    settings = _settings(db, server.port)
    store_password(db, settings, PASSWORD)
    invoice_id, number = _final_invoice(db, invoice_drafts)
    draft = invoice_mail(db, invoice_id)
    prepared = prepare(db, draft, "boekhouding@particulier.nl; Kopie@Linde.nl, kopie@linde.nl")
    sent = send(db, data_dir, prepared, stored_password(settings))

    [got] = server.received
    assert got.rcpt_tos == ["boekhouding@particulier.nl", "Kopie@Linde.nl"]
    assert got.mail_from == SENDER
    assert got.message["Subject"] == f"Factuur {number} van Logeerhuis De Linde"
    assert got.message["From"] == f"Ingrid van De Linde <{SENDER}>"
    assert got.attachments() == {f"factuur-{number}.pdf": invoice_pdf(db, invoice_id)}
    body = got.message.get_body(("plain",)).get_content()
    assert number in body and "NL91 ABNA 0417 1643 00" in body
    # The copy is the message exactly as sent, for this user only.
    assert sent.copy is not None and sent.copy.parent == data_dir / SENT_FOLDER
    assert sent.copy.read_bytes() == got.data
    if os.name != "nt":
        assert stat.S_IMODE(sent.copy.stat().st_mode) == 0o600
    [row] = _mail_log(db)
    assert row.detail == (
        f"Factuur {number} per e-mail aan boekhouding@particulier.nl, Kopie@Linde.nl"
    )
    # Next time the same addresses are proposed for this funder.
    assert invoice_mail(db, invoice_id).suggested_to == (
        "boekhouding@particulier.nl",
        "Kopie@Linde.nl",
    )


def test_a_wrong_password_is_told_in_dutch_and_nothing_is_kept_or_logged(
    db, data_dir, invoice_drafts, smtp_server
):
    server = smtp_server(auth=True)
    _settings(db, server.port)
    invoice_id, _number = _final_invoice(db, invoice_drafts)
    prepared = prepare(db, invoice_mail(db, invoice_id), "boekhouding@particulier.nl")
    with pytest.raises(MailError, match="weigert de gebruikersnaam of het wachtwoord"):
        send(db, data_dir, prepared, "fout-wachtwoord")
    assert server.received == []
    assert not (data_dir / SENT_FOLDER).exists()
    assert _mail_log(db) == []
    with db.session() as s:
        assert s.scalars(select(MailRecipient)).all() == []


def test_a_server_that_is_not_there_is_told_in_dutch(db, data_dir, invoice_drafts):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _settings(db, port, user="")
    invoice_id, _number = _final_invoice(db, invoice_drafts)
    prepared = prepare(db, invoice_mail(db, invoice_id), "boekhouding@particulier.nl")
    with pytest.raises(MailError, match=rf"127.0.0.1 \(poort {port}\) is niet bereikbaar"):
        send(db, data_dir, prepared, None)


def test_a_server_that_never_answers_is_given_up_in_dutch():
    with socket.socket() as silent:  # accepts the connection (backlog) but never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        settings = MailSettings("127.0.0.1", silent.getsockname()[1], "geen", "", "", SENDER)
        with pytest.raises(MailError, match="reageerde niet op tijd"):
            deliver(settings, None, SENDER, ("a@b.nl",), b"Subject: x\r\n\r\nx", timeout=0.5)


def test_too_large_for_the_servers_size_limit_is_refused_before_sending(
    db, data_dir, invoice_drafts, smtp_server
):
    server = smtp_server(size_limit=5000)  # the invoice PDF alone is larger
    _settings(db, server.port, user="")
    invoice_id, _number = _final_invoice(db, invoice_drafts)
    prepared = prepare(db, invoice_mail(db, invoice_id), "boekhouding@particulier.nl")
    with pytest.raises(MailError, match=r"te groot om te versturen \(.* kB; de grens is 5 kB\)"):
        send(db, data_dir, prepared, None)
    assert server.received == []


def test_a_server_refusing_the_size_after_the_data_is_told_in_dutch(
    db, data_dir, invoice_drafts, smtp_server
):
    server = smtp_server(size_limit=None, refuse_with="552 5.3.4 Message too big")
    _settings(db, server.port, user="")
    invoice_id, _number = _final_invoice(db, invoice_drafts)
    prepared = prepare(db, invoice_mail(db, invoice_id), "boekhouding@particulier.nl")
    with pytest.raises(MailError, match="weigert het bericht omdat het te groot is"):
        send(db, data_dir, prepared, None)
    assert _mail_log(db) == []


def test_the_encrypted_month_export_goes_as_its_zip_without_the_password(
    db, data_dir, wmo_house, smtp_server, tmp_path
):
    wmo_house()
    server = smtp_server()
    _settings(db, server.port, user="")
    stick = tmp_path / "usb"
    stick.mkdir()
    export = export_month(db, Month(2026, 3), stick, today=date(2026, 4, 2), encrypt=True)
    draft = export_mail(db, Month(2026, 3), export.location)
    sent = send(db, data_dir, prepare(db, draft, "administratie@gemeente.nl"), None)
    [got] = server.received
    assert got.rcpt_tos == ["administratie@gemeente.nl"]
    assert got.message["Subject"] == "Maandexport maart 2026 van Logeerhuis De Linde (versleuteld)"
    assert got.attachments() == {export.location.name: export.location.read_bytes()}
    assert export.password.encode() not in got.data
    assert export.password.encode() not in sent.copy.read_bytes()
    body = got.message.get_body(("plain",)).get_content()
    assert "Het wachtwoord staat niet in deze e-mail" in body
    [row] = _mail_log(db)
    assert row.detail == "Maandexport 2026-03 per e-mail aan administratie@gemeente.nl"
    assert export_mail(db, Month(2026, 3), export.location).suggested_to == (
        "administratie@gemeente.nl",
    )


def test_a_plain_export_is_never_mailed(db, wmo_house, tmp_path):
    wmo_house()
    folder = export_month(db, Month(2026, 3), tmp_path, today=date(2026, 4, 2), encrypt=False)
    with pytest.raises(ServiceError, match="Alleen de versleutelde ZIP"):
        export_mail(db, Month(2026, 3), folder.location)
    plain = tmp_path / "gewoon.zip"
    with pyzipper.ZipFile(plain, "w") as archive:  # a ZIP, but readable without password
        archive.writestr("factuur.pdf", b"%PDF-1.4")
    with pytest.raises(ServiceError, match="Alleen de versleutelde ZIP"):
        export_mail(db, Month(2026, 3), plain)


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_starttls_and_ssl_with_a_login(
    db, data_dir, invoice_drafts, smtp_server, tmp_path, monkeypatch, security
):
    import ssl

    made = make_certificate(tmp_path)
    if made is None:
        pytest.skip("openssl ontbreekt")
    cert, key = made
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts the test's certificate
    server = smtp_server(auth=True, tls_context=context, implicit_tls=security == "ssl")
    _settings(db, server.port, security=security)
    invoice_id, number = _final_invoice(db, invoice_drafts)
    prepared = prepare(db, invoice_mail(db, invoice_id), "boekhouding@particulier.nl")
    send(db, data_dir, prepared, PASSWORD)
    [got] = server.received
    assert got.attachments() == {f"factuur-{number}.pdf": invoice_pdf(db, invoice_id)}


def test_an_unknown_certificate_stops_the_send(db, data_dir, invoice_drafts, smtp_server, tmp_path):
    import ssl

    made = make_certificate(tmp_path)
    if made is None:
        pytest.skip("openssl ontbreekt")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*made)
    server = smtp_server(auth=True, tls_context=context)
    _settings(db, server.port, security="starttls")
    invoice_id, _number = _final_invoice(db, invoice_drafts)
    prepared = prepare(db, invoice_mail(db, invoice_id), "boekhouding@particulier.nl")
    with pytest.raises(MailError, match=r"Het certificaat van 127\.0\.0\.1 klopt niet"):
        send(db, data_dir, prepared, PASSWORD)
    assert server.received == []


def test_the_invoice_number_finds_the_invoice_and_a_draft_is_not_mailed(db, invoice_drafts):
    draft, other = invoice_drafts(db, 2)
    final = finalise(db, draft, invoice_date=date(2026, 4, 2), by="test")
    assert invoice_id_of(db, final.number) == draft
    with pytest.raises(ServiceError, match="Alleen een definitieve factuur"):
        invoice_mail(db, other)
    with pytest.raises(ServiceError, match="geen definitieve factuur met nummer 1999-0001"):
        invoice_id_of(db, "1999-0001")


def test_nothing_is_sent_before_the_server_is_set(db, invoice_drafts):
    invoice_id, _number = _final_invoice(db, invoice_drafts)
    with pytest.raises(ServiceError, match="nog geen e-mailserver ingesteld"):
        prepare(db, invoice_mail(db, invoice_id), "a@b.nl")


def test_the_password_is_nowhere_in_the_database(db, memory_keyring):
    settings = _settings(db, 587, security="starttls", host="smtp.delinde.nl")
    store_password(db, settings, PASSWORD)
    with db.session() as s:
        values = [row.value for row in s.scalars(select(Setting))]
    assert not any(PASSWORD in v for v in values)
    kept = {("Logeerhuis e-mail (SMTP)", f"{USER}@smtp.delinde.nl"): PASSWORD}
    assert memory_keyring.store == kept
    assert stored_password(settings) == PASSWORD


def test_the_access_log_row_is_written_when_the_mail_went(
    db, data_dir, invoice_drafts, smtp_server
):
    server = smtp_server()
    _settings(db, server.port, user="")
    invoice_id, number = _final_invoice(db, invoice_drafts)
    prepared = prepare(db, invoice_mail(db, invoice_id), "a@b.nl")
    before = datetime.now().replace(microsecond=0)
    send(db, data_dir, prepared, None)
    [row] = _mail_log(db)
    assert row.at >= before and number in row.detail
