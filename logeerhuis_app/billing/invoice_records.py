"""Invoices as the rest of the program sees them: the record with its status, and payments.

Owns InvoiceData (what every invoice service returns), working out an invoice's status from
its number, kind, payments and credit invoice, reading invoices and their stored PDF, and
booking a payment against a final invoice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import Invoice, InvoiceLine, Payment
from ..domain.enums import InvoiceKind, InvoiceStatus
from ..domain.payments import payment_problem
from ..domain.pricing import payment_status
from ..services.errors import NotFoundError, ServiceError, ValidationError
from ..storage.database import Database


@dataclass(frozen=True)
class LineData:
    guest_name: str
    description: str
    period_from: date
    period_to: date
    quantity: int
    unit_cents: int
    amount_cents: int
    kind: str  # a LineKind value; kept as stored (an imported file may carry other text)


@dataclass(frozen=True)
class InvoiceData:
    id: int
    number: str | None
    kind: InvoiceKind
    customer_name: str
    period_from: date
    period_to: date
    invoice_date: date | None
    due_date: date | None
    total_cents: int
    paid_cents: int
    credited_cents: int
    status: InvoiceStatus
    credits_number: str | None
    lines: tuple[LineData, ...] = ()


def register_payment(
    db: Database, invoice_id: int, *, paid_on: date, amount_cents: int, note: str = ""
) -> InvoiceData:
    if amount_cents == 0:
        raise ValidationError({"amount_cents": "Vul het betaalde bedrag in."})
    with db.session() as s:
        invoice = s.get(Invoice, invoice_id)
        if invoice is None or invoice.number is None:
            raise ServiceError("Een betaling hoort bij een definitieve factuur.")
        paid = s.execute(  # a sum with coalesce: always one row, never NULL
            select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(
                Payment.invoice_id == invoice.id
            )
        ).scalar_one()
        problem = payment_problem(invoice.total_cents, paid, amount_cents)
        if problem is not None:  # the same rule as `check` and import-data (decision 0037)
            raise ValidationError({"amount_cents": problem}, problem)  # the dialog shows it
        s.add(
            Payment(
                invoice_id=invoice.id, paid_on=paid_on, amount_cents=amount_cents, note=note.strip()
            )
        )
        s.flush()
        return invoice_data(s, invoice)


def list_invoices(
    db: Database, *, year: int | None = None, today: date | None = None
) -> list[InvoiceData]:
    with db.session(write=False) as s:
        query = select(Invoice).order_by(
            Invoice.year, Invoice.sequence.is_(None), Invoice.sequence, Invoice.id
        )
        if year is not None:
            query = query.where(Invoice.year == year)
        return [invoice_data(s, i, today) for i in s.scalars(query)]


def get_invoice(db: Database, invoice_id: int) -> InvoiceData:
    with db.session(write=False) as s:
        invoice = s.get(Invoice, invoice_id)
        if invoice is None:
            raise NotFoundError("Deze factuur bestaat niet (meer).")
        return invoice_data(s, invoice, with_lines=True)


def invoice_pdf(db: Database, invoice_id: int) -> bytes:
    with db.session() as s:
        invoice = s.get(Invoice, invoice_id)
        if invoice is None or invoice.pdf is None:
            raise NotFoundError("Van deze factuur is (nog) geen PDF.")
        if hashlib.sha256(invoice.pdf).hexdigest() != invoice.pdf_sha256:
            raise ServiceError(f"De opgeslagen PDF van factuur {invoice.number} is beschadigd.")
        return invoice.pdf


def invoice_data(
    s: Session, invoice: Invoice, today: date | None = None, *, with_lines: bool = False
) -> InvoiceData:
    """The record of a stored invoice, its status worked out for `today`."""
    paid, credit_note = 0, None  # payments and credit notes belong to final invoices only
    if invoice.number is not None:
        paid = s.execute(  # a sum with coalesce: always one row, never NULL
            select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(
                Payment.invoice_id == invoice.id
            )
        ).scalar_one()
        credit_note = s.scalar(
            select(Invoice).where(
                Invoice.credits_invoice_id == invoice.id, Invoice.number.is_not(None)
            )
        )
    credited = -credit_note.total_cents if credit_note is not None else 0
    kind = InvoiceKind(invoice.kind)  # the database allows only these two
    if invoice.number is None:
        status = InvoiceStatus.DRAFT
    elif kind == InvoiceKind.CREDIT:
        status = InvoiceStatus.CREDIT
    elif credit_note is not None and credited >= invoice.total_cents:
        status = InvoiceStatus.CREDITED
    else:
        status = payment_status(
            invoice.total_cents,
            paid or 0,
            credited,
            invoice.due_date or date.max,
            today or date.today(),
        )
    credits_number = None
    if invoice.credits_invoice_id is not None:
        credits_number = s.scalar(
            select(Invoice.number).where(Invoice.id == invoice.credits_invoice_id)
        )
    lines: tuple[LineData, ...] = ()
    if with_lines:
        lines = tuple(
            LineData(
                line.guest_name,
                line.description,
                line.period_from,
                line.period_to,
                line.quantity,
                line.unit_cents,
                line.amount_cents,
                line.kind,
            )
            for line in s.scalars(
                select(InvoiceLine)
                .where(InvoiceLine.invoice_id == invoice.id)
                .order_by(InvoiceLine.guest_name, InvoiceLine.period_from, InvoiceLine.id)
            )
        )
    return InvoiceData(
        invoice.id,
        invoice.number,
        kind,
        invoice.customer_name,
        invoice.period_from,
        invoice.period_to,
        invoice.invoice_date,
        invoice.due_date,
        invoice.total_cents,
        paid or 0,
        credited,
        status,
        credits_number,
        lines,
    )
