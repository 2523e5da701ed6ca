"""Turn a stored invoice and its lines into the PDF document (documents/billing/invoice.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..db.models import Invoice
from ..db.models import InvoiceLine as InvoiceLineRow
from ..documents.billing.invoice import InvoiceDocument, InvoiceLine, InvoiceParty, render_invoice
from ..domain.enums import InvoiceKind
from ..house.provider import ProviderData


def render_invoice_pdf(
    provider: ProviderData,
    invoice: Invoice,
    lines: Iterable[InvoiceLineRow],
    number: str | None,
    invoice_date: date,
    due: date,
    credits_number: str | None,
) -> bytes:
    document = InvoiceDocument(
        number=number,
        is_credit=invoice.kind == InvoiceKind.CREDIT,
        credits_number=credits_number,
        invoice_date=invoice_date,
        due_date=due,
        period_from=invoice.period_from,
        period_to=invoice.period_to,
        provider=InvoiceParty(provider.name, provider.street, provider.postcode, provider.city, ()),
        kvk=provider.kvk,
        agb=provider.agb_code,
        iban=provider.iban,
        email=provider.email,
        phone=provider.phone,
        logo=provider.logo,
        vat_text=provider.vat_exemption_text,
        customer=InvoiceParty(
            invoice.customer_name,
            invoice.customer_street,
            invoice.customer_postcode,
            invoice.customer_city,
            (),
        ),
        reference=invoice.reference,
        lines=tuple(
            InvoiceLine(
                line.guest_name,
                line.description,
                line.period_from,
                line.period_to,
                line.quantity,
                line.unit_cents,
                line.amount_cents,
                line.kind,
            )
            for line in sorted(lines, key=lambda x: (x.guest_name, x.period_from, x.id or 0))
        ),
        total_cents=invoice.total_cents,
    )
    return render_invoice(document)
