"""Finalising invoices: numbers without gaps, PDFs that match the database, credits, payments."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from logeerhuis_app.billing.invoice_finalising import credit, finalise
from logeerhuis_app.billing.invoice_records import (
    get_invoice,
    invoice_pdf,
    list_invoices,
    register_payment,
)
from logeerhuis_app.billing.invoicing import make_drafts
from logeerhuis_app.cli import main
from logeerhuis_app.domain.enums import InvoiceKind, InvoiceStatus
from logeerhuis_app.domain.money import format_cents
from logeerhuis_app.domain.months import Month
from logeerhuis_app.domain.pricing import PricedLine, credit_lines
from logeerhuis_app.services.errors import ServiceError, ValidationError
from logeerhuis_app.storage.database import open_database
from tests.integration import invoicing_support
from tests.integration.invoicing_support import build_house

# The fixture lives in invoicing_support.py, shared by the draft and the finalising tests.
house = invoicing_support.house


def _money(cents: int) -> str:
    return format_cents(cents).replace("\u00a0", " ")  # the PDF text has plain spaces


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_finalise_numbers_the_invoice_and_the_pdf_matches_the_database(db, house):
    drafts = make_drafts(db, Month(2026, 1))
    finals = [finalise(db, d.id, invoice_date=date(2026, 2, 2), by="Ria") for d in drafts]
    assert sorted(f.number for f in finals) == ["2026-0001", "2026-0002"]
    for final in finals:
        detail = get_invoice(db, final.id)
        text = _text(invoice_pdf(db, final.id))
        assert detail.number in text and _money(detail.total_cents) in text
        for line in detail.lines:
            assert _money(line.amount_cents) in text and _money(line.unit_cents) in text
        assert "NL91 ABNA 0417 1643 00" in text or "NL91ABNA0417164300" in text
        assert detail.due_date == date(2026, 2, 16)
    # Making drafts again does not bill the same stays twice.
    assert make_drafts(db, Month(2026, 1)) == []


def test_a_failed_finalisation_leaves_no_gap(db, house):
    drafts = make_drafts(db, Month(2026, 1))

    def broken(*_args):
        raise OSError("schijf vol")

    with pytest.raises(OSError):
        finalise(db, drafts[0].id, invoice_date=date(2026, 2, 2), by="Ria", render=broken)
    assert get_invoice(db, drafts[0].id).number is None
    assert finalise(db, drafts[0].id, invoice_date=date(2026, 2, 2), by="Ria").number == "2026-0001"


def test_credit_payments_and_status(db, house):
    drafts = make_drafts(db, Month(2026, 1))
    first = finalise(db, drafts[0].id, invoice_date=date(2026, 2, 2), by="Ria")
    second = finalise(db, drafts[1].id, invoice_date=date(2026, 2, 2), by="Ria")
    note = credit(db, first.id, invoice_date=date(2026, 2, 10), by="Ria")
    assert note.number == "2026-0003" and note.total_cents == -first.total_cents
    assert note.credits_number == first.number
    assert f"{first.number}" in _text(invoice_pdf(db, note.id))
    statuses = {i.number: i.status for i in list_invoices(db, year=2026, today=date(2026, 2, 12))}
    assert statuses[first.number] == "gecrediteerd"
    with pytest.raises(ServiceError, match="al gecrediteerd"):
        credit(db, first.id, invoice_date=date(2026, 2, 10), by="Ria")
    register_payment(db, second.id, paid_on=date(2026, 2, 12), amount_cents=1000)
    early = {i.number: i.status for i in list_invoices(db, year=2026, today=date(2026, 2, 12))}
    assert early[second.number] == "deels betaald"
    late = {i.number: i.status for i in list_invoices(db, year=2026, today=date(2026, 3, 1))}
    assert late[second.number] == "vervallen"
    register_payment(
        db, second.id, paid_on=date(2026, 3, 2), amount_cents=second.total_cents - 1000
    )
    assert get_invoice(db, second.id).status == "betaald"


def test_a_credit_invoice_carries_the_credit_lines_of_the_original(db, house):
    """credit() follows domain.pricing.credit_lines: every line negated, kind and unit kept."""
    drafts = make_drafts(db, Month(2026, 1))
    anna = next(d for d in drafts if d.customer_name == "Anna Smit")
    original = get_invoice(db, finalise(db, anna.id, invoice_date=date(2026, 2, 2), by="R").id)
    note = get_invoice(db, credit(db, original.id, invoice_date=date(2026, 2, 9), by="R").id)
    priced = [
        PricedLine(x.period_from, x.period_to, x.kind, x.quantity, x.unit_cents,
                   x.amount_cents, x.description)
        for x in original.lines
    ]  # fmt: skip
    expected = [
        (x.day_from, x.day_to, x.kind, x.quantity, x.unit_cents, x.amount_cents, x.description)
        for x in credit_lines(priced)
    ]
    got = [
        (x.period_from, x.period_to, x.kind, x.quantity, x.unit_cents, x.amount_cents,
         x.description)
        for x in note.lines
    ]  # fmt: skip
    assert got == expected
    price = format_cents(12900)
    assert [(x[3], x[5], x[6]) for x in got] == [
        (-2, -25800, f"Credit: 2 nachten à {price}"),  # 1 and 2 January
        (-2, -25800, f"Credit: 2 nachten à {price}"),  # 23 and 24 January
    ]
    assert note.kind == InvoiceKind.CREDIT and note.status == InvoiceStatus.CREDIT
    assert note.total_cents == -original.total_cents == -51600


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(["finalise", "fail", "credit"]), min_size=1, max_size=8))
def test_numbers_are_gapless_under_random_finalise_fail_and_credit(tmp_path_factory, actions):
    db = open_database(tmp_path_factory.mktemp("gapless"))
    build_house(db)
    months = iter([(2026, 1), (2025, 12)])
    drafts = []
    for action in actions:
        if not drafts:
            year_month = next(months, None)
            if year_month is None:
                break
            drafts = make_drafts(db, Month(*year_month))
        if action == "fail":
            with pytest.raises(RuntimeError):
                finalise(
                    db,
                    drafts[0].id,
                    invoice_date=date(2026, 2, 2),
                    by="x",
                    render=lambda *_a: (_ for _ in ()).throw(RuntimeError("kapot")),
                )
        elif action == "finalise":
            finalise(db, drafts.pop(0).id, invoice_date=date(2026, 2, 2), by="x")
        else:
            finals = [
                i
                for i in list_invoices(db)
                if i.number and i.kind == "factuur" and i.status != "gecrediteerd"
            ]
            if finals:
                credit(db, finals[0].id, invoice_date=date(2026, 2, 3), by="x")
    numbers = sorted(int(i.number.split("-")[1]) for i in list_invoices(db) if i.number)
    assert numbers == list(range(1, len(numbers) + 1))
    totals = sum(
        i.total_cents
        for i in list_invoices(db)
        if i.number and i.status in ("gecrediteerd", "credit")
    )
    assert totals == 0
    db.close()


def test_cli_close_month_and_invoices(data_dir, tmp_path, capsys):
    db = open_database(data_dir)
    build_house(db)
    db.close()
    assert main(["--data-dir", str(data_dir), "close-month", "2026-01"]) == 0
    (tmp_path / "uit").mkdir()  # --out names an existing folder (decision 0028)
    assert (
        main(["--data-dir", str(data_dir), "invoices", "2026-01", "--out", str(tmp_path / "uit")])
        == 0
    )
    out = capsys.readouterr().out
    assert "2026-0001" in out and "2 facturen definitief gemaakt" in out
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == [
        "factuur-2026-0001.pdf",
        "factuur-2026-0002.pdf",
    ]
    assert main(["--data-dir", str(data_dir), "close-month", "2026-13"]) == 2


def test_a_payment_larger_than_the_invoice_or_refunding_more_than_received_is_refused(db, house):
    """The rule `check` and import-data apply (decision 0037) is the one the form applies."""
    drafts = make_drafts(db, Month(2026, 1))
    final = finalise(db, drafts[0].id, invoice_date=date(2026, 2, 2), by="Ria")
    with pytest.raises(ValidationError, match="groter dan het factuurbedrag"):
        register_payment(db, final.id, paid_on=date(2026, 2, 4), amount_cents=-1_000_000_000)
    with pytest.raises(ValidationError, match="meer terugbetaald dan ontvangen"):
        register_payment(db, final.id, paid_on=date(2026, 2, 4), amount_cents=-100)
    register_payment(db, final.id, paid_on=date(2026, 2, 4), amount_cents=final.total_cents)
    register_payment(db, final.id, paid_on=date(2026, 2, 5), amount_cents=-100)  # a refund
    assert get_invoice(db, final.id).paid_cents == final.total_cents - 100
