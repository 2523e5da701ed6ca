"""Making invoices final: the next number without gaps, the stored PDF, and credit invoices.

Finalising gives a draft the next number of the year's series, copies the customer's data and
stores the PDF with its SHA-256, all in one transaction: when anything fails (the PDF, the
disk, a concurrent finalisation) it rolls back and the number is not used. A credit invoice is
a new final invoice whose lines are the original's negated (domain.pricing.credit_lines).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from ..access.access import require_role
from ..db.locking import insert_if_missing
from ..db.models import Invoice, InvoiceLine, InvoiceSeries
from ..domain.enums import InvoiceKind, LineKind
from ..domain.pricing import PricedLine, credit_lines, due_date, invoice_number
from ..house.provider import get_provider
from ..services.errors import NotFoundError, ServiceError, ValidationError
from ..storage.database import Database
from .invoice_records import InvoiceData, invoice_data


def finalise(
    db: Database,
    invoice_id: int,
    *,
    invoice_date: date,
    by: str,
    render=None,
    now: datetime | None = None,
) -> InvoiceData:
    """Give the draft its number, copy the customer's data, store the PDF: all or nothing."""
    provider = finalising_provider(db)
    with db.session() as s:
        finalise_in(s, provider, invoice_id, invoice_date=invoice_date, by=by, render=render,
                    now=now)  # fmt: skip
        return invoice_data(s, s.get_one(Invoice, invoice_id))


def finalising_provider(db: Database):
    """Who may finalise (a coordinator) and the provider's data every invoice carries."""
    require_role(db)
    provider = get_provider(db)
    if not provider.is_complete:
        raise ServiceError(
            "Vul eerst bij Instellingen de gegevens van het logeerhuis in (naam, adres, KvK, "
            "AGB-code en IBAN); die staan op elke factuur."
        )
    return provider


@dataclass(frozen=True)
class Finalised:
    id: int
    number: str
    customer_name: str
    total_cents: int
    pdf: bytes


def finalise_in(
    s: Session,
    provider,
    invoice_id: int,
    *,
    invoice_date: date,
    by: str,
    render=None,
    now: datetime | None = None,
) -> Finalised:
    """Finalise one draft inside the caller's transaction (see finalise)."""
    # Locked until commit: a second PC finalising the same draft waits, then finds it final.
    invoice = s.get(Invoice, invoice_id, with_for_update=True)
    if invoice is None:
        raise NotFoundError("Deze factuur bestaat niet (meer).")
    if invoice.number is not None:
        raise ServiceError(f"Factuur {invoice.number} is al definitief.")
    lines = list(s.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)))
    if not lines:
        raise ValidationError({"lines": "Een factuur zonder regels kan niet definitief worden."})
    if sum(line.amount_cents for line in lines) != invoice.total_cents:
        raise ServiceError("Het totaal van deze concept-factuur klopt niet met de regels.")
    year = invoice_date.year
    sequence = _next_number(s, year)
    number = invoice_number(year, sequence)
    due = due_date(invoice_date, provider.payment_term_days)
    credits_number = None
    if invoice.credits_invoice_id is not None:
        credits_number = s.get_one(Invoice, invoice.credits_invoice_id).number
    make_pdf = render or _render_pdf
    pdf = make_pdf(provider, invoice, lines, number, invoice_date, due, credits_number)
    # One UPDATE: from here on the triggers keep the invoice as it is.
    s.execute(
        update(Invoice)
        .where(Invoice.id == invoice.id, Invoice.number.is_(None))
        .values(
            number=number,
            sequence=sequence,
            year=year,
            invoice_date=invoice_date,
            due_date=due,
            pdf=pdf,
            pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            finalised_at=(now or datetime.now()).replace(microsecond=0),
            finalised_by=by,
            version=invoice.version + 1,
        )
    )
    done = Finalised(invoice_id, number, invoice.customer_name, invoice.total_cents, pdf)
    s.expire(invoice)
    return done


