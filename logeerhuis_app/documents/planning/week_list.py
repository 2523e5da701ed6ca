"""The printable week list (weeklijst) for the staff room: arrivals, departures and who stays.

Plain data in, PDF bytes out. The caller passes only what may be printed: no BSN, no medical
details. Text is set in the built-in Helvetica fonts, whose WinAnsi encoding covers Dutch
accents (é, ë, ï, ü, ...).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ...domain.dates import DUTCH_MONTHS, DUTCH_WEEKDAYS, format_date


@dataclass(frozen=True)
class WeekListEntry:
    day: date
    kind: str  # "aankomst" or "vertrek"
    room: str
    guest_name: str
    nights: int
    notes: str  # staff notes only, never a BSN or a medical detail


@dataclass(frozen=True)
class WeekListData:
    provider_name: str
    logo: bytes | None  # PNG or JPEG; skipped when missing or unreadable
    week_start: date  # a Monday
    entries: tuple[WeekListEntry, ...]
    present: tuple[tuple[date, tuple[str, ...]], ...]  # per day: "room – guest" staying that night
    printed_on: date


_MARGIN = 18 * mm
_LOGO_MAX_WIDTH = 35 * mm
_LOGO_MAX_HEIGHT = 20 * mm
_KIND_LABELS = {"aankomst": "Aankomst", "vertrek": "Vertrek"}
_COLUMNS = ("Soort", "Kamer", "Gast", "Nachten", "Notities")
_COLUMN_WIDTHS = (20 * mm, 24 * mm, 46 * mm, 17 * mm, None)  # notes take the rest
_HEADER_FILL = colors.HexColor("#E6ECF2")
_GRID = colors.HexColor("#9AA7B4")

_BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=9, leading=11)
_STYLES = {
    "title": ParagraphStyle("title", _BASE, fontName="Helvetica-Bold", fontSize=14, leading=18),
    "provider": ParagraphStyle("provider", _BASE, fontSize=11, leading=14, spaceBefore=2),
    "day": ParagraphStyle(
        "day", _BASE, fontName="Helvetica-Bold", fontSize=11, leading=14, spaceAfter=3
    ),
    "cell": _BASE,
    "head": ParagraphStyle("head", _BASE, fontName="Helvetica-Bold"),
    "number": ParagraphStyle("number", _BASE, alignment=TA_RIGHT),
    "head_number": ParagraphStyle(
        "head_number", _BASE, fontName="Helvetica-Bold", alignment=TA_RIGHT
    ),
    "note": ParagraphStyle("note", _BASE, textColor=colors.HexColor("#555555")),
    "present": ParagraphStyle("present", _BASE, spaceBefore=4),
}


def render_week_list(data: WeekListData) -> bytes:
    """The week list as an A4 portrait PDF in Dutch."""
    if data.week_start.weekday() != 0:
        raise ValueError(f"week_start must be a Monday, got {data.week_start.isoformat()}")
    buffer = io.BytesIO()
    iso_week = data.week_start.isocalendar().week
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN + 8 * mm,  # room for the footer
        title=f"Weeklijst week {iso_week}",
        author=data.provider_name,
        invariant=1,
    )
    # A frame without padding, so tables, headings and the footer share one left and right edge.
    frame = Frame(
        document.leftMargin, document.bottomMargin, document.width, document.height, 0, 0, 0, 0
    )
    document.addPageTemplates([PageTemplate(id="week", frames=[frame])])
    story: list[Flowable] = [_header(data, document.width), Spacer(1, 6 * mm)]
    present = dict(data.present)
    for offset in range(7):
        day = data.week_start + timedelta(days=offset)
        entries = [e for e in data.entries if e.day == day]
        story.append(_day_block(day, entries, present.get(day, ()), document.width))
    document.build(story, canvasmaker=_footer_canvas(data.printed_on))
    return buffer.getvalue()


def _long_date(value: date) -> str:
    """A date like 16 maart 2026, with no-break spaces so a wrapped title never splits it."""
    return f"{value.day}\u00a0{DUTCH_MONTHS[value.month - 1]}\u00a0{value.year}"


def _text(value: str) -> str:
    """Plain text made safe for a Paragraph; line breaks are kept."""
    return escape(value.strip()).replace("\n", "<br/>")


def _header(data: WeekListData, width: float) -> Flowable:
    week_end = data.week_start + timedelta(days=6)
    iso_week = data.week_start.isocalendar().week
    title = f"Weeklijst week {iso_week} — {_long_date(data.week_start)} t/m {_long_date(week_end)}"
    texts = [
        Paragraph(_text(title), _STYLES["title"]),
        Paragraph(_text(data.provider_name), _STYLES["provider"]),
    ]
    logo = _logo(data.logo)
    if logo is None:
        return KeepTogether(texts)
    gap = 6 * mm
    table = Table([[texts, logo]], colWidths=(width - logo.drawWidth - gap, logo.drawWidth + gap))
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _logo(raw: bytes | None) -> Image | None:
    """The logo scaled to fit 35 x 20 mm, or None when there is none or it cannot be read."""
    if not raw:
        return None
    try:
        width, height = ImageReader(io.BytesIO(raw)).getSize()
    except Exception:  # any unreadable image: print the list without a logo
        return None
    if width <= 0 or height <= 0:
        return None
    scale = min(_LOGO_MAX_WIDTH / width, _LOGO_MAX_HEIGHT / height)
    return Image(io.BytesIO(raw), width=width * scale, height=height * scale, mask="auto")


def _day_block(
    day: date, entries: list[WeekListEntry], present: tuple[str, ...], width: float
) -> Flowable:
    heading = f"{DUTCH_WEEKDAYS[day.weekday()]} {day.day} {DUTCH_MONTHS[day.month - 1]}"
    parts: list[Flowable] = [Paragraph(heading, _STYLES["day"])]
    if entries:
        parts.append(_movements_table(entries, width))
    else:
        parts.append(Paragraph("Geen aankomsten of vertrekken.", _STYLES["note"]))
    count = f"{len(present)} gast" if len(present) == 1 else f"{len(present)} gasten"
    line = f"<b>Aanwezig: {count}</b>"
    if present:
        # No-break spaces keep each "room – guest" on one line; only "; " may wrap.
        line += " — " + "; ".join(_text(name).replace(" ", "\u00a0") for name in present)
    parts.append(Paragraph(line, _STYLES["present"]))
    return KeepTogether([*parts, Spacer(1, 5 * mm)])


def _movements_table(entries: list[WeekListEntry], width: float) -> Table:
    fixed = sum(w for w in _COLUMN_WIDTHS if w is not None)
    widths = [w if w is not None else width - fixed for w in _COLUMN_WIDTHS]
    head = [
        Paragraph(name, _STYLES["head_number" if name == "Nachten" else "head"])
        for name in _COLUMNS
    ]
    rows = [head]
    for entry in entries:
        rows.append(
            [
                Paragraph(_KIND_LABELS.get(entry.kind, _text(entry.kind)), _STYLES["cell"]),
                Paragraph(_text(entry.room), _STYLES["cell"]),
                Paragraph(_text(entry.guest_name), _STYLES["cell"]),
                Paragraph(str(entry.nights), _STYLES["number"]),
                Paragraph(_text(entry.notes), _STYLES["cell"]),
            ]
        )
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), _HEADER_FILL),
                ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _footer_canvas(printed_on: date) -> Callable[..., canvas.Canvas]:
    """A canvas maker whose pages carry "pagina X van Y", known only once all pages are laid out."""

    class _FooterCanvas(canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._draw_footer(number, len(self._pages))
                super().showPage()
            super().save()

        def _draw_footer(self, number: int, total: int) -> None:
            page_width, _ = self._pagesize
            y = _MARGIN
            self.saveState()
            self.setStrokeColor(_GRID)
            self.setLineWidth(0.4)
            self.line(_MARGIN, y + 4 * mm, page_width - _MARGIN, y + 4 * mm)
            self.setFont("Helvetica", 8)
            self.setFillColor(colors.HexColor("#333333"))
            self.drawString(_MARGIN, y, "Vertrouwelijk: alleen voor medewerkers")
            self.drawRightString(
                page_width - _MARGIN,
                y,
                f"Afgedrukt op {format_date(printed_on)} — pagina {number} van {total}",
            )
            self.restoreState()

    return _FooterCanvas
