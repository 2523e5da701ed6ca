"""A claim (declaratie) to a municipality or zorgkantoor for one calendar month, as plain data.

The services build it from the priced nights; the documents (WMO323 XML, summary PDF, CSV,
XLSX) only read it. Amounts are cents and always positive; `debit_credit` says the sign, as in
iWmo. Lines of kind "verblijf" belong to one guest and go into the WMO323 message; housing
parts and fixed sums belong to no guest and appear only in the summary. A reserved bed's empty
days go into the message when the municipality gave a toewijzing for the bed (a client and a
number, decision 0033), otherwise only into the summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .enums import ClaimKind, FunderKind, LineKind
from .months import Month

WLZ_YEAR_CAP = 156

CLIENT_KINDS = (LineKind.STAY,)
_KINDS = {kind.value: kind for kind in LineKind}


@dataclass(frozen=True)
class ClaimLine:
    reference: str  # ReferentieNummer, unique per provider (<= 20 characters)
    previous_reference: str  # VorigReferentieNummer: the debit line a credit line cancels
    # A LineKind but corrections (as domain.pricing makes them); stored rows read back as text.
    kind: str
    guest_name: str  # empty for lines that belong to no guest
    bsn: str
    allocation_reference: str  # toewijzingnummer (Wmo) or indication reference (Wlz)
    care_profile: str  # Wlz zorgprofiel, e.g. 5VV
    contract_name: str
    product_category: str  # iWmo WMO020, e.g. 04
    product_code: str  # e.g. 04A04 or Z1003
    unit: str  # iWmo WJ756, 14 = etmaal
    period_from: date
    period_to: date  # the last day, inclusive
    volume: int
    tariff_cents: int
    amount_cents: int  # volume x tariff, never negative
    debit_credit: str = "D"  # D or C
    year_nights: int | None = None  # Wlz: nights used this year up to the end of this month
    redeclares: str = ""  # the reference of a rejected line (WMO325) this line declares again

    @property
    def signed_cents(self) -> int:
        return self.amount_cents if self.debit_credit == "D" else -self.amount_cents

    @property
    def signed_volume(self) -> int:
        return self.volume if self.debit_credit == "D" else -self.volume

    @property
    def in_message(self) -> bool:
        """Whether the line belongs in the WMO323 message (a client line with a BSN)."""
        if self.kind == LineKind.RESERVED:  # the bed's own toewijzing, when there is one
            return bool(self.bsn and self.allocation_reference)
        return self.kind in CLIENT_KINDS

    @property
    def kind_label(self) -> str:
        known = _KINDS.get(self.kind)
        return known.label if known else self.kind


@dataclass(frozen=True)
class ClaimParty:
    """The provider as it appears on the claim."""

    name: str
    street: str
    postcode: str
    city: str
    kvk: str
    agb_code: str
    iban: str


@dataclass(frozen=True)
class Claim:
    number: str  # DeclaratieNummer (letters and digits, <= 12); empty for a draft
    kind: str  # a ClaimKind: a declaration, or a correction of a claimed month
    funder_kind: str  # gemeente | zorgkantoor
    funder_name: str
    funder_code: str  # gemeente: CBS code (4 digits); zorgkantoor: UZOVI code
    year: int
    month: int
    made_on: date
    provider: ClaimParty
    lines: tuple[ClaimLine, ...]

    @property
    def period(self) -> Month:
        """The month claimed (stored as two numbers, like every claim row)."""
        return Month(self.year, self.month)

    @property
    def first_day(self) -> date:
        return self.period.first

    @property
    def last_day(self) -> date:
        return self.period.last

    @property
    def is_correction(self) -> bool:
        return self.kind == ClaimKind.CORRECTION

    @property
    def is_draft(self) -> bool:
        return not self.number

    @property
    def is_wmo(self) -> bool:
        return self.funder_kind == FunderKind.GEMEENTE

    @property
    def message_lines(self) -> tuple[ClaimLine, ...]:
        return tuple(line for line in self.lines if line.in_message)

    @property
    def other_lines(self) -> tuple[ClaimLine, ...]:
        return tuple(line for line in self.lines if not line.in_message)

    @property
    def message_total_cents(self) -> int:
        """Signed total of the lines in the WMO323 message (TotaalIngediendBedrag)."""
        return sum(line.signed_cents for line in self.message_lines)

    @property
    def other_total_cents(self) -> int:
        return sum(line.signed_cents for line in self.other_lines)

    @property
    def total_cents(self) -> int:
        return sum(line.signed_cents for line in self.lines)

    @property
    def nights(self) -> int:
        return sum(line.signed_volume for line in self.message_lines)


def split_signed(cents: int) -> tuple[int, str]:
    """iWmo writes an amount as a positive number with D or C; zero is D (rule CS325)."""
    return (abs(cents), "C" if cents < 0 else "D")
