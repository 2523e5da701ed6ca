"""Declaraties: reading a municipality's answer (WMO325) shows per month declared, granted and
rejected, the rejected line with its code in Dutch; marking it corrected puts it in the next
month's declaration."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt

from logeerhuis_app.billing.months import close_month
from logeerhuis_app.claims.answer_simulation import simulated_answer
from logeerhuis_app.claims.claims import claim_drafts, submit_claim
from logeerhuis_app.domain.months import Month
from logeerhuis_app.ui.claims.page import ClaimsPage


def test_read_an_answer_see_the_rejected_line_and_mark_it_corrected(
    context, show, prompter, wmo_house, qtbot, tmp_path
):
    gemeente, _stay = wmo_house()
    close_month(context.db, Month(2026, 3), by="t", now=datetime(2026, 4, 2, 9))
    claim = submit_claim(
        context.db, Month(2026, 3), gemeente.id, by="t", now=datetime(2026, 4, 2, 9)
    )
    rejected = claim.lines[1].reference
    path = tmp_path / "wmo325.xml"
    path.write_bytes(
        simulated_answer(context.db, claim.number, {rejected: ("9307",)},
                         answered_on=date(2026, 4, 15))
    )  # fmt: skip
    page = show(ClaimsPage(context))
    page.year.setValue(2026)
    page.month.setValue(3)
    page.refresh()
    panel = page.answers
    assert "nog geen antwoord €\u00a01.157,10" in panel.totals.text()
    assert panel.rejected.rowCount() == 0

    prompter.files.append(path)
    qtbot.mouseClick(panel.read_button, Qt.MouseButton.LeftButton)
    assert prompter.messages[-1][0] == "info"
    assert "1 regel(s) toegekend, 1 afgewezen" in prompter.messages[-1][2]
    text = panel.totals.text()
    assert "gedeclareerd €\u00a01.157,10" in text and "toegekend €\u00a0712,50" in text
    assert "afgewezen €\u00a0444,60" in text and "nog geen antwoord €\u00a00,00" in text
    assert panel.rejected.rowCount() == 1
    assert panel.rejected.data(panel.rejected.index(0, 0)) == rejected
    assert panel.rejected.data(panel.rejected.index(0, 5)) == "te corrigeren"
    assert panel.rejected.data(panel.rejected.index(0, 6)).startswith(
        "9307: Begindatum prestatie ligt niet tussen"
    )

    # A broken file: a Dutch refusal, nothing changes.
    broken = tmp_path / "kapot.xml"
    broken.write_bytes(path.read_bytes()[:200])
    prompter.files.append(broken)
    qtbot.mouseClick(panel.read_button, Qt.MouseButton.LeftButton)
    assert prompter.messages[-1][0] == "error" and "Niet ingelezen" in prompter.messages[-1][2]
    assert panel.rejected.rowCount() == 1

    panel.rejected_view.selectRow(0)
    qtbot.mouseClick(panel.fixed_button, Qt.MouseButton.LeftButton)
    assert panel.rejected.data(panel.rejected.index(0, 5)).startswith("gecorrigeerd")
    [april] = claim_drafts(context.db, Month(2026, 4), today=date(2026, 5, 2))
    assert [ln.redeclares for ln in april.claim.lines] == [rejected]
    # The next declaration waits in the list of things to claim, even while March is shown.
    assert any(d.claim.month == 4 for d in page.drafts.records)
