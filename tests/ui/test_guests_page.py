"""Gasten: typing, saving, searching; a refused bad BSN keeps everything the user typed."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from logeerhuis_app.house.guests import GuestData, get_guest, save_guest, search_guests
from logeerhuis_app.ui.guests.page import GuestsPage


def _type(qtbot, page, name: str, text: str) -> None:
    field = page.form.fields[name]
    field.clear()
    qtbot.keyClicks(field, text)


def test_a_new_guest_is_typed_saved_and_found(qtbot, context, show):
    page = show(GuestsPage(context))
    page.activate()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    _type(qtbot, page, "first_name", "Johanna")
    _type(qtbot, page, "prefix", "van der")
    _type(qtbot, page, "last_name", "Meer")
    _type(qtbot, page, "date_of_birth", "3-5-1941")
    _type(qtbot, page, "bsn", "1112.22.333")
    _type(qtbot, page, "postcode", "3811ab")
    _type(qtbot, page, "iban", "nl91abna0417164300")
    page.form.fields["carers"].add_row()
    carers = page.form.fields["carers"].table
    carers.item(0, 0).setText("Kees van der Meer")
    carers.item(0, 1).setText("partner")
    carers.item(0, 2).setText("06-12345678")
    page.form.fields["needs_hoist"].setChecked(True)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert page.general_error.isHidden(), page.general_error.text()
    guest = search_guests(context.db, "Meer")[0]
    saved = get_guest(context.db, guest.id)
    assert saved.bsn == "111222333"
    assert saved.postcode == "3811 AB"
    assert saved.iban == "NL91ABNA0417164300"
    assert saved.date_of_birth.isoformat() == "1941-05-03"
    assert saved.needs_hoist
    assert [(c.name, c.relation, c.phone) for c in saved.carers] == [
        ("Kees van der Meer", "partner", "06-12345678")
    ]
    # Shown back the Dutch way, and in the list.
    assert page.form.fields["date_of_birth"].text() == "03-05-1941"
    assert page.form.fields["iban"].text() == "NL91 ABNA 0417 1643 00"
    assert page.model.rowCount() == 1
    assert page.model.record(0).name == "Meer, Johanna van der"
    assert "Gast opgeslagen" in context.messages[-1]


def test_a_bad_bsn_is_refused_at_the_field_and_nothing_typed_is_lost(qtbot, context, show):
    page = show(GuestsPage(context))
    page.activate()
    page.new_item()
    _type(qtbot, page, "first_name", "Piet")
    _type(qtbot, page, "last_name", "Jansen")
    _type(qtbot, page, "bsn", "123456789")
    _type(qtbot, page, "postcode", "12345")
    _type(qtbot, page, "date_of_birth", "31-02-1950")
    _type(qtbot, page, "care_needs", "Hulp bij douchen")
    page.save_current()

    assert "elfproef" in page.form.error_text("bsn")
    assert "postcode" in page.form.error_text("postcode")
    assert "bestaat niet" in page.form.error_text("date_of_birth")
    assert not page.general_error.isHidden()
    assert search_guests(context.db) == []
    # Everything is still there, exactly as typed.
    assert page.form.fields["first_name"].text() == "Piet"
    assert page.form.fields["bsn"].text() == "123456789"
    assert page.form.fields["postcode"].text() == "12345"
    assert page.form.fields["date_of_birth"].text() == "31-02-1950"
    assert page.form.fields["care_needs"].toPlainText() == "Hulp bij douchen"
    # Fixing the BSN and the rest lets it save, and clears the messages.
    _type(qtbot, page, "bsn", "111222333")
    _type(qtbot, page, "postcode", "1234 AB")
    _type(qtbot, page, "date_of_birth", "28-02-1950")
    assert page.save_current()
    assert page.form.error_text("bsn") == ""
    assert len(search_guests(context.db, "111222333")) == 1


def test_a_duplicate_bsn_names_the_other_guest(qtbot, context, show):
    save_guest(context.db, GuestData(first_name="Anna", last_name="Smit", bsn="111222333"))
    page = show(GuestsPage(context))
    page.activate()
    page.new_item()
    _type(qtbot, page, "last_name", "Bos")
    _type(qtbot, page, "bsn", "111222333")
    assert not page.save_current()
    assert page.form.error_text("bsn") == "Dit BSN hoort al bij Anna Smit."


def test_search_by_name_bsn_and_birth_date(qtbot, context, show):
    from datetime import date

    save_guest(context.db, GuestData(first_name="Anna", last_name="Smit", bsn="111222333",
                                     date_of_birth=date(1940, 1, 2)))  # fmt: skip
    save_guest(context.db, GuestData(first_name="Bert", last_name="Bos"))
    page = show(GuestsPage(context))
    page.activate()
    assert page.model.rowCount() == 2
    for term, expected in (("smit", "Smit, Anna"), ("111222333", "Smit, Anna"),
                           ("02-01-1940", "Smit, Anna"), ("bos", "Bos, Bert")):  # fmt: skip
        page.search.setText(term)
        qtbot.waitUntil(lambda e=expected: page.model.rowCount() == 1
                        and page.model.record(0).name == e)  # fmt: skip
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)


def test_switching_guests_with_unsaved_changes_asks_first(qtbot, context, show, prompter):
    save_guest(context.db, GuestData(first_name="Anna", last_name="Smit"))
    save_guest(context.db, GuestData(first_name="Bert", last_name="Bos"))
    page = show(GuestsPage(context))
    page.activate()
    page.table.selectRow(1)
    assert page.current.last_name == "Smit"
    _type(qtbot, page, "phone", "033-1234567")
    prompter.confirm_answer = False
    page.table.selectRow(0)
    assert page.current.last_name == "Smit"
    assert page.form.fields["phone"].text() == "033-1234567"
    assert prompter.messages[-1][0] == "confirm"
    prompter.confirm_answer = True
    page.table.selectRow(0)
    assert page.current.last_name == "Bos"


def test_an_allocation_is_added_through_its_dialog(qtbot, context, show, prompter):
    from datetime import date

    from logeerhuis_app.house.allocations import list_allocations
    from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
    from logeerhuis_app.house.funders import FunderData, save_funder

    gemeente = save_funder(context.db, FunderData(name="Gemeente Soest", cbs_code="0342"))
    rate = RateData(valid_from=date(2026, 1, 1), amount_cents=14000)
    contract = ContractData(
        funder_id=gemeente.id,
        name="Logeren",
        product_category="04",
        product_code="04D01",
        rates=(rate,),
    )
    save_contract(context.db, contract)
    guest = save_guest(context.db, GuestData(first_name="Anna", last_name="Smit"))
    page = show(GuestsPage(context))
    page.activate()
    page.select_id(guest.id)

    def fill(dialog):
        fields = dialog.form.fields
        fields["funder_id"].set_value(gemeente.id)
        fields["kind"].set_value("toewijzing")
        dialog.save()  # no reference yet: refused at the field
        assert "toewijzingnummer" in dialog.form.error_text("reference")
        qtbot.keyClicks(fields["reference"], "2026000123")
        fields["start_date"].setText("01-01-2026")
        qtbot.keyClicks(fields["volume"], "6")
        fields["volume_frequency"].set_value("month")
        dialog.save()

    prompter.dialog_handler = fill
    page.allocations.add()
    saved = list_allocations(context.db, guest.id)
    assert [(a.reference, a.volume, a.funder_name) for a in saved] == [
        ("2026000123", 6, "Gemeente Soest")
    ]
    assert page.allocations.model.rowCount() == 1
    assert isinstance(page.form.fields["bsn"], QLineEdit)


def test_wlz_nights_used_elsewhere_are_entered_on_the_guest(qtbot, context, show):
    from datetime import date

    from logeerhuis_app.house.wlz_elsewhere import nights_elsewhere

    guest = save_guest(context.db, GuestData(first_name="Anna", last_name="Smit"))
    page = show(GuestsPage(context))
    page.activate()
    page.select_id(guest.id)
    panel = page.allocations
    panel.elsewhere.setText("12")
    qtbot.mouseClick(panel.elsewhere_button, Qt.MouseButton.LeftButton)
    assert nights_elsewhere(context.db, guest.id, date.today().year) == 12
    panel.elsewhere.setText("twaalf")
    qtbot.mouseClick(panel.elsewhere_button, Qt.MouseButton.LeftButton)
    assert context.prompter.messages[-1][0] == "error"
    assert nights_elsewhere(context.db, guest.id, date.today().year) == 12


def test_a_guest_saved_meanwhile_elsewhere_offers_to_reload_or_keep_the_input(
    qtbot, context, show, prompter
):
    """Two PCs open the same guest; the other one saves first. Saving here is refused with a
    choice: keep what was typed (Nee), or load the saved version (Ja)."""
    guest = save_guest(context.db, GuestData(first_name="Anna", last_name="Smit"))
    page = show(GuestsPage(context))
    page.activate()
    page.select_id(guest.id)
    save_guest(context.db, replace(get_guest(context.db, guest.id), phone="030-1234567"))

    _type(qtbot, page, "last_name", "Smid")
    prompter.confirm_answer = False  # keep my input
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert prompter.messages[-1][1] == "Niet opgeslagen: intussen gewijzigd"
    assert "iemand anders gewijzigd" in prompter.messages[-1][2]
    assert page.form.fields["last_name"].text() == "Smid"  # what I typed stays
    assert get_guest(context.db, guest.id).last_name == "Smit"

    prompter.confirm_answer = True  # load theirs
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.form.fields["last_name"].text() == "Smit"
    assert page.form.fields["phone"].text() == "030-1234567"
    _type(qtbot, page, "last_name", "Smid")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)  # now on the fresh version
    saved = get_guest(context.db, guest.id)
    assert (saved.last_name, saved.phone) == ("Smid", "030-1234567")


def test_the_municipality_code_shows_the_name_from_the_cbs_list(qtbot, context, show):
    page = show(GuestsPage(context))
    page.activate()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    name = page.findChild(QLabel, "municipality_name")
    _type(qtbot, page, "municipality_code", "308")
    assert name.isVisible() and name.text() == "Gemeente Baarn"
    _type(qtbot, page, "municipality_code", "GM0457")  # Weesp, part of Amsterdam since 2022
    assert "Niet op de CBS-lijst van 1 januari 2026" in name.text()
    _type(qtbot, page, "municipality_code", "")
    assert not name.isVisible()


def test_a_note_longer_than_the_limit_is_refused_beside_the_field(qtbot, context, show):
    from logeerhuis_app.domain.text_limits import NOTE_MAX_LENGTH
    from logeerhuis_app.house.guests import search_guests
    from logeerhuis_app.ui.guests.page import GuestsPage

    page = show(GuestsPage(context))
    page.activate()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.form.fields["last_name"].setText("Meer")
    page.form.fields["notes"].setPlainText("x" * (NOTE_MAX_LENGTH + 1))  # a pasted file
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "te lang (hoogstens 10.000 tekens)" in page.form.error_text("notes")
    assert search_guests(context.db, "Meer") == []
    assert len(page.form.fields["notes"].toPlainText()) == NOTE_MAX_LENGTH + 1  # kept as typed
