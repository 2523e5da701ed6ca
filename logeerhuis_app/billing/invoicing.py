"""Invoice drafts: a month's priced stays, reserved beds, contract sums and corrections.

Making a month's drafts throws away its old drafts and makes one per payer (a funder, or the
guest who pays) from what was not yet on a final invoice. A draft has no number; making it
final (and crediting it) is billing/invoice_finalising.py, reading it and its payments
billing/invoice_records.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.locking import take_turn
from ..db.models import Allocation, Contract, Funder, Guest, Invoice, InvoiceLine, Stay
from ..domain.enums import CountingRule, FunderKind, InvoiceKind, StayStatus, TariffModel
from ..domain.funding_rules import svb_reference
from ..domain.months import Month
from ..domain.people import display_name
from ..domain.planning import late_cancellation_billed
from ..domain.pricing import MissingRate, price_stay_month
from ..services.errors import ServiceError
from ..storage.database import Database
from .corrections import corrections_for
from .invoice_lines import contract_lines, contract_rates, correction_lines, reserved_days
from .invoice_records import InvoiceData, invoice_data

BILLED_STATUSES = (
    StayStatus.CONFIRMED,
    StayStatus.PRESENT,
    StayStatus.DEPARTED,
    StayStatus.CANCELLED,  # only a late cancellation, where the contract bills it
)


def _billable(stay: Stay, contract: Contract) -> bool:
    """Stays that happened, and late cancellations the contract pays for (DOMAIN.md 3)."""
    if stay.status != StayStatus.CANCELLED:
        return True
    cancelled_on = stay.cancelled_at.date() if stay.cancelled_at else None
    return late_cancellation_billed(
        stay.arrival, cancelled_on, contract.late_cancel_billable, contract.late_cancel_days
    )


def make_drafts(db: Database, month: Month) -> list[InvoiceData]:
    """(Re)make the drafts of a month for every payer that gets an invoice. Final invoices stay."""
    first, after = month.bounds()
    with db.session() as s:
        # Two PCs making the same month's drafts at once take turns (PostgreSQL; SQLite holds
        # its write lock): the second finds the first's drafts or finals, never makes its own
        # beside them.
        take_turn(s, f"invoices-{month.year}-{month.month}")
        for old in s.scalars(
            select(Invoice).where(
                Invoice.number.is_(None),
                Invoice.kind == InvoiceKind.INVOICE,
                Invoice.period_from == first,
            )
        ):
            s.delete(old)
        s.flush()
        invoiced = _already_invoiced(s, first)
        groups: dict[tuple[int, int | None], list[tuple[Stay, Guest, Allocation, Contract, Funder]]]
        groups = defaultdict(list)
        rows = s.execute(
            select(Stay, Guest, Allocation, Contract, Funder)
            .join(Guest, Stay.guest_id == Guest.id)
            .join(Allocation, Stay.allocation_id == Allocation.id)
            .join(Contract, Allocation.contract_id == Contract.id)
            .join(Funder, Allocation.funder_id == Funder.id)
            .where(
                Stay.arrival < after,
                Stay.departure > first,
                Stay.status.in_(BILLED_STATUSES),
                (Funder.wants_invoice.is_(True))
                | (Funder.invoice_to_guest.is_(True))
                | (Funder.kind == FunderKind.PGB),
            )
            .order_by(Stay.arrival, Stay.id)
        ).all()
        for stay, guest, allocation, contract, funder in rows:
            if stay.id in invoiced or not _billable(stay, contract):
                continue
            to_guest = funder.invoice_to_guest or funder.kind == FunderKind.PGB  # budget holder
            payer_guest = guest.id if to_guest else None
            groups[(funder.id, payer_guest)].append((stay, guest, allocation, contract, funder))
        by_contract = contract_lines(s, month)
        for funder_id in by_contract:
            groups.setdefault((funder_id, None), [])
        settlements = correction_lines(s, first)
        for payer in settlements:
            groups.setdefault(payer, [])
        made = []
        # Read once for the whole month, not per draft.
        facts = _MonthFacts(
            absent=_unbilled_days(corrections_for(s, [stay.id for stay, *_rest in rows])),
            covered=reserved_days(s, first, after),
            rates=_RatesByContract(s),
        )
        for (funder_id, payer_guest), stays in groups.items():
            extra = by_contract.get(funder_id, []) if payer_guest is None else []
            extra = [*extra, *settlements.get((funder_id, payer_guest), [])]
            invoice = _draft(s, month, funder_id, payer_guest, stays, facts, extra)
            if invoice is not None:
                made.append(invoice)
        s.flush()
        return [invoice_data(s, i) for i in made]


def _already_invoiced(s: Session, first: date) -> set[int]:
    """Stays of this month on a final invoice that was not credited (those are not billed twice)."""
    rows = s.execute(
        select(InvoiceLine.stay_id)
        .join(Invoice, InvoiceLine.invoice_id == Invoice.id)
        .where(
            Invoice.number.is_not(None),
            Invoice.period_from == first,
            Invoice.kind == InvoiceKind.INVOICE,
        )
    )
    return {stay_id for (stay_id,) in rows if stay_id is not None} - _stays_of_credited(s, first)


def _stays_of_credited(s: Session, first: date) -> set[int]:
    credited_ids = select(Invoice.credits_invoice_id).where(Invoice.kind == InvoiceKind.CREDIT)
    rows = s.execute(select(InvoiceLine.stay_id).where(InvoiceLine.invoice_id.in_(credited_ids)))
    return {stay_id for (stay_id,) in rows if stay_id is not None}


@dataclass
class _RatesByContract:
    s: Session
    cache: dict[int, list] = field(default_factory=dict)

    def of(self, contract_id: int) -> list:
        if contract_id not in self.cache:
            self.cache[contract_id] = contract_rates(self.s, contract_id)
        return self.cache[contract_id]


@dataclass(frozen=True)
class _MonthFacts:
    absent: dict[int, frozenset[date]]  # stay -> days corrected to not billed
    covered: dict[tuple[int, int], set[date]]  # (bed, funder) -> days paid as a reservation
    rates: _RatesByContract


def _unbilled_days(corrections: dict) -> dict[int, frozenset[date]]:
    """Per stay, the days whose newest correction says: not billed."""
    days: dict[int, set[date]] = defaultdict(set)
    for (stay_id, day), correction in corrections.items():
        if not correction.billable:
            days[stay_id].add(day)
    return {stay_id: frozenset(found) for stay_id, found in days.items()}


def _draft(
    s: Session,
    month: Month,
    funder_id: int,
    payer_guest: int | None,
    stays,
    facts: _MonthFacts,
    extra: list[InvoiceLine] | None = None,
) -> Invoice | None:
    funder = s.get_one(Funder, funder_id)
    invoice = Invoice(
        kind=InvoiceKind.INVOICE,
        year=month.year,
        funder_id=funder_id,
        guest_id=payer_guest,
        period_from=month.first,
        period_to=month.last,
        version=1,
    )
    references = []
    lines: list[InvoiceLine] = []
    for stay, guest, allocation, contract, _funder in stays:
        rates = facts.rates.of(contract.id)
        try:
            priced = price_stay_month(
                TariffModel(contract.tariff_model),
                CountingRule(contract.counting_rule),
                rates,
                stay.arrival,
                stay.departure,
                month,
                absent=facts.absent.get(stay.id, frozenset())
                | facts.covered.get((stay.bed_id, funder_id), set()),  # paid as a reserved bed
            )
        except MissingRate as exc:
            raise ServiceError(f"{contract.name}: {exc.args[0] if exc.args else exc}") from exc
        name = display_name(guest.first_name, guest.prefix, guest.last_name)
        late = stay.status == StayStatus.CANCELLED
        for p in priced:
            lines.append(
                InvoiceLine(
                    stay_id=stay.id,
                    guest_name=name,
                    kind=p.kind,
                    description=f"laat geannuleerd: {p.description}" if late else p.description,
                    period_from=p.day_from,
                    period_to=p.day_to,
                    quantity=p.quantity,
                    unit_cents=p.unit_cents,
                    amount_cents=p.amount_cents,
                )
            )
        if funder.kind == FunderKind.PGB:  # the fields the SVB asks for (issue 18)
            references.append(
                svb_reference(guest.bsn, allocation.reference, allocation.care_profile)
            )
        elif allocation.reference:
            references.append(allocation.reference)
    lines.extend(extra or [])
    if not lines:
        return None
    _customer(s, invoice, funder, payer_guest)
    invoice.reference = ", ".join(dict.fromkeys(references))[:200]
    invoice.total_cents = sum(line.amount_cents for line in lines)
    s.add(invoice)
    s.flush()
    for line in lines:
        line.invoice_id = invoice.id
        s.add(line)
    return invoice


def _customer(s: Session, invoice: Invoice, funder: Funder | None, payer_guest: int | None) -> None:
    if payer_guest is not None:
        guest = s.get(Guest, payer_guest)
        assert guest is not None
        invoice.customer_name = display_name(guest.first_name, guest.prefix, guest.last_name)
        invoice.customer_street, invoice.customer_postcode = guest.street, guest.postcode
        invoice.customer_city = guest.city
    elif funder is not None:
        invoice.customer_name = funder.name
        invoice.customer_street, invoice.customer_postcode = funder.street, funder.postcode
        invoice.customer_city = funder.city
