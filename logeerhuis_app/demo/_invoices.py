"""The demo's money: closed months, their invoices, a credit invoice, payments, one overdue."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..billing.invoice_finalising import credit, finalise
from ..billing.invoice_records import register_payment
from ..billing.invoicing import make_drafts
from ..billing.months import close_month
from ..domain.months import Month
from ..storage.database import Database

CLOSED_MONTHS = 3  # the last full months before today


@dataclass(frozen=True)
class MoneySummary:
    closed_months: int
    invoices: int
    credits: int
    payments: int
    claims: int = 0


def _months_before(today: date, count: int) -> list[Month]:
    months = [Month.of(today).previous()]
    while len(months) < count:
        months.append(months[-1].previous())
    return sorted(months)


def _reserve_crisis_bed(db: Database, today: date) -> None:
    """The municipality's crisis bed: the second bed of the two-bed room, from last month (so a
    claimed month has reserved days) through next month. The municipality gave a toewijzing
    for it on one of its clients, so its empty days go into the WMO323 (decision 0033)."""
    from ..domain.enums import TariffModel
    from ..house.contracts import list_contracts
    from ..house.reservations import ReservationData, reserve_bed
    from ..house.rooms import list_rooms

    contract = next(
        (c for c in list_contracts(db) if c.tariff_model == TariffModel.RESERVED_BED), None
    )
    room = next((r for r in list_rooms(db) if len(r.bed_ids) > 1), None)
    if contract is None or room is None:
        return
    start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    last = (today.replace(day=1) + timedelta(days=62)).replace(day=1) - timedelta(days=1)
    client, number = _bed_toewijzing(db, contract.funder_id, start)
    assert contract.id is not None  # listed, so saved
    reservation = ReservationData(
        None, room.bed_ids[1], contract.id, start, last, "Crisisbed",
        allocation_guest_id=client, allocation_reference=number,
    )  # fmt: skip
    reserve_bed(db, reservation)


def _bed_toewijzing(db: Database, funder_id: int, start: date) -> tuple[int | None, str]:
    """The first of the municipality's clients with a BSN, and a toewijzingnummer for the bed
    in the style of the demo's own (at most 9 digits)."""
    from sqlalchemy import select

    from ..db.models import Allocation, Funder, Guest

    with db.session() as s:
        funder = s.get(Funder, funder_id)
        client = s.scalar(
            select(Guest.id)
            .join(Allocation, Allocation.guest_id == Guest.id)
            .where(Allocation.funder_id == funder_id, Guest.bsn != "", Guest.bsn.is_not(None))
            .order_by(Guest.id)
        )
        if funder is None or client is None or not funder.cbs_code:
            return None, ""
        return client, f"{start.year % 10}{funder.cbs_code[1:]}99001"


def build_demo_money(db: Database, rng: random.Random, today: date) -> MoneySummary:
    _reserve_crisis_bed(db, today)
    invoices = credits = payments = 0
    finals = []
    for month in _months_before(today, CLOSED_MONTHS):
        closed_at = datetime.combine(month.after + timedelta(days=1), time(9, 30))
        close_month(db, month, by="Ingrid Bakker (coördinator)", now=closed_at)
        invoice_date = month.after + timedelta(days=2)
        for draft in make_drafts(db, month):
            final = finalise(
                db,
                draft.id,
                invoice_date=invoice_date,
                by="Ingrid Bakker",
                now=datetime.combine(invoice_date, time(10, 0)),
            )
            finals.append(final)
            invoices += 1
    if finals:
        # One invoice went out with a wrong number of nights: credited (a new one follows).
        wrong = finals[len(finals) // 2]
        assert wrong.invoice_date is not None  # a final invoice has its date
        credit_date = wrong.invoice_date + timedelta(days=6)
        credit(
            db,
            wrong.id,
            invoice_date=credit_date,
            by="Ingrid Bakker",
            now=datetime.combine(credit_date, time(11, 0)),
        )
        credits += 1
        unpaid = {finals[-1].id, finals[0].id}  # the newest is still open, the oldest is overdue
        for final in finals:
            if final.id == wrong.id or final.id in unpaid:
                continue
            assert final.invoice_date is not None  # a final invoice has its date
            paid_on = final.invoice_date + timedelta(days=rng.randint(5, 25))
            if paid_on >= today:
                continue
            amount = final.total_cents if rng.random() < 0.85 else final.total_cents // 2
            register_payment(db, final.id, paid_on=paid_on, amount_cents=amount)
            payments += 1
    from ._claims import build_demo_claims

    claims = build_demo_claims(db, _months_before(today, CLOSED_MONTHS), today)
    return MoneySummary(CLOSED_MONTHS, invoices, credits, payments, claims)
