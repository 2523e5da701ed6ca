"""A month's declaration as a table: rows for code, a CSV for Dutch Excel, an XLSX workbook.

Every line of the claim is one row, guest lines and the lines that belong to no guest alike;
the column "In WMO323" says which rows the message holds. Volumes and amounts carry their sign
(a credit line is negative). Amounts are euro `Decimal`s with two decimals, so the XLSX gets
numbers, not text. The CSV loses leading zeros (BSN, product category) once Excel opens it;
the XLSX keeps those as text.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

if TYPE_CHECKING:
    from _typeshed import SizedBuffer, StrPath

from ...domain.claims import WLZ_YEAR_CAP, Claim, ClaimLine
from ...domain.dates import format_date
from .claim_summary import title_of

EURO_FORMAT = "#,##0.00"
DATE_FORMAT = "dd-mm-yyyy"
SHEET = "Declaratie"
_HEAD_FILL = PatternFill("solid", fgColor="E6ECF2")
_TOTAL_FILL = PatternFill("solid", fgColor="EEF2F5")


def euros(cents: int) -> Decimal:
    """Cents as an exact euro amount with two decimals: 12345 -> Decimal('123.45')."""
    return Decimal(cents).scaleb(-2).quantize(Decimal("0.01"))


def claim_rows(claim: Claim) -> tuple[list[str], list[list[Any]]]:
    """The header and one row per line, in the claim's order; dates stay `date` values."""
    in_message = "In WMO323" if claim.is_wmo else "In declaratie"
    allocation = "Toewijzingnummer" if claim.is_wmo else "Indicatie"
    header = ["Referentie", "Vorige referentie", "Soort", in_message, "Gast", "BSN", allocation]
    if not claim.is_wmo:
        header.append("Zorgprofiel")
    header += ["Contract", "Productcategorie", "Productcode", "Van", "Tot en met", "Eenheid"]
    header += ["D/C", "Aantal", "Tarief", "Bedrag"]
    if not claim.is_wmo:
        header.append(f"Nachten dit jaar (max {WLZ_YEAR_CAP})")
    return header, [_row(claim, line) for line in claim.lines]


def _row(claim: Claim, line: ClaimLine) -> list[Any]:
    row: list[Any] = [line.reference, line.previous_reference, line.kind_label]
    row += ["ja" if line.in_message else "nee", line.guest_name, line.bsn]
    row.append(line.allocation_reference)
    if not claim.is_wmo:
        row.append(line.care_profile)
    row += [line.contract_name, line.product_category, line.product_code]
    row += [line.period_from, line.period_to, line.unit, line.debit_credit]
    row += [line.signed_volume, euros(line.tariff_cents), euros(line.signed_cents)]
    if not claim.is_wmo:
        row.append(line.year_nights)
    return row


def _amount_column(header: list[str]) -> int:
    return header.index("Bedrag")


def _total_row(claim: Claim, header: list[str]) -> list[Any]:
    """ "Totaal" first, the month's total under "Bedrag"; volumes mix nights and days, so none."""
    row: list[Any] = [""] * len(header)
    row[0] = "Totaal"
    row[_amount_column(header)] = euros(claim.total_cents)
    return row


# ---- CSV -------------------------------------------------------------------------------------


