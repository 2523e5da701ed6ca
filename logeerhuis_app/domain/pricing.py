"""Pricing nights by contract (DOMAIN.md section 3), invoice numbers, due dates and status.

Every tariff model: per occupied night, per reserved day, a housing part per contracted day plus
a stay part per night, and a fixed sum per month. Days are priced with the rate valid on each
day; consecutive days at the same rate form one line, so a tariff change splits exactly there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta

from .dates import days_between, format_date
from .enums import CountingRule, InvoiceStatus, LineKind, TariffModel
from .money import format_cents
from .months import Month
from .nights import billable_days
from .rates import RatePeriod, rate_on


class MissingRate(ValueError):
    def __init__(self, day: date) -> None:
        super().__init__(f"Er is geen tarief voor {format_date(day)}.")
        self.day = day


@dataclass(frozen=True)
class PricedLine:
    day_from: date
    day_to: date  # inclusive
    kind: LineKind  # every kind but CORRECTION, which only invoices make
    quantity: int
    unit_cents: int
    amount_cents: int
    description: str

    def __post_init__(self) -> None:
        if self.amount_cents != self.quantity * self.unit_cents:
            raise ValueError("amount must be quantity x unit")


_WORDS = {
    LineKind.STAY: ("nacht", "nachten"),
    LineKind.RESERVED: ("dag", "dagen"),
    LineKind.HOUSING: ("dag", "dagen"),
    LineKind.FIXED: ("maand", "maanden"),
}
_PREFIXES = {LineKind.RESERVED: "gereserveerd bed, ", LineKind.HOUSING: "huisvesting, "}


def _describe(kind: LineKind, quantity: int, unit_cents: int) -> str:
    one, many = _WORDS[kind]
    word = one if abs(quantity) == 1 else many
    prefix = _PREFIXES.get(kind, "")
    return f"{prefix}{quantity} {word} à {format_cents(unit_cents)}"


def _lines(
    days: Iterable[date], rates: list[RatePeriod], kind: LineKind, part: str
) -> list[PricedLine]:
    """Group consecutive days with the same unit price into lines."""
    lines: list[PricedLine] = []
    run: list[date] = []
    unit = 0  # the price of the run's days; read only once the run has a day
    for day in sorted(set(days)):
        rate = rate_on(rates, day)
        if rate is None:
            raise MissingRate(day)
        price: int = getattr(rate, part)
        if run and (price != unit or day != run[-1] + timedelta(days=1)):
            lines.append(_line(run, kind, unit))
            run = []
        run.append(day)
        unit = price
    if run:
        lines.append(_line(run, kind, unit))
    return lines


def _line(run: list[date], kind: LineKind, unit: int) -> PricedLine:
    quantity = len(run)
    return PricedLine(
        run[0], run[-1], kind, quantity, unit, quantity * unit, _describe(kind, quantity, unit)
    )


def _in_month(days: Iterable[date], month: Month) -> list[date]:
    return [d for d in days if month.contains(d)]


def price_stay_month(
    model: TariffModel,
    rule: CountingRule,
    rates: list[RatePeriod],
    arrival: date,
    departure: date,
    month: Month,
    arrival_time: time | None = None,
    absent: frozenset[date] = frozenset(),
) -> list[PricedLine]:
    """The billable days of a stay in one month, priced per day (stay part for a split tariff).
    Days in `absent` (corrected by hand: in hospital) are not billed."""
    if model in (TariffModel.RESERVED_BED, TariffModel.FIXED_PERIOD):
        return []  # paid per reserved day or per month, not per stay
    days = _in_month(billable_days(arrival, departure, rule, arrival_time), month)
    days = [d for d in days if d not in absent]
    part = "stay_cents" if model == TariffModel.SPLIT_DAY else "amount_cents"
    return _lines(days, rates, LineKind.STAY, part)


def price_reserved_days(
    rates: list[RatePeriod], start: date, end_exclusive: date, month: Month
) -> list[PricedLine]:
    return _lines(
        _in_month(days_between(start, end_exclusive), month),
        rates,
        LineKind.RESERVED,
        "amount_cents",
    )


def price_days(rates: list[RatePeriod], days: Iterable[date], kind: LineKind) -> list[PricedLine]:
    """Any set of days at the rate's day price, in runs (a reserved bed's occupied or empty
    days, which iWmo declares apart: decision 0033)."""
    return _lines(days, rates, LineKind(kind), "amount_cents")


def price_housing_days(
    rates: list[RatePeriod], contract_from: date, contract_to: date | None, month: Month
) -> list[PricedLine]:
    first, after = month.bounds()
    start = max(first, contract_from)
    end = min(after, contract_to + timedelta(days=1)) if contract_to else after
    return _lines(
        days_between(start, end) if end > start else [], rates, LineKind.HOUSING, "housing_cents"
    )


def price_fixed_month(rates: list[RatePeriod], month: Month) -> list[PricedLine]:
    first = month.first
    rate = rate_on(rates, first)
    if rate is None:
        raise MissingRate(first)
    return [
        PricedLine(
            first,
            month.last,
            LineKind.FIXED,
            1,
            rate.amount_cents,
            rate.amount_cents,
            _describe(LineKind.FIXED, 1, rate.amount_cents),
        )
    ]


def total(lines: Iterable[PricedLine]) -> int:
    return sum(line.amount_cents for line in lines)


def credit_lines(lines: Iterable[PricedLine]) -> list[PricedLine]:
    """The same lines negated: original plus credit is zero."""
    return [
        PricedLine(
            x.day_from,
            x.day_to,
            x.kind,
            -x.quantity,
            x.unit_cents,
            -x.amount_cents,
            f"Credit: {x.description}",
        )
        for x in lines
    ]


def invoice_number(year: int, sequence: int) -> str:
    """'2026-0001': the year and the number within the year's series."""
    if sequence < 1:
        raise ValueError(sequence)
    return f"{year}-{sequence:04d}"


def parse_invoice_number(text: str) -> tuple[int, int]:
    """(year, sequence) from a number as `invoice_number` writes it: 'jjjj-nnnn', at least four
    ASCII digits after the dash, the sequence above zero."""
    match = re.fullmatch(r"(\d{4})-(\d{4,})", text, re.ASCII)
    if not match or int(match[2]) < 1:
        raise ValueError(f"Geen factuurnummer: {text!r}")
    return int(match[1]), int(match[2])


def due_date(invoice_date: date, payment_term_days: int) -> date:
    return invoice_date + timedelta(days=payment_term_days)


def payment_status(
    total_cents: int, paid_cents: int, credited_cents: int, due: date, today: date
) -> InvoiceStatus:
    """One of four states, checked in this order:

    - 'betaald': payments plus credits cover the total (an invoice of zero or less is 'betaald');
    - 'vervallen': not fully paid and today is after the due date, also when partly paid;
    - 'deels betaald': something came in (paid + credited > 0), the due date not yet passed;
    - 'open': nothing came in, the due date not yet passed (the due date itself still counts).
    """
    settled = paid_cents + credited_cents
    if total_cents <= 0 or settled >= total_cents:
        return InvoiceStatus.PAID
    if today > due:
        return InvoiceStatus.OVERDUE
    return InvoiceStatus.PARTLY_PAID if settled > 0 else InvoiceStatus.OPEN
