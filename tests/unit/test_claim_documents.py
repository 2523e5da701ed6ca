"""The declaration summary PDF, CSV and XLSX, read back the way a user or a bookkeeper would."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from PIL import Image as PILImage

from logeerhuis_app.documents.claims.claim_summary import render_claim_summary
from logeerhuis_app.documents.claims.claim_tables import claim_csv, claim_rows, claim_xlsx
from logeerhuis_app.domain.claims import Claim, ClaimLine, ClaimParty
from logeerhuis_app.domain.money import format_cents

PROVIDER = ClaimParty(
    name="Logeerhuis De Zonnebloem",
    street="Bloemstraat 12",
    postcode="3511 AB",
    city="Utrecht",
    kvk="12345678",
    agb_code="98765432",
    iban="NL91ABNA0417164300",
)
MARCH_1, MARCH_31 = date(2026, 3, 1), date(2026, 3, 31)


def _line(reference: str, **changes) -> ClaimLine:
    base = ClaimLine(
        reference=reference,
        previous_reference="",
        kind="verblijf",
        guest_name="Geertruida van den Heuvel-Brouwer",
        bsn="111222333",
        allocation_reference="T-2026-0001",
        care_profile="",
        contract_name="",
        product_category="04",
        product_code="04A04",
        unit="14",
        period_from=date(2026, 3, 2),
        period_to=date(2026, 3, 6),
        volume=4,
        tariff_cents=18_950,
        amount_cents=4 * 18_950,
    )
    return replace(base, **changes)


def _other(reference: str, kind: str, contract: str, volume: int, tariff: int) -> ClaimLine:
    return _line(
        reference, kind=kind, guest_name="", bsn="", allocation_reference="", product_code="",
        contract_name=contract, period_from=MARCH_1, period_to=MARCH_31, volume=volume,
        tariff_cents=tariff, amount_cents=volume * tariff,
    )  # fmt: skip


def _claim(lines, *, number="D2026030001", funder_kind="gemeente", kind="declaratie") -> Claim:
    return Claim(
        number=number,
        kind=kind,
        funder_kind=funder_kind,
        funder_name="Gemeente Utrecht" if funder_kind == "gemeente" else "Zilveren Kruis Utrecht",
        funder_code="0344" if funder_kind == "gemeente" else "3311",
        year=2026,
        month=3,
        made_on=date(2026, 4, 2),
        provider=PROVIDER,
        lines=tuple(lines),
    )


def wmo_claim(**kw) -> Claim:
    return _claim(
        [
            _line("R2603001"),
            _line(
                "R2603002", guest_name="Daniël Koçak", bsn="123456782",
                allocation_reference="T-2026-0042", period_from=date(2026, 3, 13),
                period_to=date(2026, 3, 20), volume=7, amount_cents=7 * 18_950,
            ),
            _line(
                "R2603003", previous_reference="R2602017", debit_credit="C",
                period_from=date(2026, 2, 23), period_to=date(2026, 2, 25), volume=2,
                amount_cents=2 * 18_950,
            ),
            _other("R2603004", "gereserveerd", "Crisisbed gemeente Utrecht", 31, 9_500),
            _other("R2603005", "huisvesting", "Huisvestingsdeel logeerkamers", 1, 125_000),
        ],
        **kw,
    )  # fmt: skip


def wlz_claim() -> Claim:
    def wlz(reference, name, bsn, profile, volume, year_nights):
        return _line(
            reference, guest_name=name, bsn=bsn, care_profile=profile, product_category="",
            product_code="Z1003", allocation_reference=f"IND-{reference}", volume=volume,
            tariff_cents=21_075, amount_cents=volume * 21_075, year_nights=year_nights,
        )  # fmt: skip

    return _claim(
        [
            wlz("W1", "Hendrik de Graaf", "111222333", "5VV", 6, 42),
            wlz("W2", "Johanna Mulder", "123456782", "4VV", 9, 161),
        ],
        funder_kind="zorgkantoor",
    )


def big_claim() -> Claim:
    lines = [
        _line(f"R26{i:04d}", guest_name=f"Gast {i:03d} de Vries", bsn=f"{100000000 + i}")
        for i in range(120)
    ]
    return _claim(lines)


def _png_logo() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 120), (40, 110, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def _pages(pdf: bytes) -> list[str]:
    """Each page's text with whitespace (no-break spaces too) collapsed to single spaces."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().replace("\xa0", " ").split()) for page in reader.pages]


