"""Claims to a municipality: drafts priced from the stays, checks before sending, a WMO323
file that validates against the iWmo XSD, and corrections as credit lines afterwards."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from logeerhuis_app.billing.corrections import correct_night
from logeerhuis_app.billing.months import close_month
from logeerhuis_app.claims.claims import (
    claim_drafts,
    list_claims,
    pending_corrections,
    submit_claim,
)
from logeerhuis_app.documents.claims.wmo323 import read_totals, render_wmo323, validate
from logeerhuis_app.domain.months import Month
from logeerhuis_app.services.errors import ServiceError

STANDARDS = Path(__file__).resolve().parents[3] / "shared" / "standards" / "iwmo-3.2"
NOW = datetime(2026, 4, 3, 10, 0)


def _valid(xml: bytes) -> None:
    if not (STANDARDS / "WMO323.xsd").exists():
        pytest.skip("iWmo XSDs not present in ../shared")
    assert validate(xml, STANDARDS) == []


def test_a_draft_prices_every_night_at_its_rate_and_waits_for_the_closed_month(db, wmo_house):
    gemeente, _stay = wmo_house()
    [draft] = claim_drafts(db, Month(2026, 3), today=NOW.date())
    claim = draft.claim
    assert claim.kind == "declaratie" and claim.funder_code == "0308"
    lines = [
        (ln.period_from.day, ln.period_to.day, ln.volume, ln.tariff_cents) for ln in claim.lines
    ]
    assert lines == [(10, 14, 5, 14250), (15, 17, 3, 14820)]
    assert claim.message_total_cents == 5 * 14250 + 3 * 14820
    assert "nog niet afgesloten" in draft.problems[0]
    with pytest.raises(ServiceError, match="nog niet afgesloten"):
        submit_claim(db, Month(2026, 3), gemeente.id, by="test", now=NOW)
    assert list_claims(db) == []


def test_a_submitted_claim_gets_a_number_and_a_valid_wmo323(db, wmo_house):
    gemeente, _stay = wmo_house()
    close_month(db, Month(2026, 3), by="test", now=NOW)
    claim = submit_claim(db, Month(2026, 3), gemeente.id, by="test", now=NOW)
    assert claim.number == "D202600001"
    assert [ln.reference for ln in claim.lines] == ["D2026000010001", "D2026000010002"]
    xml = render_wmo323(claim)
    _valid(xml)
    assert read_totals(xml) == {"total": 115710, "lines": 115710, "volume": 8}
    assert b"<wmo323:ToewijzingNummer>123456789<" in xml and b"<wmo323:Ontvanger>0308<" in xml
    # Claimed: nothing left to claim, and a second submit is refused.
    assert claim_drafts(db, Month(2026, 3), today=NOW.date()) == []
    with pytest.raises(ServiceError, match="niets"):
        submit_claim(db, Month(2026, 3), gemeente.id, by="test", now=NOW)


def test_a_night_found_absent_later_becomes_a_correction_claim_with_credit_lines(db, wmo_house):
    gemeente, stay = wmo_house()
    close_month(db, Month(2026, 3), by="test", now=NOW)
    original = submit_claim(db, Month(2026, 3), gemeente.id, by="test", now=NOW)
    correct_night(db, stay.id, date(2026, 3, 16), billable=False, reason="ziekenhuis", by="t",
                  now=datetime(2026, 4, 20, 9, 0))  # fmt: skip
    [draft] = pending_corrections(db, today=date(2026, 4, 20))
    assert draft.ready and draft.claim.kind == "correctie"
    correction = submit_claim(
        db, Month(2026, 3), gemeente.id, by="t", now=datetime(2026, 4, 20, 9, 5)
    )
    credits = [ln for ln in correction.lines if ln.debit_credit == "C"]
    debits = [ln for ln in correction.lines if ln.debit_credit == "D"]
    # Only the run with the absent night is credited and re-declared around it.
    assert [c.previous_reference for c in credits] == [original.lines[1].reference]
    assert [(d.period_from.day, d.period_to.day, d.volume) for d in debits] == [
        (15, 15, 1),
        (17, 17, 1),
    ]
    assert original.total_cents + correction.total_cents == 5 * 14250 + 2 * 14820
    xml = render_wmo323(correction)
    _valid(xml)
    assert b"<iwmo:VorigReferentieNummer>" in xml
    assert read_totals(xml)["total"] == correction.message_total_cents
    assert pending_corrections(db, today=date(2026, 4, 21)) == []


def test_what_the_municipality_would_refuse_is_named_before_sending(db, wmo_house):
    gemeente, _stay = wmo_house(reference="TW-2026-1", volume=2, frequency="week")
    close_month(db, Month(2026, 3), by="test", now=NOW)
    [draft] = claim_drafts(db, Month(2026, 3), today=NOW.date())
    text_ = "\n".join(draft.problems)
    assert "toewijzingnummer TW-2026-1 moet een getal" in text_
    assert "meer dan de 2 per week" in text_
    with pytest.raises(ServiceError, match="toewijzingnummer"):
        submit_claim(db, Month(2026, 3), gemeente.id, by="test", now=NOW)
    assert list_claims(db) == []


def test_a_sent_claim_cannot_be_changed_even_with_sql(db, wmo_house):
    gemeente, _stay = wmo_house()
    close_month(db, Month(2026, 3), by="test", now=NOW)
    submit_claim(db, Month(2026, 3), gemeente.id, by="test", now=NOW)
    for statement in (
        "UPDATE claims SET total_cents = 1",
        "DELETE FROM claims",
        "UPDATE claim_lines SET volume = 1, amount_cents = tariff_cents",
        "DELETE FROM claim_lines",
    ):
        with pytest.raises(Exception, match="verstuurde declaratie"), db.session() as s:
            s.execute(text(statement))
    assert list_claims(db)[0].total_cents == 115710
