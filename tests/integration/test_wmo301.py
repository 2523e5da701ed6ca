"""Reading a WMO301 in on a real database: the allocation it creates is the one the planner
and the month close use; the same file twice changes nothing; shortening warns about planned
stays; every refusal is Dutch, answers with the right retourcodes and changes nothing."""

from __future__ import annotations

import stat
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from logeerhuis_app.billing.months import close_month
from logeerhuis_app.claims.claims import claim_drafts, submit_claim
from logeerhuis_app.claims.read_message import (
    MessageRefused,
    apply_message,
    read_message,
)
from logeerhuis_app.claims.received_messages import keep_refusal, list_answers
from logeerhuis_app.db.models import Allocation, Guest, ReceivedMessage
from logeerhuis_app.documents.claims.wmo302 import answer_codes
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.allocations import list_allocations
from logeerhuis_app.planning.planner_view import load_planner
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.services.errors import ServiceError
from tests.wmo301_messages import HEADER, NEW_CLIENT, wmo301, xsd_errors

NOW = datetime(2026, 7, 2, 10, 0)
TODAY = NOW.date()


def _read(db, data):
    return read_message(db, data, today=TODAY)


def _apply(db, preview, data_dir, *, accept=False):
    return apply_message(db, preview, data_dir=data_dir, accept_offer=accept, by="Ans", now=NOW)


def _snapshot(db):
    """Everything a message could change: allocations, guests, kept messages."""
    with db.session(write=False) as s:
        allocations = [
            (a.id, a.version, a.guest_id, a.reference, a.start_date, a.end_date, a.volume,
             a.volume_frequency, a.contract_id)
            for a in s.scalars(select(Allocation).order_by(Allocation.id))
        ]  # fmt: skip
        guests = [(g.id, g.version, g.bsn) for g in s.scalars(select(Guest).order_by(Guest.id))]
        messages = s.scalar(select(func.count(ReceivedMessage.id)))
    return allocations, guests, messages


def _allocation(db, reference):
    with db.session(write=False) as s:
        return s.scalar(select(Allocation).where(Allocation.reference == reference))


def test_a_new_toewijzing_is_the_allocation_the_planner_and_month_close_use(
    db, wmo_house, data_dir
):
    _gemeente, stay = wmo_house()
    data = wmo301(number="555000111", start=date(2026, 4, 1), end=date(2026, 6, 30), volume=3,
                  frequency="2")  # fmt: skip
    assert xsd_errors(data) in ([], None)
    preview = _read(db, data)
    assert preview.offer == ""  # the guest is known by BSN
    assert "Gast: Gerrit Bos (gevonden op BSN)" in preview.lines
    wanted = ("Toewijzing 555000111 (nieuwe toewijzing): product 04/04A04, 01-04-2026 t/m "
              "30-06-2026, 3 etmalen per week")  # fmt: skip
    assert any(line.startswith(wanted) for line in preview.lines)
    applied = _apply(db, preview, data_dir)
    assert applied.lines == ("Nieuwe toewijzing: toewijzing 555000111",)
    new = next(a for a in list_allocations(db, stay.guest_id) if a.reference == "555000111")
    assert (new.start_date, new.end_date, new.volume, new.volume_frequency, new.contract_name) == (
        date(2026, 4, 1),
        date(2026, 6, 30),
        3,
        "week",
        "Wmo kortdurend verblijf",
    )
    # The planner shows a stay on it as funded by the municipality, the month close claims it.
    april = create_stay(db, NewStay(stay.guest_id, stay.room_id, date(2026, 4, 6), date(2026, 4, 9),
                                    status="bevestigd", allocation_id=new.id))  # fmt: skip
    [planned] = [p for p in load_planner(db, date(2026, 4, 1), date(2026, 5, 1)).stays
                 if p.id == april.id]  # fmt: skip
    assert planned.funder_name == "Gemeente Baarn" and planned.warnings == ()
    close_month(db, Month(2026, 4), by="test", now=NOW)
    [draft] = claim_drafts(db, Month(2026, 4), today=TODAY)
    [line] = draft.claim.message_lines
    assert (line.allocation_reference, line.volume, line.product_code) == ("555000111", 3, "04A04")
    assert draft.ready, draft.problems
    # The answer: approved, so the Header alone (IV028), kept and in the berichten folder.
    path = applied.answer_path
    assert path == data_dir / "berichten" / "WMO302-0308-B2026000001.xml"
    assert answer_codes(path.read_bytes()) == {"header": []}
    assert b"<wmo302:BerichtCode>415<" in path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    [listed] = list_answers(db, Month(2026, 7))
    assert (listed.outcome, listed.codes, listed.name) == ("verwerkt", "", path.name)


