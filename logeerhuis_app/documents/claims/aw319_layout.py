"""The record layout of the Vektis EI message AW319 (Declaratie Wlz), as far as public sources
show it (decision 0048): four record kinds of 310 positions each, and the two field types.

N: a whole number, right-aligned and padded with zeros; an empty N field is all zeros.
AN: text, left-aligned and padded with spaces; an empty AN field is all spaces.
Dates are N8 YYYYMMDD, amounts N in euro cents without sign (the sign is a separate D/C field).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

RECORD_LENGTH = 310
NEWLINE = "\r\n"  # each record ends with CR LF


@dataclass(frozen=True)
class Field:
    name: str
    length: int
    kind: str  # "N" or "AN"


def _n(name: str, length: int) -> Field:
    return Field(name, length, "N")


def _an(name: str, length: int) -> Field:
    return Field(name, length, "AN")


VOORLOOP = (  # 01: who sends what to whom, for which month
    _n("kenmerk_record", 2),
    _n("code_externe_integratiebericht", 3),
    _n("versienummer_berichtstandaard", 2),
    _n("subversienummer_berichtstandaard", 2),
    _an("soort_bericht", 1),
    _n("code_informatiesysteem_softwareleverancier", 6),
    _an("versieaanduiding_informatiesysteem", 10),
    _n("uzovi_nummer", 4),
    _n("code_servicebureau", 8),
    _n("zorgverlenerscode", 8),
    _n("praktijkcode", 8),
    _n("instellingscode", 8),
    _n("identificatiecode_betaling_aan", 2),
    _n("begindatum_declaratieperiode", 8),
    _n("einddatum_declaratieperiode", 8),
    _an("factuurnummer_declarant", 12),
    _n("dagtekening_factuur", 8),
    _an("btw_identificatienummer", 14),
    _an("valutacode", 3),
    _an("reserve", 193),
)

CLIENT = (  # 02: one per BSN
    _n("kenmerk_record", 2),
    _n("identificatie_detailrecord", 12),
    _n("bsn", 9),
    _n("uzovi_nummer", 4),
    _an("verzekerdennummer", 15),
    _an("patientnummer", 11),
    _n("datum_geboorte", 8),
    _n("code_geslacht", 1),
    _n("naamcode_01", 1),
    _an("naam_01", 25),
    _an("voorvoegsel_01", 10),
    _n("naamcode_02", 1),
    _an("naam_02", 25),
    _an("voorvoegsel_02", 10),
    _an("voorletters", 6),
    _n("naamcode_03", 1),
    _an("postcode", 6),
    _an("postcode_buitenland", 9),
    _n("huisnummer", 5),
    _an("huisnummertoevoeging", 6),
    _an("code_land", 2),
    _an("debiteurnummer", 11),
    _n("indicatie_client_overleden", 1),
    _n("code_indicatieorgaan", 4),
    _an("clientnummer_indicatieorgaan", 20),
    _an("reserve", 105),
)

PRESTATIE = (  # 04: one per claim line, after its client's 02
    _n("kenmerk_record", 2),
    _n("identificatie_detailrecord", 12),
    _n("bsn", 9),
    _n("uzovi_nummer", 4),
    _an("verzekerdennummer", 15),
    _an("machtigingsnummer", 15),
    _n("doorsturen_toegestaan", 1),
    _n("code_indicatieorgaan", 4),
    _an("clientnummer_indicatieorgaan", 20),
    _n("indicatieaanvraagnummer", 9),
    _n("indicatiebesluitnummer", 9),
    _n("functiecode", 2),
    _an("zorgzwaartepakketcode", 3),  # '5VV': letters, so AN (decision 0048)
    _n("begindatum_prestatie", 8),
    _n("einddatum_prestatie", 8),
    _n("aanduiding_prestatiecodelijst", 3),
    _an("prestatiecode", 5),
    _n("aantal_uitgevoerde_prestaties", 4),
    _n("tijdseenheid", 2),
    _n("zorgverlenerscode_uitvoerder", 8),
    _n("specialisme_uitvoerder", 4),
    _n("zorgverlenerscode_voorschrijver", 8),
    _n("specialisme_voorschrijver", 4),
    _n("verrekenpercentage", 5),
    _n("tarief_prestatie", 8),
    _n("berekend_bedrag", 8),
    _an("indicatie_debet_credit_01", 1),
    _n("btw_percentage_declaratiebedrag", 4),
    _n("declaratiebedrag", 8),
    _an("indicatie_debet_credit_02", 1),
    _an("referentienummer_dit_prestatierecord", 20),
    _an("referentienummer_voorgaande_prestatierecord", 20),
    _an("reserve", 76),
)

SLUIT = (  # 99: counts and the total, to check the file is complete
    _n("kenmerk_record", 2),
    _n("aantal_clientrecords", 6),
    _n("aantal_debiteurrecords", 6),
    _n("aantal_prestatierecords", 6),
    _n("aantal_commentaarrecords", 6),
    _n("totaal_aantal_detailrecords", 7),
    _n("totaal_declaratiebedrag", 11),
    _an("indicatie_debet_credit", 1),
    _an("reserve", 265),
)

LAYOUTS: dict[str, tuple[Field, ...]] = {"01": VOORLOOP, "02": CLIENT, "04": PRESTATIE, "99": SLUIT}


def positions(layout: tuple[Field, ...]) -> dict[str, tuple[int, int]]:
    """Field name -> (first position, last position), 1-based as the specification counts."""
    found, start = {}, 1
    for f in layout:
        found[f.name] = (start, start + f.length - 1)
        start += f.length
    return found


def cell(f: Field, value: str | int | date | None) -> str:
    """One field written to its width; a value that does not fit is an error, never cut."""
    if isinstance(value, date):
        value = value.strftime("%Y%m%d")
    text = "" if value is None else str(value)
    if f.kind == "N":
        if text and not (text.isascii() and text.isdigit()):
            raise ValueError(f"{f.name}: {text!r} is geen getal zonder teken")
        out = text.rjust(f.length, "0")
    else:
        if not text.isascii():
            raise ValueError(f"{f.name}: {text!r} heeft tekens buiten ASCII")
        out = text.ljust(f.length, " ")
    if len(out) != f.length:
        raise ValueError(f"{f.name}: {text!r} past niet in {f.length} posities")
    return out


def record(layout: tuple[Field, ...], values: dict[str, str | int | date | None]) -> str:
    unknown = set(values) - {f.name for f in layout}
    if unknown:
        raise KeyError(f"onbekende velden: {sorted(unknown)}")
    line = "".join(cell(f, values.get(f.name)) for f in layout)
    assert len(line) == RECORD_LENGTH, (layout[0], len(line))
    return line


def parse(line: str) -> tuple[str, dict[str, str | int]]:
    """One record back into its fields: N as int, AN with the padding spaces removed."""
    if len(line) != RECORD_LENGTH:
        raise ValueError(f"record van {len(line)} posities, verwacht {RECORD_LENGTH}")
    kind = line[:2]
    if kind not in LAYOUTS:
        raise ValueError(f"onbekend recordsoort {kind!r}")
    fields: dict[str, str | int] = {}
    start = 0
    for f in LAYOUTS[kind]:
        raw = line[start : start + f.length]
        start += f.length
        if f.kind == "N":
            if not (raw.isascii() and raw.isdigit()):
                raise ValueError(f"{kind} {f.name}: {raw!r} is geen numeriek veld")
            fields[f.name] = int(raw)
        else:
            fields[f.name] = raw.rstrip(" ")
    return kind, fields
