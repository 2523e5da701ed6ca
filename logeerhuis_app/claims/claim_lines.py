"""What a municipality or zorgkantoor owes for a month, line by line, priced from the stays.

Claims go to funders of kind gemeente and zorgkantoor that do not want an invoice (those are
invoiced instead, see billing/invoicing.py and docs/decisions/0012). Per stay the nights of
the month at the contract's rate (split at rate changes), and per contract the reserved beds,
housing parts and fixed sums of the month.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..billing.corrections import corrections_for
from ..billing.invoice_lines import (
    contract_rates,
    priced_contract_days,
    rates_of,
    reserved_contracts,
    reserved_days,
)
from ..db.models import (
    Allocation,
    BedReservation,
    Contract,
    Funder,
    Guest,
    Stay,
)
from ..domain.claims import ClaimLine
from ..domain.dates import format_date
from ..domain.enums import CountingRule, FunderKind, LineKind, StayStatus, TariffModel
from ..domain.months import Month
from ..domain.nights import occupied_nights
from ..domain.people import display_name
from ..domain.planning import late_cancellation_billed
from ..domain.pricing import (
    MissingRate,
    PricedLine,
    price_days,
    price_stay_month,
)
from ..planning.funding_guard import allocation_findings
from ..planning.wlz_counts import wlz_year_totals
from ..services.errors import ServiceError

CLAIM_FUNDER_KINDS = (FunderKind.GEMEENTE.value, FunderKind.ZORGKANTOOR.value)
_CLAIMED_STATUSES = (
    StayStatus.CONFIRMED,
    StayStatus.PRESENT,
    StayStatus.DEPARTED,
    StayStatus.CANCELLED,  # only late cancellations the contract pays for
)


@dataclass(frozen=True)
class SourcedLine:
    """A claim line with where it came from; `subject` groups the lines a correction replaces."""

    line: ClaimLine
    stay_id: int | None
    guest_id: int | None
    contract_id: int | None
    allocation_id: int | None

    @property
    def subject(self) -> tuple:
        if self.stay_id is not None:
            return ("stay", self.stay_id)
        return (self.line.kind, self.contract_id, self.line.contract_name)

    @property
    def signature(self) -> tuple:
        """What the receiver sees of a line; two equal signatures need no correction."""
        ln = self.line
        return (
            ln.kind,
            ln.bsn,
            ln.allocation_reference,
            ln.product_category,
            ln.product_code,
            ln.unit,
            ln.period_from,
            ln.period_to,
            ln.volume,
            ln.tariff_cents,
        )


def claim_funders(s: Session) -> list[Funder]:
    return list(
        s.scalars(
            select(Funder)
            .where(
                Funder.kind.in_(CLAIM_FUNDER_KINDS),
                Funder.wants_invoice.is_(False),
                Funder.invoice_to_guest.is_(False),
            )
            .order_by(Funder.kind, Funder.name)
        )
    )


def month_lines(
    s: Session, of: Month, refused: list[tuple[int, str]] | None = None
) -> dict[int, list[SourcedLine]]:
    """funder id -> the lines it owes for the month as the data stands now.

    A stay the funding rules refuse (Z1003 without a VV profile, a pgb under a claiming funder)
    is never put in a claim; (funder id, why) goes to `refused` instead.
    """
    first, after = of.bounds()
    funders = {f.id: f for f in claim_funders(s)}
    result: dict[int, list[SourcedLine]] = defaultdict(list)
    if not funders:
        return result
    rows = s.execute(
        select(Stay, Guest, Allocation, Contract)
        .join(Guest, Stay.guest_id == Guest.id)
        .join(Allocation, Stay.allocation_id == Allocation.id)
        .join(Contract, Allocation.contract_id == Contract.id)
        .where(
            Stay.arrival < after,
            Stay.departure > first,
            Stay.status.in_(_CLAIMED_STATUSES),
            Allocation.funder_id.in_(funders),
        )
        .order_by(Guest.last_name, Guest.first_name, Stay.arrival, Stay.id)
    ).all()
    corrections = corrections_for(s, [stay.id for stay, *_rest in rows])
    covered = reserved_days(s, first, after)
    paying = reserved_contracts(s, first, after)
    occupied: dict[int, set[date]] = defaultdict(set)  # bed -> reserved days declared on a guest
    wlz_guests = {
        g.id for _s, g, a, _c in rows if funders[a.funder_id].kind == FunderKind.ZORGKANTOOR
    }
    year_nights = {
        guest: n
        for (guest, _y), n in wlz_year_totals(s, wlz_guests, {of.year}, before=after).items()
    }
    for stay, guest, allocation, contract in rows:
        if stay.status == StayStatus.CANCELLED and not _late_billed(stay, contract):
            continue
        findings = allocation_findings(s, allocation)
        if findings:
            who = display_name(guest.first_name, guest.prefix, guest.last_name)
            for finding in findings:
                why = f"{who} ({format_date(stay.arrival)}): {finding.text} Niet gedeclareerd."
                if refused is not None and (allocation.funder_id, why) not in refused:
                    refused.append((allocation.funder_id, why))
            continue
        absent = frozenset(
            d for (sid, d), c in corrections.items() if sid == stay.id and not c.billable
        ) | covered.get((stay.bed_id, allocation.funder_id), set())  # paid as a reserved bed
        try:
            priced = price_stay_month(
                TariffModel(contract.tariff_model),
                CountingRule(contract.counting_rule),
                contract_rates(s, contract.id),
                stay.arrival,
                stay.departure,
                of,
                absent=frozenset(absent),
            )
        except MissingRate as exc:
            raise ServiceError(f"{contract.name}: {exc.args[0] if exc.args else exc}") from exc
        name = display_name(guest.first_name, guest.prefix, guest.last_name)
        if stay.status != StayStatus.CANCELLED:
            # The guest's nights in a reserved bed are the reservation's days: declared on this
            # guest (BSN, toewijzing) at the reservation's product and day tariff (0033).
            slept = set(occupied_nights(stay.arrival, stay.departure)) - corrections_absent(
                corrections, stay.id
            )
            in_bed = paying.get((stay.bed_id, allocation.funder_id), {})
            for bed_contract, days in _by_contract(in_bed, slept).items():
                occupied[stay.bed_id] |= days
                with rates_of(bed_contract):
                    runs = price_days(contract_rates(s, bed_contract.id), days, LineKind.STAY)
                for p in runs:
                    line = _line(p, bed_contract, name=name, bsn=guest.bsn or "",
                                 allocation=allocation)  # fmt: skip
                    result[allocation.funder_id].append(
                        SourcedLine(line, stay.id, guest.id, bed_contract.id, allocation.id)
                    )
        for p in priced:
            line = _line(p, contract, name=name, bsn=guest.bsn or "", allocation=allocation)
            if funders[allocation.funder_id].kind == FunderKind.ZORGKANTOOR:
                line = replace(line, year_nights=year_nights.get(guest.id, 0))
            result[allocation.funder_id].append(
                SourcedLine(line, stay.id, guest.id, contract.id, allocation.id)
            )
    _contract_lines(s, of, funders, result, occupied)
    return result


def corrections_absent(corrections: dict, stay_id: int) -> set[date]:
    return {d for (sid, d), c in corrections.items() if sid == stay_id and not c.billable}


def _by_contract(in_bed: dict[date, Contract], slept: set[date]) -> dict[Contract, set[date]]:
    found: dict[Contract, set[date]] = defaultdict(set)
    for day in slept:
        if day in in_bed:
            found[in_bed[day]].add(day)
    return found


def _contract_lines(
    s: Session,
    month: Month,
    funders: dict[int, Funder],
    result: dict,
    occupied: dict[int, set[date]],
) -> None:
    """Reserved beds (the empty days), housing parts of split-day contracts and fixed sums.

    The empty days of a bed the municipality gave a toewijzing for go into the WMO323 on that
    client and number (decision 0033); without one they stay on the summary."""
    for contract, label, p, reservation in priced_contract_days(s, month, set(funders), occupied):
        toewijzing = _bed_toewijzing(s, reservation, funders[contract.funder_id])
        if toewijzing is None:
            line = _line(p, contract, label=label)
            result[contract.funder_id].append(SourcedLine(line, None, None, contract.id, None))
            continue
        client, reference = toewijzing
        name = display_name(client.first_name, client.prefix, client.last_name)
        line = _line(p, contract, label=label, name=name, bsn=client.bsn or "",
                     reference=reference)  # fmt: skip
        result[contract.funder_id].append(SourcedLine(line, None, client.id, contract.id, None))


def _bed_toewijzing(
    s: Session, reservation: BedReservation | None, funder: Funder
) -> tuple[Guest, str] | None:
    """The client and number of a municipality's toewijzing for a reserved bed, if it gave one."""
    if reservation is None or funder.kind != FunderKind.GEMEENTE:
        return None
    if reservation.allocation_guest_id is None or not reservation.allocation_reference:
        return None
    client = s.get(Guest, reservation.allocation_guest_id)
    return (client, reservation.allocation_reference) if client is not None else None


