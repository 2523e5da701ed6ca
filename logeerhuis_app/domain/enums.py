"""The closed vocabularies of the domain, each value with its Dutch label.

Values are stored as short lowercase strings in the database and in the JSON export, so they
must never be renamed without a migration.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Dutch label for screens and documents."""

    @property
    def label(self) -> str:
        return _LABELS[type(self).__name__][self.value]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs in declaration order, for combo boxes."""
        return [(m.value, m.label) for m in cls]


class FunderKind(LabelledEnum):
    GEMEENTE = "gemeente"
    ZORGKANTOOR = "zorgkantoor"
    ZORGVERZEKERAAR = "zorgverzekeraar"
    PGB = "pgb"
    PARTICULIER = "particulier"


class TariffModel(LabelledEnum):
    PER_NIGHT = "per_night"  # a price per occupied night
    RESERVED_BED = "reserved_bed"  # a price per reserved day, occupied or not
    SPLIT_DAY = "split_day"  # housing part per contracted day + stay part per occupied night
    FIXED_PERIOD = "fixed_period"  # a fixed sum per month


class CountingRule(LabelledEnum):
    NIGHTS = "nights"  # arrival day counts, departure day does not (default)
    # calendar days: the departure day counts; the arrival day only when arrival is before 20:00
    ARRIVAL_BEFORE_20 = "arrival_before_20"
    BOTH_DAYS = "both_days"  # every calendar day from arrival to departure


class Unit(LabelledEnum):
    ETMAAL = "14"  # iWmo WJ756 code 14
    DAGDEEL = "16"
    STUKS = "83"
    EURO = "82"


class VolumeFrequency(LabelledEnum):
    WEEK = "week"
    MONTH = "month"
    TOTAL = "total"


class AllocationKind(LabelledEnum):
    TOEWIJZING = "toewijzing"  # Wmo: beschikking + toewijzing with toewijzingnummer
    INDICATIE = "indicatie"  # Wlz: CIZ indication / care profile
    PGB = "pgb"  # Wlz or Wmo personal budget
    POLIS = "polis"  # Zvw: insurance policy
    PARTICULIER = "particulier"  # private payment agreement


class StayStatus(LabelledEnum):
    OPTION = "optie"
    CONFIRMED = "bevestigd"
    PRESENT = "aanwezig"
    DEPARTED = "vertrokken"
    CANCELLED = "geannuleerd"


class Grondslag(LabelledEnum):
    PG = "pg"
    SOM = "som"
    OTHER = "overig"


class RoomEnvironment(LabelledEnum):
    BESCHERMD = "beschermd"
    BESCHUT = "beschut"


class RequestStatus(LabelledEnum):
    NEW = "nieuw"
    IN_PROGRESS = "in_behandeling"
    PLACED = "geplaatst"
    REJECTED = "afgewezen"
    WITHDRAWN = "ingetrokken"


class RequesterKind(LabelledEnum):
    GUEST = "gast"
    CARER = "mantelzorger"
    WMO_CONSULTANT = "wmo_consulent"
    COORDINATION_DESK = "coordinatiepunt"
    GP = "huisarts"
    OTHER = "anders"


class Channel(LabelledEnum):
    PHONE = "telefoon"
    EMAIL = "email"
    IN_PERSON = "persoonlijk"


class InvoiceKind(LabelledEnum):
    INVOICE = "factuur"
    CREDIT = "credit"  # a credit invoice that cancels a final invoice in full


class LineKind(LabelledEnum):
    """What an invoice line (and a claim line) bills; domain.pricing makes all but CORRECTION."""

    STAY = "verblijf"  # occupied nights of a stay (the stay part of a split-day tariff)
    RESERVED = "gereserveerd"  # reserved days of a bed, occupied or not
    HOUSING = "huisvesting"  # the housing part of a split-day tariff, per contracted day
    FIXED = "vast bedrag"  # a fixed sum per month
    CORRECTION = "correctie"  # a night corrected after its month was invoiced (+1 or -1)


class ClaimKind(LabelledEnum):
    """A claim declares a month, or corrects one already declared (credit and debit lines).
    Claim lines have no kind of their own: they bill what invoice lines bill (`LineKind`)."""

    DECLARATION = "declaratie"
    CORRECTION = "correctie"


class InvoiceStatus(LabelledEnum):
    """Where an invoice stands: worked out when read, never stored."""

    DRAFT = "concept"
    OPEN = "open"
    PARTLY_PAID = "deels betaald"
    PAID = "betaald"
    OVERDUE = "vervallen"
    CREDITED = "gecrediteerd"  # a final invoice cancelled by a credit invoice
    CREDIT = "credit"  # the credit invoice itself

    @property
    def outstanding(self) -> bool:
        """Money is still expected: open, partly paid or overdue."""
        return self in (InvoiceStatus.OPEN, InvoiceStatus.PARTLY_PAID, InvoiceStatus.OVERDUE)

    @property
    def settled(self) -> bool:
        """Nothing more happens to it (shown dimmed): paid, credited, or a credit invoice."""
        return self in (InvoiceStatus.PAID, InvoiceStatus.CREDITED, InvoiceStatus.CREDIT)


_LABELS: dict[str, dict[str, str]] = {
    "FunderKind": {
        "gemeente": "Gemeente (Wmo)",
        "zorgkantoor": "Zorgkantoor (Wlz)",
        "zorgverzekeraar": "Zorgverzekeraar (Zvw)",
        "pgb": "Pgb-houder",
        "particulier": "Particulier",
    },
    "TariffModel": {
        "per_night": "Per bezette nacht",
        "reserved_bed": "Per gereserveerde dag (bezet of niet)",
        "split_day": "Huisvesting per dag + verblijf per nacht",
        "fixed_period": "Vast bedrag per maand",
    },
    "CountingRule": {
        "nights": "Nachten (aankomstdag telt, vertrekdag niet)",
        "arrival_before_20": "Dagen; aankomstdag telt bij aankomst vóór 20:00",
        "both_days": "Beide kalenderdagen tellen",
    },
    "Unit": {
        "14": "Etmaal",
        "16": "Dagdeel",
        "83": "Stuks",
        "82": "Euro",
    },
    "VolumeFrequency": {
        "week": "per week",
        "month": "per maand",
        "total": "totaal in de periode",
    },
    "AllocationKind": {
        "toewijzing": "Wmo-toewijzing",
        "indicatie": "Wlz-indicatie",
        "pgb": "Pgb",
        "polis": "Zorgverzekering",
        "particulier": "Particuliere afspraak",
    },
    "StayStatus": {
        "optie": "Optie",
        "bevestigd": "Bevestigd",
        "aanwezig": "Aanwezig",
        "vertrokken": "Vertrokken",
        "geannuleerd": "Geannuleerd",
    },
    "Grondslag": {
        "pg": "PG (psychogeriatrisch)",
        "som": "SOM (somatisch)",
        "overig": "Anders / onbekend",
    },
    "RoomEnvironment": {
        "beschermd": "Beschermd",
        "beschut": "Beschut",
    },
    "RequestStatus": {
        "nieuw": "Nieuw",
        "in_behandeling": "In behandeling",
        "geplaatst": "Geplaatst",
        "afgewezen": "Afgewezen",
        "ingetrokken": "Ingetrokken",
    },
    "RequesterKind": {
        "gast": "De gast zelf",
        "mantelzorger": "Mantelzorger",
        "wmo_consulent": "Wmo-consulent",
        "coordinatiepunt": "Coördinatiepunt",
        "huisarts": "Huisarts",
        "anders": "Anders",
    },
    "Channel": {
        "telefoon": "Telefoon",
        "email": "E-mail",
        "persoonlijk": "Persoonlijk",
    },
    "InvoiceKind": {
        "factuur": "Factuur",
        "credit": "Creditfactuur",
    },
    "LineKind": {  # as the claim summary names them (domain.claims.KIND_LABELS)
        "verblijf": "Verblijf",
        "gereserveerd": "Gereserveerd bed",
        "huisvesting": "Huisvestingsdeel",
        "vast bedrag": "Vast bedrag",
        "correctie": "Correctie",
    },
    "ClaimKind": {
        "declaratie": "Declaratie",
        "correctie": "Correctie",
    },
    "InvoiceStatus": {  # the words the invoice list has always shown
        "concept": "concept",
        "open": "open",
        "deels betaald": "deels betaald",
        "betaald": "betaald",
        "vervallen": "vervallen",
        "gecrediteerd": "gecrediteerd",
        "credit": "credit",
    },
}
