"""Invoice lines that do not come from one stay's nights: housing parts, fixed sums, reserved
beds, and credit or debit lines for nights corrected after their month was invoiced."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import (
    Allocation,
    Bed,
    BedReservation,
    Contract,
    Funder,
    Guest,
    Invoice,
    InvoiceLine,
    NightCorrection,
    RatePeriod,
    Room,
    Stay,
)
from ..domain.dates import days_between, format_date
from ..domain.enums import InvoiceKind, LineKind, TariffModel
from ..domain.months import Month
from ..domain.people import display_name
from ..domain.pricing import (
    MissingRate,
    PricedLine,
    price_days,
    price_fixed_month,
    price_housing_days,
    price_reserved_days,
)
from ..domain.rates import RatePeriod as Rate
from ..domain.rates import rate_on
from ..house.reservations import reservations_between
from ..services.errors import ServiceError


def contract_lines(s: Session, month: Month) -> dict[int, list[InvoiceLine]]:
    """Per funder that wants an invoice: reserved beds, the housing part of split-day contracts
    for every contracted day and fixed monthly sums, unless already on a final invoice of this
    month."""
    already = {
        d
        for (d,) in s.execute(
            select(InvoiceLine.description)
            .join(Invoice, InvoiceLine.invoice_id == Invoice.id)
            .where(
                Invoice.number.is_not(None),
                Invoice.period_from == month.first,
                Invoice.kind == InvoiceKind.INVOICE,
                InvoiceLine.stay_id.is_(None),
            )
        )
    }
    funder_ids = set(
        s.scalars(
            select(Funder.id).where(
                Funder.wants_invoice.is_(True), Funder.invoice_to_guest.is_(False)
            )
        )
    )
    result: dict[int, list[InvoiceLine]] = defaultdict(list)
    for contract, label, p, _reservation in priced_contract_days(s, month, funder_ids):
        description = f"{label}: {p.description}"
        if description in already:
            continue
        who = "(gereserveerd bed)" if p.kind == LineKind.RESERVED else "(contract)"
        result[contract.funder_id].append(
            InvoiceLine(
                stay_id=None,
                guest_name=who,
                kind=p.kind,
                description=description,
                period_from=p.day_from,
                period_to=p.day_to,
                quantity=p.quantity,
                unit_cents=p.unit_cents,
                amount_cents=p.amount_cents,
            )
        )
    return result


class ContractDays(NamedTuple):
    contract: Contract
    label: str
    priced: PricedLine
    reservation: BedReservation | None  # the reserved bed the days are of, if any


def priced_contract_days(
    s: Session,
    month: Month,
    funder_ids: set[int],
    occupied: dict[int, set[date]] | None = None,
) -> list[ContractDays]:
    """What the funders' contracts cost in a month apart from the stays: every reserved day of
    a bed (labelled with the room and bed), the housing part of split-day contracts for every
    contracted day, and fixed monthly sums. Used by invoices and by claims alike.

    `occupied` (bed -> days) leaves out reserved days already declared on the guest who slept
    there (a WMO323 claim, decision 0033); an invoice passes nothing and bills every day."""
    first, after = month.bounds()
    found: list[ContractDays] = []
    for reservation in reservations_between(s, first, after):
        contract = s.get(Contract, reservation.contract_id)
        if contract is None or contract.funder_id not in funder_ids:
            continue
        bed = s.get(Bed, reservation.bed_id)
        room = s.get(Room, bed.room_id) if bed else None
        where = f"{room.name if room else 'kamer'}, bed {bed.number if bed else '?'}"
        with rates_of(contract):
            if occupied is None:
                priced = price_reserved_days(
                    contract_rates(s, contract.id),
                    reservation.start_date,
                    reservation.end_date,
                    month,
                )
            else:
                days = set(days_between(max(reservation.start_date, first),
                                        min(reservation.end_date, after)))  # fmt: skip
                taken = occupied.get(reservation.bed_id, set())
                priced = price_days(contract_rates(s, contract.id), days - taken, LineKind.RESERVED)
        found += [ContractDays(contract, f"{contract.name} ({where})", p, reservation)
                  for p in priced]  # fmt: skip
    for contract in s.scalars(
        select(Contract).where(
            Contract.active.is_(True),
            Contract.funder_id.in_(funder_ids),
            Contract.tariff_model.in_((TariffModel.SPLIT_DAY, TariffModel.FIXED_PERIOD)),
        )
    ):
        rates = contract_rates(s, contract.id)
        with rates_of(contract):
            if contract.tariff_model == TariffModel.SPLIT_DAY:
                priced = price_housing_days(rates, contract.valid_from, contract.valid_to, month)
            else:
                priced = price_fixed_month(rates, month)
        found += [ContractDays(contract, contract.name, p, None) for p in priced]
    return found


@contextmanager
def rates_of(contract: Contract) -> Iterator[None]:
    """A missing rate is the contract's problem: name it in Dutch."""
    try:
        yield
    except MissingRate as exc:
        raise ServiceError(f"{contract.name}: {exc.args[0] if exc.args else exc}") from exc


