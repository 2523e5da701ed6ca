"""The recipients proposed for the next e-mail: per funder or paying guest (a table, so the
guest's inzage lists them and they go with the guest), or per kind of document (a setting)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Funder, Guest, MailRecipient, Setting
from ..domain.mail import join_recipients
from ..storage.database import Database

MONTH_EXPORT_KEY = "mail.to.month_export"
OVERVIEW_KEY = "mail.to.overview"
TEST_KEY = "mail.to.test"


@dataclass(frozen=True)
class RecipientOwner:
    """Whose recipients these are: a funder, a paying guest, or a setting key."""

    funder_id: int | None = None
    guest_id: int | None = None
    setting_key: str = ""


def remembered(db: Database, owner: RecipientOwner) -> tuple[str, ...]:
    """The addresses used last time, else the e-mail address on the funder's or guest's
    record, else nothing."""
    with db.session() as s:
        if owner.setting_key:
            row = s.get(Setting, owner.setting_key)
            return _split(row.value if row is not None else "")
        found = s.scalar(select(MailRecipient).where(*_where(owner)))
        if found is not None and found.addresses:
            return _split(found.addresses)
        record = s.get(Guest, owner.guest_id) if owner.guest_id else s.get(Funder, owner.funder_id)
        return _split(record.email) if record is not None and record.email else ()


def remember(s: Session, owner: RecipientOwner, addresses: tuple[str, ...]) -> None:
    """Keep the addresses for next time, in the caller's unit of work."""
    text = join_recipients(addresses)[:2000]
    if owner.setting_key:
        setting = s.get(Setting, owner.setting_key)
        if setting is None:
            s.add(Setting(key=owner.setting_key, value=text))
        else:
            setting.value = text
        return
    row = s.scalar(select(MailRecipient).where(*_where(owner)))
    if row is None:
        s.add(MailRecipient(funder_id=owner.funder_id, guest_id=owner.guest_id, addresses=text))
    else:
        row.addresses = text


def forget_guest(s: Session, guest_id: int) -> int:
    """Remove the addresses remembered for a guest (with the guest's other contact data)."""
    rows = list(s.scalars(select(MailRecipient).where(MailRecipient.guest_id == guest_id)))
    for row in rows:
        s.delete(row)
    return len(rows)


def _where(owner: RecipientOwner):
    if owner.guest_id is not None:
        return (MailRecipient.guest_id == owner.guest_id,)
    return (MailRecipient.funder_id == owner.funder_id,)


def _split(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.replace(";", ",").split(",") if a.strip())
