"""The iWmo 3.2 allocation message (WMO301, toewijzing) as plain values, and the rules inside
one message that the house checks before it believes it (decision 0044).

Each problem carries the WJ001 retourcode the answer (WMO302) reports it with: 0001 for a rule
that can be checked within the message (a condition or constraint), 8848 for a Dagtekening in
the future. Rules that need the house's own data (the municipality, contracts, billed nights)
are checked in claims._wmo301_plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stdnum.nl import bsn as stdnum_bsn

from .dates import format_date

MESSAGE_CODE = "414"  # WMO301
ANSWER_CODE = "415"  # WMO302, its retourbericht

# WJ001 retourcodes this house gives.
TECHNICAL = "0001"  # bericht afgekeurd om technische redenen (a CD/CS rule)
NO_REMARK = "0200"  # geen opmerking over deze berichtklasse
NOT_CHECKED = "0233"  # berichtklasse is niet beoordeeld
DATED_IN_FUTURE = "8848"  # TR135
IDENTIFICATION_NOT_UNIQUE = "9056"  # TR056
MUNICIPALITY_INVALID = "S300"  # TR378
PRODUCT_INVALID = "S329"  # TR381
NUMBER_NOT_UNIQUE = "9332"  # TR332
HAS_CLAIMED_LINES = "9385"  # TR385

# LDT_Frequentie -> the house's volume frequency (1, per dag, does not fit etmalen: CS338).
FREQUENCIES = {"2": "week", "4": "month", "6": "total"}
FREQUENCY_LABELS = {"1": "per dag", "2": "per week", "4": "per maand", "6": "in totaal"}
REMOVED = "13"  # LDT_RedenWijziging 13: verwijderd
REASON_LABELS = {
    "02": "cliënt overleden", "03": "contractwijziging", "04": "verlenging",
    "05": "verkorting", "06": "uitstroom naar ander domein",
    "07": "verhuizing naar een andere gemeente", "08": "wijziging leveringsvorm",
    "09": "overstap naar andere aanbieder", "10": "nieuwe bekostigingssystematiek",
    "11": "gemeentelijke herindeling", "12": "op verzoek van de aanbieder",
    "13": "verwijderd", "14": "administratieve correctie",
}  # fmt: skip
GENDERS = {"0": "", "1": "M", "2": "V"}  # LDT_Geslacht -> the guest's gender


@dataclass(frozen=True)
class MessageHeader:
    sender: str  # the municipality's CBS code
    receiver: str  # the provider's AGB code
    identification: str
    dated: date


@dataclass(frozen=True)
class MessageClient:
    bsn: str
    date_of_birth: date
    gender_code: str  # LDT_Geslacht: 0, 1, 2
    last_name: str
    prefix: str = ""
    first_names: str = ""
    initials: str = ""
    street: str = ""
    house_number: str = ""  # number, letter and addition as one text
    postcode: str = ""
    city: str = ""

    @property
    def name(self) -> str:
        first = self.first_names or self.initials
        return " ".join(p for p in (first, self.prefix, self.last_name) if p)


@dataclass(frozen=True)
class AllocatedProduct:
    number: str  # ToewijzingNummer, digits without leading zeros
    category: str  # WMO020, e.g. 04
    code: str  # e.g. 04A04; "" for an aspecific allocation
    allocated_on: date  # Toewijzingsdatum
    start: date  # Ingangsdatum
    end: date | None = None
    reason: str = ""  # RedenWijziging (WMO002), "" for a first allocation
    volume: int | None = None
    unit: str = ""  # WJ756, 14 = etmaal
    frequency: str = ""  # LDT_Frequentie
    budget: int | None = None  # cents
    comment: str = ""

    @property
    def frequency_key(self) -> str:
        return FREQUENCIES.get(self.frequency, "")

    def describe(self) -> str:
        """One Dutch line: product, period and volume."""
        product = f"{self.category}/{self.code}" if self.code else f"categorie {self.category}"
        until = f" t/m {format_date(self.end)}" if self.end else " (geen einddatum)"
        amount = ""
        if self.volume is not None:
            unit = "etmalen" if self.unit == "14" else f"eenheid {self.unit}"
            amount = f", {self.volume} {unit} {FREQUENCY_LABELS.get(self.frequency, '')}"
        return f"product {product}, {format_date(self.start)}{until}{amount}".rstrip()


@dataclass(frozen=True)
class AllocationMessage:
    header: MessageHeader
    client: MessageClient
    products: tuple[AllocatedProduct, ...]


@dataclass(frozen=True)
class Problem:
    """A reason to refuse the message, with the retourcode and where it is (header, client or
    the index of a product)."""

    code: str
    text: str
    where: str = "header"  # "header" | "client" | "product:<index>"


def message_problems(message: AllocationMessage, today: date) -> list[Problem]:
    """The rules within the message the house relies on (level 2 of IV032, and TR135)."""
    problems: list[Problem] = []
    if message.header.dated > today:
        problems.append(
            Problem(
                DATED_IN_FUTURE,
                f"De dagtekening van het bericht ({format_date(message.header.dated)}) ligt "
                "na vandaag.",
            )
        )
    if not stdnum_bsn.is_valid(message.client.bsn):  # the number itself is not repeated (0027)
        problems.append(
            Problem(TECHNICAL, "Het BSN van de cliënt klopt niet (elfproef, CS002).", "client")
        )
    seen: set[str] = set()
    for index, product in enumerate(message.products):
        where = f"product:{index}"
        if product.number in seen:
            problems.append(
                Problem(TECHNICAL, f"Toewijzing {product.number} staat twee keer in het bericht.",
                        where)
            )  # fmt: skip
        seen.add(product.number)
        problems += [Problem(TECHNICAL, f"Toewijzing {product.number}: {text}", where)
                     for text in product_rule_problems(product)]  # fmt: skip
    return problems


def product_rule_problems(product: AllocatedProduct) -> list[str]:
    """The conditions and constraints of a ToegewezenProduct (regels per data-element)."""
    found = []
    if product.end is not None and product.end < product.start:
        found.append("de einddatum ligt vóór de ingangsdatum (CS003).")
    if product.reason == "01":
        found.append("reden wijziging 01 wordt niet meer gebruikt (CS336).")
    if product.reason == REMOVED and product.end != product.start:
        found.append("'verwijderd' (reden 13) kan alleen als ingangs- en einddatum gelijk zijn "
                     "(CS335).")  # fmt: skip
    if product.budget is not None:
        found.append("een toewijzing met een budget kan dit logeerhuis niet verwerken; het "
                     "werkt met etmalen.")  # fmt: skip
        return found
    if product.volume is None:
        found.append("de omvang (volume, eenheid, frequentie) ontbreekt (CD041).")
        return found
    if product.frequency == "2" and product.end is None:
        found.append("bij een omvang per week hoort een einddatum (CD076).")
    if product.unit == "14" and product.frequency not in FREQUENCIES:
        found.append("etmalen worden per week, per maand of in totaal toegewezen (CS338).")
    if product.unit != "14":
        found.append(f"de eenheid {product.unit} is geen etmaal (14); logeerzorg wordt in "
                     "etmalen toegewezen.")  # fmt: skip
    if product.volume == 0:
        found.append("het volume is 0.")
    return found


def is_withdrawn(product: AllocatedProduct) -> bool:
    return product.reason == REMOVED
