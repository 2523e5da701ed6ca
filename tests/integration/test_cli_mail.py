"""`logeerhuis mail-invoice` and `mail-export` against a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import re
from datetime import date

import pyzipper

from logeerhuis_app import cli
from logeerhuis_app.billing.invoice_finalising import finalise
from logeerhuis_app.billing.invoice_records import invoice_pdf
from logeerhuis_app.mail.mail_settings import MailSettings, save_mail_settings
from logeerhuis_app.mail.mailing import SENT_FOLDER
from tests.mail_support import PASSWORD, USER


def _args(db, data_dir, *command):
    url = db.engine.url.render_as_string(hide_password=False) if db.on_server else None
    where = ["--database-url", url] if url else []
    return ["--data-dir", str(data_dir), *where, *command]


def _server_settings(db, port, user=USER):
    save_mail_settings(
        db,
        MailSettings("127.0.0.1", port, "geen", user, "Logeerhuis De Linde", "facturen@delinde.nl"),
    )


def test_mail_invoice_sends_the_stored_pdf_with_the_password_from_the_environment(
    db, data_dir, invoice_drafts, smtp_server, monkeypatch, capsys
):
    server = smtp_server(auth=True)
    _server_settings(db, server.port)
    [draft] = invoice_drafts(db, 1)
    number = finalise(db, draft, invoice_date=date(2026, 4, 2), by="test").number
    monkeypatch.setenv("LOGEERHUIS_SMTP_PASSWORD", PASSWORD)
    args = _args(db, data_dir, "mail-invoice", number, "--to", "boekhouding@particulier.nl")
    assert cli.main(args) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert f"Verstuurd: Factuur {number} van Logeerhuis De Linde" in out
    [got] = server.received
    assert got.rcpt_tos == ["boekhouding@particulier.nl"]
    assert got.attachments() == {f"factuur-{number}.pdf": invoice_pdf(db, draft)}
    assert len(list((data_dir / SENT_FOLDER).glob("*.eml"))) == 1
    # Without --to: the recipients of last time.
    assert cli.main(_args(db, data_dir, "mail-invoice", number)) == cli.EXIT_OK
    assert server.received[1].rcpt_tos == ["boekhouding@particulier.nl"]


def test_mail_invoice_failures_are_dutch_and_exit_2(
    db, data_dir, invoice_drafts, smtp_server, monkeypatch, capsys
):
    server = smtp_server(auth=True)
    _server_settings(db, server.port)
    [draft] = invoice_drafts(db, 1)
    number = finalise(db, draft, invoice_date=date(2026, 4, 2), by="test").number
    monkeypatch.delenv("LOGEERHUIS_SMTP_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", None)  # a script: nobody to ask
    args = _args(db, data_dir, "mail-invoice", number, "--to", "a@b.nl")
    assert cli.main(args) == cli.EXIT_ERROR
    assert "Geen wachtwoord voor de e-mailserver" in capsys.readouterr().err
    monkeypatch.setenv("LOGEERHUIS_SMTP_PASSWORD", "verkeerd")
    assert cli.main(args) == cli.EXIT_ERROR
    assert "weigert de gebruikersnaam of het wachtwoord" in capsys.readouterr().err
    assert cli.main(_args(db, data_dir, "mail-invoice", number, "--to", "geen-adres")) == 2
    assert "geen-adres is geen geldig e-mailadres" in capsys.readouterr().err
    assert cli.main(_args(db, data_dir, "mail-invoice", "2099-0009", "--to", "a@b.nl")) == 2
    assert "geen definitieve factuur met nummer 2099-0009" in capsys.readouterr().err
    assert server.received == []


def test_mail_export_sends_the_encrypted_zip_and_prints_the_password_only_here(
    db, data_dir, wmo_house, smtp_server, capsys, tmp_path
):
    wmo_house()
    server = smtp_server()
    _server_settings(db, server.port, user="")
    stick = tmp_path / "usb"
    stick.mkdir()
    args = _args(db, data_dir, "mail-export", "2026-03", "--to", "administratie@gemeente.nl",
                 "--out", str(stick))  # fmt: skip
    assert cli.main(args) == cli.EXIT_OK
    out = capsys.readouterr().out
    password = re.search(r"Wachtwoord \(staat niet in de e-mail, wordt niet bewaard\): (\S+)", out)
    assert password is not None
    [got] = server.received
    assert got.rcpt_tos == ["administratie@gemeente.nl"]
    assert got.message["Subject"] == "Maandexport maart 2026 van Logeerhuis De Linde (versleuteld)"
    [zip_file] = stick.glob("*.zip")
    assert got.attachments() == {zip_file.name: zip_file.read_bytes()}
    assert password.group(1).encode() not in got.data
    with pyzipper.AESZipFile(zip_file) as archive:
        archive.setpassword(password.group(1).encode())
        names = archive.namelist()
        assert any(n.endswith("inhoud.csv") for n in names)
        archive.read(names[0])  # opens with the printed password
    # Without --out the ZIP only lives on in the kept copy: no work folder stays behind.
    assert cli.main(_args(db, data_dir, "mail-export", "2026-03")) == cli.EXIT_OK
    assert len(server.received) == 2
    assert not [p for p in data_dir.iterdir() if p.name.startswith("mail-")]
