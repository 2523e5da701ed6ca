"""A reserved Wmo bed in WMO323 (issue 18, decision 0033): the guest's nights in it are declared
on the guest at the reservation's product and day tariff; the empty days on the toewijzing the
municipality gave for the bed, or, without one, on the summary with an aandachtspunt."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree

from logeerhuis_app.billing.corrections import correct_night
from logeerhuis_app.billing.invoice_records import get_invoice
from logeerhuis_app.billing.invoicing import make_drafts
from logeerhuis_app.billing.months import close_month, month_check
from logeerhuis_app.claims.claims import claim_drafts, pending_corrections, submit_claim
from logeerhuis_app.documents.claims.wmo323 import NS_MSG, read_totals, render_wmo323, validate
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.funders import FunderData, get_funder, save_funder
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.reservations import (
    ReservationData,
    reserve_bed,
    set_reservation_allocation,
)
from logeerhuis_app.services.errors import ValidationError

NOW = datetime(2026, 4, 3, 10, 0)
MARCH = [date(2026, 3, d) for d in range(1, 32)]
BED_CLIENT_BSN = "999900018"


def _standards() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        found = parent / "shared" / "standards" / "iwmo-3.2"
        if (found / "WMO323.xsd").exists():
            return found
    return None


def _reserved_march(db, wmo_house, **toewijzing):  # type: ignore[no-untyped-def]
    """Gerrit Bos sleeps 10-17 March in a bed the municipality reserved for all of March."""
    gemeente, stay = wmo_house()  # Gerrit Bos, 10 to 18 March, toewijzing 123456789
    bed = save_contract(db, ContractData(
        funder_id=gemeente.id, name="Gereserveerd logeerbed", product_category="04",
        product_code="04A05", tariff_model="reserved_bed", valid_from=date(2026, 1, 1),
        rates=(RateData(valid_from=date(2026, 1, 1), amount_cents=11800),)))  # fmt: skip
    reservation = reserve_bed(db, ReservationData(None, stay.bed_id, bed.id, date(2026, 3, 1),
                                                  date(2026, 3, 31), **toewijzing))  # fmt: skip
    return gemeente, stay, reservation


def _bed_client(db) -> int:  # type: ignore[no-untyped-def]
    """The client the municipality's toewijzing for the bed names."""
    guest = save_guest(db, GuestData(first_name="Wilma", prefix="de", last_name="Vries",
                                     bsn=BED_CLIENT_BSN, city="Baarn"))  # fmt: skip
    return guest.id


def _declared_days(*xmls: bytes) -> Counter:  # type: ignore[type-arg]
    """(BSN, toewijzingnummer, day) -> net times declared, read back from the messages."""
    ns = {"m": NS_MSG, "b": "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"}
    days: Counter = Counter()  # type: ignore[type-arg]
    for xml in xmls:
        for client in etree.fromstring(xml).iterfind(".//m:Client", ns):
            bsn = client.findtext("m:Bsn", namespaces=ns)
            for p in client.iterfind(".//m:Prestatie", ns):
                field = lambda path, p=p: p.findtext(path, namespaces=ns)  # noqa: E731
                start = date.fromisoformat(field("m:ProductPeriode/b:Begindatum"))
                end = date.fromisoformat(field("m:ProductPeriode/b:Einddatum"))
                volume = int(field("m:GeleverdVolume"))
                sign = -1 if field("m:IngediendBedrag/b:DebetCredit") == "C" else 1
                assert volume == (end - start).days + 1  # one etmaal per day of the period
                assert field("m:Eenheid") == "14"
                number = field("m:ToewijzingNummer")
                for n in range(volume):
                    days[(bsn, number, start + timedelta(days=n))] += sign
    return days


def _valid(xml: bytes) -> None:
    standards = _standards()
    if standards is None:
        pytest.skip("iWmo XSDs not present in ../shared")
    assert validate(xml, standards) == []


def test_a_reserved_bed_goes_into_wmo323_per_day_on_the_guest_who_slept_there(db, wmo_house):
    gemeente, _stay, _r = _reserved_march(db, wmo_house)
    close_month(db, Month(2026, 3), by="test", now=NOW)
    claim = submit_claim(db, Month(2026, 3), gemeente.id, by="test", now=NOW)
    message = [(ln.product_code, ln.period_from.day, ln.period_to.day, ln.volume, ln.tariff_cents,
                ln.bsn) for ln in claim.message_lines]  # fmt: skip
    # The 8 nights in the reserved bed are the reservation's days, on Gerrit's toewijzing.
    assert message == [("04A05", 10, 17, 8, 11800, "999900006")]
    assert all(ln.allocation_reference == "123456789" for ln in claim.message_lines)
    # Without a toewijzing for the bed its empty days stay on the summary.
    summary = [(ln.kind, ln.volume) for ln in claim.lines if not ln.in_message]
    assert summary == [("gereserveerd", 9), ("gereserveerd", 14)]  # 1-9 and 18-31 March
    xml = render_wmo323(claim)
    assert read_totals(xml) == {"total": 8 * 11800, "lines": 8 * 11800, "volume": 8}
    _valid(xml)