def test_reading_the_same_file_twice_changes_nothing_the_second_time(db, wmo_house, data_dir):
    wmo_house()
    data = wmo301(number="555000111", start=date(2026, 4, 1))
    _apply(db, _read(db, data), data_dir)
    before = _snapshot(db)
    again = _read(db, data)
    assert again.changes is False and "Nog eens inlezen verandert niets." in again.lines
    assert _apply(db, again, data_dir).changed is False
    assert _snapshot(db) == before


def test_the_same_toewijzing_in_a_new_message_leaves_the_allocation_as_it_was(
    db, wmo_house, data_dir
):
    wmo_house(volume=40, frequency="total")
    before = _allocation(db, "123456789")
    preview = _read(db, wmo301())  # the toewijzing exactly as the house has it
    assert any("(ongewijzigd)" in line for line in preview.lines)
    _apply(db, preview, data_dir)
    after = _allocation(db, "123456789")
    assert (after.version, after.end_date, after.volume) == (before.version, before.end_date, 40)


def test_a_shortened_toewijzing_shortens_the_allocation_and_warns_about_planned_stays(
    db, wmo_house, data_dir
):
    wmo_house()  # a stay from 10 to 18 March on toewijzing 123456789
    data = wmo301(end=date(2026, 3, 14), reason="05")
    preview = _read(db, data)
    assert "    periode 01-01-2026 t/m 31-12-2026 wordt 01-01-2026 t/m 14-03-2026" in preview.lines
    assert "    reden: verkorting" in preview.lines
    [warning] = preview.warnings
    assert warning.startswith("Het verblijf van 10-03-2026 tot 18-03-2026 heeft 3 nacht(en) buiten "
                              "de toewijzing (vanaf 15-03-2026)")  # fmt: skip
    applied = _apply(db, preview, data_dir)
    assert applied.warnings == (warning,)
    assert _allocation(db, "123456789").end_date == date(2026, 3, 14)


def test_a_withdrawn_toewijzing_ends_on_its_first_day(db, wmo_house, data_dir):
    wmo_house()
    preview = _read(db, wmo301(end=date(2026, 1, 1), reason="13"))
    assert any("ingetrokken door de gemeente" in line for line in preview.lines)
    assert len(preview.warnings) == 1  # the March stay
    _apply(db, preview, data_dir)
    assert _allocation(db, "123456789").end_date == date(2026, 1, 1)


def test_an_unknown_client_becomes_a_guest_only_when_the_user_says_so(db, wmo_house, data_dir):
    wmo_house()
    data = wmo301(client=NEW_CLIENT, number="777000001")
    preview = _read(db, data)
    assert preview.offer.startswith("Gast Truus van Dijk aanmaken uit het bericht")
    before = _snapshot(db)
    with pytest.raises(ServiceError, match="staat nog niet bij de gasten"):
        _apply(db, preview, data_dir, accept=False)
    assert _snapshot(db) == before
    applied = _apply(db, preview, data_dir, accept=True)
    assert applied.lines[0] == "Nieuwe gast: Truus van Dijk"
    with db.session(write=False) as s:
        guest = s.scalar(select(Guest).where(Guest.bsn == "999900018"))
        assert (guest.first_name, guest.prefix, guest.last_name, guest.gender, guest.postcode,
                guest.municipality_code, guest.date_of_birth) == (
            "Truus", "van", "Dijk", "V", "3741 AA", "0308", date(1938, 11, 23))  # fmt: skip
    assert _allocation(db, "777000001").guest_id == guest.id


