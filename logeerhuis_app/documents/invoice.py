"""The invoice PDF: what a bookkeeper expects, in Dutch, with the bundled fonts."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

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


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=9, leading=12)
    return {
        "base": base,
        "small": ParagraphStyle(
            "small", base, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#444444")
        ),
        "bold": ParagraphStyle("bold", base, fontName=bold),
        "title": ParagraphStyle("title", base, fontName=bold, fontSize=17, leading=21),
        "right": ParagraphStyle("right", base, alignment=TA_RIGHT),
        "right_bold": ParagraphStyle("right_bold", base, fontName=bold, alignment=TA_RIGHT),
    }


def _iban(iban: str) -> str:
    compact = iban.replace(" ", "")
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def render_invoice(doc: InvoiceDocument) -> bytes:
    if sum(line.amount_cents for line in doc.lines) != doc.total_cents:
        raise ValueError("the total must equal the sum of the lines")
    st = _styles()
    buffer = io.BytesIO()
    title = ("Creditfactuur" if doc.is_credit else "Factuur") + (
        f" {doc.number}" if doc.number else " (CONCEPT)"
    )
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=22 * mm,
        title=title,
        author=doc.provider.name,
        invariant=True,  # the same invoice gives the same bytes (and SHA-256)
    )
    story = [_head(doc, st), Spacer(1, 14 * mm), _addresses(doc, st), Spacer(1, 8 * mm)]
    story += [Paragraph(title, st["title"]), Spacer(1, 3 * mm), _facts(doc, st), Spacer(1, 6 * mm)]
    story += [_lines_table(doc, st), Spacer(1, 6 * mm)]
    story += [Paragraph(_payment_text(doc), st["base"]), Spacer(1, 3 * mm)]
    if doc.vat_text:
        story.append(Paragraph(doc.vat_text, st["small"]))
    pdf.build(story, onFirstPage=_footer(doc, st), onLaterPages=_footer(doc, st))
    return buffer.getvalue()


def _head(doc: InvoiceDocument, st) -> Table:  # type: ignore[no-untyped-def]
    p = doc.provider
    lines = [f"<b>{p.name}</b>", p.street, f"{p.postcode} {p.city}".strip(), *p.extra_lines]
    if doc.phone:
        lines.append(f"Telefoon {doc.phone}")
    if doc.email:
        lines.append(doc.email)
    left = Paragraph("<br/>".join(x for x in lines if x), st["base"])
    logo = _logo(doc.logo)
    table = Table([[left, logo or ""]], colWidths=[WIDTH - 45 * mm, 45 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _logo(raw: bytes | None) -> Image | None:
    if not raw:
        return None
    try:
        from reportlab.lib.utils import ImageReader

        width, height = ImageReader(io.BytesIO(raw)).getSize()
    except Exception:  # an unreadable logo is left out, never a failed invoice
        return None
    scale = min(40 * mm / width, 20 * mm / height)
    return Image(io.BytesIO(raw), width=width * scale, height=height * scale)


def _addresses(doc: InvoiceDocument, st) -> Paragraph:  # type: ignore[no-untyped-def]
    c = doc.customer
    lines = [c.name, c.street, f"{c.postcode} {c.city}".strip(), *c.extra_lines]
    return Paragraph("<br/>".join(x for x in lines if x), st["base"])  # window envelope position


def _facts(doc: InvoiceDocument, st) -> Table:  # type: ignore[no-untyped-def]
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
    # Plain cells (not Paragraphs): laying out Paragraphs is most of the cost of an invoice.
    reference = rows[-1][1] if doc.reference else ""
    cells = [
        [a, Paragraph(b, st["base"]) if b == reference and len(b) > 60 else b] for a, b in rows
    ]
    table = Table(cells, colWidths=[38 * mm, WIDTH - 38 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (0, -1), st["bold"].fontName),
                ("FONTNAME", (1, 0), (1, -1), st["base"].fontName),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


_WIDTHS = (28 * mm, 40 * mm, 44 * mm, 15 * mm, 20 * mm, WIDTH - 147 * mm)


def _lines_table(doc: InvoiceDocument, st) -> Table:  # type: ignore[no-untyped-def]
    head = ["Gast", "Omschrijving", "Periode", "Aantal", "Tarief", "Bedrag"]
    rows: list[list] = [
        [Paragraph(h, st["right_bold"] if i >= 3 else st["bold"]) for i, h in enumerate(head)]
    ]
    regular = st["base"].fontName
    styles = [
        ("FONTNAME", (0, 0), (-1, -1), regular),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("ALIGN", (3, 0), (5, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    guests = list(dict.fromkeys(line.guest_name for line in doc.lines))
    for guest in guests:
        mine = [line for line in doc.lines if line.guest_name == guest]
        for index, line in enumerate(mine):
            period = _period(line.period_from, line.period_to)
            rows.append(
                [
                    Paragraph(guest if index == 0 else "", st["base"]),
                    Paragraph(line.description, st["base"]),
                    period,  # short texts as plain strings: much faster than a Paragraph
                    str(line.quantity),
                    format_cents(line.unit_cents),
                    format_cents(line.amount_cents),
                ]
            )
        if len(mine) > 1:
            subtotal = sum(line.amount_cents for line in mine)
            rows.append(
                [
                    "",
                    Paragraph(f"Subtotaal {guest}", st["small"]),
                    "",
                    "",
                    "",
                    format_cents(subtotal),
                ]
            )
            styles.append(("LINEABOVE", (5, len(rows) - 1), (5, len(rows) - 1), 0.4, colors.grey))
        styles.append(
            ("LINEBELOW", (0, len(rows) - 1), (-1, len(rows) - 1), 0.3, colors.HexColor("#BBBBBB"))
        )
    rows.append(
        [
            "",
            Paragraph("Totaal", st["bold"]),
            "",
            "",
            "",
            Paragraph(format_cents(doc.total_cents), st["right_bold"]),
        ]
    )
    styles += [
        ("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.8, colors.black),
        ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), colors.HexColor("#EEF2F5")),
    ]
    table = Table(rows, colWidths=_WIDTHS, repeatRows=1)
    table.setStyle(TableStyle(styles))
    return table


def _period(start: date, end: date) -> str:
    """'23-01 t/m 24-01-2026': the year once when both days share it; one day alone."""
    if start == end:
        return format_date(start)
    first = start.strftime("%d-%m") if start.year == end.year else format_date(start)
    return f"{first} t/m {format_date(end)}"


def _payment_text(doc: InvoiceDocument) -> str:
    if doc.is_credit:
        return (
            f"Het bedrag van {format_cents(-doc.total_cents)} wordt verrekend met factuur "
            f"{doc.credits_number or ''} of aan u terugbetaald."
        )
    number = doc.number or "(volgt)"
    return (
        f"Gelieve <b>{format_cents(doc.total_cents)}</b> vóór <b>{format_date(doc.due_date)}</b> "
        f"over te maken op IBAN {_iban(doc.iban)} t.n.v. {doc.provider.name}, onder vermelding van "
        f"factuurnummer {number}."
    )


def _footer(doc: InvoiceDocument, st):  # type: ignore[no-untyped-def]
    regular, _bold = register_fonts()
    parts = [
        doc.provider.name,
        f"KvK {doc.kvk}" if doc.kvk else "",
        f"AGB {doc.agb}" if doc.agb else "",
        f"IBAN {_iban(doc.iban)}" if doc.iban else "",
    ]
    text = " · ".join(p for p in parts if p)

    def draw(canvas, template) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(colors.HexColor("#444444"))
        canvas.drawString(MARGIN, 12 * mm, text)
        label = f"{doc.number or 'CONCEPT'} — pagina {canvas.getPageNumber()}"
        canvas.drawRightString(A4[0] - MARGIN, 12 * mm, label)
        if doc.number is None:
            canvas.setFont(regular, 60)
            canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.12))
            canvas.translate(A4[0] / 2, A4[1] / 2)
            canvas.rotate(35)
            canvas.drawCentredString(0, 0, "CONCEPT")
        canvas.restoreState()

    return draw
