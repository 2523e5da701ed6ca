"""WMO305 and WMO307 files from a real database: valid against the iWmo XSDs, with the guest's
BSN, toewijzingnummer and dates, in the month export, and for the demo house."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from logeerhuis_app.billing.months import close_month
from logeerhuis_app.claims.care_messages import care_messages, save_care_messages
from logeerhuis_app.claims.month_export import export_month
from logeerhuis_app.db.models import AccessLogEntry, Allocation, Guest
from logeerhuis_app.demo.builder import build_demo
from logeerhuis_app.documents.claims.wmo305_307 import read_products, validate
from logeerhuis_app.domain.months import Month

STANDARDS = Path(__file__).resolve().parents[3] / "shared" / "standards" / "iwmo-3.2"
MADE_ON = date(2026, 7, 2)


def _valid(xml: bytes, kind: str) -> None:
    if not (STANDARDS / f"WMO{kind}.xsd").exists():
        pytest.skip("iWmo XSDs not present in ../shared")
    assert validate(xml, STANDARDS, kind) == []


def _house(db, wmo_house, *, end=date(2026, 6, 30), birth=date(1941, 5, 2)):
    gemeente, stay = wmo_house()
    with db.session() as s:
        s.execute(update(Guest).values(date_of_birth=birth, gender="V", prefix="van"))
        s.execute(update(Allocation).values(end_date=end))
    return gemeente, stay


def test_the_start_is_in_the_month_of_the_first_night_and_validates(db, wmo_house):
    _house(db, wmo_house)
    result = care_messages(db, Month(2026, 3), made_on=MADE_ON)
    assert result.problems == ()
    [start] = result.files
    assert start.name == "WMO305-0308-2026-03-001.xml"
    _valid(start.data, "305")
    assert read_products(start.data) == [
        {"Bsn": "999900006", "ToewijzingNummer": "123456789",
         "ToewijzingIngangsdatum": "2026-01-01", "Begindatum": "2026-03-10", "Einddatum": "",
         "RedenBeeindiging": ""},
    ]  # fmt: skip
    assert b"<wmo305:Ontvanger>0308<" in start.data and b"<wmo305:Afzender>73730123<" in start.data
    # Not again in a later month, and the same month gives the same bytes.
    assert care_messages(db, Month(2026, 4), made_on=MADE_ON).files == ()
    assert care_messages(db, Month(2026, 3), made_on=MADE_ON) == result


def test_the_stop_is_in_the_month_the_allocation_ends_and_validates(db, wmo_house):
    _house(db, wmo_house)
    [stop] = care_messages(db, Month(2026, 6), made_on=MADE_ON).files
    assert stop.name == "WMO307-0308-2026-06-001.xml"
    _valid(stop.data, "307")
    [product] = read_products(stop.data)
    assert (product["Begindatum"], product["Einddatum"], product["RedenBeeindiging"]) == (
        "2026-03-10", "2026-06-30", "19",
    )  # fmt: skip


def test_a_guest_the_municipality_would_refuse_is_left_out_with_what_to_fix(db, wmo_house):
    _house(db, wmo_house, birth=None)
    with db.session() as s:
        s.execute(update(Guest).values(bsn="123456789"))
    result = care_messages(db, Month(2026, 3), made_on=MADE_ON)
    assert result.files == ()
    assert result.problems == (
        "Gerrit van Bos: het BSN 123456789 klopt niet (elfproef) (Gasten).",
        "Gerrit van Bos: de geboortedatum ontbreekt (Gasten).",
    )


def test_saving_writes_the_files_and_notes_it_in_the_access_log(db, wmo_house, tmp_path):
    _house(db, wmo_house, end=date(2026, 3, 31))
    result = save_care_messages(db, Month(2026, 3), tmp_path / "out", made_on=MADE_ON)
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["WMO305-0308-2026-03-001.xml", "WMO307-0308-2026-03-001.xml"]
    assert len(result.files) == 2
    with db.session() as s:
        details = list(s.scalars(select(AccessLogEntry.detail)))
    assert "Start- en stopberichten 03-2026 (2 bestanden)" in details


def test_the_month_export_holds_the_messages_and_lists_them(db, wmo_house, tmp_path):
    _house(db, wmo_house)
    close_month(db, Month(2026, 3), by="test", now=datetime(2026, 4, 2, 9))
    result = export_month(db, Month(2026, 3), tmp_path, today=MADE_ON)
    name = "wmo-berichten/WMO305-0308-2026-03-001.xml"
    assert name in [f.name for f in result.files]
    xml = (result.location / name).read_bytes()
    _valid(xml, "305")
    rows = list(csv.reader(io.StringIO((result.location / "inhoud.csv").read_text("utf-8-sig")),
                           delimiter=";"))  # fmt: skip
    assert [r[0] for r in rows if r[0].startswith("wmo-berichten/")] == [name]


def test_the_demo_house_starts_care_that_validates(tmp_path):
    from logeerhuis_app.storage.database import open_database

    today = date.today()
    db = open_database(tmp_path)
    try:
        build_demo(db, today=today)
        found = []
        month = Month.of(today)
        for _back in range(0, 6):
            found += [
                f for f in care_messages(db, month, made_on=today).files
                if f.name.startswith("WMO305")
            ]  # fmt: skip
            month = month.previous()
        assert found
        for f in found:
            _valid(f.data, "305")
            assert read_products(f.data)[0]["Bsn"].isdigit()
    finally:
        db.close()


def test_the_command_line_export_names_who_is_left_out_of_the_messages(
    db, wmo_house, data_dir, tmp_path, capsys
):
    from logeerhuis_app.cli import main

    if db.on_server:
        pytest.skip("the command line opens the data directory's file")
    _house(db, wmo_house, birth=None)
    close_month(db, Month(2026, 3), by="test", now=datetime(2026, 4, 2))
    assert main(["--data-dir", str(data_dir), "export", "2026-03", "--out", str(tmp_path)]) == 0
    assert (
        "Niet in de start- en stopberichten: Gerrit van Bos: de geboortedatum ontbreekt (Gasten)."
        in capsys.readouterr().out
    )