def _refused(db, data) -> MessageRefused:
    before = _snapshot(db)
    with pytest.raises(MessageRefused) as caught:
        _read(db, data)
    assert _snapshot(db) == before
    return caught.value


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"dit is geen xml", "geen leesbaar XML-bericht"),
        (wmo301()[:300], "geen leesbaar XML-bericht"),
        (wmo301().replace(b"wmo301/schema", b"wmo305/schema"), "Dit is een WMO305-bericht"),
        (wmo301().replace(b"<wmo301:Ingangsdatum>2026-01-01</wmo301:Ingangsdatum>", b""),
         "Het element 'Ingangsdatum' ontbreekt in ToegewezenProduct 1"),
        (wmo301(start=date(2026, 1, 1)).replace(b"2026-01-01", b"2026-02-30"),
         "geen bestaande datum"),
        (b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>", "DTD"),
    ],
    ids=["not-xml", "truncated", "wrong-kind", "xsd-missing-element", "bad-date", "dtd"],
)  # fmt: skip
def test_a_file_that_is_no_wmo301_is_refused_in_dutch_without_an_answer(db, wmo_house, data, words):
    wmo_house()
    refused = _refused(db, data)
    assert words in refused.message and refused.answer is None


@pytest.mark.parametrize(
    ("make", "words", "codes"),
    [
        (lambda: wmo301(client=NEW_CLIENT.__class__(**{**NEW_CLIENT.__dict__, "bsn": "123456789"})),
         "Het BSN van de cliënt klopt niet (elfproef", {"header": ["0001"]}),
        (lambda: wmo301(header=HEADER.__class__(**{**HEADER.__dict__, "sender": "0363"})),
         "Gemeente Amsterdam (0363) staat niet bij Financiers", {"header": ["S300"]}),
        (lambda: wmo301(header=HEADER.__class__(**{**HEADER.__dict__, "sender": "9999"})),
         "Gemeentecode 9999 staat niet op de CBS-lijst", {"header": ["S300"]}),
        (lambda: wmo301(header=HEADER.__class__(**{**HEADER.__dict__, "receiver": "11112222"})),
         "voor de aanbieder met AGB-code 11112222", {"header": ["0001"]}),
        (lambda: wmo301(header=HEADER.__class__(**{**HEADER.__dict__, "dated": date(2026, 8, 1)})),
         "ligt na vandaag", {"header": ["8848"]}),
        (lambda: wmo301(code="04X99"), "geen contract met Gemeente Baarn voor product 04/04X99",
         {"header": ["0200"], "client": ["0200"], "product:123456789": ["S329"]}),
        (lambda: wmo301(unit="04", frequency="2"), "de eenheid 04 is geen etmaal",
         {"header": ["0001"]}),
    ],
    ids=["bsn", "municipality-not-a-funder", "municipality-unknown", "other-provider",
         "dated-in-future", "product-not-contracted", "unit-hours"],
)  # fmt: skip
def test_a_wmo301_the_house_refuses_changes_nothing_and_answers_with_retourcodes(
    db, wmo_house, data_dir, make, words, codes
):
    wmo_house()
    refused = _refused(db, make())
    assert words in refused.message
    assert refused.message.startswith("Het toewijzingsbericht van ")
    assert "999900006" not in refused.message and "123456789 klopt" not in refused.message
    assert answer_codes(refused.answer.data) == codes
    # Keeping the answer (the user asks) stores it and writes the file; nothing else changes.
    allocations, guests, _messages = _snapshot(db)
    path = keep_refusal(db, refused, data_dir=data_dir, by="Ans", now=NOW)
    assert path.name.endswith("-afgekeurd.xml") and path.read_bytes() == refused.answer.data
    assert _snapshot(db)[:2] == (allocations, guests)
    [listed] = list_answers(db, Month(2026, 7))
    assert listed.outcome == "afgekeurd" and listed.codes == ",".join(
        dict.fromkeys(c for cs in codes.values() for c in cs if c not in ("0200",))
    )