def _money(cents: int) -> str:
    return format_cents(cents).replace("\xa0", " ")


# ---- PDF -------------------------------------------------------------------------------------


def test_wmo_summary_shows_provider_funder_lines_and_totals():
    claim = wmo_claim()
    text = " ".join(_pages(render_claim_summary(claim, logo=_png_logo())))
    assert "Declaratie Wmo maart 2026" in text
    for fact in ("KvK 12345678", "AGB 98765432", "NL91 ABNA 0417 1643 00", "0344"):
        assert fact in text
    assert "Gemeente Utrecht" in text and "D2026030001" in text and "02-04-2026" in text
    assert "01-03-2026 t/m 31-03-2026" in text
    for line in claim.lines:
        assert line.bsn in text
        assert _money(line.signed_cents) in text
    assert "13-03-2026 t/m 20-03-2026" in text
    assert "T-2026-0042" in text and "crediteert R2602017" in text
    assert _money(-2 * 18_950) in text  # the credit line is negative
    assert f"Totaal declaratie (WMO323) {claim.nights} {_money(claim.message_total_cents)}" in text
    assert claim.message_total_cents == 9 * 18_950
    assert "Gereserveerde bedden, huisvestingsdeel en vaste bedragen" in text
    assert "Crisisbed gemeente Utrecht" in text and "niet in het WMO323-bestand" in text
    assert f"Subtotaal 32 {_money(claim.other_total_cents)}" in text
    assert f"Totaal deze maand {_money(claim.total_cents)}" in text
    assert "CONCEPT" not in text


def test_without_other_lines_there_is_no_second_table():
    claim = _claim(wmo_claim().message_lines)
    text = " ".join(_pages(render_claim_summary(claim)))
    assert "Gereserveerde bedden" not in text and "Totaal deze maand" not in text
    assert _money(claim.total_cents) in text


def test_draft_and_correction_titles():
    draft = " ".join(_pages(render_claim_summary(wmo_claim(number=""))))
    assert "CONCEPT" in draft and "D2026030001" not in draft
    correction = " ".join(_pages(render_claim_summary(wmo_claim(kind="correctie"))))
    assert "Correctie op declaratie Wmo maart 2026" in correction


def test_wlz_summary_counts_nights_this_year():
    claim = wlz_claim()
    text = " ".join(_pages(render_claim_summary(claim)))
    assert "Declaratie Wlz maart 2026" in text and "UZOVI 3311" in text
    assert "42 / 156" in text and "161 / 156" in text
    assert "5VV" in text and "4VV" in text and "Rood gemarkeerd" in text
    assert "WMO323" not in text
    assert f"Totaal declaratie 15 {_money(claim.message_total_cents)}" in text


def test_long_claim_breaks_over_pages_with_the_header_repeated():
    claim = big_claim()
    pages = _pages(render_claim_summary(claim))
    count = len(pages)
    assert count > 1
    for number, page in enumerate(pages, start=1):
        assert f"pagina {number} van {count}" in page
        assert "BSN Toewijzingnummer" in page  # the header row, on every page
    everything = " ".join(pages)
    assert all(line.bsn in everything for line in claim.lines)
    assert sum(page.count("de Vries") for page in pages) == 120  # no row lost or doubled
    assert _money(claim.message_total_cents) in pages[-1]


def test_pdf_is_reproducible():
    assert render_claim_summary(wmo_claim()) == render_claim_summary(wmo_claim())
    assert render_claim_summary(wlz_claim()) == render_claim_summary(wlz_claim())


# ---- rows, CSV, XLSX -------------------------------------------------------------------------


def test_rows_carry_signs_kinds_and_message_flag():
    header, rows = claim_rows(wmo_claim())
    column = {name: header.index(name) for name in header}
    assert [r[column["In WMO323"]] for r in rows] == ["ja", "ja", "ja", "nee", "nee"]
    assert rows[2][column["Aantal"]] == -2 and rows[2][column["Bedrag"]] == Decimal("-379.00")
    assert rows[3][column["Soort"]] == "Gereserveerd bed"
    assert rows[4][column["Soort"]] == "Huisvestingsdeel"
    assert isinstance(rows[0][column["Van"]], date)
    wlz_header, wlz_rows = claim_rows(wlz_claim())
    assert [r[-1] for r in wlz_rows] == [42, 161] and "Zorgprofiel" in wlz_header