def test_with_the_beds_toewijzing_every_reserved_day_is_in_wmo323_exactly_once(db, wmo_house):
    client = _bed_client(db)
    gemeente, _stay, reservation = _reserved_march(
        db, wmo_house, allocation_guest_id=client, allocation_reference="987654321"
    )
    assert reservation.allocation_guest_name == "Wilma de Vries"
    close_month(db, Month(2026, 3), by="test", now=NOW)
    [draft] = claim_drafts(db, Month(2026, 3), today=NOW.date())
    assert draft.ready and draft.notes == ()
    claim = submit_claim(db, Month(2026, 3), gemeente.id, by="test", now=NOW)
    assert claim.other_lines == ()  # nothing left only on the summary
    lines = [(ln.kind, ln.bsn, ln.allocation_reference, ln.product_category, ln.product_code,
              ln.unit, ln.period_from.day, ln.period_to.day, ln.volume, ln.amount_cents)
             for ln in claim.message_lines]  # fmt: skip
    assert lines == [
        ("verblijf", "999900006", "123456789", "04", "04A05", "14", 10, 17, 8, 8 * 11800),
        ("gereserveerd", BED_CLIENT_BSN, "987654321", "04", "04A05", "14", 1, 9, 9, 9 * 11800),
        ("gereserveerd", BED_CLIENT_BSN, "987654321", "04", "04A05", "14", 18, 31, 14, 14 * 11800),
    ]
    xml = render_wmo323(claim)
    _valid(xml)
    assert read_totals(xml) == {"total": 31 * 11800, "lines": 31 * 11800, "volume": 31}
    days = _declared_days(xml)
    assert sorted(d for (_b, _n, d), times in days.items() if times == 1) == MARCH
    assert set(days.values()) == {1}  # no day twice
    assert {(b, n) for (b, n, d) in days if d.day < 10 or d.day > 17} == {
        (BED_CLIENT_BSN, "987654321")
    }
    assert month_check(db, Month(2026, 3)).warnings == ()


def test_a_night_found_absent_later_moves_to_the_beds_toewijzing_once(db, wmo_house):
    client = _bed_client(db)
    gemeente, stay, _r = _reserved_march(
        db, wmo_house, allocation_guest_id=client, allocation_reference="987654321"
    )
    close_month(db, Month(2026, 3), by="test", now=NOW)
    original = submit_claim(db, Month(2026, 3), gemeente.id, by="test", now=NOW)
    correct_night(db, stay.id, date(2026, 3, 12), billable=False, reason="ziekenhuis", by="t",
                  now=datetime(2026, 4, 20, 9, 0))  # fmt: skip
    [draft] = pending_corrections(db, today=date(2026, 4, 20))
    assert draft.ready
    correction = submit_claim(
        db, Month(2026, 3), gemeente.id, by="t", now=datetime(2026, 4, 20, 9, 5)
    )
    changed = [(ln.debit_credit, ln.bsn, ln.period_from.day, ln.period_to.day)
               for ln in correction.lines]  # fmt: skip
    # Gerrit's run is credited and re-declared around the 12th; the bed's toewijzing gets the
    # 12th as an empty day; its runs 1-9 and 18-31 are left alone.
    assert changed == [("C", "999900006", 10, 17), ("D", "999900006", 10, 11),
                       ("D", "999900006", 13, 17), ("D", BED_CLIENT_BSN, 12, 12)]  # fmt: skip
    xml = render_wmo323(correction)
    _valid(xml)
    net = _declared_days(render_wmo323(original), xml)
    assert sorted(d for (_b, _n, d), times in net.items() if times == 1) == MARCH
    assert set(net.values()) <= {0, 1}
    assert net[(BED_CLIENT_BSN, "987654321", date(2026, 3, 12))] == 1
    assert original.total_cents + correction.total_cents == 31 * 11800


def test_a_toewijzing_given_after_the_claim_declares_the_empty_days_as_a_correction(db, wmo_house):
    gemeente, _stay, reservation = _reserved_march(db, wmo_house)
    close_month(db, Month(2026, 3), by="test", now=NOW)
    original = submit_claim(db, Month(2026, 3), gemeente.id, by="test", now=NOW)
    set_reservation_allocation(db, reservation.id, _bed_client(db), " 987654321 ")
    [draft] = pending_corrections(db, today=date(2026, 4, 20))
    assert draft.ready and draft.notes == ()
    correction = submit_claim(
        db, Month(2026, 3), gemeente.id, by="t", now=datetime(2026, 4, 20, 9, 5)
    )
    # The summary-only lines are credited on the summary; the message gets the 23 empty days.
    assert [(ln.debit_credit, ln.volume) for ln in correction.other_lines] == [("C", 9), ("C", 14)]
    xml = render_wmo323(correction)
    _valid(xml)
    assert read_totals(xml)["volume"] == 23
    net = _declared_days(render_wmo323(original), xml)
    assert sorted(d for (_b, _n, d), times in net.items() if times == 1) == MARCH
    assert set(net.values()) == {1}
    assert original.total_cents + correction.total_cents == 31 * 11800


