"""The invoice PDF: what a bookkeeper expects, in Dutch, with the bundled fonts.

Owns what is on an invoice and where: the provider and logo, the customer, the facts, the
lines per guest with subtotals, the total, how to pay, and the footer with "pagina X van Y".
Drawn on the reportlab canvas directly (decision 0010) with documents/canvas_layout.py, whose
geometry is the one the platypus version had (same margins, paddings, leading, line breaking),
so the invoice looks the same; long invoices continue on the next page under a repeated table
head.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ...domain.dates import format_date
from ...domain.enums import InvoiceKind, LineKind
from ...domain.money import format_cents
from ..canvas_layout import (
    BASE,
    LEFT,
    MARGIN,
    SMALL,
    TITLE,
    WIDTH,
    Block,
    Cell,
    Run,
    Table,
    draw_lines,
    make_row,
    paginate,
    paragraph,
    plain,
    spacer,
    text_cell,
    wrap,
)
from ..fonts import register_fonts


@dataclass(frozen=True)
class InvoiceParty:
    name: str
    street: str
    postcode: str
    city: str
    extra_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class InvoiceLine:
    guest_name: str
    description: str
    period_from: date
    period_to: date
    quantity: int
    unit_cents: int
    amount_cents: int
    kind: str = LineKind.STAY  # a LineKind value, as stored


@dataclass(frozen=True)
class InvoiceDocument:
    number: str | None  # None: a draft ("CONCEPT", no number)
    is_credit: bool
    credits_number: str | None
    invoice_date: date
    due_date: date
    period_from: date
    period_to: date
    provider: InvoiceParty
    kvk: str
    agb: str
    iban: str
    email: str
    phone: str
    logo: bytes | None
    vat_text: str
    customer: InvoiceParty
    reference: str
    lines: tuple[InvoiceLine, ...]
    total_cents: int


GREY_TEXT = colors.HexColor("#444444")
LIGHT_RULE = colors.HexColor("#BBBBBB")
TOTAL_FILL = colors.HexColor("#EEF2F5")


_WIDTHS = (28 * mm, 40 * mm, 44 * mm, 15 * mm, 20 * mm, WIDTH - 147 * mm)
_HEAD = ("Gast", "Omschrijving", "Periode", "Aantal", "Tarief", "Bedrag")


def _iban(iban: str) -> str:
    compact = iban.replace(" ", "")
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def _title(doc: InvoiceDocument) -> str:
    return (InvoiceKind.CREDIT if doc.is_credit else InvoiceKind.INVOICE).label + (
        f" {doc.number}" if doc.number else " (CONCEPT)"
    )


def render_invoice(doc: InvoiceDocument) -> bytes:
    if sum(line.amount_cents for line in doc.lines) != doc.total_cents:
        raise ValueError("the total must equal the sum of the lines")
    register_fonts()
    title = _title(doc)
    flow: list[Block | Table] = [
        _head(doc),
        spacer(14 * mm),
        paragraph(_lines_of(_party_lines(doc.customer), WIDTH), BASE),
        spacer(8 * mm),
        paragraph(plain(title, WIDTH, TITLE[0], bold=True), TITLE),
        spacer(3 * mm),
        _facts(doc),
        spacer(6 * mm),
        _lines_table(doc),
        spacer(6 * mm),
        paragraph(wrap(_payment_text(doc), WIDTH, BASE[0]), BASE),
        spacer(3 * mm),
    ]
    if doc.vat_text:
        flow.append(paragraph(plain(doc.vat_text, WIDTH, SMALL[0]), SMALL, GREY_TEXT))
    pages = paginate(flow)

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)  # same invoice, same bytes (and SHA-256)
    canvas.setTitle(title)
    canvas.setAuthor(doc.provider.name)
    footer = _footer(doc)
    for number, page in enumerate(pages, start=1):
        footer(canvas, number, len(pages))
        for draw in page:
            draw(canvas)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _party_lines(party: InvoiceParty) -> list[str]:
    lines = [party.name, party.street, f"{party.postcode} {party.city}".strip()]
    return [x for x in [*lines, *party.extra_lines] if x]


def _lines_of(texts: list[str], width: float) -> list[list[Run]]:
    """Each text on its own line(s), wrapped to `width`."""
    return [line for text in texts for line in plain(text, width, BASE[0])]


def _head(doc: InvoiceDocument) -> Block:
    """The provider top left, the logo (if readable) top right."""
    p = doc.provider
    texts = [p.street, f"{p.postcode} {p.city}".strip(), *p.extra_lines]
    texts += [f"Telefoon {doc.phone}" if doc.phone else "", doc.email]
    width = WIDTH - 45 * mm
    lines = plain(p.name, width, BASE[0], bold=True) + _lines_of([t for t in texts if t], width)
    logo = _logo(doc.logo)
    pad = 3
    height = max(len(lines) * BASE[1], logo[2] if logo else 0.0, BASE[1]) + 2 * pad

    def draw(c: Canvas, top: float) -> None:
        c.setFillColor(colors.black)
        draw_lines(c, lines, LEFT, top - pad - BASE[0], *BASE)
        if logo is not None:
            image, logo_width, logo_height = logo
            x = LEFT + WIDTH - logo_width
            c.drawImage(image, x, top - pad - logo_height, logo_width, logo_height, mask="auto")

    return Block(height, draw)


def _logo(raw: bytes | None) -> tuple[ImageReader, float, float] | None:
    """The logo scaled to fit 40 x 20 mm, or None when there is none or it cannot be read."""
    if not raw:
        return None
    return _read_logo(raw)


@lru_cache(maxsize=4)  # the same logo on every invoice of a batch: decode it once
def _read_logo(raw: bytes) -> tuple[ImageReader, float, float] | None:
    try:
        image = ImageReader(io.BytesIO(raw))
        width, height = image.getSize()
        image.getRGBData()  # fails here, not halfway through an invoice
    except Exception:  # an unreadable logo is left out, never a failed invoice
        return None
    if width <= 0 or height <= 0:
        return None
    scale = min(40 * mm / width, 20 * mm / height)
    return image, width * scale, height * scale


def _facts(doc: InvoiceDocument) -> Table:
    rows = [
        ("Factuurnummer", doc.number or "concept (nog geen nummer)"),
        ("Factuurdatum", format_date(doc.invoice_date)),
        *([] if doc.is_credit else [("Vervaldatum", format_date(doc.due_date))]),
        ("Periode", f"{format_date(doc.period_from)} t/m {format_date(doc.period_to)}"),
    ]
    if doc.credits_number:
        rows.append(("Crediteert factuur", doc.credits_number))
    if doc.reference:
        rows.append(("Uw kenmerk", doc.reference))
    value_width = WIDTH - 38 * mm - 6  # the cell keeps its default right padding of 6 pt
    reference = rows[-1][1] if doc.reference else ""
    table_rows = []
    for label, value in rows:
        if value == reference and len(value) > 60:  # a long reference wraps
            cell = Cell(plain(value, value_width, BASE[0]))
        else:
            cell = text_cell(value)
        table_rows.append(make_row([text_cell(label, bold=True), cell], 1, 1))
    return Table((38 * mm, WIDTH - 38 * mm), table_rows, pad_left=0, pad_right=6, pad_top=1)


def _lines_table(doc: InvoiceDocument) -> Table:
    pad = 3
    inner = [w - 4 for w in _WIDTHS]  # 2 pt padding either side
    black = colors.black
    head = make_row([text_cell(h, bold=True, right=i >= 3) for i, h in enumerate(_HEAD)], pad, pad)
    head.rules = ((0, 5, False, 0.8, black),)
    rows = [head]
    guests = list(dict.fromkeys(line.guest_name for line in doc.lines))
    for guest in guests:
        mine = [line for line in doc.lines if line.guest_name == guest]
        for index, line in enumerate(mine):
            rows.append(
                make_row(
                    [
                        Cell(plain(guest, inner[0], BASE[0]) if index == 0 else []),
                        Cell(plain(line.description, inner[1], BASE[0])),
                        text_cell(_period(line.period_from, line.period_to)),
                        text_cell(str(line.quantity), right=True),
                        text_cell(format_cents(line.unit_cents), right=True),
                        text_cell(format_cents(line.amount_cents), right=True),
                    ],
                    pad,
                    pad,
                )
            )
        if len(mine) > 1:
            subtotal = sum(line.amount_cents for line in mine)
            label = plain(f"Subtotaal {guest}", inner[1], SMALL[0])
            rows.append(
                make_row(
                    [
                        text_cell(""),
                        Cell(label, *SMALL, color=GREY_TEXT),
                        text_cell(""),
                        text_cell(""),
                        text_cell(""),
                        text_cell(format_cents(subtotal), right=True),
                    ],
                    pad,
                    pad,
                    rules=((5, 5, True, 0.4, colors.grey),),
                    keep_with_previous=True,
                )
            )
        last = rows[-1]
        last.rules = (*last.rules, (0, 5, False, 0.3, LIGHT_RULE))
    total = make_row(
        [
            text_cell(""),
            Cell([[(True, "Totaal")]]),
            text_cell(""),
            text_cell(""),
            text_cell(""),
            Cell(plain(format_cents(doc.total_cents), inner[5], BASE[0], bold=True), right=True),
        ],
        pad,
        pad,
        fill=TOTAL_FILL,
        rules=((0, 5, True, 0.8, black),),
        keep_with_previous=True,
    )
    rows.append(total)
    return Table(_WIDTHS, rows, pad_left=2, pad_right=2, pad_top=pad, head=1)


def _period(start: date, end: date) -> str:
    """'23-01 t/m 24-01-2026': the year once when both days share it; one day alone."""
    if start == end:
        return format_date(start)
    first = start.strftime("%d-%m") if start.year == end.year else format_date(start)
    return f"{first} t/m {format_date(end)}"


def _payment_text(doc: InvoiceDocument) -> list[Run]:
    if doc.is_credit:
        return [
            (
                False,
                f"Het bedrag van {format_cents(-doc.total_cents)} wordt verrekend met factuur "
                f"{doc.credits_number or ''} of aan u terugbetaald.",
            )
        ]
    number = doc.number or "(volgt)"
    return [
        (False, "Gelieve "),
        (True, format_cents(doc.total_cents)),
        (False, " vóór "),
        (True, format_date(doc.due_date)),
        (
            False,
            f" over te maken op IBAN {_iban(doc.iban)} t.n.v. {doc.provider.name}, onder "
            f"vermelding van factuurnummer {number}.",
        ),
    ]


def _footer(doc: InvoiceDocument) -> Callable[[Canvas, int, int], None]:
    regular, _bold = register_fonts()
    parts = [
        doc.provider.name,
        f"KvK {doc.kvk}" if doc.kvk else "",
        f"AGB {doc.agb}" if doc.agb else "",
        f"IBAN {_iban(doc.iban)}" if doc.iban else "",
    ]
    text = " · ".join(p for p in parts if p)

    def draw(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(GREY_TEXT)
        canvas.drawString(MARGIN, 12 * mm, text)
        label = f"{doc.number or 'CONCEPT'} — pagina {page} van {pages}"
        canvas.drawRightString(A4[0] - MARGIN, 12 * mm, label)
        if doc.number is None:
            canvas.setFont(regular, 60)
            canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.12))
            canvas.translate(A4[0] / 2, A4[1] / 2)
            canvas.rotate(35)
            canvas.drawCentredString(0, 0, "CONCEPT")
        canvas.restoreState()

    return draw
