"""The printable week list (weeklijst) for the staff room: arrivals, departures and who stays.

Plain data in, PDF bytes out. The caller passes only what may be printed: no BSN, no medical
details. Text is set in the built-in Helvetica fonts, whose WinAnsi encoding covers Dutch
accents (é, ë, ï, ü, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ...domain.dates import DUTCH_MONTHS, DUTCH_WEEKDAYS
from ..page_layout import (
    BASE,
    CONTENT_WIDTH,
    GRID,
    HEADER_FILL,
    STYLES,
    build_pdf,
    text,
    with_logo,
)


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


_KIND_LABELS = {"aankomst": "Aankomst", "vertrek": "Vertrek"}
_COLUMNS = ("Soort", "Kamer", "Gast", "Nachten", "Notities")
_COLUMN_WIDTHS = (20 * mm, 24 * mm, 46 * mm, 17 * mm, None)  # notes take the rest

# The shared styles, and the week list's own: a day's heading, the nights column, "Aanwezig".
_STYLES = {
    **STYLES,
    "day": STYLES["section"],
    "number": ParagraphStyle("number", BASE, alignment=TA_RIGHT),
    "head_number": ParagraphStyle(
        "head_number", BASE, fontName="Helvetica-Bold", alignment=TA_RIGHT
    ),
    "present": ParagraphStyle("present", BASE, spaceBefore=4),
}


def render_week_list(data: WeekListData) -> bytes:
    """The week list as an A4 portrait PDF in Dutch."""
    if data.week_start.weekday() != 0:
        raise ValueError(f"week_start must be a Monday, got {data.week_start.isoformat()}")
    story: list[Flowable] = [_header(data), Spacer(1, 6 * mm)]
    present = dict(data.present)
    for offset in range(7):
        day = data.week_start + timedelta(days=offset)
        entries = [e for e in data.entries if e.day == day]
        story.append(_day_block(day, entries, present.get(day, ())))
    return build_pdf(
        story,
        title=f"Weeklijst week {data.week_start.isocalendar().week}",
        author=data.provider_name,
        footer="Vertrouwelijk: alleen voor medewerkers",
        printed_on=data.printed_on,
    )


def _long_date(value: date) -> str:
    """A date like 16 maart 2026, with no-break spaces so a wrapped title never splits it."""
    return f"{value.day}\u00a0{DUTCH_MONTHS[value.month - 1]}\u00a0{value.year}"


def _header(data: WeekListData) -> Flowable:
    week_end = data.week_start + timedelta(days=6)
    iso_week = data.week_start.isocalendar().week
    title = f"Weeklijst week {iso_week} — {_long_date(data.week_start)} t/m {_long_date(week_end)}"
    texts: list[Flowable] = [
        Paragraph(text(title), _STYLES["title"]),
        Paragraph(text(data.provider_name), _STYLES["provider"]),
    ]
    return with_logo(texts, data.logo)


def _day_block(day: date, entries: list[WeekListEntry], present: tuple[str, ...]) -> Flowable:
    heading = f"{DUTCH_WEEKDAYS[day.weekday()]} {day.day} {DUTCH_MONTHS[day.month - 1]}"
    parts: list[Flowable] = [Paragraph(heading, _STYLES["day"])]
    if entries:
        parts.append(_movements_table(entries))
    else:
        parts.append(Paragraph("Geen aankomsten of vertrekken.", _STYLES["note"]))
    count = f"{len(present)} gast" if len(present) == 1 else f"{len(present)} gasten"
    line = f"<b>Aanwezig: {count}</b>"
    if present:
        # No-break spaces keep each "room – guest" on one line; only "; " may wrap.
        line += " — " + "; ".join(text(name).replace(" ", "\u00a0") for name in present)
    parts.append(Paragraph(line, _STYLES["present"]))
    return KeepTogether([*parts, Spacer(1, 5 * mm)])


def _movements_table(entries: list[WeekListEntry]) -> Table:
    fixed = sum(w for w in _COLUMN_WIDTHS if w is not None)
    widths = [w if w is not None else CONTENT_WIDTH - fixed for w in _COLUMN_WIDTHS]
    head = [
        Paragraph(name, _STYLES["head_number" if name == "Nachten" else "head"])
        for name in _COLUMNS
    ]
    rows = [head]
    for entry in entries:
        rows.append(
            [
                Paragraph(_KIND_LABELS.get(entry.kind, text(entry.kind)), _STYLES["cell"]),
                Paragraph(text(entry.room), _STYLES["cell"]),
                Paragraph(text(entry.guest_name), _STYLES["cell"]),
                Paragraph(str(entry.nights), _STYLES["number"]),
                Paragraph(text(entry.notes), _STYLES["cell"]),
            ]
        )
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table