def unallocated_bed_notes(lines: Iterable[ClaimLine]) -> list[str]:
    """An aandachtspunt per reserved Wmo bed whose empty days stay out of the WMO323 because
    the reservation has no toewijzing (not a problem: the claim can be made without them)."""
    days: dict[str, int] = defaultdict(int)
    for ln in lines:
        if ln.kind == LineKind.RESERVED and not ln.in_message and ln.debit_credit == "D":
            days[ln.contract_name] += ln.volume
    return [
        f"Gereserveerd bed {name} heeft geen toewijzing: de lege dagen ({count}) gaan niet "
        "mee in de WMO323. Leg de toewijzing van de gemeente vast bij de reservering (Kamers)."
        for name, count in days.items()
    ]


def _line(
    p: PricedLine,
    contract: Contract,
    *,
    name: str = "",
    bsn: str = "",
    allocation: Allocation | None = None,
    label: str = "",
    reference: str = "",
) -> ClaimLine:
    return ClaimLine(
        reference="",
        previous_reference="",
        kind=p.kind,
        guest_name=name,
        bsn=bsn,
        allocation_reference=allocation.reference if allocation else reference,
        care_profile=allocation.care_profile if allocation else "",
        contract_name=label or contract.name,
        product_category=contract.product_category,
        product_code=contract.product_code,
        unit=contract.unit or "14",
        period_from=p.day_from,
        period_to=p.day_to,
        volume=p.quantity,
        tariff_cents=p.unit_cents,
        amount_cents=p.amount_cents,
    )


def _late_billed(stay: Stay, contract: Contract) -> bool:
    cancelled_on = stay.cancelled_at.date() if stay.cancelled_at else None
    return late_cancellation_billed(
        stay.arrival, cancelled_on, contract.late_cancel_billable, contract.late_cancel_days
    )
