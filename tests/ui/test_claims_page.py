"""Declaraties: what to fix before claiming, making a claim, saving its files, the export."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pyzipper
from lxml import etree
from PySide6.QtCore import Qt
from sqlalchemy import update

from logeerhuis_app.billing.months import close_month
from logeerhuis_app.claims.claims import list_claims
from logeerhuis_app.db.models import Allocation, Guest
from logeerhuis_app.documents.claims.aw319 import read_aw319, signed_total, structure_problems
from logeerhuis_app.domain.months import Month
from logeerhuis_app.ui.claims.page import SENT_COLUMNS, ClaimsPage
from tests.wlz_house import flex_house


def _page(context, show, year=2026, month=3):
    page = show(ClaimsPage(context))
    page.year.setValue(year)
    page.month.setValue(month)
    page.refresh()
    return page


def test_an_open_month_shows_what_to_do_first_and_claims_nothing(
    context, show, prompter, wmo_house, qtbot
):
    wmo_house()
    page = _page(context, show)
    assert page.drafts.rowCount() == 1
    assert "nog niet afgesloten" in page.problems.toPlainText()
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    assert prompter.messages[-1][0] == "error" and "nog niet afgesloten" in prompter.messages[-1][2]
    assert list_claims(context.db) == []


def test_claim_a_closed_month_and_save_its_wmo323(
    context, show, prompter, wmo_house, qtbot, tmp_path
):
    wmo_house()
    close_month(context.db, Month(2026, 3), by="test", now=datetime(2026, 4, 2, 9))
    page = _page(context, show)
    assert page.problems.toPlainText() == "Klaar om te declareren."
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    [claim] = list_claims(context.db)
    assert page.drafts.rowCount() == 0 and page.sent.rowCount() == 1
    assert "€\u00a01.157,10" in page.summary.text()
    assert page.sent.data(page.sent.index(0, 5)) == "€\u00a01.157,10"  # the WMO323 column
    assert SENT_COLUMNS[5].header == "WMO323"
    assert SENT_COLUMNS[5].text(replace(claim, lines=())) == "geen"  # reserved beds only
    page.sent_view.selectRow(0)
    target = tmp_path / "decl.xml"
    prompter.files.append(target)
    qtbot.mouseClick(page.xml_button, Qt.MouseButton.LeftButton)
    root = etree.fromstring(target.read_bytes())
    assert root.findtext(".//{*}DeclaratieNummer") == claim.number
    assert root.findtext(".//{*}TotaalBedrag") == "115710"


def test_export_the_month_encrypted_shows_the_password_once(
    context, show, prompter, wmo_house, tmp_path
):
    wmo_house()
    close_month(context.db, Month(2026, 3), by="test", now=datetime(2026, 4, 2, 9))
    page = _page(context, show)
    page.submit_all()
    seen = {}

    (tmp_path / "usb").mkdir()  # the stick is in

    def fill_in(dialog):
        dialog.folder.setText(str(tmp_path / "usb"))
        dialog.encrypt.setChecked(True)
        dialog.go.click()
        seen["password"] = dialog.password.text()
        seen["outcome"] = dialog.outcome.text()
        dialog.close_button.click()

    prompter.dialog_handler = fill_in
    page.export_month()
    [zip_path] = (tmp_path / "usb").iterdir()
    assert zip_path.suffix == ".zip" and "Bos" not in zip_path.name
    assert len(seen["password"]) == 29 and "ander kanaal" in seen["outcome"]
    with pyzipper.AESZipFile(zip_path) as archive:
        archive.setpassword(seen["password"].encode())
        names = archive.namelist()
        xml = next(n for n in names if n.endswith("WMO323.xml"))
        assert b"115710" in archive.read(xml)
    assert all("999900006" not in n and "Bos" not in n for n in names)


def test_save_the_start_and_stop_messages_of_the_month(
    context, show, prompter, wmo_house, qtbot, tmp_path
):
    wmo_house()
    with context.db.session() as s:
        s.execute(update(Allocation).values(end_date=date(2026, 3, 31)))
    page = _page(context, show)
    folder = tmp_path / "berichten"
    prompter.files.append(folder)
    qtbot.mouseClick(page.care_button, Qt.MouseButton.LeftButton)
    # The wmo_house guest has no date of birth: left out, and told what to fix.
    assert list(folder.iterdir()) == []
    kind, title, text = prompter.messages[-1]
    assert (kind, title) == ("info", "Start- en stopberichten")
    assert "geen start- of stopbericht" in text
    assert "Gerrit Bos: de geboortedatum ontbreekt (Gasten)." in text
    with context.db.session() as s:
        s.execute(update(Guest).values(date_of_birth=date(1941, 5, 2)))
    prompter.files.append(folder)
    qtbot.mouseClick(page.care_button, Qt.MouseButton.LeftButton)
    assert sorted(p.name for p in folder.iterdir()) == [
        "WMO305-0308-2026-03-001.xml",
        "WMO307-0308-2026-03-001.xml",
    ]
    root = etree.fromstring((folder / "WMO307-0308-2026-03-001.xml").read_bytes())
    assert root.findtext(".//{*}Einddatum") == "2026-03-31"
    assert root.findtext(".//{*}Bsn") == "999900006"
    text = prompter.messages[-1][2]
    assert "1 startbericht(en) (WMO305) en 1 stopbericht(en) (WMO307) over maart 2026" in text
    assert "Niet opgenomen" not in text


def test_save_the_zorgkantoor_aw319_file_from_the_sent_claim(
    context, show, prompter, qtbot, tmp_path
):
    flex_house(context.db)
    page = _page(context, show)
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    [claim] = list_claims(context.db)
    page.sent_view.selectRow(0)
    target = tmp_path / "aw319.txt"
    prompter.files.append(target)
    qtbot.mouseClick(page.aw319_button, Qt.MouseButton.LeftButton)
    records = read_aw319(target.read_bytes())
    assert structure_problems(records) == [] and signed_total(records) == claim.total_cents
    assert records[0].fields["factuurnummer_declarant"] == claim.number
    assert all(kind != "error" for kind, *_rest in prompter.messages)


def test_without_the_uzovi_code_no_aw319_file_is_written(context, show, prompter, qtbot, tmp_path):
    flex_house(context.db, uzovi="")
    page = _page(context, show)
    assert "AW319-bestand: Zorgkantoor Utrecht: de UZOVI-code" in page.problems.toPlainText()
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)  # the claim itself is made
    page.sent_view.selectRow(0)
    target = tmp_path / "aw319.txt"
    prompter.files.append(target)
    qtbot.mouseClick(page.aw319_button, Qt.MouseButton.LeftButton)
    kind, title, text = prompter.messages[-1]
    assert (kind, title) == ("error", "AW319-bestand")
    assert "UZOVI-code van het zorgkantoor moet uit 4 cijfers bestaan" in text
    assert not target.exists()


def test_a_municipality_claim_has_no_aw319_file(context, show, prompter, wmo_house, qtbot):
    wmo_house()
    close_month(context.db, Month(2026, 3), by="test", now=datetime(2026, 4, 2, 9))
    page = _page(context, show)
    page.submit_all()
    page.sent_view.selectRow(0)
    qtbot.mouseClick(page.aw319_button, Qt.MouseButton.LeftButton)
    kind, _title, text = prompter.messages[-1]
    assert kind == "error" and "Alleen een declaratie aan een zorgkantoor" in text
