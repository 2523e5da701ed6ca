"""The overview PDF and workbook: the figures read back, and the same input gives the same bytes."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from logeerhuis_app.documents.billing.overview_pdf import render_overview
from logeerhuis_app.documents.billing.overview_xlsx import overview_xlsx
from logeerhuis_app.domain.overview import (
    MonthFigures,
    Occupancy,
    Overview,
    Share,
    age_group,
    format_count,
    format_percent,
)


def _overview(month: int | None = 11) -> Overview:
    rooms = (Occupancy("Kamer 1 Linde", 2, 60, 45), Occupancy("Kamer 2 Eik", 1, 25, 20, closed=5))
    months = ()
    if month is None:
        months = tuple(MonthFigures(m, 50 + m, 93) for m in range(1, 13))
    return Overview(
        year=2026,
        month=month,
        start=date(2026, 11, 1),
        end=date(2026, 12, 1),
        made_on=date(2026, 11, 20),
        rooms=rooms,
        total=Occupancy("Totaal", 3, 85, 65, closed=5),
        funders=(Share("Zorgkantoor Utrecht", 40, 5), Share("Gemeente Amersfoort", 25, 4)),
        municipalities=(Share("Amersfoort", 50, 7), Share("CBS-code 0308", 15, 2)),
        age_groups=(
            Share("jonger dan 65", 10, 1),
            Share("65 t/m 74", 0, 0),
            Share("75 t/m 84", 30, 4),
            Share("85 en ouder", 25, 4),
        ),
        guests=9,
        new_guests=3,
        nights_requested=1234,
        requests=6,
        nights_cancelled=7,
        stays_cancelled=2,
        planned_nights=11,
        stays_arrived=20,
        nights_arrived=65,
        structural_nights=26,
        incidental_nights=39,
        structural_guests=2,
        incidental_guests=7,
        months=months,
    )


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_pdf_shows_the_key_figures_tables_and_rules():
    text = _pdf_text(render_overview(_overview(), provider_name="Logeerhuis De Linde"))
    assert "Maandoverzicht november 2026" in text
    assert "Logeerhuis De Linde" in text
    for expected in ("76,5%", "65 van 85 bednachten", "1.234", "3,3", "40,0%", "3 nieuw"):
        assert expected in text, expected
    assert "Kamer 2 Eik" in text and "80,0%" in text  # 20 / 25
    assert "Zorgkantoor Utrecht" in text and "61,5%" in text  # 40 / 65
    assert "CBS-code 0308" in text and "85 en ouder" in text
    assert "Hoe er geteld is" in text
    assert "Nachten per maand" not in text


def test_a_year_pdf_has_the_months():
    text = _pdf_text(render_overview(_overview(None), provider_name="Logeerhuis De Linde"))
    assert "Jaaroverzicht 2026" in text
    assert "Nachten per maand" in text
    assert "mrt" in text and "62" in text  # December: 50 + 12 nights


def test_the_same_overview_gives_the_same_bytes():
    ov = _overview(None)
    assert render_overview(ov, provider_name="X") == render_overview(ov, provider_name="X")
    assert overview_xlsx(ov) == overview_xlsx(ov)


def test_the_workbook_holds_the_same_numbers_as_numbers():
    ov = _overview(None)
    book = load_workbook(io.BytesIO(overview_xlsx(ov)))
    assert book.sheetnames == [
        "Kerncijfers",
        "Bezetting",
        "Financiers",
        "Gemeenten",
        "Leeftijd",
        "Per maand",
    ]
    figures = {row[0]: row[1] for row in book["Kerncijfers"].iter_rows(values_only=True)}
    assert figures["Gasten"] == 9
    assert figures["Nachten verbleven"] == 65
    assert figures["Nachten aangevraagd"] == 1234
    assert figures["Bezetting"] == pytest.approx(65 / 85)
    rooms = list(book["Bezetting"].iter_rows(values_only=True))
    assert rooms[0] == ("Kamer", "Bedden", "Beschikbaar", "Gesloten", "Bezet", "Bezetting")
    assert rooms[2][:5] == ("Kamer 2 Eik", 1, 25, 5, 20)
    assert rooms[2][5] == pytest.approx(0.8)
    assert book["Bezetting"]["F2"].number_format == "0.0%"
    assert rooms[-1][0] == "Totaal" and rooms[-1][4] == 65
    funders = list(book["Financiers"].iter_rows(values_only=True))
    assert funders[1][:3] == ("Zorgkantoor Utrecht", 5, 40)
    ages = list(book["Leeftijd"].iter_rows(values_only=True))
    assert ages[-1][:3] == ("Totaal", 9, 65)
    months = list(book["Per maand"].iter_rows(values_only=True))
    assert months[1][:3] == ("januari", 51, 93)
    assert months[-1][:3] == ("Totaal", sum(50 + m for m in range(1, 13)), 12 * 93)


def test_a_month_workbook_has_no_month_sheet():
    assert "Per maand" not in load_workbook(io.BytesIO(overview_xlsx(_overview()))).sheetnames


def test_dutch_formats_and_age_groups():
    assert format_count(1234567) == "1.234.567"
    assert format_percent(0.7647) == "76,5%"
    on = date(2026, 3, 2)
    assert age_group(date(1961, 3, 3), on) == "jonger dan 65"
    assert age_group(date(1961, 3, 2), on) == "65 t/m 74"
    assert age_group(date(1941, 3, 3), on) == "75 t/m 84"
    assert age_group(date(1941, 3, 2), on) == "85 en ouder"
    assert age_group(None, on) == "onbekend"