def test_without_the_beds_toewijzing_the_month_check_and_the_draft_say_so(db, wmo_house):
    _reserved_march(db, wmo_house)
    expected = (
        "Gereserveerd bed Gereserveerd logeerbed (Linde, bed 1) heeft geen toewijzing: de lege "
        "dagen (23) gaan niet mee in de WMO323. Leg de toewijzing van de gemeente vast bij de "
        "reservering (Kamers)."
    )
    check = close_month(db, Month(2026, 3), by="test", now=NOW)
    assert expected in check.warnings
    [draft] = claim_drafts(db, Month(2026, 3), today=NOW.date())
    assert draft.ready  # a point to note, not a reason to refuse the claim
    assert draft.notes == (expected,)


def test_a_funder_that_wants_an_invoice_gets_every_reserved_day_on_it(db, wmo_house):
    client = _bed_client(db)
    gemeente, _stay, _r = _reserved_march(
        db, wmo_house, allocation_guest_id=client, allocation_reference="987654321"
    )
    save_funder(db, replace(get_funder(db, gemeente.id), wants_invoice=True))
    close_month(db, Month(2026, 3), by="test", now=NOW)
    assert claim_drafts(db, Month(2026, 3), today=NOW.date()) == []
    [draft] = make_drafts(db, Month(2026, 3))
    lines = get_invoice(db, draft.id).lines
    assert sum(ln.quantity for ln in lines if ln.kind == "gereserveerd") == 31  # every day
    assert sum(ln.quantity for ln in lines if ln.kind == "verblijf") == 0  # Gerrit's are in it


@pytest.mark.parametrize(
    ("guest", "reference", "field", "text"),
    [
        ("client", "12AB", "allocation_reference", "hoogstens 9 cijfers"),
        ("client", "1234567890", "allocation_reference", "hoogstens 9 cijfers"),
        ("client", "", "allocation_reference", "Vul het toewijzingnummer"),
        (None, "987654321", "allocation_guest_id", "Kies de cliënt"),
        ("no_bsn", "987654321", "allocation_guest_id", "het BSN ontbreekt"),
    ],
)
def test_a_wrong_toewijzing_for_a_bed_is_refused_in_dutch(db, wmo_house, guest, reference,
                                                           field, text):  # fmt: skip
    _gemeente, _stay, reservation = _reserved_march(db, wmo_house)
    guests = {
        "client": _bed_client(db),
        "no_bsn": save_guest(db, GuestData(first_name="Jan", last_name="Zonder")).id,
        None: None,
    }
    with pytest.raises(ValidationError) as error:
        set_reservation_allocation(db, reservation.id, guests[guest], reference)
    assert text in error.value.field_errors[field]
    [after] = [r for r in _all(db) if r.id == reservation.id]
    assert (after.allocation_guest_id, after.allocation_reference) == (None, "")


def test_only_a_municipalitys_bed_gets_a_toewijzing(db, wmo_house):
    _gemeente, stay = wmo_house()
    zk = save_funder(db, FunderData(kind="zorgkantoor", name="Zorgkantoor Utrecht",
                                    uzovi_code="5513"))  # fmt: skip
    bed = save_contract(db, ContractData(
        funder_id=zk.id, name="Wlz bed", product_code="ZK001", tariff_model="reserved_bed",
        valid_from=date(2026, 1, 1),
        rates=(RateData(valid_from=date(2026, 1, 1), amount_cents=11800),)))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        reserve_bed(db, ReservationData(None, stay.bed_id, bed.id, date(2026, 3, 1),
                                        date(2026, 3, 31), allocation_guest_id=_bed_client(db),
                                        allocation_reference="987654321"))  # fmt: skip
    assert "gemeente" in error.value.field_errors["allocation_reference"]
    assert _all(db) == []


def test_the_toewijzing_can_be_removed_again(db, wmo_house):
    _gemeente, _stay, reservation = _reserved_march(
        db, wmo_house, allocation_guest_id=_bed_client(db), allocation_reference="987654321"
    )
    cleared = set_reservation_allocation(db, reservation.id, None, "  ")
    assert (cleared.allocation_guest_id, cleared.allocation_reference) == (None, "")
    assert not cleared.has_allocation


def _all(db):  # type: ignore[no-untyped-def]
    from logeerhuis_app.house.reservations import list_reservations

    return list_reservations(db, date(2000, 1, 1), date(2100, 1, 1))
