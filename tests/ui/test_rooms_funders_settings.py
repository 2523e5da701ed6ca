"""Kamers, Financiers en contracten, Instellingen: typed through the screens."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from logeerhuis_app.house.contracts import list_contracts
from logeerhuis_app.house.funders import FunderData, list_funders, save_funder
from logeerhuis_app.house.provider import get_provider
from logeerhuis_app.house.rooms import list_rooms
from logeerhuis_app.ui.funders.page import FundersPage
from logeerhuis_app.ui.rooms.page import RoomsPage
from logeerhuis_app.ui.settings.page import SettingsPage


def _png() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f6f8f"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _type(qtbot, field, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def test_a_room_with_two_beds_and_a_hoist(qtbot, context, show, activate):
    page = show(RoomsPage(context))
    page.activate()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    _type(qtbot, page.form.fields["name"], "Linde")
    _type(qtbot, page.form.fields["beds"], "2")
    page.form.fields["environment"].set_value("beschermd")
    page.form.fields["has_hoist"].setChecked(True)
    activate(page)
    page.form.fields["name"].setFocus()
    qtbot.keyClick(page.form.fields["name"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    [room] = list_rooms(context.db)
    assert (room.name, room.beds, room.environment, room.has_hoist) == (
        "Linde",
        2,
        "beschermd",
        True,
    )
    assert len(room.bed_ids) == 2
    assert page.model.data(page.model.index(0, 3)) == "tillift"


def test_a_room_without_name_or_with_zero_beds_is_refused(qtbot, context, show):
    page = show(RoomsPage(context))
    page.activate()
    page.new_item()
    _type(qtbot, page.form.fields["beds"], "0")
    assert not page.save_current()
    assert "1 tot 10" in page.form.error_text("beds")
    _type(qtbot, page.form.fields["beds"], "1")
    assert not page.save_current()
    assert page.form.error_text("name") == "Geef de kamer een naam."
    assert list_rooms(context.db) == []


def test_a_gemeente_needs_its_cbs_code(qtbot, context, show):
    page = show(FundersPage(context))
    page.activate()
    page.new_item()
    page.form.fields["kind"].set_value("gemeente")
    _type(qtbot, page.form.fields["name"], "Gemeente Leusden")
    name = page.findChild(QLabel, "municipality_name")
    _type(qtbot, page.form.fields["cbs_code"], "GM32")
    assert "Niet op de CBS-lijst" in name.text()  # a warning beneath, not a refusal
    _type(qtbot, page.form.fields["cbs_code"], "GM327")
    assert name.text() == "Gemeente Leusden"
    assert page.save_current()
    [funder] = list_funders(context.db)
    assert funder.cbs_code == "0327"
    _type(qtbot, page.form.fields["cbs_code"], "12345")
    assert not page.save_current()
    assert "4 cijfers" in page.form.error_text("cbs_code")
    assert page.form.fields["cbs_code"].text() == "12345"


def test_a_contract_with_two_rate_periods(qtbot, context, show, prompter):
    funder = save_funder(context.db, FunderData(name="Gemeente Soest", cbs_code="0342"))
    page = show(FundersPage(context))
    page.activate()
    page.select_id(funder.id)

    def fill(dialog):
        fields = dialog.form.fields
        _type(qtbot, fields["name"], "Kortdurend verblijf")
        _type(qtbot, fields["product_category"], "04")
        _type(qtbot, fields["product_code"], "04d01")
        rates = fields["rates"]
        rates.set_value(())
        rates.add_row(None)
        rates.add_row(None)
        for row, texts in enumerate(
            (("01-01-2025", "31-12-2025", "142,50"), ("1-1-2026", "", "148,20"))
        ):
            for column, text in enumerate(texts):
                rates.table.item(row, column).setText(text)
        dialog.save()

    prompter.dialog_handler = fill
    page.new_contract()
    [contract] = list_contracts(context.db, funder_id=funder.id)
    assert contract.product_code == "04D01"
    assert [(r.valid_from, r.valid_to, r.amount_cents) for r in contract.rates] == [
        (date(2025, 1, 1), date(2025, 12, 31), 14250),
        (date(2026, 1, 1), None, 14820),
    ]
    assert page.contracts_model.rowCount() == 1


def test_overlapping_rate_periods_are_refused_in_the_dialog(qtbot, context, show, prompter):
    funder = save_funder(context.db, FunderData(name="Gemeente Soest", cbs_code="0342"))
    page = show(FundersPage(context))
    page.activate()
    page.select_id(funder.id)
    seen = {}

    def fill(dialog):
        _type(qtbot, dialog.form.fields["name"], "Logeren")
        rates = dialog.form.fields["rates"]
        rates.set_value(())
        for texts in (("01-01-2026", "", "140,00"), ("01-06-2026", "", "150,00")):
            rates.add_row(None)
            for column, text in enumerate(texts):
                rates.table.item(rates.table.rowCount() - 1, column).setText(text)
        dialog.save()
        seen["error"] = dialog.form.error_text("rates")
        seen["rows"] = rates.table.rowCount()

    prompter.dialog_handler = fill
    page.new_contract()
    assert "overlappen" in seen["error"]
    assert seen["rows"] == 2
    assert list_contracts(context.db, funder_id=funder.id) == []


def test_settings_are_saved_with_a_logo_and_bad_agb_is_refused(
    qtbot, context, show, prompter, tmp_path
):
    logo = tmp_path / "logo.png"
    png = _png()
    logo.write_bytes(png)
    page = show(SettingsPage(context))
    page.activate()
    fields = page.form.fields
    _type(qtbot, fields["name"], "Logeerhuis De Linde")
    _type(qtbot, fields["agb_code"], "1234567")
    _type(qtbot, fields["iban"], "NL91 ABNA 0417 1643 00")
    _type(qtbot, fields["payment_term_days"], "14")
    prompter.files.append(logo)
    qtbot.mouseClick(fields["logo"].choose, Qt.MouseButton.LeftButton)
    assert not page.save_current()
    assert page.form.error_text("agb_code") == "Een AGB-code bestaat uit 8 cijfers."
    _type(qtbot, fields["agb_code"], "73730123")
    assert page.save_current()
    saved = get_provider(context.db)
    assert (saved.name, saved.agb_code, saved.payment_term_days) == (
        "Logeerhuis De Linde",
        "73730123",
        14,
    )
    assert saved.logo == png and saved.logo_filename == "logo.png"
    assert not fields["logo"].preview.pixmap().isNull()


def test_a_logo_that_is_not_an_image_is_refused(qtbot, context, show, prompter, tmp_path):
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"not a picture at all")
    page = show(SettingsPage(context))
    page.activate()
    _type(qtbot, page.form.fields["name"], "Huis")
    prompter.files.append(fake)
    page.form.fields["logo"].choose_file()
    assert not page.save_current()
    assert "PNG of JPEG" in page.form.error_text("logo")
    assert get_provider(context.db).name == ""


def test_a_room_is_closed_for_maintenance_and_the_planner_refuses_it(
    qtbot, context, show, prompter
):
    from logeerhuis_app.house.guests import GuestData, save_guest
    from logeerhuis_app.house.rooms import RoomData, save_room
    from logeerhuis_app.planning.stays import NewStay, create_stay
    from logeerhuis_app.ui.planner.page import PlannerPage

    room = save_room(context.db, RoomData(name="Linde"))
    anna = save_guest(context.db, GuestData(first_name="Anna", last_name="Smit"))
    create_stay(context.db, NewStay(anna.id, room.id, date(2026, 8, 3), date(2026, 8, 5)))
    page = show(RoomsPage(context))
    page.activate()
    page.select_id(room.id)
    panel = page.closures
    _type(qtbot, panel.start, "01-08-2026")
    _type(qtbot, panel.last, "07-08-2026")
    _type(qtbot, panel.reason, "Schilderwerk")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert (
        panel.message.text()
        == "Kamer Linde is op 03-08-2026 bezet door Anna Smit. Verplaats die verblijven eerst."
    )
    _type(qtbot, panel.start, "10-08-2026")
    _type(qtbot, panel.last, "16-08-2026")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.list.item(0).text() == "10-08-2026 t/m 16-08-2026: Schilderwerk"

    planner = show(PlannerPage(context))
    planner.first_day = date(2026, 8, 3)
    planner.refresh()
    problem = planner.grid.problem_for(None, 0, date(2026, 8, 15), date(2026, 8, 18))
    assert problem == "Kamer Linde is gesloten van 10-08-2026 tot en met 16-08-2026."
    import pytest

    from logeerhuis_app.services.errors import ValidationError

    with pytest.raises(ValidationError):
        create_stay(context.db, NewStay(anna.id, room.id, date(2026, 8, 15), date(2026, 8, 18)))


def test_required_intake_items_are_a_setting(qtbot, context, show):
    from logeerhuis_app.domain.intake import ITEMS
    from logeerhuis_app.house.house_texts import CONDITIONS, get_text
    from logeerhuis_app.intake.intake import required_items

    page = show(SettingsPage(context))
    page.activate()
    panel = page.intake_panel
    row = [i.key for i in ITEMS].index("statement_signed")
    assert (
        panel.table.item(row, 2).checkState() == Qt.CheckState.Checked
    )  # default: all for check-in
    panel.table.item(row, 2).setCheckState(Qt.CheckState.Unchecked)
    panel.conditions.setPlainText("Medicijnen in de originele verpakking meenemen.")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "statement_signed" not in required_items(context.db)["inchecken"]
    assert get_text(context.db, CONDITIONS) == "Medicijnen in de originele verpakking meenemen."


def test_a_funder_reserves_a_bed_and_the_planner_shows_it(qtbot, context, show):
    from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
    from logeerhuis_app.house.rooms import RoomData, save_room
    from logeerhuis_app.ui.planner.page import PlannerPage

    room = save_room(context.db, RoomData(name="Wilg", beds=2))
    gemeente = save_funder(context.db, FunderData(name="Gemeente Amersfoort", cbs_code="0307"))
    save_contract(
        context.db,
        ContractData(
            funder_id=gemeente.id,
            name="Crisisbed",
            tariff_model="reserved_bed",
            valid_from=date(2026, 1, 1),
            rates=(RateData(valid_from=date(2026, 1, 1), amount_cents=11800),),
        ),
    )
    page = show(RoomsPage(context))
    page.activate()
    page.select_id(room.id)
    panel = page.reservations
    panel.bed.setCurrentIndex(1)
    _type(qtbot, panel.start, "01-03-2026")
    _type(qtbot, panel.last, "31-03-2026")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.list.item(0).text() == (
        "bed 2: 01-03-2026 t/m 31-03-2026, Gemeente Amersfoort; geen toewijzing: lege dagen niet "
        "in de WMO323"
    )
    planner = show(PlannerPage(context))
    planner.first_day = date(2026, 3, 2)
    planner.refresh()
    [reserved] = planner.view.reservations
    assert (reserved.bed_id, reserved.funder_name) == (room.bed_ids[1], "Gemeente Amersfoort")


def test_saving_one_settings_panel_keeps_what_is_typed_in_another(qtbot, context, show):
    """Saving the intake settings reloads the page; the mail panel's unsaved host stays."""
    from logeerhuis_app.house.house_texts import CONDITIONS, get_text
    from logeerhuis_app.mail.mail_settings import get_mail_settings

    page = show(SettingsPage(context))
    page.activate()
    _type(qtbot, page.mail_panel.host, "smtp.example.nl")
    page.intake_panel.conditions.setPlainText("Eigen medicijnen meenemen.")
    qtbot.mouseClick(page.intake_panel.save_button, Qt.MouseButton.LeftButton)
    assert get_text(context.db, CONDITIONS) == "Eigen medicijnen meenemen."
    assert page.mail_panel.host.text() == "smtp.example.nl"  # typed, not saved: still there
    assert get_mail_settings(context.db).host == ""
    assert page.intake_panel.conditions.toPlainText() == "Eigen medicijnen meenemen."
    # A panel without typing does reload: a change saved elsewhere shows.
    from logeerhuis_app.access.security_settings import set_idle_minutes

    set_idle_minutes(context.db, 12)
    page.refresh()
    assert page.security_panel.minutes.value() == 12
    assert page.mail_panel.host.text() == "smtp.example.nl"
