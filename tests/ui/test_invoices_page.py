"""Facturen: drafts, making one final, a payment, a credit invoice, through the page."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from logeerhuis_app.billing.invoice_records import list_invoices
from logeerhuis_app.ui.invoices.page import InvoicesPage

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from invoicing_support import build_house


def _january_drafts(qtbot, context, show) -> InvoicesPage:
    """The test house, the Facturen page, and the drafts of January 2026 made by a click."""
    build_house(context.db)
    page = show(InvoicesPage(context))
    page.activate()
    page.year.setValue(2026)
    page.month.setValue(1)
    qtbot.mouseClick(page.drafts_button, Qt.MouseButton.LeftButton)
    return page


def test_drafts_final_payment_and_credit(qtbot, context, show, prompter, tmp_path):
    page = _january_drafts(qtbot, context, show)
    assert page.model.rowCount() == 2
    assert [page.model.data(page.model.index(r, 0)) for r in range(2)] == ["concept", "concept"]
    page.table.selectRow(0)
    qtbot.mouseClick(page.final_button, Qt.MouseButton.LeftButton)
    [final] = [i for i in list_invoices(context.db) if i.number]
    assert final.number == f"{date.today().year}-0001"
    page.table.selectRow(page.model.row_of(lambda i: i.id == final.id))
    prompter.texts.append("100,00")
    qtbot.mouseClick(page.payment_button, Qt.MouseButton.LeftButton)
    assert [i.paid_cents for i in list_invoices(context.db) if i.id == final.id] == [10000]
    target = tmp_path / "factuur.pdf"
    prompter.files.append(target)
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    qtbot.mouseClick(page.credit_button, Qt.MouseButton.LeftButton)
    statuses = sorted((i.kind, i.status) for i in list_invoices(context.db) if i.number)
    assert statuses == [("credit", "credit"), ("factuur", "gecrediteerd")]
    assert "Openstaand" in page.summary.text()


def test_all_drafts_of_the_month_are_finalised_at_once_in_order(qtbot, context, show, prompter):
    page = _january_drafts(qtbot, context, show)
    drafts = sorted(i.id for i in list_invoices(context.db) if i.number is None)
    assert len(drafts) == 2
    page.month.setValue(2)  # a month without drafts: told, nothing happens
    qtbot.mouseClick(page.final_all_button, Qt.MouseButton.LeftButton)
    assert prompter.messages[-1][2] == "Er zijn geen concept-facturen van februari 2026."
    page.month.setValue(1)
    qtbot.mouseClick(page.final_all_button, Qt.MouseButton.LeftButton)
    assert "2 concept-facturen van januari 2026" in prompter.messages[-1][2]
    year = date.today().year
    finals = {i.id: i.number for i in list_invoices(context.db) if i.number}
    assert finals == {drafts[0]: f"{year}-0001", drafts[1]: f"{year}-0002"}
    assert "definitief" in context.messages[-1] and f"{year}-0002" in context.messages[-1]


def test_one_refused_draft_finalises_none_and_uses_no_number(qtbot, context, show, prompter):
    from sqlalchemy import update

    from logeerhuis_app.db.models import Invoice

    page = _january_drafts(qtbot, context, show)
    second = max(i.id for i in list_invoices(context.db))
    with context.db.session() as s:  # a draft whose total no longer matches its lines
        s.execute(update(Invoice).where(Invoice.id == second).values(total_cents=1))
    qtbot.mouseClick(page.final_all_button, Qt.MouseButton.LeftButton)
    kind, title, text = prompter.messages[-1]
    assert (kind, title) == ("error", "Niet definitief gemaakt")
    assert "nummer 2 van 2" in text and "geen enkele factuur" in text
    assert [i.number for i in list_invoices(context.db)] == [None, None]
    page.table.selectRow(0)
    qtbot.mouseClick(page.final_button, Qt.MouseButton.LeftButton)  # the good one, alone
    assert f"{date.today().year}-0001" in {i.number for i in list_invoices(context.db)}


def test_the_signed_in_coordinator_is_recorded_as_who_finalised(qtbot, context, show, prompter):
    from sqlalchemy import select

    from logeerhuis_app.access import accounts
    from logeerhuis_app.access.accounts import NewAccount
    from logeerhuis_app.db.models import Invoice

    accounts.create_first_coordinator(
        context.db, NewAccount("Ingrid Jansen", "ingrid", "x" * 12, "x" * 12)
    )
    accounts.sign_in(context.db, "ingrid", "x" * 12)
    page = _january_drafts(qtbot, context, show)
    qtbot.mouseClick(page.final_all_button, Qt.MouseButton.LeftButton)
    with context.db.session() as s:
        assert set(s.scalars(select(Invoice.finalised_by))) == {"Ingrid Jansen"}


def test_a_refused_payment_says_why_in_a_message_box_and_the_status_bar(
    qtbot, context, show, prompter
):
    """A payment of nothing is refused with a field error; with no field to mark, the box says
    the reason itself (error.detail) instead of "controleer de gemarkeerde velden"."""
    page = _january_drafts(qtbot, context, show)
    page.table.selectRow(0)
    qtbot.mouseClick(page.final_button, Qt.MouseButton.LeftButton)
    [final] = [i for i in list_invoices(context.db) if i.number]
    page.table.selectRow(page.model.row_of(lambda i: i.id == final.id))
    heard: list[str] = []
    context.data_changed.connect(heard.append)
    prompter.texts.append("0,00")
    qtbot.mouseClick(page.payment_button, Qt.MouseButton.LeftButton)
    assert prompter.messages[-1] == ("error", "Niet geregistreerd", "Vul het betaalde bedrag in.")
    assert context.messages[-1] == "Vul het betaalde bedrag in."
    assert heard == [] and [i.paid_cents for i in list_invoices(context.db)] == [0, 0]


def test_making_drafts_announces_the_invoices_it_wrote(qtbot, context, show, prompter):
    from logeerhuis_app.services.changes import Change

    build_house(context.db)
    page = show(InvoicesPage(context))
    page.year.setValue(2026)
    page.month.setValue(1)
    heard: list[str] = []
    context.data_changed.connect(heard.append)
    qtbot.mouseClick(page.drafts_button, Qt.MouseButton.LeftButton)
    assert Change.INVOICES.value in heard
    assert page.model.rowCount() == 2 and context.messages[-1] == "2 concept-facturen gemaakt."
