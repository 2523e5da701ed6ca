"""Start and stop of Wmo care (iWmo WMO305 and WMO307), derived from allocations and nights.

Nothing is stored (docs/decisions/0019): a Wmo allocation *starts* on its first active night,
in the month of that night, and *stops* on its end date, in the month of that date (reason 19,
levering volgens plan beeindigd), provided it started. So each start and each stop belongs to
exactly one month, and deriving a month again gives the same messages.

An iWmo message holds one client, so a month gives one message per municipality per client;
`sequence` numbers them per municipality (ordered by guest id) for the file name and the
BerichtIdentificatie (12 characters at most: kind, CBS code, yymm, sequence).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from .claim_checks import (
    PRODUCT_CATEGORIES,
    agb_problems,
    allocation_reference_problems,
    bsn_problems,
    municipality_code_problems,
)
from .dates import format_date
from .months import Month

START, STOP = "305", "307"
REASON_PLANNED_END = "19"  # LDT_RedenBeeindiging: levering volgens plan beeindigd
_GENDER_CODES = {"M": "1", "V": "2"}  # LDT_Geslacht; anything else is 0 (onbekend)


@dataclass(frozen=True)
class CareClient:
    guest_id: int
    name: str  # for the messages to staff only
    bsn: str
    first_name: str
    prefix: str
    last_name: str
    date_of_birth: date | None
    gender: str  # M / V / X / ''

    @property
    def gender_code(self) -> str:
        return _GENDER_CODES.get(self.gender.upper(), "0")

    @property
    def initials(self) -> str:
        """Voorletters: the first letter of each first name, no dots or spaces (at most 6)."""
        letters = "".join(part[0] for part in re.findall(r"[^\W\d_]+", self.first_name))
        return letters[:6]


@dataclass(frozen=True)
class CareAllocation:
    """A municipality's toewijzing with what the messages need, and its first active night."""

    allocation_id: int
    client: CareClient
    funder_name: str
    municipality_code: str  # CBS code of the funder: the Ontvanger
    reference: str  # toewijzingnummer
    product_category: str
    product_code: str
    start_date: date
    end_date: date | None
    first_night: date | None  # of all its stays, in any month; None when it never started


@dataclass(frozen=True)
class CareProduct:
    """A StartProduct or StopProduct."""

    reference: str
    product_category: str
    product_code: str
    allocation_start: date  # ToewijzingIngangsdatum
    begin: date  # Begindatum: the first night
    end: date | None = None  # Einddatum (stop only): the allocation's end date
    reason: str = ""  # RedenBeeindiging (stop only)
    allocation_id: int = 0
    status: str = "1"  # StatusAanlevering: 1 eerste aanlevering, 3 verwijderen (IV008)

    @property
    def key(self) -> tuple[object, ...]:
        """The logical key iWmo identifies a product by (IV008): a correction that keeps it
        must delete and deliver in two messages."""
        return (self.reference, self.product_category, self.product_code, self.begin,
                self.reason, self.end)  # fmt: skip


@dataclass(frozen=True)
class CareMessage:
    kind: str  # START (305) or STOP (307)
    sender: str  # AGB code of the house
    receiver: str  # CBS code of the municipality
    funder_name: str
    year: int
    month: int
    sequence: int  # per kind, municipality and month, from 1
    made_on: date  # Dagtekening
    client: CareClient
    products: tuple[CareProduct, ...]

    @property
    def identification(self) -> str:
        month = f"{self.year % 100:02d}{self.month:02d}"
        return f"{self.kind[-1]}{self.receiver}{month}{self.sequence:03d}"

    @property
    def file_name(self) -> str:
        """Numbers and codes only: no name or BSN in a file name (DOMAIN.md 7)."""
        month = f"{self.year}-{self.month:02d}"
        return f"WMO{self.kind}-{self.receiver}-{month}-{self.sequence:03d}.xml"


def month_care_messages(
    allocations: list[CareAllocation], agb_code: str, month: Month, made_on: date
) -> tuple[list[CareMessage], list[str]]:
    """The WMO305 and WMO307 messages of a month, and in Dutch what kept a guest out."""
    events: list[tuple[str, CareAllocation, CareProduct]] = []
    for allocation in allocations:
        events += [(kind, allocation, p) for kind, p in _events(allocation, month)]
    if not events:
        return [], []
    if refused := agb_problems(agb_code):
        return [], refused
    problems: list[str] = []
    grouped: dict[tuple[str, str, int], list[tuple[CareAllocation, CareProduct]]]
    grouped = defaultdict(list)
    for kind, allocation, product in events:
        found = _problems(allocation)
        for problem in found:
            if problem not in problems:
                problems.append(problem)
        if not found:
            key = (kind, allocation.municipality_code, allocation.client.guest_id)
            grouped[key].append((allocation, product))
    messages: list[CareMessage] = []
    sequences: dict[tuple[str, str], int] = defaultdict(int)
    for kind, receiver, _guest in sorted(grouped):
        items = grouped[(kind, receiver, _guest)]
        sequences[(kind, receiver)] += 1
        products = sorted((p for _a, p in items), key=lambda p: (p.begin, p.reference))
        messages.append(
            CareMessage(
                kind, agb_code, receiver, items[0][0].funder_name, month.year, month.month,
                sequences[(kind, receiver)], made_on, items[0][0].client, tuple(products),
            )
        )  # fmt: skip
    return messages, problems


def _events(allocation: CareAllocation, month: Month) -> list[tuple[str, CareProduct]]:
    first = allocation.first_night
    if first is None:
        return []
    start = CareProduct(
        allocation.reference,
        allocation.product_category,
        allocation.product_code,
        allocation.start_date,
        first,
        allocation_id=allocation.allocation_id,
    )
    found = []
    if month.contains(first):
        found.append((START, start))
    end = allocation.end_date
    if end is not None and month.contains(end) and first <= end:
        found.append((STOP, replace(start, end=end, reason=REASON_PLANNED_END)))
    return found


def care_problems(allocation: CareAllocation) -> list[str]:
    """What keeps an allocation out of the messages (an earlier sent one stays as it is)."""
    return _problems(allocation)


def _problems(allocation: CareAllocation) -> list[str]:
    """What the municipality would refuse, as in the WMO323 checks (domain/claim_checks)."""
    client = allocation.client
    who = client.name or "Onbekende gast"
    found = bsn_problems(who, client.bsn)
    if client.date_of_birth is None:
        found.append(f"{who}: de geboortedatum ontbreekt (Gasten).")
    if not client.last_name.strip():
        found.append(f"{who}: de achternaam ontbreekt (Gasten).")
    if len(client.prefix.strip()) > 10:
        found.append(f"{who}: het tussenvoegsel mag hoogstens 10 tekens hebben (Gasten).")
    found += municipality_code_problems(allocation.funder_name, allocation.municipality_code)
    found += allocation_reference_problems(who, allocation.reference)
    first = allocation.first_night
    if first is not None and first < allocation.start_date:
        found.append(
            f"{who}: de eerste nacht ({format_date(first)}) ligt vóór de ingangsdatum van de "
            f"toewijzing ({format_date(allocation.start_date)})."
        )
    if allocation.product_category not in PRODUCT_CATEGORIES:
        found.append(f"{who}: de productcategorie van het contract ontbreekt of is onbekend.")
    if allocation.product_code and not re.fullmatch(r"\S{1,5}", allocation.product_code):
        found.append(f"{who}: de productcode van het contract is te lang (hoogstens 5 tekens).")
    return found