def _csv_value(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


def claim_csv(claim: Claim) -> bytes:
    """Semicolons, decimal comma, dd-mm-yyyy and a BOM: what Dutch Excel opens without asking."""
    header, rows = claim_rows(claim)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in [*rows, _total_row(claim, header)]:
        writer.writerow([_csv_value(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


# ---- XLSX ------------------------------------------------------------------------------------

_WIDTHS = {
    "Referentie": 18, "Vorige referentie": 16, "Soort": 18, "Gast": 28, "BSN": 12,
    "Toewijzingnummer": 18, "Indicatie": 16, "Contract": 26, "Productcategorie": 9,
    "Productcode": 12, "Van": 12, "Tot en met": 12, "Tarief": 12, "Bedrag": 13,
}  # fmt: skip
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold: no clock in the file


def claim_xlsx(claim: Claim) -> bytes:
    """One sheet "Declaratie": facts on top, then the table with a frozen, bold header row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    head_row = _write_facts(sheet, claim) + 2
    header, rows = claim_rows(claim)
    _write_table(sheet, head_row, header, rows)
    _write_totals(sheet, head_row + len(rows) + 1, claim, header)
    stamp = datetime(claim.made_on.year, claim.made_on.month, claim.made_on.day)
    workbook.properties.creator = claim.provider.name
    workbook.properties.title = title_of(claim)
    return _save(workbook, stamp)


def _write_facts(sheet: Worksheet, claim: Claim) -> int:
    """The header block; returns the last row it used."""
    p = claim.provider
    funder = "Gemeente" if claim.is_wmo else "Zorgkantoor"
    code = "gemeentecode" if claim.is_wmo else "UZOVI"
    facts = [
        ("Zorgaanbieder", f"{p.name}, {p.street}, {p.postcode} {p.city}"),
        ("KvK / AGB / IBAN", f"{p.kvk} / {p.agb_code} / {p.iban}"),
        (funder, f"{claim.funder_name} ({code} {claim.funder_code})"),
        ("Declaratienummer", claim.number or "CONCEPT"),
        ("Datum", claim.made_on),
        ("Periode", f"{format_date(claim.first_day)} t/m {format_date(claim.last_day)}"),
    ]
    sheet.cell(1, 1, title_of(claim)).font = Font(bold=True, size=14)
    for offset, (label, value) in enumerate(facts, start=2):
        sheet.cell(offset, 1, label).font = Font(bold=True)
        cell = sheet.cell(offset, 2, value)
        cell.alignment = Alignment(horizontal="left")
        if isinstance(value, date):
            cell.number_format = DATE_FORMAT
    return 1 + len(facts)


def _write_table(sheet: Worksheet, head_row: int, header: list[str], rows: list[list[Any]]) -> None:
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(head_row, column, name)
        cell.font, cell.fill = Font(bold=True), _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS.get(name, 10)
    for number, values in enumerate(rows, start=head_row + 1):
        for column, value in enumerate(values, start=1):
            _format(sheet.cell(number, column, value), value)
    sheet.freeze_panes = sheet.cell(head_row + 1, 1)
    last = get_column_letter(len(header))
    sheet.auto_filter.ref = f"A{head_row}:{last}{head_row + len(rows)}"


def _format(cell: Any, value: object) -> None:
    if isinstance(value, Decimal):
        cell.number_format = EURO_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str):
        cell.number_format = "@"  # BSN, category 04: text, so Excel keeps the leading zero


def _write_totals(sheet: Worksheet, row: int, claim: Claim, header: list[str]) -> None:
    """The total row under the table, then how it splits; values, not formulas."""
    label = "waarvan in WMO323" if claim.is_wmo else "waarvan in declaratie"
    amount = _amount_column(header) + 1
    lines = [
        ("Totaal", claim.total_cents, True),
        (label, claim.message_total_cents, False),
        ("waarvan overige regels", claim.other_total_cents, False),
    ]
    for offset, (text, cents, bold) in enumerate(lines):
        sheet.cell(row + offset, 1, text).font = Font(bold=bold)
        cell = sheet.cell(row + offset, amount, euros(cents))
        cell.number_format, cell.font = EURO_FORMAT, Font(bold=bold)
    for column in range(1, len(header) + 1):
        sheet.cell(row, column).fill = _TOTAL_FILL


class _FixedTimeZip(ZipFile):
    """A zip whose entries all carry one fixed timestamp, so equal workbooks are equal bytes."""

    def writestr(
        self,
        zinfo_or_arcname: str | ZipInfo,
        data: SizedBuffer | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if not isinstance(zinfo_or_arcname, ZipInfo):
            zinfo_or_arcname = ZipInfo(zinfo_or_arcname, date_time=_ZIP_TIME)
            zinfo_or_arcname.compress_type = self.compression
            zinfo_or_arcname.external_attr = 0o600 << 16
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(
        self,
        filename: StrPath,
        arcname: StrPath | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        # openpyxl writes each worksheet from a temporary file: ZipFile.write would stamp the
        # entry with that file's mtime, so two equal exports a second apart differed in bytes.
        with open(filename, "rb") as source:
            data = source.read()
        name = os.fspath(arcname if arcname is not None else filename)
        self.writestr(name, data, compress_type, compresslevel)


def _save(workbook: Workbook, stamp: datetime) -> bytes:
    # openpyxl's save_workbook stamps "modified" with the clock; its writer itself does not.
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    ExcelWriter(workbook, _FixedTimeZip(buffer, "w", ZIP_DEFLATED)).save()
    return buffer.getvalue()
