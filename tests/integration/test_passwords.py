"""Passwords at the service level: the policy wherever a password is set, a reset that makes
the user choose a new one, and the lock after five wrong passwords (per account, kept in the
database, so a restart does not lift it). Decision 0022."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from logeerhuis_app.access import accounts, passwords
from logeerhuis_app.access.accounts import NewAccount
from logeerhuis_app.access.passwords import PasswordChangeRequired
from logeerhuis_app.db.models import AccessLogEntry
from logeerhuis_app.services.errors import ServiceError, ValidationError
from logeerhuis_app.storage.database import open_database, open_database_url

NOW = datetime(2026, 4, 3, 10, 0)
INGRID = NewAccount("Ingrid Jansen", "ingrid", "geheim-ingrid-1", "geheim-ingrid-1")
RIA = NewAccount("Ria de Boer", "ria", "geheim-ria-123", "geheim-ria-123", role="medewerker")
WEAK = "Wachtwoord2026!"
COMMON = "veelgebruikte wachtwoorden"
WRONG_ONLY = f"^{re.escape(passwords.WRONG)}$"  # and nothing about a lock


def _house(db):  # type: ignore[no-untyped-def]
    accounts.create_first_coordinator(db, INGRID)
    accounts.sign_in(db, "ingrid", INGRID.password)
    ria = accounts.add_account(db, RIA)
    return ria


def _refused(call) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.field_errors["password"]


def test_the_policy_holds_wherever_a_password_is_set(db):
    assert COMMON in _refused(
        lambda: accounts.create_first_coordinator(db, NewAccount("I", "ingrid", WEAK, WEAK))
    )
    assert "gebruikersnaam" in _refused(
        lambda: accounts.create_first_coordinator(
            db, NewAccount("I", "ingrid", "Ingrid2026!!", "Ingrid2026!!")
        )
    )
    ria = _house(db)
    assert COMMON in _refused(lambda: accounts.add_account(db, NewAccount("K", "kees", WEAK, WEAK)))
    assert COMMON in _refused(lambda: passwords.reset_password(db, ria.id, WEAK, WEAK))
    assert "gebruikersnaam" in _refused(
        lambda: passwords.reset_password(db, ria.id, "Ria-20260403", "Ria-20260403")
    )
    assert COMMON in _refused(
        lambda: passwords.change_own_password(db, INGRID.password, WEAK, WEAK)
    )
    passwords.change_own_password(db, INGRID.password, "fiets tulp regen", "fiets tulp regen")
    accounts.sign_out(db)
    with pytest.raises(ServiceError, match="verkeerd wachtwoord"):
        accounts.sign_in(db, "ingrid", INGRID.password)
    accounts.sign_in(db, "ingrid", "fiets tulp regen")


def test_after_a_reset_the_user_chooses_a_new_password_before_signing_in(db):
    ria = _house(db)
    passwords.reset_password(db, ria.id, "tijdelijk-7391", "tijdelijk-7391")
    accounts.sign_out(db)
    with pytest.raises(PasswordChangeRequired, match="Kies nu een eigen, nieuw wachtwoord"):
        accounts.sign_in(db, "ria", "tijdelijk-7391")
    assert db.user is None  # not signed in without a new password
    with pytest.raises(ServiceError, match="verkeerd wachtwoord"):
        passwords.change_after_reset(db, "ria", "geraden-7391", "mijn eigen zin", "mijn eigen zin")
    assert "ander wachtwoord dan het huidige" in _refused(
        lambda: passwords.change_after_reset(
            db, "ria", "tijdelijk-7391", "tijdelijk-7391", "tijdelijk-7391"
        )
    )
    assert COMMON in _refused(
        lambda: passwords.change_after_reset(db, "ria", "tijdelijk-7391", WEAK, WEAK)
    )
    assert db.user is None
    user = passwords.change_after_reset(
        db, "ria", "tijdelijk-7391", "mijn eigen zin", "mijn eigen zin"
    )
    assert db.user == user and user.user_name == "ria"
    accounts.sign_out(db)
    accounts.sign_in(db, "ria", "mijn eigen zin")  # no new password asked now
    with db.session() as s:
        details = [r.detail for r in s.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id))]
    assert "Wachtwoord opnieuw ingesteld: ria" in details
    assert "Eigen wachtwoord gekozen na opnieuw instellen" in details


def test_the_lock_is_per_account_and_survives_a_restart(db, data_dir):
    _house(db)
    accounts.sign_out(db)
    for second in range(5):
        with pytest.raises(ServiceError):
            accounts.sign_in(db, "ria", "fout-fout-fout", now=NOW + timedelta(seconds=second))
    accounts.sign_in(db, "ingrid", INGRID.password, now=NOW + timedelta(minutes=1))  # not her
    accounts.sign_out(db)
    url = db.engine.url.render_as_string(hide_password=False)
    db.close()
    # The program was closed and started again (on the same file or server database).
    again = open_database_url(url) if db.on_server else open_database(data_dir)
    try:
        with pytest.raises(ServiceError, match="vergrendeld tot 10:15"):
            accounts.sign_in(again, "ria", RIA.password, now=NOW + timedelta(minutes=5))
        accounts.sign_in(again, "ria", RIA.password, now=NOW + timedelta(minutes=15, seconds=5))
    finally:
        again.close()


def test_tries_while_locked_do_not_lengthen_the_lock_and_a_reset_lifts_it(db):
    ria = _house(db)
    accounts.sign_out(db)
    for second in range(5):
        with pytest.raises(ServiceError):
            accounts.sign_in(db, "ria", "fout-fout-fout", now=NOW + timedelta(seconds=second))
    with pytest.raises(ServiceError, match="vergrendeld tot 10:15"):
        accounts.sign_in(db, "ria", "fout-fout-fout", now=NOW + timedelta(minutes=14))
    with db.session() as s:
        last = s.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id.desc())).first()
    assert (last.user_name, last.action, last.detail) == (
        "ria", "inloggen mislukt", "account vergrendeld"
    )  # fmt: skip
    # After the lock, a wrong password counts from one again: no new lock at once.
    with pytest.raises(ServiceError, match=WRONG_ONLY):
        accounts.sign_in(db, "ria", "fout-fout-fout", now=NOW + timedelta(minutes=16))
    for second in range(4):
        with pytest.raises(ServiceError):
            accounts.sign_in(db, "ria", "fout", now=NOW + timedelta(minutes=17, seconds=second))
    accounts.sign_in(db, "ingrid", INGRID.password, now=NOW + timedelta(minutes=18))
    passwords.reset_password(db, ria.id, "tijdelijk-7391", "tijdelijk-7391")
    accounts.sign_out(db)
    with pytest.raises(PasswordChangeRequired):  # not locked any more: the reset lifted it
        accounts.sign_in(db, "ria", "tijdelijk-7391", now=NOW + timedelta(minutes=19))


def test_an_unknown_user_name_is_never_told_it_is_locked(db):
    _house(db)
    for second in range(7):
        with pytest.raises(ServiceError, match=WRONG_ONLY):
            accounts.sign_in(db, "niemand", "fout-fout", now=NOW + timedelta(seconds=second))
