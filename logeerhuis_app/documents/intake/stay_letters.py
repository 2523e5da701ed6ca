"""Papers around a stay: the signed statement, the departure checklist, the evaluation letter.

Plain data in, PDF bytes out, in Dutch; never a BSN. The texts of the statement and the letter
are parameters (the house may word them its own way); the defaults below are sensible ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, TableStyle

from ...domain.dates import DUTCH_MONTHS, format_date
from ..page_layout import (
    CONTENT_WIDTH,
    STYLES,
    CheckBoxes,
    FillIn,
    build_pdf,
    grid_table,
    plain_table,
    text,
    with_logo,
)

DEFAULT_CONDITIONS = """\
1. Het logeerhuis is geen verpleeghuis en geen ziekenhuis. De logé verblijft hier om de \
mantelzorger te ontlasten. Er is begeleiding en verzorging, maar geen permanente \
verpleegkundige zorg of behandeling.

2. De eigen huisarts blijft tijdens het verblijf medisch verantwoordelijk, tenzij die \
verantwoordelijkheid vooraf is overgedragen aan een specialist ouderengeneeskunde. Het \
reanimatiebeleid is vóór de aankomst bekend.

3. De logé neemt voldoende medicijnen mee voor het hele verblijf, in de originele verpakking \
van de apotheek en met een actueel medicatieoverzicht. Het logeerhuis geeft medicijnen alleen \
volgens dat overzicht.

4. Bij ernstig probleemgedrag, bij ziekte of wanneer het logeerhuis de zorg niet meer veilig \
kan geven, haalt de mantelzorger of een ander lid van het netwerk de logé zo snel mogelijk op. \
Het logeerhuis belt daarover eerst met de contactpersoon.

5. Annuleer zo vroeg mogelijk, bij voorkeur uiterlijk 7 dagen voor de aankomst. Bij een latere \
annulering kan het logeerhuis kosten in rekening brengen, volgens de afspraken met de \
financier of de prijsafspraak bij particulier logeren.

6. Het logeerhuis legt alleen de gegevens vast die nodig zijn voor de zorg en de declaratie, \
bewaart ze beveiligd en deelt ze alleen met betrokken zorgverleners en de financier. De logé \
of de vertegenwoordiger mag de gegevens inzien en laten verbeteren."""

DEFAULT_EVALUATION_TEXT = """\
Hartelijk dank dat u gebruik heeft gemaakt van ons logeerhuis. We hopen dat het verblijf goed \
is bevallen en dat het de mantelzorger de rust heeft gegeven die nodig was.

Wij horen graag hoe u het verblijf heeft ervaren. Wat ging er goed en wat kan beter? Uw \
ervaringen helpen ons om de zorg en de afspraken af te stemmen op wat u nodig heeft.

Bij deze brief vindt u een korte vragenlijst. U kunt die ingevuld terugsturen of afgeven bij \
een volgend verblijf. Praat u liever? Dan bellen wij u graag in de komende weken voor een kort \
evaluatiegesprek. Laat het ons weten, dan maken we een afspraak.

