"""The readable summary of one month's declaration (declaratie) to a gemeente or zorgkantoor.

Plain data in (a `Claim`), PDF bytes out, in Dutch. Landscape A4, because a line needs nine
columns. The guest lines are what the WMO323 message holds; reserved beds, housing parts and
fixed sums belong to no guest and are listed apart, with the month's grand total.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ...domain.claims import WLZ_YEAR_CAP, Claim, ClaimLine
from ...domain.dates import format_date
from ...domain.money import format_cents
from ..fonts import register_fonts
from ..page_layout import GRID, MARGIN, build_pdf, grid_table, logo_image, plain_table, text

PAGE = landscape(A4)
WIDTH = PAGE[0] - 2 * MARGIN
TOTAL_FILL = colors.HexColor("#EEF2F5")
OVER_CAP_FILL = colors.HexColor("#F8D7DA")
_OVER_CAP_NOTE = (
    f"Rood gemarkeerd: meer dan {WLZ_YEAR_CAP} etmalen logeeropvang in dit kalenderjaar, "
    "het Wlz-maximum per cliënt. Controleer deze regels vóór het indienen."
)
OTHER_TITLE = "Gereserveerde bedden, huisvestingsdeel en vaste bedragen"

# (header, width in mm or None for the rest, right-aligned)
Columns = tuple[tuple[str, float | None, bool], ...]
Styles = dict[str, ParagraphStyle]
_WMO_COLUMNS: Columns = (
    ("Gast", None, False), ("BSN", 22, False), ("Toewijzingnummer", 36, False),
    ("Product", 19, False), ("Periode", 48, False), ("D/C", 10, False),
    ("Nachten", 18, True), ("Tarief", 24, True), ("Bedrag", 27, True),
)  # fmt: skip
_WLZ_COLUMNS: Columns = (
    *_WMO_COLUMNS[:2], ("Zorgprofiel", 26, False), *_WMO_COLUMNS[3:7], ("Dit jaar", 20, True),
    *_WMO_COLUMNS[7:],
)  # fmt: skip
_OTHER_COLUMNS: Columns = (
    ("Soort", 36, False), ("Contract", None, False), *_WMO_COLUMNS[4:6], ("Dagen", 18, True),
    *_WMO_COLUMNS[7:],
)  # fmt: skip


@cache
def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    base = ParagraphStyle("claim", fontName=regular, fontSize=8.5, leading=10.5)
    return {
        "cell": base,
        "bold": ParagraphStyle("claim_bold", base, fontName=bold),
        "right": ParagraphStyle("claim_right", base, alignment=TA_RIGHT),
        "right_bold": ParagraphStyle("claim_right_bold", base, fontName=bold, alignment=TA_RIGHT),
        "over_cap": ParagraphStyle(
            "claim_over", base, fontName=bold, alignment=TA_RIGHT, textColor="#8B1A1A"
        ),
        "note": ParagraphStyle("claim_note", base, textColor=colors.HexColor("#555555")),
        "provider": ParagraphStyle("claim_provider", base, fontSize=9.5, leading=13),
        "title": ParagraphStyle("claim_title", base, fontName=bold, fontSize=16, leading=20),
        "section": ParagraphStyle("claim_section", base, fontName=bold, fontSize=11, leading=14),
    }


def render_claim_summary(claim: Claim, *, logo: bytes | None = None) -> bytes:
    """The summary as a landscape A4 PDF; the same claim always gives the same bytes."""
    st = _styles()
    story: list[Flowable] = [_letterhead(claim, logo, st), Spacer(1, 5 * mm)]
    story += [Paragraph(text(title_of(claim)), st["title"]), Spacer(1, 2 * mm)]
    story += [_facts(claim, st), Spacer(1, 6 * mm)]
    story += _message_section(claim, st)
    if claim.other_lines:
        story += _other_section(claim, st)
    return _build(story, claim)


def title_of(claim: Claim) -> str:
    law = "Wmo" if claim.is_wmo else "Wlz"
    kind = "Correctie op declaratie" if claim.is_correction else "Declaratie"
    return f"{kind} {law} {claim.period.label}"


def _declaration_label(claim: Claim) -> str:
    return "Totaal declaratie (WMO323)" if claim.is_wmo else "Totaal declaratie"


def _build(story: list[Flowable], claim: Claim) -> bytes:
    number = claim.number or "CONCEPT"
    return build_pdf(
        story,
        title=title_of(claim),
        author=claim.provider.name,
        footer=f"{claim.provider.name} — {title_of(claim)} — {number}",
        printed_on=None,
        pagesize=PAGE,
        on_page=_draft_mark if claim.is_draft else None,
    )


def _draft_mark(canvas: Any, document: Any) -> None:
    """A faint diagonal "CONCEPT", so a draft is never mistaken for what was sent."""
    regular, _bold = register_fonts()
    canvas.saveState()
    canvas.setFont(regular, 80)
    canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.10))
    canvas.translate(PAGE[0] / 2, PAGE[1] / 2)
    canvas.rotate(25)
    canvas.drawCentredString(0, 0, "CONCEPT")
    canvas.restoreState()


def _iban(iban: str) -> str:
    compact = iban.replace(" ", "")
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def _letterhead(claim: Claim, logo: bytes | None, st: Styles) -> Flowable:
    p = claim.provider
    ids = [f"KvK {p.kvk}" if p.kvk else "", f"AGB {p.agb_code}" if p.agb_code else ""]
    ids.append(f"IBAN {_iban(p.iban)}" if p.iban else "")
    lines = [f"<b>{text(p.name)}</b>", text(p.street), text(f"{p.postcode} {p.city}")]
    lines.append(" · ".join(x for x in ids if x))
    left = Paragraph("<br/>".join(x for x in lines if x), st["provider"])
    image = logo_image(logo)
    if image is None:
        return left
    width = image.drawWidth + 6 * mm
    table = plain_table([[left, image]], (WIDTH - width, width))
    table.setStyle(TableStyle([("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    return table


def _facts(claim: Claim, st: Styles) -> Flowable:
    if claim.is_wmo:
        funder = ("Gemeente", f"{claim.funder_name} (gemeentecode {claim.funder_code})")
    else:
        funder = ("Zorgkantoor", f"{claim.funder_name} (UZOVI {claim.funder_code})")
    number = claim.number or "CONCEPT (nog geen declaratienummer)"
    left = [funder, ("Declaratienummer", number)]
    right = [
        ("Datum", format_date(claim.made_on)),
        ("Periode", f"{format_date(claim.first_day)} t/m {format_date(claim.last_day)}"),
    ]
    # Two label-value pairs per row: the table below gets the height.
    cells = [
        [
            cell
            for label, value in pair
            for cell in (Paragraph(label, st["bold"]), Paragraph(text(value), st["cell"]))
        ]
        for pair in zip(left, right, strict=True)
    ]
    return plain_table(cells, (36 * mm, 106 * mm, 20 * mm, WIDTH - 162 * mm))


def _widths(columns: Columns) -> list[float]:
    fixed = sum(w for _h, w, _r in columns if w is not None) * mm
    return [w * mm if w is not None else WIDTH - fixed for _h, w, _r in columns]


def _head_row(columns: Columns, st: Styles) -> list[Paragraph]:
    return [Paragraph(h, st["right_bold" if right else "bold"]) for h, _w, right in columns]


def _period(line: ClaimLine) -> str:
    return f"{format_date(line.period_from)} t/m {format_date(line.period_to)}"


def _reference_note(line: ClaimLine) -> str:
    """Small grey text under a name: the line's reference, and for a credit what it cancels."""
    note = f"ref. {text(line.reference)}"
    if line.debit_credit == "C":
        note += f" · crediteert {text(line.previous_reference) or '?'}"
    return f'<br/><font size="7" color="#666666">{note}</font>'