def _read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _cents(text: str) -> int:
    return round(Decimal(text.replace(",", ".")) * 100)


@pytest.mark.parametrize("make", [wmo_claim, wlz_claim, big_claim])
def test_csv_amounts_add_up_to_the_claim(make):
    claim = make()
    header, *rows, total = _read_csv(claim_csv(claim))
    amount = header.index("Bedrag")
    assert len(rows) == len(claim.lines)
    assert sum(_cents(r[amount]) for r in rows) == claim.total_cents
    assert total[0] == "Totaal" and _cents(total[amount]) == claim.total_cents


def test_csv_is_dutch():
    header, *rows, _total = _read_csv(claim_csv(wmo_claim()))
    credit = rows[2]
    assert credit[header.index("Van")] == "23-02-2026"
    assert credit[header.index("Bedrag")] == "-379,00"
    assert credit[header.index("Tarief")] == "189,50"
    assert credit[header.index("Vorige referentie")] == "R2602017"
    assert rows[1][header.index("Gast")] == "Daniël Koçak"


def _table(sheet) -> tuple[int, list[str]]:
    """The row number of the table header and its names."""
    for row in sheet.iter_rows():
        if row[0].value == "Referentie":
            return row[0].row, [c.value for c in row if c.value is not None]
    raise AssertionError("no table header")


@pytest.mark.parametrize("make", [wmo_claim, wlz_claim])
def test_xlsx_values_formats_and_totals(make):
    claim = make()
    sheet = openpyxl.load_workbook(io.BytesIO(claim_xlsx(claim)))["Declaratie"]
    head, header = _table(sheet)
    amount = header.index("Bedrag") + 1
    lines = [
        sheet.cell(head + 1 + i, amount).value for i in range(len(claim.lines))
    ]  # fmt: skip
    assert round(sum(lines) * 100) == claim.total_cents
    total_row = head + 1 + len(claim.lines)
    assert sheet.cell(total_row, 1).value == "Totaal"
    assert round(sheet.cell(total_row, amount).value * 100) == claim.total_cents
    assert round(sheet.cell(total_row + 1, amount).value * 100) == claim.message_total_cents
    assert round(sheet.cell(total_row + 2, amount).value * 100) == claim.other_total_cents
    first = head + 1
    assert sheet.cell(first, amount).number_format == "#,##0.00"
    van = sheet.cell(first, header.index("Van") + 1)
    assert van.value == datetime(2026, 3, 2) and van.number_format == "dd-mm-yyyy"
    assert sheet.cell(head, 1).font.bold and sheet.freeze_panes == f"A{head + 1}"
    assert sheet.cell(first, header.index("BSN") + 1).value == claim.lines[0].bsn


def test_xlsx_header_block_and_year_nights():
    sheet = openpyxl.load_workbook(io.BytesIO(claim_xlsx(wlz_claim())))["Declaratie"]
    values = [c.value for row in sheet.iter_rows(max_row=8) for c in row if c.value]
    assert "Declaratie Wlz maart 2026" in values and "D2026030001" in values
    assert any("Zilveren Kruis Utrecht" in str(v) for v in values)
    head, header = _table(sheet)
    year = header.index("Nachten dit jaar (max 156)") + 1
    assert [sheet.cell(head + i, year).value for i in (1, 2)] == [42, 161]


def test_tables_are_reproducible():
    data = claim_xlsx(wmo_claim())
    assert data == claim_xlsx(wmo_claim())
    properties = openpyxl.load_workbook(io.BytesIO(data)).properties
    assert properties.created == properties.modified == datetime(2026, 4, 2)  # made_on, no clock
    assert claim_csv(wmo_claim()) == claim_csv(wmo_claim())
    # Every entry, the worksheets too (openpyxl writes those from a temporary file), carries
    # one fixed moment: otherwise two exports a second apart differ in bytes.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        stamps = {info.filename: info.date_time for info in archive.infolist()}
    assert "xl/worksheets/sheet1.xml" in stamps
    assert set(stamps.values()) == {(1980, 1, 1, 0, 0, 0)}