def test_shortening_over_claimed_nights_is_refused_with_9385(db, wmo_house):
    gemeente, _stay = wmo_house()
    close_month(db, Month(2026, 3), by="test", now=NOW)
    submit_claim(db, Month(2026, 3), gemeente.id, by="test", now=NOW)
    refused = _refused(db, wmo301(end=date(2026, 3, 12), reason="05"))
    assert "5 nacht(en) buiten de nieuwe periode zijn al gedeclareerd" in refused.message
    assert answer_codes(refused.answer.data)["product:123456789"] == ["9385"]


def test_another_message_with_a_used_identification_is_refused_with_9056(db, wmo_house, data_dir):
    wmo_house()
    _apply(db, _read(db, wmo301(number="555000111")), data_dir)
    refused = _refused(db, wmo301(number="555000222"))
    assert "identificatie B2026000001" in refused.message
    assert answer_codes(refused.answer.data) == {"header": ["9056"]}


def test_a_number_of_another_client_is_refused_with_9332(db, wmo_house, data_dir):
    wmo_house()
    refused = _refused(db, wmo301(client=NEW_CLIENT))  # 123456789 is Gerrit Bos's
    assert "hoort in dit logeerhuis al bij een andere cliënt" in refused.message
    assert answer_codes(refused.answer.data)["product:123456789"] == ["9332"]


def test_the_month_export_carries_the_answers_read_that_month(db, wmo_house, data_dir, tmp_path):
    from logeerhuis_app.claims.month_export import export_month

    wmo_house()
    _apply(db, _read(db, wmo301(number="555000111")), data_dir)
    out = tmp_path / "stick"
    out.mkdir()
    result = export_month(db, Month(2026, 7), out, today=TODAY)
    names = [f.name for f in result.files]
    assert "wmo-berichten/WMO302-0308-B2026000001.xml" in names
    written = result.location / "wmo-berichten" / "WMO302-0308-B2026000001.xml"
    assert written.read_bytes() == (data_dir / "berichten" / written.name).read_bytes()
    assert "wmo-berichten/WMO302" not in " ".join(
        f.name for f in export_month(db, Month(2026, 6), out, today=TODAY).files
    )


def test_the_demo_house_has_a_wmo301_made_by_the_program_that_reads_in(db, data_dir):
    from logeerhuis_app.demo.builder import build_demo
    from logeerhuis_app.demo.messages import save_demo_message

    build_demo(db, today=TODAY)
    path = save_demo_message(db, data_dir, today=TODAY)
    assert path == data_dir / "berichten" / "voorbeeld-WMO301-toewijzing.xml"
    data = path.read_bytes()
    assert xsd_errors(data) in ([], None)
    preview = _read(db, data)
    assert preview.offer.startswith("Gast Johanna Smits aanmaken")
    assert "Gemeente: Amersfoort (0307)" in preview.lines and preview.warnings == ()
    applied = _apply(db, preview, data_dir, accept=True)
    assert applied.lines == (
        "Nieuwe gast: Johanna Smits",
        "Nieuwe toewijzing: toewijzing 301260701",
    )
    assert _read(db, data).changes is False


_MUTATIONS = st.lists(
    st.tuples(st.sampled_from(["delete", "insert", "replace"]), st.integers(0, 4000),
              st.binary(min_size=1, max_size=8)),
    min_size=1, max_size=3,
)  # fmt: skip


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=_MUTATIONS, base=st.sampled_from(["known", "new", "shorter"]))
def test_fuzzed_files_are_read_or_refused_in_dutch_and_reading_changes_nothing(
    db, wmo_house, mutations, base
):
    if not _snapshot(db)[1]:
        wmo_house()
    before = _snapshot(db)
    data = bytearray({"known": wmo301(), "new": wmo301(client=NEW_CLIENT, number="777"),
                      "shorter": wmo301(end=date(2026, 3, 14))}[base])  # fmt: skip
    for action, at, chunk in mutations:
        at %= len(data)
        if action == "delete":
            del data[at : at + len(chunk)]
        elif action == "insert":
            data[at:at] = chunk
        else:
            data[at : at + len(chunk)] = chunk
    try:
        preview = _read(db, bytes(data))
        assert preview.title.startswith("Toewijzing (WMO301)")
    except MessageRefused as refused:
        assert refused.message.split()[0] in ("Het", "Dit", "Er")
    assert _snapshot(db) == before