def _amount_cells(line: ClaimLine, st: Styles) -> list[Paragraph]:
    credit = line.debit_credit == "C"
    return [
        Paragraph("<b>C</b>" if credit else "D", st["cell"]),
        Paragraph(str(line.signed_volume), st["right"]),
        Paragraph(format_cents(line.tariff_cents), st["right"]),
        Paragraph(format_cents(line.signed_cents), st["right"]),
    ]


def _message_row(claim: Claim, line: ClaimLine, st: Styles) -> list[Paragraph]:
    c = st["cell"]
    who = Paragraph(text(line.guest_name) + _reference_note(line), c)
    if claim.is_wmo:
        third = Paragraph(text(line.allocation_reference), c)
    else:  # the zorgprofiel, with the indication it comes from below it
        extra = f'<br/><font size="7" color="#666666">{text(line.allocation_reference)}</font>'
        third = Paragraph(text(line.care_profile) + (extra if line.allocation_reference else ""), c)
    row = [who, Paragraph(text(line.bsn), c), third]
    row += [Paragraph(text(line.product_code), c), Paragraph(_period(line), c)]
    amounts = _amount_cells(line, st)
    if not claim.is_wmo:
        amounts.insert(2, _year_cell(line, st))
    return row + amounts


def _year_cell(line: ClaimLine, st: Styles) -> Paragraph:
    if line.year_nights is None:
        return Paragraph("", st["right"])
    over = line.year_nights > WLZ_YEAR_CAP
    return Paragraph(f"{line.year_nights} / {WLZ_YEAR_CAP}", st["over_cap" if over else "right"])


