"""The zorgkantoor's AW319 file made through the services from a house like the demo's: VV
clients on flexibel logeren (Z1003), a pgb guest invoiced to the budget holder, a correction
afterwards; read back, its totals agree with the claim and its summary PDF (issue 21)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from logeerhuis_app.billing.corrections import correct_night
from logeerhuis_app.claims.claims import claim_drafts, pending_corrections, submit_claim
from logeerhuis_app.claims.month_export import export_month
from logeerhuis_app.claims.wlz_declaration import aw319_file, aw319_name, draft_notes
from logeerhuis_app.documents.claims.aw319 import read_aw319, signed_total, structure_problems
from logeerhuis_app.documents.claims.claim_summary import render_claim_summary
from logeerhuis_app.domain.money import format_cents
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.funders import get_funder, save_funder
from logeerhuis_app.services.errors import ServiceError
from tests.wlz_house import flex_house

NOW = datetime(2026, 4, 3, 10, 0)


def _pdf_text(data: bytes) -> str:
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split()).replace("\u00a0", " ")


def test_the_file_read_back_agrees_with_the_claim_and_its_summary(db):
    zk, _stays = flex_house(db)
    claim = submit_claim(db, Month(2026, 3), zk.id, by="test", now=NOW)
    records = read_aw319(aw319_file(db, claim))
    assert structure_problems(records) == []
    # 3 nights of Truus Brouwer, then 8 of Piet Dam split at the rate change (5 + 3).
    assert [r.kind for r in records] == ["01", "02", "04", "02", "04", "04", "99"]
    assert signed_total(records) == claim.total_cents == 5 * 16250 + 3 * 16990 + 3 * 16250
    assert format_cents(signed_total(records)).replace("\u00a0", " ") in _pdf_text(
        render_claim_summary(claim)
    )
    head = records[0].fields
    assert (head["uzovi_nummer"], head["instellingscode"]) == (5513, 73730123)
    assert head["factuurnummer_declarant"] == claim.number
    prestaties = [r.fields for r in records if r.kind == "04"]
    assert {p["prestatiecode"] for p in prestaties} == {"Z1003"}
    assert [p["zorgzwaartepakketcode"] for p in prestaties] == ["6VV", "5VV", "5VV"]
    assert [p["referentienummer_dit_prestatierecord"] for p in prestaties] == [
        ln.reference for ln in claim.lines
    ]
    # The pgb guest is invoiced to the budget holder: never on the claim, never in the file.
    assert 999900006 not in {r.fields.get("bsn") for r in records}
    assert aw319_name(claim) == f"{claim.number}-wlz-5513-AW319.txt"


def test_a_correction_of_march_sent_in_april_credits_the_earlier_line(db):
    zk, stays = flex_house(db)
    original = submit_claim(db, Month(2026, 3), zk.id, by="test", now=NOW)
    correct_night(db, stays["Truus"].id, date(2026, 3, 3), billable=False, reason="ziekenhuis",
                  by="t", now=datetime(2026, 4, 20, 9, 0))  # fmt: skip
    [draft] = pending_corrections(db, today=date(2026, 4, 20))
    correction = submit_claim(db, Month(2026, 3), zk.id, by="t", now=datetime(2026, 4, 20, 9, 5))
    assert draft.claim.kind == correction.kind == "correctie"
    records = read_aw319(aw319_file(db, correction))
    assert structure_problems(records) == []
    head = records[0]
    assert head.date("begindatum_declaratieperiode") == date(2026, 3, 1)
    assert head.date("dagtekening_factuur") == date(2026, 4, 20)
    lines = [r.fields for r in records if r.kind == "04"]
    credits = [f for f in lines if f["indicatie_debet_credit_02"] == "C"]
    truus = next(ln for ln in original.lines if ln.bsn == "123456782")
    assert [c["referentienummer_voorgaande_prestatierecord"] for c in credits] == [truus.reference]
    assert signed_total(records) == correction.total_cents == -16250


def test_a_missing_uzovi_code_is_an_aandachtspunt_and_no_file(db):
    zk, _stays = flex_house(db, uzovi="")
    [draft] = claim_drafts(db, Month(2026, 3), today=NOW.date())
    assert draft.ready  # the claim itself (PDF/CSV) can still be made
    assert any("UZOVI-code" in note and "AW319" in note for note in draft_notes(draft.claim))
    assert draft.notes == tuple(draft_notes(draft.claim))
    claim = submit_claim(db, Month(2026, 3), zk.id, by="test", now=NOW)
    with pytest.raises(ServiceError, match="UZOVI-code van het zorgkantoor moet uit 4 cijfers"):
        aw319_file(db, claim)
    # Filled in afterwards (Financiers): the file takes today's code, the claim stays as it was.
    save_funder(db, replace(get_funder(db, zk.id), uzovi_code="5513"))
    records = read_aw319(aw319_file(db, claim))
    assert records[0].fields["uzovi_nummer"] == 5513 and claim.funder_code == ""


def test_the_month_export_leaves_out_an_aw319_it_cannot_make_and_says_why(db, tmp_path):
    zk, _stays = flex_house(db, uzovi="")
    claim = submit_claim(db, Month(2026, 3), zk.id, by="test", now=NOW)
    result = export_month(db, Month(2026, 3), tmp_path, today=NOW.date())
    assert not list(result.location.rglob("*AW319*"))
    [problem] = result.file_problems
    assert problem.startswith(f"Declaratie {claim.number}: Het AW319-bestand is niet gemaakt.")
    assert "UZOVI-code" in problem
    save_funder(db, replace(get_funder(db, zk.id), uzovi_code="5513"))
    again = export_month(db, Month(2026, 3), tmp_path, today=NOW.date())
    [aw319] = [f for f in again.files if "AW319" in f.name]
    assert aw319.name == f"declaraties/{claim.number}-wlz-5513-AW319.txt"
    assert aw319.total_cents == claim.total_cents and again.file_problems == ()
