"""Invoices: drafts from the month's priced stays, final numbers without gaps, credits, payments.

A draft has no number. Finalising gives the next number of the year's series, copies the
customer's data and stores the PDF with its SHA-256, all in one transaction: when anything
fails (the PDF, the disk, a concurrent finalisation) it rolls back and the number is not used.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..db.locking import insert_if_missing, take_turn
from ..db.models import (
    Allocation,
    Contract,
    Funder,
    Guest,
    Invoice,
    InvoiceLine,
    InvoiceSeries,
    Payment,
    Stay,
)
from ..domain.dates import month_bounds
from ..domain.enums import CountingRule, FunderKind, StayStatus, TariffModel
from ..domain.funding_rules import svb_reference
from ..domain.payments import payment_problem
from ..domain.people import display_name
from ..domain.planning import late_cancellation_billed
from ..domain.pricing import (
    MissingRate,
    credit_lines,
    due_date,
    invoice_number,
    payment_status,
    price_stay_month,
)
from .access import require_role
from .corrections import corrections_for
from .database import Database
from .errors import NotFoundError, ServiceError, ValidationError
from .invoice_lines import contract_lines, contract_rates, correction_lines, reserved_days
from .provider import get_provider


@dataclass(frozen=True)
class LineData:
    guest_name: str
    description: str
    period_from: date
    period_to: date
    quantity: int
    unit_cents: int
    amount_cents: int
    kind: str


@dataclass(frozen=True)
class InvoiceData:
    id: int
    number: str | None
    kind: str
    customer_name: str
    period_from: date
    period_to: date
    invoice_date: date | None
    due_date: date | None
    total_cents: int
    paid_cents: int
    credited_cents: int
    status: str  # concept, open, deels betaald, betaald, vervallen, gecrediteerd
    credits_number: str | None
    lines: tuple[LineData, ...] = ()


# -- drafts -----------------------------------------------------------------------------------
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


def make_drafts(db: Database, year: int, month: int) -> list[InvoiceData]:
    """(Re)make the drafts of a month for every payer that gets an invoice. Final invoices stay."""
    first, after = month_bounds(year, month)
    with db.session() as s:
        # Two PCs making the same month's drafts at once take turns (PostgreSQL; SQLite holds
        # its write lock): the second finds the first's drafts or finals, never makes its own
        # beside them.
        take_turn(s, f"invoices-{year}-{month}")
        for old in s.scalars(
            select(Invoice).where(
                Invoice.number.is_(None), Invoice.kind == "factuur", Invoice.period_from == first
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
        by_contract = contract_lines(s, year, month, first)
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
            invoice = _draft(s, year, month, funder_id, payer_guest, stays, facts, extra)
            if invoice is not None:
                made.append(invoice)
        s.flush()
        return [_to_data(s, i) for i in made]


def _already_invoiced(s: Session, first: date) -> set[int]:
    """Stays of this month on a final invoice that was not credited (those are not billed twice)."""
    rows = s.execute(
        select(InvoiceLine.stay_id)
        .join(Invoice, InvoiceLine.invoice_id == Invoice.id)
        .where(Invoice.number.is_not(None), Invoice.period_from == first, Invoice.kind == "factuur")
    )
    return {stay_id for (stay_id,) in rows if stay_id is not None} - _stays_of_credited(s, first)


def _stays_of_credited(s: Session, first: date) -> set[int]:
    credited_ids = select(Invoice.credits_invoice_id).where(Invoice.kind == "credit")
    rows = s.execute(select(InvoiceLine.stay_id).where(InvoiceLine.invoice_id.in_(credited_ids)))
    return {stay_id for (stay_id,) in rows if stay_id is not None}


@dataclass
class _RatesByContract:
    s: Session
    cache: dict[int, list] = field(default_factory=dict)  # type: ignore[type-arg]

    def of(self, contract_id: int) -> list:  # type: ignore[type-arg]
        if contract_id not in self.cache:
            self.cache[contract_id] = contract_rates(self.s, contract_id)
        return self.cache[contract_id]


@dataclass(frozen=True)
class _MonthFacts:
    absent: dict[int, frozenset[date]]  # stay -> days corrected to not billed
    covered: dict[tuple[int, int], set[date]]  # (bed, funder) -> days paid as a reservation
    rates: _RatesByContract


def _unbilled_days(corrections: dict) -> dict[int, frozenset[date]]:  # type: ignore[type-arg]
    """Per stay, the days whose newest correction says: not billed."""
    days: dict[int, set[date]] = defaultdict(set)
    for (stay_id, day), correction in corrections.items():
        if not correction.billable:
            days[stay_id].add(day)
    return {stay_id: frozenset(found) for stay_id, found in days.items()}


def _draft(  # type: ignore[no-untyped-def]
    s: Session,
    year: int,
    month: int,
    funder_id: int,
    payer_guest: int | None,
    stays,
    facts: _MonthFacts,
    extra: list[InvoiceLine] | None = None,
) -> Invoice | None:
    first, after = month_bounds(year, month)
    funder = s.get(Funder, funder_id)
    invoice = Invoice(
        kind="factuur",
        year=year,
        funder_id=funder_id,
        guest_id=payer_guest,
        period_from=first,
        period_to=date.fromordinal(after.toordinal() - 1),
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
                year,
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


# -- finalising -------------------------------------------------------------------------------
def finalise(  # type: ignore[no-untyped-def]
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
        return _to_data(s, s.get(Invoice, invoice_id))  # type: ignore[arg-type]


def finalising_provider(db: Database):  # type: ignore[no-untyped-def]
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


def finalise_in(  # type: ignore[no-untyped-def]
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
        credits_number = s.get(Invoice, invoice.credits_invoice_id).number  # type: ignore[union-attr]
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
        insert_if_missing(s, InvoiceSeries.__table__, {"year": year, "last_number": 0}, ["year"])
        counter = s.execute(
            select(InvoiceSeries)
            .where(InvoiceSeries.year == year)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).scalar_one()
        counters[year] = counter
    counter.last_number += 1
    return counter.last_number


def _render_pdf(provider, invoice, lines, number, invoice_date, due, credits_number) -> bytes:  # type: ignore[no-untyped-def]
    from .invoice_pdf import render_invoice_pdf

    return render_invoice_pdf(provider, invoice, lines, number, invoice_date, due, credits_number)


# -- credits and payments ---------------------------------------------------------------------
def credit(  # type: ignore[no-untyped-def]
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
        if original.kind == "credit":
            raise ServiceError("Een creditfactuur kan niet zelf worden gecrediteerd.")
        if (
            s.scalar(select(Invoice.id).where(Invoice.credits_invoice_id == original.id))
            is not None
        ):
            raise ServiceError(f"Factuur {original.number} is al gecrediteerd.")
        note = Invoice(
            kind="credit",
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
        for line in s.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == original.id)):
            s.add(
                InvoiceLine(
                    invoice_id=note.id,
                    stay_id=line.stay_id,
                    guest_name=line.guest_name,
                    kind=line.kind,
                    description=f"Credit: {line.description}",
                    period_from=line.period_from,
                    period_to=line.period_to,
                    quantity=-line.quantity,
                    unit_cents=line.unit_cents,
                    amount_cents=-line.amount_cents,
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


_ = credit_lines  # the domain rule the credit above follows (original + credit = 0)


def register_payment(
    db: Database, invoice_id: int, *, paid_on: date, amount_cents: int, note: str = ""
) -> InvoiceData:
    if amount_cents == 0:
        raise ValidationError({"amount_cents": "Vul het betaalde bedrag in."})
    with db.session() as s:
        invoice = s.get(Invoice, invoice_id)
        if invoice is None or invoice.number is None:
            raise ServiceError("Een betaling hoort bij een definitieve factuur.")
        paid = s.scalar(
            select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(
                Payment.invoice_id == invoice.id
            )
        )
        problem = payment_problem(invoice.total_cents, paid, amount_cents)
        if problem is not None:  # the same rule as `check` and import-data (decision 0037)
            raise ValidationError({"amount_cents": problem}, problem)  # the dialog shows it
        s.add(
            Payment(
                invoice_id=invoice.id, paid_on=paid_on, amount_cents=amount_cents, note=note.strip()
            )
        )
        s.flush()
        return _to_data(s, invoice)


# -- reading ----------------------------------------------------------------------------------
def list_invoices(
    db: Database, *, year: int | None = None, today: date | None = None
) -> list[InvoiceData]:
    with db.session(write=False) as s:
        query = select(Invoice).order_by(
            Invoice.year, Invoice.sequence.is_(None), Invoice.sequence, Invoice.id
        )
        if year is not None:
            query = query.where(Invoice.year == year)
        return [_to_data(s, i, today) for i in s.scalars(query)]


def get_invoice(db: Database, invoice_id: int) -> InvoiceData:
    with db.session(write=False) as s:
        invoice = s.get(Invoice, invoice_id)
        if invoice is None:
            raise NotFoundError("Deze factuur bestaat niet (meer).")
        return _to_data(s, invoice, with_lines=True)


def invoice_pdf(db: Database, invoice_id: int) -> bytes:
    with db.session() as s:
        invoice = s.get(Invoice, invoice_id)
        if invoice is None or invoice.pdf is None:
            raise NotFoundError("Van deze factuur is (nog) geen PDF.")
        if hashlib.sha256(invoice.pdf).hexdigest() != invoice.pdf_sha256:
            raise ServiceError(f"De opgeslagen PDF van factuur {invoice.number} is beschadigd.")
        return invoice.pdf


def _to_data(
    s: Session, invoice: Invoice, today: date | None = None, *, with_lines: bool = False
) -> InvoiceData:
    paid, credit_note = 0, None  # payments and credit notes belong to final invoices only
    if invoice.number is not None:
        paid = s.scalar(
            select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(
                Payment.invoice_id == invoice.id
            )
        )
        credit_note = s.scalar(
            select(Invoice).where(
                Invoice.credits_invoice_id == invoice.id, Invoice.number.is_not(None)
            )
        )
    credited = -credit_note.total_cents if credit_note is not None else 0
    if invoice.number is None:
        status = "concept"
    elif invoice.kind == "credit":
        status = "credit"
    elif credit_note is not None and credited >= invoice.total_cents:
        status = "gecrediteerd"
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
        invoice.kind,
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