def _next_number(s: Session, year: int) -> int:
    """Take the next number of the year's series, holding the counter row until commit.

    The row is locked (SELECT ... FOR UPDATE on PostgreSQL; on SQLite the unit of work holds
    the write lock): a second PC finalising at the same moment waits for this commit and
    takes the next number, so the series has no gaps and no doubles. A rollback gives the
    number back with the lock. Within one transaction (a batch) the locked row is read once
    and counted on.
    """
    counters: dict[int, InvoiceSeries] = s.info.setdefault("invoice_series", {})
    counter = counters.get(year)
    if counter is None:
        insert_if_missing(
            s, cast(Table, InvoiceSeries.__table__), {"year": year, "last_number": 0}, ["year"]
        )
        counter = s.execute(
            select(InvoiceSeries)
            .where(InvoiceSeries.year == year)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).scalar_one()
        counters[year] = counter
    counter.last_number += 1
    return counter.last_number


def _render_pdf(provider, invoice, lines, number, invoice_date, due, credits_number) -> bytes:
    from ._invoice_pdf import render_invoice_pdf

    return render_invoice_pdf(provider, invoice, lines, number, invoice_date, due, credits_number)


# -- credit invoices --------------------------------------------------------------------------
def credit(
    db: Database,
    invoice_id: int,
    *,
    invoice_date: date,
    by: str,
    render=None,
    now: datetime | None = None,
) -> InvoiceData:
    """A credit invoice with its own number that cancels the original in full."""
    require_role(db)
    with db.session() as s:
        original = s.get(Invoice, invoice_id)
        if original is None or original.number is None:
            raise ServiceError("Alleen een definitieve factuur kan worden gecrediteerd.")
        if original.kind == InvoiceKind.CREDIT:
            raise ServiceError("Een creditfactuur kan niet zelf worden gecrediteerd.")
        if (
            s.scalar(select(Invoice.id).where(Invoice.credits_invoice_id == original.id))
            is not None
        ):
            raise ServiceError(f"Factuur {original.number} is al gecrediteerd.")
        note = Invoice(
            kind=InvoiceKind.CREDIT,
            year=invoice_date.year,
            credits_invoice_id=original.id,
            funder_id=original.funder_id,
            guest_id=original.guest_id,
            period_from=original.period_from,
            period_to=original.period_to,
            customer_name=original.customer_name,
            customer_street=original.customer_street,
            customer_postcode=original.customer_postcode,
            customer_city=original.customer_city,
            reference=f"Credit van factuur {original.number}",
            total_cents=-original.total_cents,
            version=1,
        )
        s.add(note)
        s.flush()
        lines = list(s.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == original.id)))
        negated = credit_lines(_priced(line) for line in lines)  # original + credit = 0
        for line, minus in zip(lines, negated, strict=True):
            s.add(
                InvoiceLine(
                    invoice_id=note.id,
                    stay_id=line.stay_id,
                    guest_name=line.guest_name,
                    kind=minus.kind,
                    description=minus.description,
                    period_from=minus.day_from,
                    period_to=minus.day_to,
                    quantity=minus.quantity,
                    unit_cents=minus.unit_cents,
                    amount_cents=minus.amount_cents,
                )
            )
        note_id = note.id
    try:
        return finalise(db, note_id, invoice_date=invoice_date, by=by, render=render, now=now)
    except Exception:
        with db.session() as s:  # never leave a half-made credit draft behind
            draft = s.get(Invoice, note_id)
            if draft is not None and draft.number is None:
                s.delete(draft)
        raise


def _priced(line: InvoiceLine) -> PricedLine:
    """A stored line as the pricing rules know it (the database keeps amount = quantity x unit)."""
    return PricedLine(
        line.period_from,
        line.period_to,
        cast(LineKind, line.kind),  # passed on as stored, whatever an import put there
        line.quantity,
        line.unit_cents,
        line.amount_cents,
        line.description,
    )
