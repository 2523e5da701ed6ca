"""Accounts: argon2id hashes, sign-in, the slow-down, roles checked in the services."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from invoicing_support import build_house
from sqlalchemy import select

from logeerhuis_app.access import accounts
from logeerhuis_app.access.access import NotAllowedError
from logeerhuis_app.access.accounts import NewAccount
from logeerhuis_app.billing.invoice_finalising import finalise
from logeerhuis_app.billing.invoicing import make_drafts
from logeerhuis_app.billing.months import close_month
from logeerhuis_app.claims.claims import list_claims, submit_claim
from logeerhuis_app.db.models import AccessLogEntry, Invoice, Provider, User
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.house_texts import CONDITIONS, get_text, set_text
from logeerhuis_app.house.provider import get_provider, save_provider
from logeerhuis_app.services.errors import ServiceError, ValidationError

NOW = datetime(2026, 4, 3, 10, 0)
INGRID = NewAccount("Ingrid Jansen", "Ingrid", "geheim-ingrid-1", "geheim-ingrid-1")
RIA = NewAccount("Ria de Boer", "ria", "geheim-ria-123", "geheim-ria-123", role="medewerker")


def _accounts(db):
    accounts.create_first_coordinator(db, INGRID)
    accounts.sign_in(db, "ingrid", INGRID.password)
    ria = accounts.add_account(db, RIA)
    accounts.sign_out(db)
    return ria


def test_the_password_is_stored_as_an_argon2id_hash_only(db):
    assert not accounts.has_accounts(db)
    made = accounts.create_first_coordinator(db, INGRID)
    assert made.user_name == "ingrid" and made.role == "coordinator"
    with db.session() as s:
        stored = s.scalar(select(User.password_hash))
    assert stored.startswith("$argon2id$") and INGRID.password not in stored
    with pytest.raises(ServiceError, match="al een account"):
        accounts.create_first_coordinator(db, RIA)


def test_new_accounts_are_checked_in_dutch(db):
    short = NewAccount("Ingrid", "ingrid", "kort", "kort")
    with pytest.raises(ValidationError) as refused:
        accounts.create_first_coordinator(db, short)
    assert refused.value.field_errors["password"] == (
        "Het wachtwoord moet minstens 10 tekens lang zijn."
    )
    _accounts(db)
    with pytest.raises(ValidationError) as refused:
        accounts.add_account(db, RIA)
    assert refused.value.field_errors["user_name"] == "Deze gebruikersnaam bestaat al."


def test_sign_in_with_the_right_password_only(db):
    _accounts(db)
    with pytest.raises(ServiceError, match="verkeerd wachtwoord"):
        accounts.sign_in(db, "ria", "geheim-ria-124")
    with pytest.raises(ServiceError, match="verkeerd wachtwoord"):
        accounts.sign_in(db, "niemand", "geheim-ria-123")
    assert db.user is None
    user = accounts.sign_in(db, " RIA ", "geheim-ria-123")
    assert db.user == user and user.name == "Ria de Boer" and not user.is_coordinator
    with db.session() as s:
        log = [(r.user_name, r.action) for r in s.scalars(select(AccessLogEntry))]
    assert log[-3:] == [
        ("ria", "inloggen mislukt"),
        ("niemand", "inloggen mislukt"),
        ("ria", "inloggen"),
    ]


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(db):
    _accounts(db)
    for second in range(4):
        with pytest.raises(ServiceError, match="verkeerd wachtwoord"):
            accounts.sign_in(db, "ria", "fout-fout-fout", now=NOW + timedelta(seconds=second))
    with pytest.raises(ServiceError) as fifth:  # 10:00:04: locked until 10:15
        accounts.sign_in(db, "ria", "fout-fout-fout", now=NOW + timedelta(seconds=4))
    assert "vergrendeld tot 10:15" in fifth.value.message
    with pytest.raises(ServiceError, match="vergrendeld tot 10:15"):  # the right one, too
        accounts.sign_in(db, "ria", RIA.password, now=NOW + timedelta(minutes=14))
    assert db.user is None
    accounts.sign_in(db, "ria", RIA.password, now=NOW + timedelta(minutes=15, seconds=4))
    assert db.user is not None and db.user.user_name == "ria"


def test_a_deactivated_account_cannot_sign_in_and_is_kept(db):
    ria = _accounts(db)
    accounts.sign_in(db, "ingrid", INGRID.password)
    accounts.set_active(db, ria.id, False)
    accounts.sign_out(db)
    with pytest.raises(ServiceError, match="uitgeschakeld"):
        accounts.sign_in(db, "ria", RIA.password)
    assert db.user is None
    accounts.sign_in(db, "ingrid", INGRID.password)
    assert [a.active for a in accounts.list_accounts(db) if a.user_name == "ria"] == [False]
    with pytest.raises(ServiceError, match="eigen account"):
        accounts.set_active(db, db.user.id, False)


def test_staff_may_not_manage_accounts_or_reset_passwords(db):
    ria = _accounts(db)
    accounts.sign_in(db, "ria", RIA.password)
    with pytest.raises(NotAllowedError, match="Dit mag alleen een coördinator"):
        accounts.list_accounts(db)
    with pytest.raises(NotAllowedError):
        accounts.reset_password(db, ria.id, "nieuw-wachtwoord", "nieuw-wachtwoord")
    with pytest.raises(NotAllowedError):
        accounts.add_account(db, NewAccount("Kees", "kees", "x" * 12, "x" * 12))


def test_staff_may_not_save_the_provider_settings(db):
    _accounts(db)
    before = get_provider(db)
    accounts.sign_in(db, "ria", RIA.password)
    changed = before.__class__(**{**before.__dict__, "name": "Ander logeerhuis"})
    with pytest.raises(NotAllowedError) as refused:
        save_provider(db, changed)
    assert "coördinator" in refused.value.message and "Ria de Boer" in refused.value.message
    with db.session() as s:
        assert s.get(Provider, 1) is None  # nothing saved


def test_staff_may_not_finalise_an_invoice(db):
    build_house(db)  # a private payer with stays in January
    [draft, *_] = make_drafts(db, Month(2026, 1))
    _accounts(db)
    accounts.sign_in(db, "ria", RIA.password)
    with pytest.raises(NotAllowedError, match="Dit mag alleen een coördinator"):
        finalise(db, draft.id, invoice_date=date(2026, 2, 1), by="Ria")
    with db.session() as s:
        assert s.scalars(select(Invoice.number).where(Invoice.number.is_not(None))).all() == []
    accounts.sign_out(db)
    accounts.sign_in(db, "ingrid", INGRID.password)
    assert finalise(db, draft.id, invoice_date=date(2026, 2, 1), by="Ingrid").number


def test_staff_may_not_submit_a_claim(db, wmo_house):
    gemeente, _stay = wmo_house()
    close_month(db, Month(2026, 3), by="test", now=NOW)
    _accounts(db)
    accounts.sign_in(db, "ria", RIA.password)
    with pytest.raises(NotAllowedError, match="Dit mag alleen een coördinator"):
        submit_claim(db, Month(2026, 3), gemeente.id, by="Ria", now=NOW)
    assert list_claims(db) == []
    accounts.sign_out(db)
    accounts.sign_in(db, "ingrid", INGRID.password)
    assert (
        submit_claim(db, Month(2026, 3), gemeente.id, by="Ingrid", now=NOW).number == "D202600001"
    )


def test_without_a_signed_in_user_everything_is_allowed(db):
    # The command line and scripts have no user: they act as "opdrachtregel".
    set_text(db, CONDITIONS, "Huisregels")
    assert get_text(db, CONDITIONS) == "Huisregels" and db.user is None
