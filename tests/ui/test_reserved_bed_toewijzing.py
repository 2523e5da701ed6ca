"""The toewijzing a municipality gave for a reserved bed, set through the Kamers page, shown in
the planner, and its absence named on the claims page (issue 18, decision 0033)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from logeerhuis_app.billing.months import close_month
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.reservations import ReservationData, list_reservations, reserve_bed
from logeerhuis_app.ui.claims.page import ClaimsPage
from logeerhuis_app.ui.planner.grid import reservation_text
from logeerhuis_app.ui.planner.page import PlannerPage
from logeerhuis_app.ui.rooms.page import RoomsPage


def _reserved_bed(context, wmo_house):  # type: ignore[no-untyped-def]
    """Gemeente Baarn reserves bed 1 of Linde for March; Wilma is the bed's client."""
    gemeente, stay = wmo_house()
    bed = save_contract(context.db, ContractData(
        funder_id=gemeente.id, name="Gereserveerd logeerbed", product_category="04",
        product_code="04A05", tariff_model="reserved_bed", valid_from=date(2026, 1, 1),
        rates=(RateData(valid_from=date(2026, 1, 1), amount_cents=11800),)))  # fmt: skip
    reserve_bed(context.db, ReservationData(None, stay.bed_id, bed.id, date(2026, 3, 1),
                                            date(2026, 3, 31)))  # fmt: skip
    wilma = save_guest(context.db, GuestData(first_name="Wilma", prefix="de", last_name="Vries",
                                             bsn="999900018", city="Baarn"))  # fmt: skip
    return stay, wilma


def _rooms_page(context, show, stay):  # type: ignore[no-untyped-def]
    from logeerhuis_app.house.rooms import list_rooms

    page = show(RoomsPage(context))
    page.activate()
    [room] = [r for r in list_rooms(context.db) if stay.bed_id in r.bed_ids]
    page.select_id(room.id)
    page.reservations.list.setCurrentRow(0)
    return page


def _save(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_the_beds_toewijzing_is_set_through_the_dialog(context, show, prompter, wmo_house, qtbot):
    stay, wilma = _reserved_bed(context, wmo_house)
    page = _rooms_page(context, show, stay)
    panel = page.reservations
    assert panel.list.item(0).text().endswith("; geen toewijzing: lege dagen niet in de WMO323")

    def fill(dialog):  # type: ignore[no-untyped-def]
        fields = dialog.form.fields
        clients = fields["allocation_guest_id"]
        labels = [clients.itemText(i) for i in range(clients.count())]
        assert "Vries, Wilma de (Baarn)" in labels
        clients.set_value(wilma.id)
        qtbot.keyClicks(fields["allocation_reference"], "987654321")
        _save(dialog)

    prompter.dialog_handler = fill
    qtbot.mouseClick(panel.allocation_button, Qt.MouseButton.LeftButton)
    [reservation] = list_reservations(context.db, date(2026, 3, 1), date(2026, 4, 1))
    assert (reservation.allocation_guest_id, reservation.allocation_reference) == (
        wilma.id,
        "987654321",
    )
    assert panel.list.item(0).text().endswith("; toewijzing 987654321 (Wilma de Vries)")
    assert context.messages[-1] == "Toewijzing van het bed opgeslagen."
    planner = show(PlannerPage(context))
    planner.first_day = date(2026, 3, 2)
    planner.refresh()
    [band] = planner.view.reservations
    assert reservation_text(band).endswith(
        "Toewijzing 987654321 (Wilma de Vries): de lege dagen gaan in de WMO323"
    )


def test_a_wrong_toewijzingnummer_stays_in_the_dialog_and_saves_nothing(
    context, show, prompter, wmo_house, qtbot
):
    stay, wilma = _reserved_bed(context, wmo_house)
    page = _rooms_page(context, show, stay)
    seen = {}

    def fill(dialog):  # type: ignore[no-untyped-def]
        dialog.form.fields["allocation_guest_id"].set_value(wilma.id)
        qtbot.keyClicks(dialog.form.fields["allocation_reference"], "12AB")
        _save(dialog)
        seen["error"] = dialog.form.error_text("allocation_reference")

    prompter.dialog_handler = fill
    qtbot.mouseClick(page.reservations.allocation_button, Qt.MouseButton.LeftButton)
    assert seen["error"] == "Het toewijzingnummer 12AB moet een getal van hoogstens 9 cijfers zijn."
    [reservation] = list_reservations(context.db, date(2026, 3, 1), date(2026, 4, 1))
    assert not reservation.has_allocation
    assert page.reservations.list.item(0).text().endswith("niet in de WMO323")


def test_the_claims_page_names_a_reserved_bed_without_toewijzing(context, show, wmo_house):
    _reserved_bed(context, wmo_house)
    close_month(context.db, Month(2026, 3), by="test", now=datetime(2026, 4, 2, 9))
    page = show(ClaimsPage(context))
    page.year.setValue(2026)
    page.month.setValue(3)
    page.refresh()
    assert page.problems.toPlainText() == (
        "Klaar om te declareren.\n\nLet op:\n• Gereserveerd bed Gereserveerd logeerbed (Linde, "
        "bed 1) heeft geen toewijzing: de lege dagen (23) gaan niet mee in de WMO323. Leg de "
        "toewijzing van de gemeente vast bij de reservering (Kamers)."
    )
