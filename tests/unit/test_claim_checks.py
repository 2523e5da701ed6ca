"""The checks a municipality runs on a WMO323, done before sending, in Dutch."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from logeerhuis_app.domain.claim_checks import AllocationTerms, claim_problems
from logeerhuis_app.domain.claims import Claim, ClaimLine, ClaimParty, split_signed

PARTY = ClaimParty(
    "De Linde", "Lindelaan 12", "3818 AB", "Amersfoort", "61234567", "73730123", "NL91"
)
LINE = ClaimLine(
    reference="", previous_reference="", kind="verblijf", guest_name="Gerrit Bos",
    bsn="999900006", allocation_reference="123456789", care_profile="",
    contract_name="Wmo logeren", product_category="04", product_code="04A04", unit="14",
    period_from=date(2026, 3, 10), period_to=date(2026, 3, 14), volume=5, tariff_cents=14250,
    amount_cents=71250,
)  # fmt: skip
CLAIM = Claim("", "declaratie", "gemeente", "Gemeente Baarn", "0308", 2026, 3, date(2026, 4, 2),
              PARTY, (LINE,))  # fmt: skip
TERMS = AllocationTerms(date(2026, 1, 1), date(2026, 12, 31), None, "total", ())


def _problems(claim=CLAIM, line=None, terms=TERMS):
    if line is not None:
        claim = replace(claim, lines=(line,))
    return claim_problems(claim, {"123456789": terms})


def test_a_correct_claim_has_no_problems():
    assert _problems() == []


def test_bsn_agb_and_municipality_code_are_checked():
    assert _problems(line=replace(LINE, bsn="123456789")) == [
        "Gerrit Bos: het BSN 123456789 klopt niet (elfproef) (Gasten)."
    ]
    assert "BSN ontbreekt" in _problems(line=replace(LINE, bsn=""))[0]
    bad_agb = replace(CLAIM, provider=replace(PARTY, agb_code="7373012"))
    assert "AGB-code" in _problems(bad_agb)[0]
    assert "gemeentecode" in _problems(replace(CLAIM, funder_code="308"))[0]
    # A zorgkantoor has no gemeentecode and no toewijzingnummer to check.
    wlz = replace(CLAIM, funder_kind="zorgkantoor", funder_code="5513")
    assert _problems(wlz, line=replace(LINE, allocation_reference="CIZ-1")) == []


def test_periods_must_lie_in_the_month_and_in_the_allocation():
    outside = replace(LINE, period_to=date(2026, 4, 1))
    assert any("buiten de declaratiemaand" in p for p in _problems(line=outside))
    late_start = replace(TERMS, start=date(2026, 3, 12))
    assert any("buiten de toewijzing" in p for p in _problems(terms=late_start))


def test_volume_over_the_allocation_is_named_per_period():
    nights = tuple(date(2026, 3, 10) + timedelta(days=i) for i in range(5))
    assert _problems(terms=replace(TERMS, volume=5, nights=nights)) == []
    assert "5 nachten, meer dan de 4" in _problems(terms=replace(TERMS, volume=4, nights=nights))[0]
    weekly = replace(TERMS, volume=3, frequency="week", nights=nights)  # Tue 10 - Sat 14 March
    assert "5 nachten in de week van 09-03-2026" in _problems(terms=weekly)[0]
    monthly = replace(TERMS, volume=6, frequency="month", nights=nights)
    assert _problems(terms=monthly) == []


def test_signed_amounts_follow_iwmo():
    assert split_signed(-500) == (500, "C") and split_signed(0) == (0, "D")
    credit = replace(LINE, debit_credit="C", previous_reference="X1")
    claim = replace(CLAIM, lines=(LINE, credit))
    assert claim.message_total_cents == 0 and claim.nights == 0


def test_a_wlz_line_needs_a_performance_code():
    wlz = replace(CLAIM, funder_kind="zorgkantoor", funder_code="5513")
    assert _problems(wlz, line=replace(LINE, product_code="")) == [
        "Wmo logeren: de prestatiecode ontbreekt (contract)."
    ]
