"""The invoice PDF: what a bookkeeper expects, in Dutch, with the bundled fonts.

Drawn on the reportlab canvas directly (decision 0010): the layout is fixed and simple, and
laying it out through platypus (tables of Paragraphs) cost more than the PDF itself. The
geometry below is the one the platypus version had (same margins, paddings, leading, line
breaking), so the invoice looks the same; long invoices continue on the next page under a
repeated table head, and every page says "pagina X van Y".
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..domain.dates import format_date
from ..domain.money import format_cents
from .fonts import register_fonts


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
    kind: str = "verblijf"


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


MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN - 12  # the page frame keeps 6 pt padding on either side
_LEFT = MARGIN + 6  # left edge of the text
_TOP = A4[1] - MARGIN - 6  # top of the text on every page
_BOTTOM = 22 * mm + 6  # the text stops here; the footer is below
_FUZZ = 1e-6

GREY_TEXT = colors.HexColor("#444444")
LIGHT_RULE = colors.HexColor("#BBBBBB")
TOTAL_FILL = colors.HexColor("#EEF2F5")

# (font size, leading) of the text styles
BASE = (9, 12)
SMALL = (7.5, 9.5)
TITLE = (17, 21)

_WIDTHS = (28 * mm, 40 * mm, 44 * mm, 15 * mm, 20 * mm, WIDTH - 147 * mm)
_HEAD = ("Gast", "Omschrijving", "Periode", "Aantal", "Tarief", "Bedrag")


# -- text -------------------------------------------------------------------------------------
# A run is (bold, text); a line is a list of runs. Breaking follows reportlab's Paragraph:
# words split on white space except the no-break space of amounts, greedy, a line may exceed
# the width by 5% of a space per word, and a word wider than the line is split by letters.

_SPACES = re.compile(r"[\t\n\v\f\r \u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")

Run = tuple[bool, str]


def _font(bold: bool) -> str:
    regular, heavy = register_fonts()
    return heavy if bold else regular


def _width(text: str, bold: bool, size: float) -> float:
    return stringWidth(text, _font(bold), size)


def _wrap(runs: list[Run], width: float, size: float) -> list[list[Run]]:
    """Break text made of regular and bold runs into lines no wider than `width`."""
    words: list[tuple[bool, list[Run]]] = []  # (font of the space before it, its runs)
    glue = False  # the previous run ended inside a word
    space_bold = False
    for bold, text in runs:
        for n, part in enumerate(_SPACES.split(text)):
            if n > 0:
                glue, space_bold = False, bold  # the space is set in the font it was typed in
            if not part:
                continue
            if glue and words:
                words[-1][1].append((bold, part))
            else:
                words.append((space_bold, [(bold, part)]))
            glue = True
    lines: list[list[Run]] = []
    line: list[Run] = []
    words_on_line = 0
    used = 0.0
    space = _width(" ", False, size)
    for space_bold, word in words:
        word_width = sum(_width(t, b, size) for b, t in word)
        if word_width > width:  # cut by letters, the first piece filling up this line
            start = used + _width(" ", space_bold, size) if words_on_line else 0.0
            *pieces, word = _split_long(word, start, width, size)
            for piece in pieces:
                if words_on_line and piece:
                    line = _append(line, (space_bold, " "))
                for run in piece:
                    line = _append(line, run)
                lines.append(line)
                line, used, words_on_line = [], 0.0, 0
            word_width = sum(_width(t, b, size) for b, t in word)
        elif words_on_line and used + _width(" ", space_bold, size) + word_width > width + (
            0.05 * space * words_on_line
        ):
            lines.append(line)
            line, used, words_on_line = [], 0.0, 0
        if words_on_line:
            line = _append(line, (space_bold, " "))
            used += _width(" ", space_bold, size)
        for run in word:
            line = _append(line, run)
        used += word_width
        words_on_line += 1
    if line:
        lines.append(line)
    return lines


def _append(line: list[Run], run: Run) -> list[Run]:
    if line and line[-1][0] == run[0]:
        return [*line[:-1], (run[0], line[-1][1] + run[1])]
    return [*line, run]


def _split_long(word: list[Run], start: float, width: float, size: float) -> list[list[Run]]:
    """A word wider than the line cut into pieces: the first fills the line from `start`, the
    next ones a line each, the last (returned last) continues as an ordinary word."""
    pieces: list[list[Run]] = []
    piece: list[Run] = []
    used = start
    for bold, text in word:
        for char in text:
            w = _width(char, bold, size)
            if used + w > width and (piece or w <= width):
                pieces.append(piece)
                piece, used = [], 0.0
            piece = _append(piece, (bold, char))
            used += w
    pieces.append(piece)
    return pieces


def _plain(text: str, width: float, size: float, bold: bool = False) -> list[list[Run]]:
    return _wrap([(bold, text)], width, size)


# -- cells, rows and blocks -------------------------------------------------------------------


@dataclass
class Cell:
    """Text in a table cell: top aligned, the first baseline one font size below the padding."""

    lines: list[list[Run]]
    size: float = BASE[0]
    leading: float = BASE[1]
    right: bool = False
    color: colors.Color = colors.black

    @property
    def height(self) -> float:
        return len(self.lines) * self.leading


def _text_cell(text: str, bold: bool = False, right: bool = False) -> Cell:
    """A plain string cell as platypus draws it: one line per newline, never wrapped."""
    return Cell([[(bold, line)] if line else [] for line in text.split("\n")], right=right)


@dataclass
class Row:
    cells: list[Cell | None]
    height: float
    fill: colors.Color | None = None
    keep_with_previous: bool = False  # a subtotal or total never starts a page
    # (first column, last column, above (else below), width, colour), in drawing order
    rules: tuple[tuple[int, int, bool, float, colors.Color], ...] = ()


def _row(cells: list[Cell | None], pad_top: float, pad_bottom: float, **kw) -> Row:  # type: ignore[no-untyped-def]
    inner = max((c.height for c in cells if c is not None), default=0.0)
    return Row(cells, inner + pad_top + pad_bottom, **kw)


Draw = Callable[[Canvas, float], None]  # draws a block whose top is at y


@dataclass
class Block:
    height: float
    draw: Draw
    spacer: bool = False


def _draw_lines(
    c: Canvas, lines: list[list[Run]], x: float, y: float, size: float, leading: float, *, right=0.0
) -> None:
    """Lines of runs; `y` is the first baseline. With `right`, aligned to that x instead."""
    for line in lines:
        if line:
            text = c.beginText()
            offset = 0.0
            if right:
                offset = right - x - sum(_width(t, b, size) for b, t in line)
            text.setTextOrigin(x + offset, y)
            for bold, part in line:
                text.setFont(_font(bold), size, leading)
                text.textOut(part)
            c.drawText(text)
        y -= leading


def _paragraph(lines: list[list[Run]], style: tuple[float, float], color=colors.black) -> Block:  # type: ignore[no-untyped-def]
    size, leading = style

    def draw(c: Canvas, top: float) -> None:
        c.setFillColor(color)
        _draw_lines(c, lines, _LEFT, top - size, size, leading)

    return Block(len(lines) * leading, draw)


def _spacer(height: float) -> Block:
    return Block(height, lambda c, top: None, spacer=True)


@dataclass
class Table:
    widths: tuple[float, ...]
    rows: list[Row]
    pad_left: float
    pad_right: float
    pad_top: float
    head: int = 0  # rows repeated on every page

    def draw(self, c: Canvas, top: float, rows: list[Row]) -> None:
        xs = [_LEFT]
        for w in self.widths:
            xs.append(xs[-1] + w)
        tops, y = [], top
        for row in rows:
            tops.append(y)
            y -= row.height
        for row, row_top in zip(rows, tops, strict=True):  # backgrounds under the text
            if row.fill is not None:
                c.setFillColor(row.fill)
                c.rect(xs[0], row_top - row.height, xs[-1] - xs[0], row.height, stroke=0, fill=1)
        for row, row_top in zip(rows, tops, strict=True):
            for n, cell in enumerate(row.cells):
                if cell is None or not cell.lines:
                    continue
                c.setFillColor(cell.color)
                x, baseline = xs[n] + self.pad_left, row_top - self.pad_top - cell.size
                right = xs[n + 1] - self.pad_right if cell.right else 0.0
                _draw_lines(c, cell.lines, x, baseline, cell.size, cell.leading, right=right)
        c.saveState()
        c.setLineCap(1)
        c.setLineJoin(1)
        for row, row_top in zip(rows, tops, strict=True):
            for first, last, above, width, color in row.rules:
                at = row_top if above else row_top - row.height
                c.setStrokeColor(color)
                c.setLineWidth(width)
                c.line(xs[first], at, xs[last + 1], at)
        c.restoreState()


# -- the invoice ------------------------------------------------------------------------------


def _iban(iban: str) -> str:
    compact = iban.replace(" ", "")
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def _title(doc: InvoiceDocument) -> str:
    return ("Creditfactuur" if doc.is_credit else "Factuur") + (
        f" {doc.number}" if doc.number else " (CONCEPT)"
    )


def render_invoice(doc: InvoiceDocument) -> bytes:
    if sum(line.amount_cents for line in doc.lines) != doc.total_cents:
        raise ValueError("the total must equal the sum of the lines")
    register_fonts()
    title = _title(doc)
    flow: list[Block | Table] = [
        _head(doc),
        _spacer(14 * mm),
        _paragraph(_lines_of(_party_lines(doc.customer), WIDTH), BASE),
        _spacer(8 * mm),
        _paragraph(_plain(title, WIDTH, TITLE[0], bold=True), TITLE),
        _spacer(3 * mm),
        _facts(doc),
        _spacer(6 * mm),
        _lines_table(doc),
        _spacer(6 * mm),
        _paragraph(_wrap(_payment_text(doc), WIDTH, BASE[0]), BASE),
        _spacer(3 * mm),
    ]
    if doc.vat_text:
        flow.append(_paragraph(_plain(doc.vat_text, WIDTH, SMALL[0]), SMALL, GREY_TEXT))
    pages = _paginate(flow)

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


def _paginate(flow: list[Block | Table]) -> list[list[Callable[[Canvas], None]]]:
    """Place the blocks top down, page after page; a table continues under its head."""
    pages: list[list[Callable[[Canvas], None]]] = [[]]
    y = _TOP

    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = _TOP

    def place(draw: Draw, top: float) -> Callable[[Canvas], None]:
        return lambda c: draw(c, top)

    for item in flow:
        if isinstance(item, Block):
            if y - item.height < _BOTTOM - _FUZZ:
                new_page()
                if item.spacer:
                    continue  # a page starts with text, not with white space
            pages[-1].append(place(item.draw, y))
            y -= item.height
            continue
        head, body = item.rows[: item.head], item.rows[item.head :]
        head_height = sum(r.height for r in head)
        while body:
            room = y - head_height - _BOTTOM + _FUZZ
            count, used = 0, 0.0
            while count < len(body) and used + body[count].height <= room:
                used += body[count].height
                count += 1
            while 1 < count < len(body) and body[count].keep_with_previous:
                count -= 1
                used -= body[count].height
            if count == 0:
                if y == _TOP:  # a row taller than a page: give it a page of its own
                    count, used = 1, body[0].height
                else:
                    new_page()
                    continue
            rows = head + body[:count]
            pages[-1].append(lambda c, t=item, top=y, rows=rows: t.draw(c, top, rows))
            y -= head_height + used
            body = body[count:]
            if body:
                new_page()
    return pages


def _party_lines(party: InvoiceParty) -> list[str]:
    lines = [party.name, party.street, f"{party.postcode} {party.city}".strip()]
    return [x for x in [*lines, *party.extra_lines] if x]


def _lines_of(texts: list[str], width: float) -> list[list[Run]]:
    """Each text on its own line(s), wrapped to `width`."""
    return [line for text in texts for line in _plain(text, width, BASE[0])]


def _head(doc: InvoiceDocument) -> Block:
    """The provider top left, the logo (if readable) top right."""
    p = doc.provider
    texts = [p.street, f"{p.postcode} {p.city}".strip(), *p.extra_lines]
    texts += [f"Telefoon {doc.phone}" if doc.phone else "", doc.email]
    width = WIDTH - 45 * mm
    lines = _plain(p.name, width, BASE[0], bold=True) + _lines_of([t for t in texts if t], width)
    logo = _logo(doc.logo)
    pad = 3
    height = max(len(lines) * BASE[1], logo[2] if logo else 0.0, BASE[1]) + 2 * pad

    def draw(c: Canvas, top: float) -> None:
        c.setFillColor(colors.black)
        _draw_lines(c, lines, _LEFT, top - pad - BASE[0], *BASE)
        if logo is not None:
            image, logo_width, logo_height = logo
            x = _LEFT + WIDTH - logo_width
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
            cell = Cell(_plain(value, value_width, BASE[0]))
        else:
            cell = _text_cell(value)
        table_rows.append(_row([_text_cell(label, bold=True), cell], 1, 1))
    return Table((38 * mm, WIDTH - 38 * mm), table_rows, pad_left=0, pad_right=6, pad_top=1)


def _lines_table(doc: InvoiceDocument) -> Table:
    pad = 3
    inner = [w - 4 for w in _WIDTHS]  # 2 pt padding either side
    black = colors.black
    head = _row([_text_cell(h, bold=True, right=i >= 3) for i, h in enumerate(_HEAD)], pad, pad)
    head.rules = ((0, 5, False, 0.8, black),)
    rows = [head]
    guests = list(dict.fromkeys(line.guest_name for line in doc.lines))
    for guest in guests:
        mine = [line for line in doc.lines if line.guest_name == guest]
        for index, line in enumerate(mine):
            rows.append(
                _row(
                    [
                        Cell(_plain(guest, inner[0], BASE[0]) if index == 0 else []),
                        Cell(_plain(line.description, inner[1], BASE[0])),
                        _text_cell(_period(line.period_from, line.period_to)),
                        _text_cell(str(line.quantity), right=True),
                        _text_cell(format_cents(line.unit_cents), right=True),
                        _text_cell(format_cents(line.amount_cents), right=True),
                    ],
                    pad,
                    pad,
                )
            )
        if len(mine) > 1:
            subtotal = sum(line.amount_cents for line in mine)
            label = _plain(f"Subtotaal {guest}", inner[1], SMALL[0])
            rows.append(
                _row(
                    [
                        _text_cell(""),
                        Cell(label, *SMALL, color=GREY_TEXT),
                        _text_cell(""),
                        _text_cell(""),
                        _text_cell(""),
                        _text_cell(format_cents(subtotal), right=True),
                    ],
                    pad,
                    pad,
                    rules=((5, 5, True, 0.4, colors.grey),),
                    keep_with_previous=True,
                )
            )
        last = rows[-1]
        last.rules = (*last.rules, (0, 5, False, 0.3, LIGHT_RULE))
    total = _row(
        [
            _text_cell(""),
            Cell([[(True, "Totaal")]]),
            _text_cell(""),
            _text_cell(""),
            _text_cell(""),
            Cell(_plain(format_cents(doc.total_cents), inner[5], BASE[0], bold=True), right=True),
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