Heeft u vragen, of wilt u een volgend verblijf plannen? Neem dan gerust contact met ons op."""

# (what to check, what it covers, answer boxes if any)
DEFAULT_DEPARTURE_ITEMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Medicatie teruggegeven",
        "Wat over is in de originele verpakking, met het medicatieoverzicht en de aftekenlijst.",
        (),
    ),
    (
        "Eigen spullen meegegeven",
        "Kleding, toiletspullen, bril, gehoorapparaat, gebit, telefoon en oplader, sieraden.",
        (),
    ),
    (
        "Hulpmiddelen mee terug",
        "Rolstoel, rollator, tilband, eigen kussen of matras; geleende spullen van het huis terug.",
        (),
    ),
    (
        "Thuiszorg geïnformeerd over de overdracht",
        "Bijzonderheden, wijzigingen in zorg of medicatie, dag en tijd van thuiskomst.",
        (),
    ),
    (
        "Verslag aan de huisarts",
        "Nodig na een val, ziekte, nieuwe medicatie of een ander medisch voorval.",
        ("verstuurd", "niet nodig"),
    ),
    (
        "Volgend verblijf gepland",
        "Zo nee: afspraak over wanneer we contact opnemen.",
        ("ja", "nee"),
    ),
    (
        "Overdracht besproken met wie de logé ophaalt",
        "Hoe het ging en wat thuis aandacht vraagt; evaluatiebrief meegegeven of verstuurd.",
        (),
    ),
)


@dataclass(frozen=True)
class Letterhead:
    """The house as it introduces itself on paper that leaves the house."""

    name: str
    street: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    kvk: str = ""
    agb_code: str = ""
    logo: bytes | None = None  # PNG or JPEG; skipped when missing or unreadable


@dataclass(frozen=True)
class StatementData:
    provider: Letterhead
    guest_name: str
    date_of_birth: date | None
    arrival: date
    departure: date
    printed_on: date
    conditions: str = DEFAULT_CONDITIONS  # paragraphs separated by a blank line


@dataclass(frozen=True)
class DepartureData:
    provider_name: str
    logo: bytes | None
    guest_name: str
    room: str
    arrival: date
    departure: date
    printed_on: date
    collected_by: str = ""  # the carer who takes the guest home, with phone
    homecare: str = ""  # organisation, contact and phone of the home-care provider
    gp: str = ""  # name and phone of the GP
    next_stay: date | None = None  # the arrival of an already planned next stay
    items: tuple[tuple[str, str, tuple[str, ...]], ...] = DEFAULT_DEPARTURE_ITEMS


@dataclass(frozen=True)
class EvaluationData:
    provider: Letterhead
    carer_name: str  # the addressee; "" sends the letter to the guest alone
    guest_name: str
    address_lines: tuple[str, ...]  # the guest's street and "postcode city"
    arrival: date
    departure: date
    letter_date: date
    text: str = DEFAULT_EVALUATION_TEXT  # paragraphs separated by a blank line
    signed_by: str = ""  # the staff member who signs; "" leaves only the house's name


_BODY = STYLES["body"]
_NUMBERED = ParagraphStyle("numbered", _BODY, leftIndent=6 * mm, bulletIndent=0)
_LETTER_HEAD = ParagraphStyle("letter_head", _BODY, fontName="Helvetica-Bold", fontSize=12)
_SIGNER = ParagraphStyle("signer", _BODY, spaceAfter=0)
_SMALL = ParagraphStyle("small", STYLES["note"], fontSize=8.5, leading=11)


def render_statement(data: StatementData) -> bytes:
    """The "Verklaring logeerzorg": the conditions of the stay, ready to be signed."""
    provider = data.provider
    left = [
        Paragraph("Verklaring logeerzorg", STYLES["title"]),
        Paragraph(text(provider.name), STYLES["provider"]),
        Paragraph(_identity(provider, registration=True), _SMALL),
    ]
    rows = [
        ("Logé", data.guest_name),
        ("Geboortedatum", format_date(data.date_of_birth)),
        ("Verblijf", _period(data.arrival, data.departure)),
    ]
    story: list[Flowable] = [with_logo(left, provider.logo), Spacer(1, 6 * mm)]
    story += [Paragraph("Gegevens van het verblijf", STYLES["section"]), _facts(rows)]
    story += [Spacer(1, 4 * mm), Paragraph("Voorwaarden", STYLES["section"])]
    story += _paragraphs(data.conditions)
    agree = (
        "Ondergetekende verklaart deze voorwaarden te hebben gelezen, ermee in te stemmen en een "
        "kopie te hebben ontvangen."
    )
    story += [Spacer(1, 2 * mm), Paragraph(f"<b>{agree}</b>", _BODY), Spacer(1, 3 * mm)]
    story.append(_signatures(provider))
    return build_pdf(
        story,
        title="Verklaring logeerzorg",
        author=provider.name,
        footer="Vertrouwelijk",
        printed_on=data.printed_on,
    )


def render_departure_checklist(data: DepartureData) -> bytes:
    """The checklist for the handover back home, to tick off on the day of departure."""
    left = [
        Paragraph("Vertrekchecklist: overdracht naar huis", STYLES["title"]),
        Paragraph(text(data.provider_name), STYLES["provider"]),
    ]
    next_stay = (
        f"gepland, aankomst {format_date(data.next_stay)}" if data.next_stay else "nog niet gepland"
    )
    rows = [
        ("Logé", data.guest_name),
        ("Kamer", data.room),
        ("Verblijf", _period(data.arrival, data.departure)),
        ("Ophalen door", data.collected_by),
        ("Thuiszorg", data.homecare),
        ("Huisarts", data.gp),
        ("Volgend verblijf", next_stay),
    ]
    story: list[Flowable] = [with_logo(left, data.logo), Spacer(1, 5 * mm), _facts(rows)]
    story += [Spacer(1, 5 * mm), _checklist(data.items)]
    notes = [Paragraph("Notities", STYLES["section"])]
    notes += [FillIn(height=8 * mm) for _ in range(6)]
    story += [Spacer(1, 6 * mm), KeepTogether(notes), Spacer(1, 6 * mm), _signed_off()]
    return build_pdf(
        story,
        title=f"Vertrekchecklist {data.guest_name}",
        author=data.provider_name,
        footer="Vertrouwelijk: alleen voor medewerkers",
        printed_on=data.printed_on,
    )


def render_evaluation_letter(data: EvaluationData) -> bytes:
    """A letter to the carer and the guest after the stay: thanks, and how did it go?"""
    provider = data.provider
    left = [
        Paragraph(text(provider.name), _LETTER_HEAD),
        Paragraph(_identity(provider, registration=False), _SMALL),
    ]
    addressee = data.carer_name or data.guest_name
    address = "<br/>".join(text(line) for line in (addressee, *data.address_lines) if line)
    place = f"{provider.city}, " if provider.city else ""
    names = [n for n in dict.fromkeys((data.carer_name, data.guest_name)) if n]
    story: list[Flowable] = [
        with_logo(left, provider.logo),
        Spacer(1, 16 * mm),
        Paragraph(address, _BODY),
        Spacer(1, 12 * mm),
        Paragraph(text(place + _long_date(data.letter_date)), _BODY),
        Spacer(1, 4 * mm),
        Paragraph(
            f"<b>Betreft: evaluatie van het logeerverblijf van "
            f"{_long_date(data.arrival)} tot {_long_date(data.departure)}</b>",
            _BODY,
        ),
        Spacer(1, 4 * mm),
        Paragraph(text(f"Beste {' en '.join(names)},"), _BODY),
        *_paragraphs(data.text),
        Spacer(1, 2 * mm),
    ]
    closing = [Paragraph("Met vriendelijke groet,", _BODY), Spacer(1, 14 * mm)]
    if data.signed_by:
        closing.append(Paragraph(text(data.signed_by), _SIGNER))
    closing.append(Paragraph(text(provider.name), _SIGNER))
    story.append(KeepTogether(closing))
    return build_pdf(
        story,
        title="Evaluatie logeerverblijf",
        author=provider.name,
        footer="Vertrouwelijk",
        printed_on=None,
    )


def _identity(provider: Letterhead, *, registration: bool) -> str:
    place = " ".join(p for p in (provider.postcode, provider.city) if p)
    address = ", ".join(p for p in (provider.street, place) if p)
    parts = [address]
    parts += [f"tel. {provider.phone}" if provider.phone else "", provider.email]
    if registration:
        parts += [f"KvK {provider.kvk}" if provider.kvk else ""]
        parts += [f"AGB-code {provider.agb_code}" if provider.agb_code else ""]
    return " · ".join(text(p).replace(" ", "\u00a0") for p in parts if p)


def _period(arrival: date, departure: date) -> str:
    nights = (departure - arrival).days
    count = "1 nacht" if nights == 1 else f"{nights} nachten"
    return f"aankomst {format_date(arrival)}, vertrek {format_date(departure)} ({count})"


def _long_date(value: date) -> str:
    return f"{value.day}\u00a0{DUTCH_MONTHS[value.month - 1]}\u00a0{value.year}"


def _facts(rows: list[tuple[str, str]]) -> Flowable:
    cells = [
        [Paragraph(label, STYLES["label"]), Paragraph(text(value), STYLES["cell"])]
        for label, value in rows
        if value
    ]
    return plain_table(cells, (32 * mm, CONTENT_WIDTH - 32 * mm))


def _paragraphs(body: str) -> list[Flowable]:
    """Paragraphs split on blank lines; one starting with "1." gets a hanging number."""
    result: list[Flowable] = []
    for block in re.split(r"\n\s*\n", body.strip()):
        numbered = re.match(r"(\d+[.)])\s+(.*)", block, flags=re.S)
        if numbered:
            result.append(Paragraph(text(numbered[2]), _NUMBERED, bulletText=numbered[1]))
        elif block.strip():
            result.append(Paragraph(text(block), _BODY))
    return result


def _signatures(provider: Letterhead) -> Flowable:
    """Two signature blocks side by side, row by row, so their lines stay level."""
    place = f"Plaats  {text(provider.city)}" if provider.city else "Plaats"
    bold = STYLES["head"]
    rows = [
        [
            Paragraph("Logé of wettelijk vertegenwoordiger", bold),
            "",
            Paragraph(f"Namens {text(provider.name)}", bold),
        ],
        [CheckBoxes(("logé", "vertegenwoordiger")), "", ""],
        [FillIn("Naam"), "", FillIn("Naam")],
        [FillIn("Datum"), "", FillIn("Datum")],
        [FillIn("Plaats"), "", FillIn(place)],
        [FillIn("Handtekening", height=18 * mm), "", FillIn("Handtekening", height=18 * mm)],
    ]
    width = (CONTENT_WIDTH - 10 * mm) / 2
    table = plain_table(rows, (width, 10 * mm, width))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, 0), "BOTTOM")]))
    return KeepTogether([Paragraph("Ondertekening", STYLES["section"]), table])


def _checklist(items: tuple[tuple[str, str, tuple[str, ...]], ...]) -> Flowable:
    head = ["", *(Paragraph(h, STYLES["head"]) for h in ("Controlepunt", "Paraaf", "Opmerking"))]
    rows: list[list[Any]] = [head]
    for title, hint, choices in items:
        point: list[Flowable] = [Paragraph(f"<b>{text(title)}</b>", STYLES["cell"])]
        if hint:
            point.append(Paragraph(text(hint), STYLES["note"]))
        if choices:
            point += [Spacer(1, 2), CheckBoxes(choices)]
        rows.append([CheckBoxes(("",), font_size=11), point, "", ""])
    widths = (9 * mm, 88 * mm, 22 * mm, CONTENT_WIDTH - 119 * mm)
    table = grid_table(rows, widths, minRowHeights=[0] + [12 * mm] * len(items))
    table.setStyle(TableStyle([("TOPPADDING", (0, 1), (0, -1), 4)]))
    return table


def _signed_off() -> Flowable:
    row = [[FillIn("Afgetekend door"), "", FillIn("Datum en tijd")]]
    return plain_table(row, (CONTENT_WIDTH * 0.6, 8 * mm, CONTENT_WIDTH * 0.4 - 8 * mm))
