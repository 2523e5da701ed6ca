"""Month-end for the demo house: one export folder whose every total agrees across the
WMO323 XML, the CSV, the XLSX and the PDF, and with the database."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from logeerhuis_app.billing.invoice_records import list_invoices
from logeerhuis_app.claims.claims import list_claims
from logeerhuis_app.claims.month_export import export_month
from logeerhuis_app.claims.wlz_declaration import aw319_name
from logeerhuis_app.cli import main
from logeerhuis_app.demo.builder import build_demo
from logeerhuis_app.demo.house import FLEX_START
from logeerhuis_app.documents.claims.aw319 import read_aw319, signed_total, structure_problems
from logeerhuis_app.documents.claims.wmo323 import read_totals, validate
from logeerhuis_app.domain.money import format_cents
from logeerhuis_app.domain.months import Month
from logeerhuis_app.domain.wlz_declaration import file_lines, file_total_cents
from logeerhuis_app.storage.database import open_database

STANDARDS = Path(__file__).resolve().parents[3] / "shared" / "standards" / "iwmo-3.2"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    today = date.today()
    data = tmp_path_factory.mktemp("demo")
    db = open_database(data)
    build_demo(db, today=today)
    last = date.fromordinal(today.replace(day=1).toordinal() - 1)
    result = export_month(
        db, Month(last.year, last.month), tmp_path_factory.mktemp("usb"), today=today
    )
    yield db, result, last, data
    db.close()


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def _csv_total(path: Path) -> Decimal:
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
    amount = rows[0].index("Bedrag")
    assert rows[-1][0] == "Totaal"
    lines = sum(Decimal(r[amount].replace(",", ".")) for r in rows[1:-1])
    total = Decimal(rows[-1][amount].replace(",", "."))
    assert lines == total
    return total


def _xlsx_totals(path: Path) -> dict[str, Decimal]:
    sheet = load_workbook(path).active
    found = {}
    for row in sheet.iter_rows(values_only=True):
        if row[0] in (
            "Totaal",
            "waarvan in WMO323",
            "waarvan in declaratie",
            "waarvan overige regels",
        ):
            found[row[0]] = Decimal(str(next(v for v in reversed(row) if v not in (None, ""))))
    return found


def test_every_claim_of_the_month_agrees_across_xml_csv_xlsx_and_pdf(exported):
    db, result, last, _data = exported
    claims = list_claims(db, last.year, last.month)
    assert {c.funder_kind for c in claims} == {"gemeente", "zorgkantoor"}
    folder = result.location
    for claim in claims:
        stem = next((folder / "declaraties").glob(f"{claim.number}-*.pdf")).with_suffix("")
        euros = Decimal(claim.total_cents) / 100
        assert _csv_total(stem.with_suffix(".csv")) == euros
        xlsx = _xlsx_totals(stem.with_suffix(".xlsx"))
        assert xlsx["Totaal"] == euros
        text = _pdf_text(stem.with_suffix(".pdf"))
        assert format_cents(claim.total_cents).replace("\u00a0", " ") in text.replace("\u00a0", " ")
        xml = stem.parent / f"{stem.name}-WMO323.xml"
        if claim.is_wmo and claim.message_lines:
            totals = read_totals(xml.read_bytes())
            assert totals["total"] == totals["lines"] == claim.message_total_cents
            assert xlsx["waarvan in WMO323"] * 100 == claim.message_total_cents
            if (STANDARDS / "WMO323.xsd").exists():
                assert validate(xml.read_bytes(), STANDARDS) == []
        else:
            assert not xml.exists()


def test_the_zorgkantoor_claim_has_its_aw319_file_listed_in_the_manifest(exported):
    db, result, last, _data = exported
    wlz = [c for c in list_claims(db, last.year, last.month) if c.funder_kind == "zorgkantoor"]
    manifest = {
        row[0]: row for row in csv.reader(
            io.StringIO((result.location / "inhoud.csv").read_text("utf-8-sig")), delimiter=";")
    }  # fmt: skip
    made = 0
    for claim in wlz:
        name = f"declaraties/{aw319_name(claim)}"
        if not file_lines(claim):
            assert name not in manifest
            continue
        made += 1
        records = read_aw319((result.location / name).read_bytes())
        assert structure_problems(records) == []
        assert signed_total(records) == file_total_cents(claim) == int(manifest[name][2])
        assert "AW319" in manifest[name][1] and "-wlz-5513-" in name
    assert made or last < FLEX_START  # flexibel logeren exists from 2026 on
    assert result.file_problems == ()


def test_reserved_beds_and_housing_parts_are_their_own_lines(exported):
    db, _result, last, _data = exported
    claims = list_claims(db, last.year, last.month)
    kinds = {line.kind for c in claims for line in c.other_lines}
    assert "huisvesting" in kinds
    # The demo's crisis bed has the municipality's toewijzing: its empty days are WMO323 lines.
    reserved = [line for c in claims for line in c.lines if line.kind == "gereserveerd"]
    assert reserved and all(line.in_message and line.bsn for line in reserved)
    wlz = next(c for c in claims if c.funder_kind == "zorgkantoor")
    assert all(line.year_nights and line.year_nights >= line.volume for line in wlz.lines)


def test_the_export_holds_invoices_and_overview_and_no_names(exported):
    db, result, last, _data = exported
    folder = result.location
    invoices = [i for i in list_invoices(db) if i.number and i.period_from == last.replace(day=1)]
    assert invoices
    for invoice in invoices:
        text = _pdf_text(folder / "facturen" / f"factuur-{invoice.number}.pdf")
        assert format_cents(invoice.total_cents).replace("\u00a0", " ") in text.replace(
            "\u00a0", " "
        )
    assert (folder / "overzicht" / f"overzicht-{last.year}-{last.month:02d}.pdf").exists()
    names = [p.name for p in folder.rglob("*")]
    guests = {line.guest_name for c in list_claims(db) for line in c.lines if line.guest_name}
    bsns = {line.bsn for c in list_claims(db) for line in c.lines if line.bsn}
    for word in {w for g in guests for w in g.split() if len(w) > 3} | bsns:
        assert all(word not in n for n in names), word
    manifest = (folder / "inhoud.csv").read_text("utf-8-sig").splitlines()
    assert len(manifest) == len(result.files)  # the header line stands for inhoud.csv itself


def test_the_command_line_exports_and_refuses_a_bad_month(exported, tmp_path, capsys, monkeypatch):
    _db, _result, last, data = exported
    monkeypatch.setenv("LOGEERHUIS_DATA_DIR", str(data))
    assert (
        main(["export", f"{last.year}-{last.month:02d}", "--out", str(tmp_path), "--encrypt"]) == 0
    )
    out = capsys.readouterr().out
    assert "Wachtwoord" in out and len(list(tmp_path.glob("*.zip"))) == 1
    assert main(["export", "2026-13", "--out", str(tmp_path)]) != 0
