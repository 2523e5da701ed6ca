"""Month and year overviews for funders and the board: aggregated figures only, no persons.

Plain frozen data plus the few pure rules the counting needs (age groups, rates, Dutch number
formats). The service (billing/overview.py) fills these; screens and documents only show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .dates import DUTCH_MONTHS, age_on

AGE_GROUPS = ("jonger dan 65", "65 t/m 74", "75 t/m 84", "85 en ouder")
AGE_UNKNOWN = "onbekend"
NO_FUNDER = "Geen financiering"
NO_MUNICIPALITY = "Onbekend"
MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def age_group(birth: date | None, on: date) -> str:
    """The group of a guest's age on a day: <65, 65-74, 75-84, 85+ (or unknown)."""
    if birth is None:
        return AGE_UNKNOWN
    age = age_on(birth, on)
    if age < 65:
        return AGE_GROUPS[0]
    if age < 75:
        return AGE_GROUPS[1]
    if age < 85:
        return AGE_GROUPS[2]
    return AGE_GROUPS[3]


def period_label(year: int, month: int | None) -> str:
    return str(year) if month is None else f"{DUTCH_MONTHS[month - 1]} {year}"


def ratio(part: int, whole: int) -> float:
    """part / whole, 0.0 when there is nothing to divide by."""
    return part / whole if whole else 0.0


def format_count(value: int) -> str:
    """1234 -> '1.234' (Dutch thousands separator)."""
    return f"{value:,}".replace(",", ".")


def format_percent(fraction: float) -> str:
    """0.734 -> '73,4%'."""
    return f"{format_decimal(fraction * 100)}%"


def format_decimal(value: float) -> str:
    """3.25 -> '3,3': one decimal, halves rounded up as people (and Excel) do."""
    rounded = Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded:.1f}".replace(".", ",")


@dataclass(frozen=True)
class Occupancy:
    """Bed-nights of one room (or of the whole house) in the period."""

    name: str
    beds: int
    available: int  # beds x days, minus the bed-nights of closures
    occupied: int
    closed: int = 0  # bed-nights lost to closures

    @property
    def rate(self) -> float:
        return ratio(self.occupied, self.available)


@dataclass(frozen=True)
class Share:
    """Nights and distinct guests of one funder, municipality or age group."""

    label: str
    nights: int
    guests: int


@dataclass(frozen=True)
class MonthFigures:
    """One month of a year overview (for the bar chart)."""

    month: int
    nights: int
    available: int

    @property
    def label(self) -> str:
        return MONTHS_SHORT[self.month - 1]

    @property
    def rate(self) -> float:
        return ratio(self.nights, self.available)


@dataclass(frozen=True)
class Overview:
    year: int
    month: int | None  # None: the whole year
    start: date
    end: date  # the first day after the period
    made_on: date  # nights from this day on are still planned
    rooms: tuple[Occupancy, ...]
    total: Occupancy
    funders: tuple[Share, ...]  # most nights first
    municipalities: tuple[Share, ...]
    age_groups: tuple[Share, ...]  # in AGE_GROUPS order, unknown last when present
    guests: int
    new_guests: int  # whose first stay ever arrived in the period
    nights_requested: int
    requests: int
    nights_cancelled: int
    stays_cancelled: int
    planned_nights: int  # of the stayed nights, those from made_on on
    stays_arrived: int
    nights_arrived: int  # the nights of the stays that arrived in the period
    structural_nights: int
    incidental_nights: int
    structural_guests: int
    incidental_guests: int
    months: tuple[MonthFigures, ...] = ()  # a year only

    @property
    def label(self) -> str:
        return period_label(self.year, self.month)

    @property
    def is_year(self) -> bool:
        return self.month is None

    @property
    def nights_stayed(self) -> int:
        return self.total.occupied

    @property
    def average_stay(self) -> float:
        """Nights per stay, of the stays that arrived in the period."""
        return ratio(self.nights_arrived, self.stays_arrived)

    @property
    def structural_share(self) -> float:
        return ratio(self.structural_nights, self.structural_nights + self.incidental_nights)


COUNTING_RULES = (
    "Nachten: actieve nachten van bevestigde, aanwezige en vertrokken verblijven in de periode; "
    "opties tellen niet mee. Nachten vanaf de aanmaakdatum zijn gepland.",
    "Bezetting: bezette bednachten gedeeld door beschikbare bednachten (bedden x dagen, min de "
    "dagen dat een kamer gesloten is).",
    "Nieuwe gasten: gasten van wie het eerste verblijf ooit in de periode begon.",
    "Aangevraagd: gewenste nachten van aanvragen ontvangen in de periode (elke status). "
    "Geannuleerd: nachten van geannuleerde verblijven met aankomst in de periode.",
    "Gemiddelde verblijfsduur: nachten per verblijf, van verblijven met aankomst in de periode.",
    "Structureel: nachten van verblijven uit een wekelijkse reeks; de rest is incidenteel. Een "
    "gast is structureel als hij in de periode minstens één reeksnacht had.",
    "Leeftijd: op de eerste nacht van de gast in de periode.",
)