def reserved_contracts(
    s: Session, first: date, after: date
) -> dict[tuple[int, int], dict[date, Contract]]:
    """(bed, funder) -> {day: the reserved-bed contract that pays that day}."""
    found: dict[tuple[int, int], dict[date, Contract]] = defaultdict(dict)
    for reservation in reservations_between(s, first, after):
        contract = s.get(Contract, reservation.contract_id)
        if contract is None:
            continue
        for day in days_between(max(reservation.start_date, first),
                                min(reservation.end_date, after)):  # fmt: skip
            found[(reservation.bed_id, contract.funder_id)][day] = contract
    return found


def reserved_days(s: Session, first: date, after: date) -> dict[tuple[int, int], set[date]]:
    """(bed, funder) -> the days that funder pays for that bed as a reservation."""
    days: dict[tuple[int, int], set[date]] = defaultdict(set)
    for reservation in reservations_between(s, first, after):
        contract = s.get(Contract, reservation.contract_id)
        if contract is None:
            continue
        day = max(reservation.start_date, first)
        while day < min(reservation.end_date, after):
            days[(reservation.bed_id, contract.funder_id)].add(day)
            day = date.fromordinal(day.toordinal() + 1)
    return days


def correction_lines(s: Session, first: date) -> dict[tuple[int, int | None], list[InvoiceLine]]:
    """Credit or debit lines for nights corrected after their month was invoiced."""
    settled = {
        c
        for (c,) in s.execute(
            select(InvoiceLine.correction_id)
            .join(Invoice, InvoiceLine.invoice_id == Invoice.id)
            .where(InvoiceLine.correction_id.is_not(None), Invoice.number.is_not(None))
        )
    }
    newest: dict[tuple[int, date], NightCorrection] = {}
    for row in s.scalars(
        select(NightCorrection).where(NightCorrection.day < first).order_by(NightCorrection.id)
    ):
        newest[(row.stay_id, row.day)] = row
    result: dict[tuple[int, int | None], list[InvoiceLine]] = defaultdict(list)
    for (stay_id, day), correction in newest.items():
        if correction.id in settled:
            continue
        billed = _billed_count(s, stay_id, day)
        delta = (1 if correction.billable else 0) - billed
        if delta == 0:
            continue
        stay = s.get(Stay, stay_id)
        allocation = s.get(Allocation, stay.allocation_id) if stay and stay.allocation_id else None
        contract = (
            s.get(Contract, allocation.contract_id)
            if allocation and allocation.contract_id
            else None
        )
        funder = s.get(Funder, allocation.funder_id) if allocation else None
        if stay is None or contract is None or funder is None:
            continue
        if not (funder.wants_invoice or funder.invoice_to_guest):
            continue
        rate = rate_on(contract_rates(s, contract.id), day)
        if rate is None:
            raise ServiceError(f"{contract.name}: er is geen tarief voor {format_date(day)}.")
        unit = (
            rate.stay_cents if contract.tariff_model == TariffModel.SPLIT_DAY else rate.amount_cents
        )
        guest = s.get(Guest, stay.guest_id)
        what = "alsnog gefactureerd" if delta > 0 else "afwezig, gecrediteerd"
        payer = (funder.id, guest.id if funder.invoice_to_guest and guest else None)
        result[payer].append(
            InvoiceLine(
                stay_id=stay.id,
                guest_name=display_name(guest.first_name, guest.prefix, guest.last_name)
                if guest
                else "",
                kind=LineKind.CORRECTION,
                description=f"Correctie nacht {format_date(day)}: {what} ({correction.reason})"[
                    :300
                ],
                period_from=day,
                period_to=day,
                quantity=delta,
                unit_cents=unit,
                amount_cents=delta * unit,
                correction_id=correction.id,
            )
        )
    return result


def _billed_count(s: Session, stay_id: int, day: date) -> int:
    """How often a night is on final invoices that were not credited (originals and corrections)."""
    credited = select(Invoice.credits_invoice_id).where(Invoice.kind == InvoiceKind.CREDIT)
    lines = s.scalars(
        select(InvoiceLine)
        .join(Invoice, InvoiceLine.invoice_id == Invoice.id)
        .where(
            InvoiceLine.stay_id == stay_id,
            Invoice.number.is_not(None),
            Invoice.kind == InvoiceKind.INVOICE,
            Invoice.id.not_in(credited),
            InvoiceLine.period_from <= day,
            InvoiceLine.period_to >= day,
        )
    )
    count = 0
    for line in lines:
        if line.kind == LineKind.CORRECTION:
            count += line.quantity
        elif line.kind == LineKind.STAY:
            count += 1
    return count


def contract_rates(s: Session, contract_id: int) -> list[Rate]:
    return [
        Rate(r.valid_from, r.valid_to, r.amount_cents, r.housing_cents, r.stay_cents)
        for r in s.scalars(
            select(RatePeriod)
            .where(RatePeriod.contract_id == contract_id)
            .order_by(RatePeriod.valid_from)
        )
    ]
