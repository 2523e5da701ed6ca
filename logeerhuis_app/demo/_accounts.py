"""The demo house's accounts and a few access-log rows (passwords are in the README)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ..access.access import log_access
from ..access.accounts import NewAccount, store_account
from ..db.models import Guest, User
from ..domain.access_log import CHANGE, PRINT, SIGN_IN, VIEW
from ..domain.accounts import Role
from ..storage.database import Database

DEMO_ACCOUNTS = (
    ("Ingrid Jansen", "ingrid", "demo-ingrid-2026", Role.COORDINATOR.value),
    ("Ria de Boer", "ria", "demo-ria-2026", Role.STAFF.value),
)


def add_demo_accounts(db: Database, today: date) -> int:
    """Coordinator 'ingrid' and staff member 'ria' (if not there yet), and the log of the
    morning before (yesterday, so that it never lies in the future)."""
    with db.session() as s:
        added = 0
        for name, user_name, password, role in DEMO_ACCOUNTS:
            if s.scalar(select(User.id).where(User.user_name == user_name)) is None:
                store_account(s, NewAccount(name, user_name, password, password), role)
                added += 1
        guests = list(s.scalars(select(Guest.id).order_by(Guest.id).limit(2)))
        morning = datetime.combine(today - timedelta(days=1), time(8, 30))
        rows = [
            (0, "ria", SIGN_IN, None, ""),
            (2, "ria", VIEW, 0, "Gastgegevens geopend"),
            (5, "ria", PRINT, 0, "Vertrekchecklist"),
            (40, "ingrid", SIGN_IN, None, ""),
            (43, "ingrid", VIEW, 1, "Gastgegevens geopend"),
            (47, "ingrid", CHANGE, 1, "Gast gewijzigd"),
        ]
        for minutes, who, action, guest, detail in rows:
            guest_id = guests[guest] if guest is not None and guest < len(guests) else None
            at = morning + timedelta(minutes=minutes)
            log_access(s, action, guest_id, detail, user_name=who, now=at)
        return added
