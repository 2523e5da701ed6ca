"""Start and stop of Wmo care (WMO305/WMO307), derived per month from allocations and nights."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from lxml import etree

from logeerhuis_app.documents.claims.wmo305_307 import read_products, render_care_message
from logeerhuis_app.domain.care_messages import (
    CareAllocation,
    CareClient,
    month_care_messages,
)
from logeerhuis_app.domain.months import Month

CLIENT = CareClient(
    guest_id=7, name="Gerrit van den Bos", bsn="999900006", first_name="Gerrit Jan",
    prefix="van den", last_name="Bos", date_of_birth=date(1941, 5, 2), gender="M",
)  # fmt: skip
ALLOCATION = CareAllocation(
    allocation_id=1, client=CLIENT, funder_name="Gemeente Baarn", municipality_code="0308",
    reference="123456789", product_category="04", product_code="04A04",
    start_date=date(2026, 1, 1), end_date=date(2026, 6, 30), first_night=date(2026, 3, 10),
)  # fmt: skip
MADE_ON = date(2026, 4, 2)


def _month(month, *allocations, agb="73730123"):
    return month_care_messages(list(allocations or [ALLOCATION]), agb, Month(2026, month), MADE_ON)


def test_care_starts_in_the_month_of_the_first_night_and_only_there():
    [start], problems = _month(3)
    assert problems == []
    assert (start.kind, start.receiver, start.sender) == ("305", "0308", "73730123")
    [product] = start.products
    assert (product.begin, product.allocation_start, product.end) == (
        date(2026, 3, 10), date(2026, 1, 1), None,
    )  # fmt: skip
    assert start.identification == "503082603001" and len(start.identification) == 12
    assert start.file_name == "WMO305-0308-2026-03-001.xml"
    assert _month(2) == ([], []) and _month(4) == ([], [])


def test_care_stops_in_the_month_the_allocation_ends():
    [stop], problems = _month(6)
    assert problems == [] and stop.kind == "307"
    [product] = stop.products
    assert (product.begin, product.end, product.reason) == (
        date(2026, 3, 10), date(2026, 6, 30), "19",
    )  # fmt: skip
    assert stop.identification == "703082606001"


def test_an_allocation_without_nights_neither_starts_nor_stops():
    unused = replace(ALLOCATION, first_night=None)
    assert _month(3, unused) == ([], []) and _month(6, unused) == ([], [])


def test_start_and_stop_in_one_month_give_two_messages():
    short = replace(ALLOCATION, end_date=date(2026, 3, 31))
    messages, _problems = _month(3, short)
    assert [m.kind for m in messages] == ["305", "307"]


def test_a_guest_without_bsn_is_left_out_with_a_message_and_others_still_go():
    other = replace(
        ALLOCATION, allocation_id=2, reference="55",
        client=replace(CLIENT, guest_id=9, name="Truus Smit", bsn="", date_of_birth=None),
    )  # fmt: skip
    messages, problems = _month(3, ALLOCATION, other)
    assert [m.client.guest_id for m in messages] == [7]
    assert problems == [
        "Truus Smit: het BSN ontbreekt (Gasten).",
        "Truus Smit: de geboortedatum ontbreekt (Gasten).",
    ]


def test_the_header_and_allocation_checks_match_the_wmo323_ones():
    assert _month(3, agb="123") == (
        [], ["De AGB-code van het logeerhuis moet uit 8 cijfers bestaan (Instellingen)."],
    )  # fmt: skip
    wrong = replace(ALLOCATION, reference="TW-1", municipality_code="308")
    messages, problems = _month(3, wrong)
    assert messages == []
    assert "Gemeente Baarn: de gemeentecode moet uit 4 cijfers bestaan" in problems[0]
    assert "toewijzingnummer TW-1 moet een getal" in problems[1]


def test_two_guests_of_one_municipality_get_numbered_messages():
    other = replace(ALLOCATION, allocation_id=2, client=replace(CLIENT, guest_id=3))
    messages, _problems = _month(3, ALLOCATION, other)
    assert [(m.client.guest_id, m.file_name[-7:]) for m in messages] == [
        (3, "001.xml"), (7, "002.xml"),
    ]  # fmt: skip


def test_the_xml_names_the_client_without_empty_elements():
    [start], _problems = _month(3)
    xml = render_care_message(start)
    root = etree.fromstring(xml)
    assert root.findtext(".//{*}BerichtCode") == "418"
    assert root.findtext(".//{*}Geslacht") == "1"
    assert root.findtext(".//{*}Voorvoegsel") == "van den"
    assert root.findtext(".//{*}Voorletters") == "GJ"
    assert all((e.text or "").strip() or len(e) for e in root.iter())
    assert read_products(xml) == [
        {"Bsn": "999900006", "ToewijzingNummer": "123456789",
         "ToewijzingIngangsdatum": "2026-01-01", "Begindatum": "2026-03-10", "Einddatum": "",
         "RedenBeeindiging": ""},
    ]  # fmt: skip
    plain = replace(start, client=replace(CLIENT, prefix="", first_name="", gender="X"))
    root = etree.fromstring(render_care_message(plain))
    assert root.find(".//{*}Voorvoegsel") is None and root.find(".//{*}Voornamen") is None
    assert root.find(".//{*}Voorletters") is None and root.findtext(".//{*}Geslacht") == "0"
    assert render_care_message(start) == xml


def test_a_first_night_before_the_allocation_starts_is_named():
    early = replace(ALLOCATION, start_date=date(2026, 3, 12))
    messages, problems = _month(3, early)
    assert messages == []
    assert problems == [
        "Gerrit van den Bos: de eerste nacht (10-03-2026) ligt vóór de ingangsdatum van de "
        "toewijzing (12-03-2026)."
    ]
