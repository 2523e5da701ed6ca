"""The municipality's answer (WMO325): each declared line granted or rejected with its WJ001
code in Dutch; a rejected line put right goes into the next month's WMO323 once, as a new line
(never a credit: iWmo IV085), and that WMO323 validates against the XSD."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from logeerhuis_app.billing.months import close_month
from logeerhuis_app.claims.answer_simulation import simulated_answer
from logeerhuis_app.claims.claim_answer_overview import month_answers
from logeerhuis_app.claims.claim_answers import mark_fixed, read_wmo325, read_wmo325_file
from logeerhuis_app.claims.claims import (
    claim_drafts,
    list_claims,
    pending_corrections,
    submit_claim,
)
from logeerhuis_app.db.models import ClaimAnswer, ClaimLineAnswer
from logeerhuis_app.documents.claims.wmo323 import render_wmo323, validate
from logeerhuis_app.domain.months import Month
from logeerhuis_app.services.errors import ServiceError

STANDARDS = Path(__file__).resolve().parents[3] / "shared" / "standards" / "iwmo-3.2"
NOW = datetime(2026, 4, 3, 10, 0)
LATER = datetime(2026, 4, 17, 9, 0)


def _claimed_march(db, wmo_house):
    gemeente, stay = wmo_house()
    close_month(db, Month(2026, 3), by="test", now=NOW)
    claim = submit_claim(db, Month(2026, 3), gemeente.id, by="test", now=NOW)
    return gemeente, stay, claim


def _answer(db, claim, rejected):
    return simulated_answer(db, claim.number, rejected, answered_on=date(2026, 4, 15))


def _counts(db) -> tuple[int, int]:
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(ClaimAnswer)),
            s.scalar(select(func.count()).select_from(ClaimLineAnswer)),
        )


def test_one_rejected_line_is_shown_with_its_code_in_dutch(db, wmo_house):
    _g, _s, claim = _claimed_march(db, wmo_house)
    first, second = claim.lines
    result = read_wmo325(db, _answer(db, claim, {second.reference: ("9307",)}), by="t", now=LATER)
    assert (result.accepted, result.rejected, result.already_read) == (1, 1, False)
    assert result.granted_cents == first.amount_cents == 5 * 14250
    overview = month_answers(db, Month(2026, 3))
    assert overview.declared_cents == 115710
    assert overview.accepted_cents == 71250
    assert overview.rejected_cents == 3 * 14820
    assert overview.waiting_cents == 0
    [line] = overview.rejected
    assert line.reference == second.reference and line.to_fix
    assert line.codes.startswith("9307: Begindatum prestatie ligt niet tussen de ingangsdatum")


def test_reading_the_same_answer_twice_changes_nothing(db, wmo_house):
    _g, _s, claim = _claimed_march(db, wmo_house)
    data = _answer(db, claim, {claim.lines[1].reference: ("9307",)})
    read_wmo325(db, data, by="t", now=LATER)
    before = _counts(db)
    again = read_wmo325(db, data, by="t", now=LATER)
    assert again.already_read and "niets veranderd" in again.summary
    assert (again.accepted, again.rejected) == (1, 1)
    assert _counts(db) == before == (1, 2)
    other = _answer(db, claim, {})  # a different answer to the same claim
    with pytest.raises(ServiceError, match="al een ander antwoord"):
        read_wmo325(db, other, by="t", now=LATER)
    assert _counts(db) == before


def test_a_fully_granted_answer_marks_every_line_accepted(db, wmo_house):
    _g, _s, claim = _claimed_march(db, wmo_house)
    result = read_wmo325(db, _answer(db, claim, {}), by="t", now=LATER)
    assert (result.accepted, result.rejected) == (2, 0)
    overview = month_answers(db, Month(2026, 3))
    assert overview.accepted_cents == overview.declared_cents == 115710
    assert overview.rejected == ()


def test_the_corrected_line_goes_into_next_months_wmo323_once(db, wmo_house):
    gemeente, _s, claim = _claimed_march(db, wmo_house)
    rejected = claim.lines[1]
    read_wmo325(db, _answer(db, claim, {rejected.reference: ("9307",)}), by="t", now=LATER)
    # Rejected and not yet put right: held, never credited, nothing to declare yet.
    [held] = pending_corrections(db, today=LATER.date())
    assert not held.ready and held.claim.lines == ()
    assert any(rejected.reference in note for note in held.notes)
    mark_fixed(db, rejected.reference, by="t", now=LATER)
    with pytest.raises(ServiceError, match="nooit twee keer"):
        mark_fixed(db, rejected.reference, by="t", now=LATER)
    # March itself gets no correction: the line goes into April's declaration.
    assert claim_drafts(db, Month(2026, 3), today=LATER.date()) == []
    [april] = claim_drafts(db, Month(2026, 4), today=LATER.date())
    assert april.claim.kind == "declaratie"
    [again] = april.claim.lines
    assert again.debit_credit == "D" and again.previous_reference == ""
    assert again.redeclares == rejected.reference
    assert (again.period_from, again.period_to, again.volume) == (
        rejected.period_from, rejected.period_to, rejected.volume,
    )  # fmt: skip
    assert [d.claim.month for d in pending_corrections(db, today=LATER.date())] == [4]
    close_month(db, Month(2026, 4), by="t", now=datetime(2026, 5, 2, 9, 0))
    sent = submit_claim(db, Month(2026, 4), gemeente.id, by="t", now=datetime(2026, 5, 2, 9, 5))
    xml = render_wmo323(sent)
    if (STANDARDS / "WMO323.xsd").exists():
        assert validate(xml, STANDARDS) == []
    assert b"<wmo323:Begindatum>" not in xml  # periods are in the base namespace
    assert b"<iwmo:Begindatum>2026-03-15</iwmo:Begindatum>" in xml
    assert b"VorigReferentieNummer" not in xml  # a rejected line is never credited
    # Never twice: nothing left for March or April, in any list.
    assert claim_drafts(db, Month(2026, 3), today=date(2026, 5, 3)) == []
    assert claim_drafts(db, Month(2026, 4), today=date(2026, 5, 3)) == []
    assert pending_corrections(db, today=date(2026, 5, 3)) == []
    assert claim_drafts(db, Month(2026, 5), today=date(2026, 6, 3)) == []
    [line] = month_answers(db, Month(2026, 3)).rejected
    assert line.state == f"opnieuw gedeclareerd in {sent.number}"
    assert len(list_claims(db)) == 2


def test_a_redeclared_line_is_unique_even_with_sql(db, wmo_house):
    gemeente, _s, claim = _claimed_march(db, wmo_house)
    rejected = claim.lines[1]
    read_wmo325(db, _answer(db, claim, {rejected.reference: ("9307",)}), by="t", now=LATER)
    mark_fixed(db, rejected.reference, by="t", now=LATER)
    close_month(db, Month(2026, 4), by="t", now=datetime(2026, 5, 2, 9, 0))
    submit_claim(db, Month(2026, 4), gemeente.id, by="t", now=datetime(2026, 5, 2, 9, 5))
    with pytest.raises(Exception), db.session() as s:  # noqa: B017 (the driver's own error)
        s.execute(
            text(
                "INSERT INTO claim_lines (claim_id, reference, previous_reference, kind, "
                "guest_name, bsn, allocation_reference, care_profile, contract_name, "
                "product_category, product_code, unit, period_from, period_to, volume, "
                "tariff_cents, amount_cents, debit_credit, redeclares) SELECT claim_id, "
                "'X1', '', kind, guest_name, bsn, allocation_reference, care_profile, "
                "contract_name, product_category, product_code, unit, period_from, period_to, "
                "volume, tariff_cents, amount_cents, 'D', redeclares FROM claim_lines "
                "WHERE redeclares <> ''"
            )
        )


def test_an_answer_to_an_unknown_claim_or_line_is_refused_and_changes_nothing(db, wmo_house):
    _g, _s, claim = _claimed_march(db, wmo_house)
    data = _answer(db, claim, {claim.lines[1].reference: ("9307",)})
    unknown = data.replace(claim.number.encode(), b"D202699999")
    with pytest.raises(ServiceError, match="D202699999 is in dit logeerhuis niet bekend"):
        read_wmo325(db, unknown, by="t", now=LATER)
    other_line = data.replace(claim.lines[1].reference.encode(), b"D2026000019999")
    with pytest.raises(ServiceError, match="D2026000019999 staat niet in declaratie"):
        read_wmo325(db, other_line, by="t", now=LATER)
    wrong_town = data.replace(b"<wmo325:Afzender>0308<", b"<wmo325:Afzender>0363<")
    with pytest.raises(ServiceError, match="gemeentecode 0363"):
        read_wmo325(db, wrong_town, by="t", now=LATER)
    assert _counts(db) == (0, 0)


def test_a_whole_declaration_refused_in_the_header_rejects_every_line(db, wmo_house, tmp_path):
    _g, _s, claim = _claimed_march(db, wmo_house)
    data = _answer(db, claim, {})
    head, _sep, _rest = data.partition(b"<wmo325:DeclaratieAntwoord>")
    only_header = (
        head.replace(
            b"<wmo325:RetourCode>0200</wmo325:RetourCode>",
            b"<wmo325:RetourCode>0001</wmo325:RetourCode>",
        )
        + b"</wmo325:Bericht>\n"
    )
    path = tmp_path / "antwoord.xml"
    path.write_bytes(only_header)
    result = read_wmo325_file(db, path, by="t", now=LATER)
    assert (result.accepted, result.rejected, result.granted_cents) == (0, 2, 0)
    codes = {r.codes for r in month_answers(db, Month(2026, 3)).rejected}
    assert codes == {"0001: Bericht is afgekeurd om technische redenen."}
