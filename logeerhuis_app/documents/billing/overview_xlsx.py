"""The month or year overview as an Excel workbook: numbers as numbers, rates as percentages.

Aggregated figures only. The same overview gives the same bytes: the document dates are set to
the overview's day and the zip entries get a fixed time stamp.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from ...domain.dates import DUTCH_MONTHS
from ...domain.overview import COUNTING_RULES, Overview, Share, ratio

PERCENT = "0.0%"
DECIMAL = "0.0"
INTEGER = "#,##0"
_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="E6ECF2")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def overview_xlsx(ov: Overview) -> bytes:
    """Sheets Kerncijfers, Bezetting, Financiers, Gemeenten, Leeftijd (and Per maand for a year)."""
    book = Workbook()
    _key_figures(book.active, ov)
    _rooms(book.create_sheet("Bezetting"), ov)
    _shares(book.create_sheet("Financiers"), "Financier", ov.funders, ov, total=False)
    _shares(book.create_sheet("Gemeenten"), "Gemeente", ov.municipalities, ov, total=True)
    _shares(book.create_sheet("Leeftijd"), "Leeftijd", ov.age_groups, ov, total=True)
    if ov.is_year:
        _months(book.create_sheet("Per maand"), ov)
    stamp = datetime(ov.made_on.year, ov.made_on.month, ov.made_on.day)
    book.properties.creator = "Logeerhuis"
    book.properties.created = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return _reproducible(buffer.getvalue(), stamp)


def _key_figures(sheet: Worksheet, ov: Overview) -> None:
    sheet.title = "Kerncijfers"
    kind = "Jaaroverzicht" if ov.is_year else "Maandoverzicht"
    sheet.append([f"{kind} {ov.label}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Gemaakt op", ov.made_on])
    sheet["B2"].number_format = "DD-MM-YYYY"
    sheet.append([])
    figures: list[tuple[str, float, str]] = [
        ("Gasten", ov.guests, INTEGER),
        ("Nieuwe gasten", ov.new_guests, INTEGER),
        ("Nachten verbleven", ov.nights_stayed, INTEGER),
        ("Waarvan gepland", ov.planned_nights, INTEGER),
        ("Beschikbare bednachten", ov.total.available, INTEGER),
        ("Bezetting", ov.total.rate, PERCENT),
        ("Nachten aangevraagd", ov.nights_requested, INTEGER),
        ("Aanvragen", ov.requests, INTEGER),
        ("Nachten geannuleerd", ov.nights_cancelled, INTEGER),
        ("Verblijven geannuleerd", ov.stays_cancelled, INTEGER),
        ("Verblijven aangekomen", ov.stays_arrived, INTEGER),
        ("Gemiddelde verblijfsduur (nachten)", round(ov.average_stay, 2), DECIMAL),
        ("Nachten structureel", ov.structural_nights, INTEGER),
        ("Nachten incidenteel", ov.incidental_nights, INTEGER),
        ("Aandeel structureel", ov.structural_share, PERCENT),
        ("Gasten structureel", ov.structural_guests, INTEGER),
        ("Gasten incidenteel", ov.incidental_guests, INTEGER),
    ]
    _head(sheet, ["Kerncijfer", "Waarde"])
    for label, value, number_format in figures:
        sheet.append([label, value])
        sheet.cell(sheet.max_row, 2).number_format = number_format
    sheet.append([])
    sheet.append(["Hoe er geteld is"])
    sheet.cell(sheet.max_row, 1).font = _HEAD_FONT
    for rule in COUNTING_RULES:
        sheet.append([rule])
    _widths(sheet, [38, 14])


def _rooms(sheet: Worksheet, ov: Overview) -> None:
    _head(sheet, ["Kamer", "Bedden", "Beschikbaar", "Gesloten", "Bezet", "Bezetting"])
    for room in [*ov.rooms, ov.total]:
        sheet.append([room.name, room.beds, room.available, room.closed, room.occupied, room.rate])
        _formats(sheet, [INTEGER] * 4 + [PERCENT], first=2)
    _bold_last(sheet)
    _widths(sheet, [24, 10, 13, 11, 10, 12])


def _shares(
    sheet: Worksheet, column: str, shares: Sequence[Share], ov: Overview, *, total: bool
) -> None:
    _head(sheet, [column, "Gasten", "Nachten", "Aandeel"])
    for share in shares:
        sheet.append(
            [share.label, share.guests, share.nights, ratio(share.nights, ov.nights_stayed)]
        )
        _formats(sheet, [INTEGER, INTEGER, PERCENT], first=2)
    if total:
        sheet.append(["Totaal", ov.guests, ov.nights_stayed, 1.0 if ov.nights_stayed else 0.0])
        _formats(sheet, [INTEGER, INTEGER, PERCENT], first=2)
        _bold_last(sheet)
    _widths(sheet, [30, 10, 10, 10])


def _months(sheet: Worksheet, ov: Overview) -> None:
    _head(sheet, ["Maand", "Nachten", "Beschikbaar", "Bezetting"])
    for month in ov.months:
        sheet.append([DUTCH_MONTHS[month.month - 1], month.nights, month.available, month.rate])
        _formats(sheet, [INTEGER, INTEGER, PERCENT], first=2)
    nights = sum(m.nights for m in ov.months)
    available = sum(m.available for m in ov.months)
    sheet.append(["Totaal", nights, available, ratio(nights, available)])
    _formats(sheet, [INTEGER, INTEGER, PERCENT], first=2)
    _bold_last(sheet)
    _widths(sheet, [12, 10, 13, 12])


def _head(sheet: Worksheet, names: list[str]) -> None:
    sheet.append(names)
    for cell in sheet[sheet.max_row]:
        cell.font = _HEAD_FONT
        cell.fill = _HEAD_FILL
    if sheet.max_row == 1:  # a table sheet: keep the head row in view
        sheet.freeze_panes = "A2"


def _formats(sheet: Worksheet, formats: list[str], *, first: int) -> None:
    for offset, number_format in enumerate(formats):
        sheet.cell(sheet.max_row, first + offset).number_format = number_format


def _bold_last(sheet: Worksheet) -> None:
    for cell in sheet[sheet.max_row]:
        cell.font = _HEAD_FONT


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


def _reproducible(raw: bytes, stamp: datetime) -> bytes:
    """Rewrite the zip with fixed entry times and the modified date set to the overview's day."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>" + iso.encode() + rb"\2", data
                )
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()
