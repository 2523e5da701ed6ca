"""Registratie: a month's nights per guest and day, with late cancellations the contract pays."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from logeerhuis_app.billing.registration import registration_month
from logeerhuis_app.house.contracts import (
    ContractData,
    get_contract,
    list_contracts,
    save_contract,
)
from logeerhuis_app.planning import planning
from logeerhuis_app.planning.stays import list_stays
from logeerhuis_app.ui.registration.page import RegistrationPage

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from invoicing_support import build_house

from logeerhuis_app.domain.months import Month


def test_nights_per_guest_and_day_with_a_late_cancellation(qtbot, context, show):
    build_house(context.db)
    [contract] = list_contracts(context.db)
    data = get_contract(context.db, contract.id).__dict__
    save_contract(
        context.db, ContractData(**{**data, "late_cancel_billable": True, "late_cancel_days": 3})
    )
    piet = next(
        s
        for s in list_stays(context.db, date(2026, 1, 1), date(2026, 2, 1))
        if s.arrival == date(2026, 1, 12)
    )
    planning.cancel(
        context.db, piet.id, reason="ziek", cancelled_by="zoon", when=datetime(2026, 1, 11, 8)
    )
    month = registration_month(context.db, Month(2026, 1), today=date(2026, 2, 1))
    rows = {r.guest_name: r for r in month.rows}
    assert rows["Smit, Anna"].days == {1: "aanwezig", 2: "aanwezig", 23: "aanwezig", 24: "aanwezig"}
    assert rows["Dam, Piet"].days == dict.fromkeys(range(12, 17), "laat geannuleerd")
    assert rows["Dam, Piet"].billable_nights == 5

    page = show(RegistrationPage(context))
    page.year.setValue(2026)
    page.month.setValue(1)
    page.activate()
    assert page.table.rowCount() == 2
    assert "januari 2026" in page.title.text().lower() and "9 nachten" in page.title.text()
    anna_row = next(r for r in range(2) if page.table.item(r, 0).text() == "Smit, Anna")
    assert page.table.item(anna_row, 1 + 23).text() == "●"
    assert page.table.item(anna_row, page.table.columnCount() - 1).text() == "4"


def test_a_night_corrected_as_absent_is_not_billed_and_the_reason_is_kept(
    qtbot, context, show, prompter
):
    from logeerhuis_app.billing.corrections import history
    from logeerhuis_app.billing.invoice_records import get_invoice
    from logeerhuis_app.billing.invoicing import make_drafts

    build_house(context.db)
    page = show(RegistrationPage(context))
    page.year.setValue(2026)
    page.month.setValue(1)
    page.activate()
    row = next(
        r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == "Dam, Piet"
    )
    prompter.texts.append("Opgenomen in het ziekenhuis")
    page.correct(row, 1 + 14)  # 14 January
    assert page.table.item(row, 1 + 14).text() == "A"
    piet = next(d for d in make_drafts(context.db, Month(2026, 1)) if d.customer_name == "Piet Dam")
    assert (
        sum(line.quantity for line in get_invoice(context.db, piet.id).lines) == 4
    )  # 5 nights, 1 absent
    stay_id = page.data.rows[row].stays[14]
    [kept] = history(context.db, stay_id)
    assert (kept.billable, kept.reason) == (False, "Opgenomen in het ziekenhuis")


def test_closing_the_month_shows_the_warnings_first(qtbot, context, show, prompter):
    from PySide6.QtCore import Qt

    from logeerhuis_app.billing.months import month_check

    build_house(context.db)
    page = show(RegistrationPage(context))
    page.year.setValue(2026)
    page.month.setValue(1)
    page.activate()
    prompter.confirm_answer = False
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert prompter.messages[-1][0] == "confirm" and "afsluiten?" in prompter.messages[-1][2]
    assert not month_check(context.db, Month(2026, 1)).closed
    prompter.confirm_answer = True
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert month_check(context.db, Month(2026, 1)).closed
    assert "(afgesloten)" in page.title.text()


def test_closing_a_month_tells_a_hidden_claims_page_to_reload(
    qtbot, context, show, prompter, wmo_house
):
    """Issue 19: closing a month announced nothing, so Declaraties kept saying "nog niet
    afgesloten" until something else changed. The run announces what it wrote (the closed
    month is a stay subject); the hidden page reloads when it is shown again."""
    from PySide6.QtCore import Qt

    from logeerhuis_app.services.changes import Change
    from logeerhuis_app.ui.claims.page import ClaimsPage

    wmo_house()
    claims = ClaimsPage(context)  # made, never shown: like a page in the navigation
    qtbot.addWidget(claims)
    claims.year.setValue(2026)
    claims.month.setValue(3)
    claims.activate()
    assert "nog niet afgesloten" in claims.problems.toPlainText()
    heard: list[str] = []
    context.data_changed.connect(heard.append)
    page = show(RegistrationPage(context))
    page.year.setValue(2026)
    page.month.setValue(3)
    prompter.confirm_answer = True
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert heard == [Change.STAYS.value]
    assert context.messages[-1] == "Maart 2026 is afgesloten."
    claims.activate()
    assert claims.problems.toPlainText() == "Klaar om te declareren."


def test_a_refused_correction_is_said_in_a_message_box(qtbot, context, show, prompter):
    """A correction without a reason is refused; the box says what is missing (error.detail),
    not "controleer de gemarkeerde velden", and nothing is announced."""
    build_house(context.db)
    page = show(RegistrationPage(context))
    page.year.setValue(2026)
    page.month.setValue(1)
    page.activate()
    heard: list[str] = []
    context.data_changed.connect(heard.append)
    row = next(
        r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == "Dam, Piet"
    )
    prompter.texts.append("   ")  # only spaces: no reason
    page.correct(row, 1 + 14)
    kind, title, text = prompter.messages[-1]
    assert (kind, title, text) == (
        "error",
        "Niet gecorrigeerd",
        "Schrijf de reden van de correctie op.",
    )
    assert heard == [] and page.table.item(row, 1 + 14).text() == "●"
