"""Which lines of a zorgkantoor claim go into its Wlz declaration file (AW319), and what would
make that file wrong, in Dutch (issue 21, decision 0048).

Only flexibel logeren goes into the file: prestatiecode Z1003, for a client with a VV care
profile. Other Wlz lines (a zorgkantoor's own logeeropvang code, housing parts, fixed sums) stay
on the summary PDF/CSV. A pgb never reaches a zorgkantoor claim (funding_rules.PGB_PAYER refuses
it before a line is made), so no line here can be one.
"""

from __future__ import annotations

import re

from .claim_checks import agb_problems, bsn_problems
from .claims import Claim, ClaimLine
from .enums import FunderKind
from .funding_rules import has_vv_profile
from .money import format_cents

FLEX_CODE = "Z1003"

# The widths of the numeric fields these values go into (decision 0048).
MAX_VOLUME = 9_999  # aantal uitgevoerde prestaties, N4
MAX_LINE_CENTS = 99_999_999  # tarief, berekend bedrag, declaratiebedrag, N8
MAX_TOTAL_CENTS = 99_999_999_999  # totaal declaratiebedrag, N11
MAX_REFERENCE = 20  # referentienummer, AN20


def in_file(line: ClaimLine) -> bool:
    return (
        line.in_message
        and (line.product_code or "").strip().upper() == FLEX_CODE
        and has_vv_profile(line.care_profile)
    )


def file_lines(claim: Claim) -> tuple[ClaimLine, ...]:
    return tuple(line for line in claim.lines if in_file(line))


def file_total_cents(claim: Claim) -> int:
    return sum(line.signed_cents for line in file_lines(claim))


def zzp_code(care_profile: str) -> str:
    """'5VV', 'VV5', 'zzp vv 5' -> '5VV' (the Wlz care profile as COD163 writes it)."""
    text = (care_profile or "").upper()
    digits = re.search(r"\d+", text)
    if digits is None or "VV" not in text:
        return ""
    return f"{int(digits.group())}VV"


def file_problems(claim: Claim, *, draft: bool = False) -> list[str]:
    """Everything that stops the file from being written; empty when it can be.

    `draft`: the claim has no number yet (a draft on the Declaraties page)."""
    if claim.funder_kind != FunderKind.ZORGKANTOOR:
        return ["Alleen een declaratie aan een zorgkantoor heeft een AW319-bestand."]
    lines = file_lines(claim)
    if not lines:
        return [
            "Deze declaratie heeft geen regels flexibel logeren (Z1003) van cliënten met een "
            "VV-zorgprofiel: er is geen AW319-bestand."
        ]
    problems = _header_problems(claim, draft)
    seen: set[str] = set()
    for line in lines:
        for problem in _line_problems(claim, line, draft):
            if problem not in seen:
                seen.add(problem)
                problems.append(problem)
    if abs(file_total_cents(claim)) > MAX_TOTAL_CENTS:
        problems.append("Het totaal is te groot voor één AW319-bestand; splits de declaratie.")
    return problems


def file_notes(claim: Claim) -> list[str]:
    """Aandachtspunten that do not stop the file: lines the file leaves out."""
    if claim.funder_kind != FunderKind.ZORGKANTOOR or not file_lines(claim):
        return []
    left = [line for line in claim.lines if not in_file(line)]
    if not left:
        return []
    cents = sum(line.signed_cents for line in left)
    return [
        f"{len(left)} regel(s) zonder Z1003 of zonder VV-zorgprofiel ({format_cents(cents)}) "
        "staan niet in het AW319-bestand, wel in de samenvatting: declareer die apart zoals "
        "het zorgkantoor dat vraagt."
    ]


def _header_problems(claim: Claim, draft: bool) -> list[str]:
    problems = []
    if not re.fullmatch(r"\d{4}", claim.funder_code or ""):
        problems.append(
            f"{claim.funder_name}: de UZOVI-code van het zorgkantoor moet uit 4 cijfers bestaan "
            "(Financiers en contracten); zonder die code wordt er geen AW319-bestand gemaakt."
        )
    problems += agb_problems(claim.provider.agb_code)
    if draft:
        return problems
    if not re.fullmatch(r"[A-Za-z0-9]{1,12}", claim.number or ""):
        problems.append("Het declaratienummer mag alleen letters en cijfers hebben (hoogstens 12).")
    return problems


def _line_problems(claim: Claim, line: ClaimLine, draft: bool) -> list[str]:
    who = line.guest_name or "Onbekende cliënt"
    problems = bsn_problems(who, line.bsn)
    if not (claim.first_day <= line.period_from <= line.period_to <= claim.last_day):
        problems.append(f"{who}: de periode valt buiten de declaratiemaand.")
    if line.volume > MAX_VOLUME:
        problems.append(f"{who}: meer dan {MAX_VOLUME} etmalen op één regel.")
    if max(line.tariff_cents, line.amount_cents) > MAX_LINE_CENTS:
        problems.append(f"{who}: het bedrag van een regel is te groot voor het AW319-bestand.")
    if not draft and not (0 < len(line.reference) <= MAX_REFERENCE):
        problems.append(f"{who}: het referentienummer van de regel ontbreekt of is te lang.")
    if len(line.previous_reference) > MAX_REFERENCE:
        problems.append(f"{who}: het vorige referentienummer is te lang.")
    return problems
