"""Invoices and payments: final invoices stay whole, numbers have no gaps, payments fit."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from sqlalchemy import Connection, exists, func, select

from ...db.models import Invoice, InvoiceLine, InvoiceSeries, Payment
from ...domain.money import format_cents
from ...domain.payments import payment_problem
from ...domain.pricing import invoice_number
from .findings import Findings

_i, _l = Invoice.__table__.c, InvoiceLine.__table__.c
_p, _series = Payment.__table__.c, InvoiceSeries.__table__.c


def check_invoices(conn: Connection, found: Findings) -> None:
    final = _i.number.is_not(None)
    empty = conn.execute(
        select(_i.number).where(final, ~exists().where(_l.invoice_id == _i.id)).order_by(_i.id)
    ).scalars()
    found.add("Definitieve facturen zonder regels", [f"factuur {n}" for n in empty])
    line_sum = (
        select(func.coalesce(func.sum(_l.amount_cents), 0))
        .where(_l.invoice_id == _i.id)
        .scalar_subquery()
    )
    wrong_total = conn.execute(
        select(_i.number, _i.total_cents, line_sum)
        .where(final, _i.total_cents != line_sum)
        .order_by(_i.id)
    ).all()
    found.add(
        "Definitieve facturen waarvan het totaal niet klopt met de regels",
        [
            f"factuur {n}: {format_cents(total)}, de regels samen {format_cents(lines)}"
            for n, total, lines in wrong_total
        ],
    )
    _check_numbers(conn, found)
    _check_pdfs(conn, found)


def _check_numbers(conn: Connection, found: Findings) -> None:
    numbers = conn.execute(
        select(_i.id, _i.year, _i.sequence, _i.number)
        .where(_i.number.is_not(None))
        .order_by(_i.year, _i.sequence)
    ).all()
    wrong, per_year = [], defaultdict(list)
    for iid, year, sequence, number in numbers:
        if sequence is None or sequence < 1 or number != invoice_number(year, sequence):
            wrong.append(f"factuur {iid} heeft nummer {number}")
            continue
        per_year[year].append(sequence)
    found.add("Factuurnummers die niet bij jaar en volgnummer passen", wrong)
    counters = dict(conn.execute(select(_series.year, _series.last_number)).all())
    gaps = []
    for year, sequences in sorted(per_year.items()):
        given = max(counters.get(year, 0), sequences[-1])
        first, count = _missing(sequences, given)
        if count:
            shown = ", ".join(invoice_number(year, m) for m in first)
            more = f" en nog {count - len(first)}" if count > len(first) else ""
            gaps.append(f"{year}: ontbrekend {shown}{more}")
        if counters.get(year, 0) < sequences[-1]:
            gaps.append(
                f"{year}: de teller staat op {counters.get(year, 0)}, maar nummer "
                f"{invoice_number(year, sequences[-1])} bestaat al"
            )
    found.add("Gaten of fouten in de factuurnummering", gaps)


def _missing(sequences: list[int], given: int, shown: int = 10) -> tuple[list[int], int]:
    """The first few numbers from 1 to `given` that no invoice has, and how many there are.
    Walks the gaps between the numbers that exist: a damaged counter (say 10^15) must not
    make a list of every number up to it."""
    present = sorted(set(sequences))
    first: list[int] = []
    previous = 0
    for number in [*present, given + 1]:
        gap_start = previous + 1
        first += range(gap_start, min(number, gap_start + shown - len(first)))
        previous = number
        if len(first) >= shown:
            break
    return first, given - len(present)


def _check_pdfs(conn: Connection, found: Findings) -> None:
    """Each final invoice's stored PDF against its SHA-256, one PDF in memory at a time."""
    ids = conn.execute(select(_i.id).where(_i.number.is_not(None)).order_by(_i.id)).scalars().all()
    damaged = []
    for iid in ids:
        number, pdf, digest = conn.execute(
            select(_i.number, _i.pdf, _i.pdf_sha256).where(_i.id == iid)
        ).one()
        if pdf is None:
            damaged.append(f"factuur {number} heeft geen PDF")
        elif hashlib.sha256(pdf).hexdigest() != digest:
            damaged.append(f"factuur {number}")
    found.add("Opgeslagen PDF's van definitieve facturen die niet meer kloppen", damaged)


def check_payments(conn: Connection, found: Findings) -> None:
    rows = conn.execute(
        select(_p.id, _p.amount_cents, _i.id, _i.number, _i.total_cents)
        .join_from(Payment.__table__, Invoice.__table__, _i.id == _p.invoice_id)
        .order_by(_i.id, _p.paid_on, _p.id)
    ).all()
    paid: dict[int, int] = defaultdict(int)
    wrong = []
    for pid, amount, iid, number, total in rows:
        if number is None:
            wrong.append(f"betaling {pid} hoort bij een conceptfactuur (id {iid})")
            continue
        problem = payment_problem(total, paid[iid], amount)
        if problem is not None:
            wrong.append(f"betaling {pid} bij factuur {number}: {problem.rstrip('.')}")
        paid[iid] += amount
    found.add("Betalingen die niet kunnen", wrong)
