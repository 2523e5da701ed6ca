"""Instellingen > E-mail in the services: who may change it, what is refused, where the
password may go, and the remembered recipients of a paying guest (inzage, removal)."""

from __future__ import annotations

import json
import smtplib
import socket
from datetime import datetime

import keyring
import pytest
from keyring.backends import chainer, fail

from logeerhuis_app.access import accounts
from logeerhuis_app.access.access import NotAllowedError
from logeerhuis_app.access.accounts import NewAccount
from logeerhuis_app.access.privacy import erase_care_data, guest_dossier
from logeerhuis_app.db.models import MailRecipient
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.mail.mail_recipients import RecipientOwner, remember, remembered
from logeerhuis_app.mail.mail_secret import (
    NO_SAFE_STORE,
    PasswordNotStored,
    _is_secure,
    store_password,
    stored_password,
)
from logeerhuis_app.mail.mail_settings import (
    MailSettings,
    get_mail_settings,
    save_mail_settings,
)
from logeerhuis_app.mail.mail_transport import explain
from logeerhuis_app.services.errors import ValidationError
from tests.mail_support import MemoryKeyring

GOOD = MailSettings("smtp.delinde.nl", 587, "starttls", "ingrid@delinde.nl", "De Linde",
                    "facturen@delinde.nl")  # fmt: skip


def test_only_a_coordinator_changes_the_mail_settings_and_password(db, memory_keyring):
    ingrid = NewAccount("Ingrid Jansen", "ingrid", "geheim-ingrid-1", "geheim-ingrid-1")
    ria = NewAccount("Ria de Boer", "ria", "geheim-ria-123", "geheim-ria-123", role="medewerker")
    accounts.create_first_coordinator(db, ingrid)
    accounts.sign_in(db, "ingrid", ingrid.password)
    accounts.add_account(db, ria)
    accounts.sign_out(db)
    accounts.sign_in(db, "ria", ria.password)
    with pytest.raises(NotAllowedError, match="Dit mag alleen een coördinator"):
        save_mail_settings(db, GOOD)
    with pytest.raises(NotAllowedError):
        store_password(db, GOOD, "geheim")
    assert get_mail_settings(db) == MailSettings() and memory_keyring.store == {}
    accounts.sign_out(db)
    accounts.sign_in(db, "ingrid", ingrid.password)
    save_mail_settings(db, GOOD)
    store_password(db, GOOD, "geheim")
    assert get_mail_settings(db) == GOOD and stored_password(GOOD) == "geheim"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"host": ""}, "host", "naam van de e-mailserver"),
        ({"host": "smtp delinde.nl"}, "host", "naam van de e-mailserver"),
        ({"port": 0}, "port", "65535"),
        ({"security": "tls"}, "security", "STARTTLS, SSL/TLS"),
        ({"sender_address": "facturen"}, "sender_address", "naam@voorbeeld.nl"),
        ({"security": "geen"}, "security", "wachtwoord leesbaar over het netwerk"),
    ],
)
def test_wrong_settings_are_refused_in_dutch_and_nothing_changes(db, change, field, words):
    save_mail_settings(db, GOOD)
    bad = MailSettings(**{**GOOD.__dict__, **change})
    with pytest.raises(ValidationError) as refused:
        save_mail_settings(db, bad)
    assert words in refused.value.field_errors[field]
    assert get_mail_settings(db) == GOOD


def test_no_encryption_is_allowed_without_login_or_to_this_computer(db):
    relay = MailSettings("relay.intern", 25, "geen", "", "", "facturen@delinde.nl")
    assert save_mail_settings(db, relay) == relay
    local = MailSettings("127.0.0.1", 2525, "geen", "ingrid", "", "facturen@delinde.nl")
    assert save_mail_settings(db, local) == local


def test_a_secure_keyring_is_required_for_the_password(db):
    before = keyring.get_keyring()
    try:
        keyring.set_keyring(fail.Keyring())
        with pytest.raises(PasswordNotStored) as refused:
            store_password(db, GOOD, "geheim")
        assert refused.value.message == NO_SAFE_STORE
        assert "nooit leesbaar in de database" in NO_SAFE_STORE
        assert stored_password(GOOD) is None
    finally:
        keyring.set_keyring(before)


def test_which_keyrings_count_as_secure():
    class PlaintextKeyring(MemoryKeyring):
        pass

    assert _is_secure(MemoryKeyring())
    assert not _is_secure(fail.Keyring())
    assert not _is_secure(PlaintextKeyring())

    def chain(*links):
        class Chain(chainer.ChainerBackend):
            backends = list(links)  # type: ignore[assignment]

        return Chain()

    assert not _is_secure(chain())
    assert _is_secure(chain(MemoryKeyring()))
    assert not _is_secure(chain(MemoryKeyring(), PlaintextKeyring()))  # writes to either


def test_a_paying_guests_recipients_are_in_the_inzage_and_go_with_the_care_data(db):
    guest = save_guest(db, GuestData(first_name="Anna", last_name="Smit", email="anna@smit.nl"))
    owner = RecipientOwner(guest_id=guest.id)
    assert remembered(db, owner) == ("anna@smit.nl",)  # from the guest's record at first
    with db.session() as s:
        remember(s, owner, ("zoon@smit.nl", "anna@smit.nl"))
    assert remembered(db, owner) == ("zoon@smit.nl", "anna@smit.nl")
    dossier = json.loads(guest_dossier(db, guest.id, now=datetime(2026, 4, 2, 9)))
    assert "zoon@smit.nl" in json.dumps(dossier["tabellen"]["mail_recipients"])
    erase_care_data(db, guest.id, reason="verzoek van de gast")
    with db.session() as s:
        assert s.query(MailRecipient).count() == 0
    assert remembered(db, owner) == ()


def test_each_failure_has_its_dutch_explanation():
    settings = MailSettings("smtp.delinde.nl", 587, "starttls", "u", "", "a@b.nl")
    cases = {
        socket.gaierror(-2, "Name or service not known"): "is niet gevonden",
        ConnectionRefusedError(111, "Connection refused"): "verbinding werd geweigerd",
        TimeoutError("timed out"): "reageerde niet op tijd",
        smtplib.SMTPAuthenticationError(535, b"5.7.8 bad"): "app-wachtwoord",
        smtplib.SMTPSenderRefused(552, b"5.3.4 too big", "a@b.nl"): "te groot",
        smtplib.SMTPDataError(552, b"5.3.4 too big"): "te groot",
        smtplib.SMTPRecipientsRefused({"x@y.nl": (550, b"no")}): "ontvanger(s): x@y.nl",
        smtplib.SMTPNotSupportedError("STARTTLS extension not supported"): "geen STARTTLS",
        smtplib.SMTPServerDisconnected("gone"): "verbrak de verbinding",
        smtplib.SMTPDataError(554, b"rejected 999900006"): "554: rejected <9 cijfers>",
    }
    for exc, words in cases.items():
        assert words in explain(exc, settings), exc
