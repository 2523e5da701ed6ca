"""The checks a municipality's portal runs on a WMO323 (and a zorgkantoor on its claim), done
before the file is written, so that staff see in Dutch what to fix instead of a rejection
weeks later. Each problem is one sentence naming the guest where there is one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from stdnum.nl import bsn as stdnum_bsn

from .caps import periods_exceeding
from .claims import Claim, ClaimLine
from .dates import format_date
from .enums import LineKind
from .months import Month

# iWmo WMO020: the product categories a municipality can allocate.
PRODUCT_CATEGORIES = frozenset(f"{n:02d}" for n in range(1, 19))
# iWmo WJ756: the units of the standard (14 = etmaal).
UNITS = frozenset({"01", "04", "14", "16", "57", "82", "83"})


@dataclass(frozen=True)
class AllocationTerms:
    """What the allocation behind a line allows: its period and volume, and all its nights."""

    start: date
    end: date | None
    volume: int | None
    frequency: str  # week | month | total
    nights: tuple[date, ...]


def claim_problems(claim: Claim, terms: dict[str, AllocationTerms]) -> list[str]:
    """Everything that would make the receiver refuse the claim or a line of it."""
    problems = _header_problems(claim)
    seen: set[str] = set()
    for line in claim.message_lines:
        # A reserved bed's own toewijzing (its empty days) is not a guest's allocation: the
        # guest's period and volume do not describe it.
        own = terms.get(line.allocation_reference) if line.kind == LineKind.STAY else None
        for problem in _line_problems(claim, line, own):
            if problem not in seen:  # a stay split at a rate change would repeat itself
                seen.add(problem)
                problems.append(problem)
    return problems


# -- the checks every iWmo message shares (WMO323 here, WMO305/WMO307 in domain.care_messages)
def agb_problems(agb_code: str) -> list[str]:
    if re.fullmatch(r"\d{8}", agb_code or ""):
        return []
    return ["De AGB-code van het logeerhuis moet uit 8 cijfers bestaan (Instellingen)."]


def municipality_code_problems(funder_name: str, code: str) -> list[str]:
    if re.fullmatch(r"\d{4}", code or ""):
        return []
    return [
        f"{funder_name}: de gemeentecode moet uit 4 cijfers bestaan (Financiers en contracten)."
    ]


def bsn_problems(who: str, bsn: str) -> list[str]:
    if not bsn:
        return [f"{who}: het BSN ontbreekt (Gasten)."]
    if not stdnum_bsn.is_valid(bsn):
        return [f"{who}: het BSN {bsn} klopt niet (elfproef) (Gasten)."]
    return []


def is_allocation_number(reference: str) -> bool:
    """iWmo ToewijzingNummer: a whole number of at most 9 digits (RS001, RS006)."""
    return re.fullmatch(r"\d{1,9}", reference or "") is not None


def allocation_reference_problems(who: str, reference: str) -> list[str]:
    if not reference:
        return [f"{who}: het toewijzingnummer ontbreekt (Gasten, financiering)."]
    if not is_allocation_number(reference):
        return [
            f"{who}: het toewijzingnummer {reference} moet een getal van hoogstens 9 cijfers zijn."
        ]
    return []


def _header_problems(claim: Claim) -> list[str]:
    problems = agb_problems(claim.provider.agb_code)
    if claim.is_wmo:
        problems += municipality_code_problems(claim.funder_name, claim.funder_code)
    if claim.number and not re.fullmatch(r"[A-Za-z0-9]{1,12}", claim.number):
        problems.append("Het declaratienummer mag alleen letters en cijfers hebben (hoogstens 12).")
    return problems


def _line_problems(claim: Claim, line: ClaimLine, terms: AllocationTerms | None) -> Iterable[str]:
    who = line.guest_name or "Onbekende gast"
    yield from bsn_problems(who, line.bsn)
    if not _period_fits(claim, line):
        yield f"{who}: de periode valt buiten de declaratiemaand."
    if claim.is_wmo:
        yield from _wmo_line_problems(who, line, terms)
    elif not line.product_code:
        yield f"{line.contract_name}: de prestatiecode ontbreekt (contract)."


def _period_fits(claim: Claim, line: ClaimLine) -> bool:
    """Inside the declaration month; a line declared again after a rejection (or a credit
    beside it) keeps its own earlier month, which iWmo allows in a later declaration (IV090)."""
    if claim.period.contains(line.period_from) and claim.period.contains(line.period_to):
        return line.period_from <= line.period_to
    same_month = Month.of(line.period_from).contains(line.period_to)
    return same_month and line.period_from <= line.period_to < claim.first_day


def _wmo_line_problems(who: str, line: ClaimLine, terms: AllocationTerms | None) -> Iterable[str]:
    yield from allocation_reference_problems(who, line.allocation_reference)
    if line.product_category not in PRODUCT_CATEGORIES:
        yield f"{line.contract_name}: de productcategorie ontbreekt of is onbekend (contract)."
    if not re.fullmatch(r"\S{1,5}", line.product_code or ""):
        yield f"{line.contract_name}: de productcode ontbreekt of is te lang (contract)."
    if line.unit not in UNITS:
        yield f"{line.contract_name}: de eenheid {line.unit} is geen iWmo-eenheid (contract)."
    if terms is None:
        return
    end = terms.end
    if line.period_from < terms.start or (end is not None and line.period_to > end):
        until = f" t/m {format_date(end)}" if end else ""
        yield (
            f"{who}: nachten van {format_date(line.period_from)} t/m "
            f"{format_date(line.period_to)} vallen buiten de toewijzing "
            f"({format_date(terms.start)}{until})."
        )
    if terms.volume:
        yield from _volume_problems(who, line, terms)


def _volume_problems(who: str, line: ClaimLine, terms: AllocationTerms) -> Iterable[str]:
    volume = terms.volume or 0
    if terms.frequency == "total":
        used = sum(1 for n in set(terms.nights) if n <= line.period_to)
        if used > volume:
            yield f"{who}: {used} nachten, meer dan de {volume} van de toewijzing."
        return
    word = "week" if terms.frequency == "week" else "maand"
    for start, count in periods_exceeding(terms.nights, volume, terms.frequency):
        if word == "maand":
            touches = start == line.period_from.replace(day=1)
        else:
            touches = start <= line.period_to and start + timedelta(days=6) >= line.period_from
        if touches:
            yield (
                f"{who}: {count} nachten in de {word} van {format_date(start)}, meer dan de "
                f"{volume} per {word} van de toewijzing."
            )
