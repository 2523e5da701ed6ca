"""WMO305/WMO307 stored as sent (decision 0047): the month's start and stop messages are kept
byte for byte when first made, with their number; making the month again gives the same files.
What changed since (a first night moved, an end date changed, a stay cancelled) becomes a
correction message, as iWmo IV008 prescribes: the product as sent with StatusAanlevering 3
(verwijderen aanlevering) and the new one with 1. When the logical key (toewijzingnummer,
product, begindatum; for a stop also reden and einddatum) stays the same, the deletion and the
new product go in two messages, one after the other, so the key is never twice in one message.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.locking import take_turn
from ..db.models import Guest, Provider, SentCareProduct, SentMessage
from ..documents.claims.wmo305_307 import render_care_message
from ..domain.care_messages import CareAllocation, CareClient, CareMessage, CareProduct
from ..domain.months import Month

_Key = tuple[str, str, int]  # kind, receiver, guest id


def store_month(
    s: Session,
    messages: list[CareMessage],
    allocations: list[CareAllocation],
    month: Month,
    *,
    made_on: date,
    left_out: set[int],
) -> list[SentMessage]:
    """Store what is new or changed for the month; return every stored message of the month.
    `left_out` are allocations kept out for a problem: what was sent for them stays as sent."""
    take_turn(s, f"care-messages-{month.year}-{month.month}")
    wanted: dict[_Key, CareMessage] = {(m.kind, m.receiver, m.client.guest_id): m for m in messages}
    sent = _current(s, month)
    for key in [*wanted, *(k for k in sent if k not in wanted)]:
        message = wanted.get(key)
        now = [p for p in (message.products if message else ()) if p not in sent.get(key, [])]
        gone = [p for p in sent.get(key, []) if message is None or p not in message.products]
        gone = [p for p in gone if p.allocation_id not in left_out]
        if not now and not gone:
            continue
        template = message or _template(s, key, month, made_on, allocations, gone)
        deletions = [replace(p, status="3") for p in gone]
        if deletions and {p.key for p in deletions} & {p.key for p in now}:
            batches = [deletions, now]  # same key: delete first, then deliver anew
        else:
            batches = [deletions + now]
        for batch in batches:
            if batch:
                _store(s, template, tuple(batch), correction=bool(gone), made_on=made_on)
    return list(
        s.scalars(
            select(SentMessage)
            .where(
                SentMessage.kind.in_(("305", "307")),
                SentMessage.year == month.year,
                SentMessage.month == month.month,
            )
            .order_by(SentMessage.kind, SentMessage.receiver, SentMessage.sequence)
        )
    )


def _current(s: Session, month: Month) -> dict[_Key, list[CareProduct]]:
    """What the municipality has now: every product delivered (1) and not deleted (3) since."""
    rows = s.execute(
        select(SentCareProduct, SentMessage)
        .join(SentMessage, SentCareProduct.message_id == SentMessage.id)
        .where(SentMessage.year == month.year, SentMessage.month == month.month)
        .order_by(SentMessage.id, SentCareProduct.id)
    ).all()
    found: dict[_Key, list[CareProduct]] = defaultdict(list)
    for row, message in rows:
        key = (message.kind, message.receiver, message.guest_id or 0)
        product = CareProduct(row.reference, row.product_category, row.product_code,
                              row.allocation_start, row.begin, row.end, row.reason,
                              row.allocation_id)  # fmt: skip
        if row.status == "3":
            found[key] = [p for p in found[key] if p != product]
        else:
            found[key].append(product)
    return found


def _template(
    s: Session,
    key: _Key,
    month: Month,
    made_on: date,
    allocations: list[CareAllocation],
    gone: list[CareProduct],
) -> CareMessage:
    """A message for a guest who has nothing left to deliver: only deletions."""
    kind, receiver, guest_id = key
    known = next((a for a in allocations if a.client.guest_id == guest_id), None)
    if known is not None:
        client, funder = known.client, known.funder_name
    else:
        guest = s.get(Guest, guest_id)
        client = CareClient(guest_id, "", "", (guest.first_name if guest else "") or "",
                            (guest.prefix if guest else "") or "",
                            (guest.last_name if guest else "") or "-",
                            guest.date_of_birth if guest else None,
                            (guest.gender if guest else "") or "")  # fmt: skip
        funder = ""
    return CareMessage(kind, _sender(s), receiver, funder, month.year, month.month, 0, made_on,
                       client, tuple(gone))  # fmt: skip


def _sender(s: Session) -> str:
    provider = s.scalar(select(Provider).limit(1))
    return (provider.agb_code or "") if provider else ""


def _store(
    s: Session, template: CareMessage, products: tuple[CareProduct, ...], *, correction: bool,
    made_on: date,
) -> None:  # fmt: skip
    last = s.scalar(
        select(func.max(SentMessage.sequence)).where(
            SentMessage.kind == template.kind,
            SentMessage.receiver == template.receiver,
            SentMessage.year == template.year,
            SentMessage.month == template.month,
        )
    )
    # The BSN as sent: a deletion names the client the product was delivered for.
    bsn = _sent_bsn(s, products) or template.client.bsn
    message = replace(template, sequence=(last or 0) + 1, made_on=made_on, products=products,
                      client=replace(template.client, bsn=bsn))  # fmt: skip
    if not message.sender:
        message = replace(message, sender=_sender(s))
    data = render_care_message(message)
    row = SentMessage(
        kind=message.kind, identification=message.identification, receiver=message.receiver,
        year=message.year, month=message.month, sequence=message.sequence,
        file_name=message.file_name, claim_id=None, guest_id=message.client.guest_id,
        correction=correction, content=data, sha256=hashlib.sha256(data).hexdigest(),
        made_at=datetime.combine(made_on, datetime.min.time()), made_by="",
    )  # fmt: skip
    s.add(row)
    s.flush()
    for p in products:
        s.add(
            SentCareProduct(
                message_id=row.id, status=p.status, allocation_id=p.allocation_id, bsn=bsn,
                reference=p.reference, product_category=p.product_category,
                product_code=p.product_code, allocation_start=p.allocation_start,
                begin=p.begin, end=p.end, reason=p.reason,
            )
        )  # fmt: skip
    s.flush()


def _sent_bsn(s: Session, products: tuple[CareProduct, ...]) -> str:
    deleted = [p for p in products if p.status == "3"]
    if not deleted:
        return ""
    return (
        s.scalar(
            select(SentCareProduct.bsn)
            .where(SentCareProduct.allocation_id == deleted[0].allocation_id)
            .order_by(SentCareProduct.id.desc())
            .limit(1)
        )
        or ""
    )