def _total_row(label: str, columns: Columns, volume: str, cents: int, st: Styles) -> list[Any]:
    """A total row: the label spans the text columns, the volume and amount sit in theirs."""
    row: list[Any] = [""] * len(columns)
    row[0] = Paragraph(label, st["bold"])
    volume_at = next(i for i, (h, _w, _r) in enumerate(columns) if h in ("Nachten", "Dagen"))
    row[volume_at] = Paragraph(volume, st["right_bold"])
    row[-1] = Paragraph(format_cents(cents), st["right_bold"])
    return row


def _lines_table(rows: list[list[Any]], columns: Columns, span_to: int) -> Table:
    """The house grid, a little tighter (rows have two lines), with the last row as total."""
    table = grid_table(rows, _widths(columns))
    last = len(rows) - 1
    style = [
        ("TOPPADDING", (0, 1), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 3),
        ("SPAN", (0, last), (span_to, last)),
        ("BACKGROUND", (0, last), (-1, last), TOTAL_FILL),
        ("LINEABOVE", (0, last), (-1, last), 0.9, colors.black),
    ]
    table.setStyle(TableStyle(style))
    return table


def _message_section(claim: Claim, st: Styles) -> list[Flowable]:
    lines = claim.message_lines
    if not lines:
        return [Paragraph("Geen regels voor gasten in deze maand.", st["note"])]
    columns = _WMO_COLUMNS if claim.is_wmo else _WLZ_COLUMNS
    rows = [_head_row(columns, st)] + [_message_row(claim, line, st) for line in lines]
    label, nights = _declaration_label(claim), str(claim.nights)
    rows.append(_total_row(label, columns, nights, claim.message_total_cents, st))
    table = _lines_table(rows, columns, 5)
    if claim.is_wmo:
        return [table]
    year_at = [h for h, _w, _r in columns].index("Dit jaar")
    over = [i for i, line in enumerate(lines, start=1) if (line.year_nights or 0) > WLZ_YEAR_CAP]
    table.setStyle(
        TableStyle([("BACKGROUND", (year_at, i), (year_at, i), OVER_CAP_FILL) for i in over])
    )
    return [table, Spacer(1, 2 * mm), Paragraph(_OVER_CAP_NOTE, st["note"])] if over else [table]


def _other_row(line: ClaimLine, st: Styles) -> list[Paragraph]:
    c = st["cell"]
    row = [Paragraph(text(line.kind_label), c)]
    row += [Paragraph(text(line.contract_name) + _reference_note(line), c)]
    return [*row, Paragraph(_period(line), c), *_amount_cells(line, st)]


def _other_section(claim: Claim, st: Styles) -> list[Flowable]:
    rows = [_head_row(_OTHER_COLUMNS, st)] + [_other_row(x, st) for x in claim.other_lines]
    volume = str(sum(line.signed_volume for line in claim.other_lines))
    rows.append(_total_row("Subtotaal", _OTHER_COLUMNS, volume, claim.other_total_cents, st))
    table = _lines_table(rows, _OTHER_COLUMNS, 3)
    message = "het WMO323-bestand" if claim.is_wmo else "het declaratiebericht"
    note = f"Deze regels horen bij geen enkele gast en staan daarom niet in {message}."
    heading = Paragraph(OTHER_TITLE, st["section"])
    # Together when it fits, so the grand total never stands alone on a last page.
    parts = [heading, Spacer(1, 2 * mm), Paragraph(note, st["note"]), Spacer(1, 2 * mm), table]
    return [Spacer(1, 7 * mm), KeepTogether([*parts, Spacer(1, 4 * mm), _grand_total(claim, st)])]


def _grand_total(claim: Claim, st: Styles) -> Flowable:
    totals = [
        (_declaration_label(claim), claim.message_total_cents, False),
        (OTHER_TITLE, claim.other_total_cents, False),
        ("Totaal deze maand", claim.total_cents, True),
    ]
    rows = [
        [Paragraph(name, st["bold" if bold else "cell"]),
         Paragraph(format_cents(cents), st["right_bold" if bold else "right"])]
        for name, cents, bold in totals
    ]  # fmt: skip
    table = plain_table(rows, (95 * mm, 30 * mm), hAlign="RIGHT")
    lines = [("LINEABOVE", (0, 2), (-1, 2), 0.9, colors.black), ("TOPPADDING", (0, 2), (-1, 2), 3)]
    table.setStyle(TableStyle([*lines, ("LINEBELOW", (0, 2), (-1, 2), 0.4, GRID)]))
    return table
