"""The month or year overview for the board, as an A4 PDF in Dutch.

Aggregated figures only: no guest names, no BSNs. The same overview gives the same bytes.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ...domain.dates import format_date
from ...domain.overview import (
    COUNTING_RULES,
    Overview,
    Share,
    format_count,
    format_decimal,
    format_percent,
    ratio,
)
from ..fonts import register_fonts
from ..page_layout import CONTENT_WIDTH, GRID, HEADER_FILL, build_pdf, text, with_logo
from .overview_charts import BAR_LIGHT, horizontal_bars, month_bars

_BOX_FILL = colors.HexColor("#F4F7FA")
_GAP = 5 * mm  # between sections


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    base = ParagraphStyle("ov_base", fontName=regular, fontSize=9, leading=12)
    grey = colors.HexColor("#555555")
    return {
        "cell": base,
        "number": ParagraphStyle("ov_number", base, alignment=TA_RIGHT),
        "head": ParagraphStyle("ov_head", base, fontName=bold),
        "head_number": ParagraphStyle("ov_head_n", base, fontName=bold, alignment=TA_RIGHT),
        "total": ParagraphStyle("ov_total", base, fontName=bold, alignment=TA_RIGHT),
        "title": ParagraphStyle("ov_title", base, fontName=bold, fontSize=16, leading=20),
        "provider": ParagraphStyle("ov_provider", base, fontSize=11, leading=14, spaceBefore=2),
        "note": ParagraphStyle("ov_note", base, fontSize=8, leading=10.5, textColor=grey),
        "section": ParagraphStyle(
            "ov_section", base, fontName=bold, fontSize=11.5, leading=14, spaceAfter=4
        ),
        "small_number": ParagraphStyle(
            "ov_small_n", base, fontSize=7.5, leading=9.5, alignment=TA_RIGHT
        ),
        "small_head": ParagraphStyle(
            "ov_small_h", base, fontName=bold, fontSize=7.5, leading=9.5, alignment=TA_RIGHT
        ),
        "figure": ParagraphStyle("ov_figure", base, fontName=bold, fontSize=17, leading=21),
        "figure_label": ParagraphStyle("ov_fig_label", base, fontSize=8, leading=10),
        "figure_note": ParagraphStyle(
            "ov_fig_note", base, fontSize=7.5, leading=9.5, textColor=grey
        ),
    }


def render_overview(ov: Overview, *, provider_name: str, logo: bytes | None = None) -> bytes:
    """The overview as A4 PDF bytes: key figures, charts and tables, counting rules last."""
    st = _styles()
    kind = "Jaaroverzicht" if ov.is_year else "Maandoverzicht"
    title = f"{kind} {ov.label}"
    header = [
        Paragraph(text(title), st["title"]),
        Paragraph(text(provider_name), st["provider"]),
        Paragraph(
            f"Gemaakt op {format_date(ov.made_on)}. Geaggregeerde cijfers, zonder "
            "persoonsgegevens.",
            st["note"],
        ),
    ]
    story: list[Flowable] = [with_logo(header, logo), Spacer(1, 5 * mm)]
    story += [_key_figures(ov, st), Spacer(1, 6 * mm)]
    story.append(_rooms(ov, st))
    if ov.is_year:
        story.append(_months(ov, st))
    story.append(_funders(ov, st))
    story.append(_shares("Woongemeente van de gasten", "Gemeente", ov.municipalities, ov, st))
    story.append(
        _shares("Leeftijd (op de eerste nacht in de periode)", "Leeftijd", ov.age_groups, ov, st)
    )
    story += _rules(st)
    return build_pdf(
        story,
        title=title,
        author=provider_name,
        footer=f"{provider_name} — {title}",
        printed_on=None,
    )


def _key_figures(ov: Overview, st: dict[str, ParagraphStyle]) -> Table:
    planned = f", waarvan {format_count(ov.planned_nights)} gepland" if ov.planned_nights else ""
    figures = [
        (format_count(ov.guests), "gasten", f"{format_count(ov.new_guests)} nieuw"),
        (format_count(ov.nights_stayed), "nachten verbleven", planned.removeprefix(", ")),
        (
            format_percent(ov.total.rate),
            "bezetting",
            f"{format_count(ov.total.occupied)} van {format_count(ov.total.available)} bednachten",
        ),
        (
            format_decimal(ov.average_stay),
            "nachten per verblijf",
            f"gemiddeld, {format_count(ov.stays_arrived)} verblijven",
        ),
        (
            format_count(ov.nights_requested),
            "nachten aangevraagd",
            f"in {format_count(ov.requests)} aanvragen",
        ),
        (
            format_count(ov.nights_cancelled),
            "nachten geannuleerd",
            f"in {format_count(ov.stays_cancelled)} verblijven",
        ),
        (
            format_count(ov.structural_nights),
            "nachten structureel",
            f"{format_percent(ov.structural_share)}, {format_count(ov.structural_guests)} gasten",
        ),
        (
            format_count(ov.incidental_nights),
            "nachten incidenteel",
            f"{format_count(ov.incidental_guests)} gasten",
        ),
    ]
    cells = [
        [
            Paragraph(value, st["figure"]),
            Paragraph(text(label), st["figure_label"]),
            Paragraph(text(note), st["figure_note"]),
        ]
        for value, label, note in figures
    ]
    rows = [cells[0:4], cells[4:8]]
    width = CONTENT_WIDTH / 4
    table = Table(rows, colWidths=[width] * 4)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), _BOX_FILL),
                ("BOX", (0, 0), (-1, -1), 0.4, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 2.5, colors.white),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _number_table(
    head: list[str], rows: list[list[str]], widths: list[float], st: dict[str, ParagraphStyle]
) -> Table:
    """First column text, the others right-aligned numbers; a last 'Totaal' row in bold."""
    data = [[Paragraph(h, st["head" if i == 0 else "head_number"]) for i, h in enumerate(head)]]
    for row in rows:
        bold = row[0] == "Totaal"
        data.append(
            [
                Paragraph(text(v), st["head" if bold else "cell"])
                if i == 0
                else Paragraph(v, st["total" if bold else "number"])
                for i, v in enumerate(row)
            ]
        )
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _widths(first: float, others: int) -> list[float]:
    rest = (CONTENT_WIDTH - first) / others
    return [first] + [rest] * others


def _rooms(ov: Overview, st: dict[str, ParagraphStyle]) -> Flowable:
    rooms = list(ov.rooms)
    chart = horizontal_bars(
        [r.name for r in rooms],
        [r.rate * 100 for r in rooms],
        [format_percent(r.rate) for r in rooms],
        CONTENT_WIDTH,
        maximum=100,
    )
    rows = [
        [
            r.name,
            str(r.beds),
            format_count(r.available),
            format_count(r.closed),
            format_count(r.occupied),
            format_percent(r.rate),
        ]
        for r in [*rooms, ov.total]
    ]
    head = ["Kamer", "Bedden", "Beschikbaar", "Gesloten", "Bezet", "Bezetting"]
    table = _number_table(head, rows, _widths(40 * mm, 5), st)
    return KeepTogether(
        [
            Paragraph("Bezetting per kamer (bednachten)", st["section"]),
            chart,
            Spacer(1, 3 * mm),
            table,
            Spacer(1, _GAP),
        ]
    )


def _months(ov: Overview, st: dict[str, ParagraphStyle]) -> Flowable:
    months = list(ov.months)
    chart = month_bars(
        [m.label for m in months],
        [m.nights for m in months],
        [format_count(m.nights) for m in months],
        CONTENT_WIDTH,
    )
    total = sum(m.nights for m in months)
    available = sum(m.available for m in months)
    # Months as columns keep the table as wide as the chart above it and only four rows high.
    small, small_bold = st["small_number"], st["small_head"]
    rows = [
        ["", *[m.label for m in months], "Totaal"],
        ["Nachten", *[format_count(m.nights) for m in months], format_count(total)],
        ["Beschikbaar", *[format_count(m.available) for m in months], format_count(available)],
        [
            "Bezetting",
            *[format_decimal(m.rate * 100) for m in months],
            format_decimal(ratio(total, available) * 100),
        ],
    ]
    data = [
        [Paragraph(text(v), small_bold if r == 0 or c == 0 else small) for c, v in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    first = 22 * mm
    table = Table(data, colWidths=[first] + [(CONTENT_WIDTH - first) / 13] * 13)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    note = Paragraph("Bezetting in procenten van de beschikbare bednachten.", st["note"])
    return KeepTogether(
        [
            Paragraph("Nachten per maand", st["section"]),
            chart,
            Spacer(1, 2 * mm),
            table,
            Spacer(1, 1 * mm),
            note,
            Spacer(1, _GAP),
        ]
    )


def _funders(ov: Overview, st: dict[str, ParagraphStyle]) -> Flowable:
    funders = list(ov.funders)
    total = ov.nights_stayed
    chart = horizontal_bars(
        [f.label for f in funders],
        [f.nights for f in funders],
        [f"{format_count(f.nights)} ({format_percent(ratio(f.nights, total))})" for f in funders],
        CONTENT_WIDTH,
        colour=BAR_LIGHT,
    )
    parts: list[Flowable] = [Paragraph("Nachten per financier", st["section"])]
    if not funders:
        parts.append(Paragraph("Geen nachten in deze periode.", st["note"]))
    else:
        parts += [chart, Spacer(1, 3 * mm), _share_table("Financier", funders, ov, st)]
    return KeepTogether([*parts, Spacer(1, _GAP)])


def _shares(
    title: str, column: str, shares: tuple[Share, ...], ov: Overview, st: dict[str, ParagraphStyle]
) -> Flowable:
    parts: list[Flowable] = [Paragraph(text(title), st["section"])]
    if not shares or not ov.guests:
        parts.append(Paragraph("Geen gasten in deze periode.", st["note"]))
    else:
        parts.append(_share_table(column, list(shares), ov, st, total=True))
    return KeepTogether([*parts, Spacer(1, _GAP)])


def _share_table(
    column: str,
    shares: list[Share],
    ov: Overview,
    st: dict[str, ParagraphStyle],
    *,
    total: bool = False,  # only where every guest is in exactly one row
) -> Table:
    nights = ov.nights_stayed
    rows = [
        [
            s.label,
            format_count(s.guests),
            format_count(s.nights),
            format_percent(ratio(s.nights, nights)),
        ]
        for s in shares
    ]
    if total:
        rows.append(["Totaal", format_count(ov.guests), format_count(nights), format_percent(1.0)])
    head = [column, "Gasten", "Nachten", "Aandeel"]
    return _number_table(head, rows, _widths(80 * mm, 3), st)


def _rules(st: dict[str, ParagraphStyle]) -> list[Flowable]:
    parts: list[Flowable] = [Paragraph("Hoe er geteld is", st["section"])]
    rules = [Paragraph(f"• {text(rule)}", st["note"]) for rule in COUNTING_RULES]
    # Heading and first rule stay together; the list itself may run onto the next page.
    return [KeepTogether(parts + rules[:1]), *rules[1:]]
