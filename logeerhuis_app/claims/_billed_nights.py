"""Which nights of an allocation were already billed: on a sent claim line or a final invoice
that was not credited since. A municipality may not take those back by shortening the
toewijzing (WJ001 9385, TR385)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import ClaimLine, Invoice, InvoiceLine, Night
from ..domain.enums import InvoiceKind


def billed_days(s: Session, allocation_id: int) -> set[date]:
    nights = s.execute(
        select(Night.stay_id, Night.day).where(Night.allocation_id == allocation_id)
    ).all()
    if not nights:
        return set()
    stays = {stay_id for stay_id, _day in nights}
    periods: dict[int | None, list[tuple[date, date]]] = defaultdict(list)
    credited_lines = set(
        s.scalars(select(ClaimLine.previous_reference).where(ClaimLine.debit_credit == "C"))
    )
    for stay_id, reference, first, last in s.execute(
        select(
            ClaimLine.stay_id, ClaimLine.reference, ClaimLine.period_from, ClaimLine.period_to
        ).where(ClaimLine.stay_id.in_(stays), ClaimLine.debit_credit == "D")
    ):
        if reference not in credited_lines:
            periods[stay_id].append((first, last))
    credited_invoices = select(Invoice.credits_invoice_id).where(
        Invoice.kind == InvoiceKind.CREDIT,
        Invoice.credits_invoice_id.is_not(None),  # NOT IN and NULL
    )
    for stay_id, first, last in s.execute(
        select(InvoiceLine.stay_id, InvoiceLine.period_from, InvoiceLine.period_to)
        .join(Invoice, InvoiceLine.invoice_id == Invoice.id)
        .where(
            InvoiceLine.stay_id.in_(stays),
            Invoice.number.is_not(None),
            Invoice.kind == InvoiceKind.INVOICE,
            Invoice.id.not_in(credited_invoices),
        )
    ):
        periods[stay_id].append((first, last))
    return {
        day for stay_id, day in nights if any(a <= day <= b for a, b in periods.get(stay_id, ()))
    }
