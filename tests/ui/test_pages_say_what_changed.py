"""The guests, rooms, funders and settings pages run their use cases through operations.run:
what is announced is what the use case wrote, and a refusal is shown one way (issue 19)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt

from logeerhuis_app.house.allocations import list_allocations
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.funders import FunderData, get_funder, save_funder
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.house_texts import EVALUATION, get_text
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.services.changes import Change
from logeerhuis_app.ui.funders.page import FundersPage
from logeerhuis_app.ui.guests.page import GuestsPage
from logeerhuis_app.ui.page import Page
from logeerhuis_app.ui.rooms.page import RoomsPage
from logeerhuis_app.ui.settings.intake_panel import IntakeSettingsPanel


class HiddenReader(Page):
    """A page in the background that shows one subject, like the planner's funding warnings."""

    def __init__(self, context, topic: Change) -> None:
        self.topics = (topic,)
        super().__init__(context)
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


def _heard(context) -> list[str]:
    topics: list[str] = []
    context.data_changed.connect(topics.append)
    return topics


def _guest_with_a_funder(context):
    gemeente = save_funder(context.db, FunderData(name="Gemeente Soest", cbs_code="0342"))
    rate = RateData(valid_from=date(2026, 1, 1), amount_cents=14000)
    save_contract(
        context.db,
        ContractData(
            funder_id=gemeente.id,
            name="Logeren",
            product_category="04",
            product_code="04D01",
            rates=(rate,),
        ),
    )
    return gemeente, save_guest(context.db, GuestData(first_name="Anna", last_name="Smit"))


def test_a_saved_allocation_is_announced_once_as_measured_and_a_hidden_reader_goes_stale(
    qtbot, context, show, prompter
):
    gemeente, guest = _guest_with_a_funder(context)
    page = show(GuestsPage(context))
    page.activate()
    page.select_id(guest.id)
    reader = HiddenReader(context, Change.ALLOCATIONS)
    reader.activate()  # fresh: not stale
    heard = _heard(context)

    def fill(dialog):
        fields = dialog.form.fields
        fields["funder_id"].set_value(gemeente.id)
        fields["kind"].set_value("toewijzing")
        fields["reference"].setText("2026000123")
        fields["start_date"].setText("01-01-2026")
        dialog.save()

    prompter.dialog_handler = fill
    page.allocations.add()
    assert [a.reference for a in list_allocations(context.db, guest.id)] == ["2026000123"]
    assert heard == [Change.ALLOCATIONS.value]  # once: the panel no longer adds its own
    assert reader._stale and reader.refreshed == 1  # reloads when it is shown next
    assert page.allocations.model.rowCount() == 1


def test_wlz_nights_elsewhere_are_announced_as_the_allocations_they_are(qtbot, context, show):
    """They were announced as stays; they are stored with the allocations (what the planner's
    156-night warnings must listen to)."""
    _gemeente, guest = _guest_with_a_funder(context)
    page = show(GuestsPage(context))
    page.activate()
    page.select_id(guest.id)
    reader = HiddenReader(context, Change.ALLOCATIONS)
    reader.activate()
    heard = _heard(context)
    page.allocations.elsewhere.setText("12")
    qtbot.mouseClick(page.allocations.elsewhere_button, Qt.MouseButton.LeftButton)
    assert heard == [Change.ALLOCATIONS.value]
    assert reader._stale
    assert context.messages[-1].startswith("Wlz-nachten elders opgeslagen")


def test_a_refused_intake_text_names_the_problem_not_the_marked_fields(context, prompter):
    """The intake panel has no field marks: the box says what is wrong (error.detail), not
    "controleer de gemarkeerde velden". The required items were saved in a unit of work before
    the refused text, so those are announced (what was saved is never kept from the pages)."""
    panel = IntakeSettingsPanel(context)
    panel.load()
    heard = _heard(context)
    panel.evaluation.setPlainText("x" * 20_001)
    panel.save()
    kind, title, text = prompter.messages[-1]
    assert (kind, title) == ("error", "Niet opgeslagen")
    assert "gemarkeerde" not in text and "te lang" in text and "20.000" in text
    assert context.messages[-1] == text  # also in the status bar
    assert get_text(context.db, EVALUATION) == ""
    assert heard == [Change.SETTINGS.value]


def test_a_funder_saved_meanwhile_elsewhere_still_offers_to_load_the_saved_version(
    qtbot, context, show, prompter
):
    funder = save_funder(context.db, FunderData(name="Gemeente Soest", cbs_code="0342"))
    page = show(FundersPage(context))
    page.activate()
    page.select_id(funder.id)
    save_funder(context.db, replace(get_funder(context.db, funder.id), phone="035-1234567"))
    heard = _heard(context)
    page.form.fields["name"].setText("Gemeente Soest (WMO)")
    prompter.confirm_answer = True  # load theirs
    assert page.save_current() is False
    assert prompter.messages[-1][1] == "Niet opgeslagen: intussen gewijzigd"
    assert heard == []  # refused: nothing changed, nothing announced
    assert page.form.fields["phone"].text() == "035-1234567"
    assert page.form.fields["name"].text() == "Gemeente Soest"
    assert context.messages[-1] == "De opgeslagen versie is geladen."


def test_closing_a_room_is_announced_as_rooms_and_a_bad_period_is_said_in_the_panel(
    qtbot, context, show
):
    """A closure was announced as stays; it is a room's (the planner lists rooms)."""
    room = save_room(context.db, RoomData(name="Zon", beds=1))
    page = show(RoomsPage(context))
    page.activate()
    page.select_id(room.id)
    heard = _heard(context)
    panel = page.closures
    panel.start.setText("10-03-2026")
    panel.last.setText("01-03-2026")
    panel.reason.setText("schilderwerk")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.message.isVisible()
    assert panel.message.text() == "De laatste dag ligt vóór de eerste dag."
    assert heard == []
    panel.last.setText("14-03-2026")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert heard == [Change.ROOMS.value]
    assert panel.list.count() == 1 and not panel.message.isVisible()
    assert context.messages[-1] == "Kamer gesloten voor de gekozen periode."


def test_an_added_account_is_announced_and_a_refused_password_keeps_the_dialog_open(
    context, prompter, show, qtbot
):
    from PySide6.QtWidgets import QLineEdit

    from logeerhuis_app.access import accounts
    from logeerhuis_app.access.accounts import NewAccount
    from logeerhuis_app.ui.accounts.page import AccountsPage

    accounts.create_first_coordinator(
        context.db, NewAccount("Ingrid", "ingrid", "x" * 10, "x" * 10)
    )
    accounts.sign_in(context.db, "ingrid", "x" * 10)
    page = show(AccountsPage(context))
    page.activate()
    heard = _heard(context)
    tries: list[bool] = []

    def answer(dialog):
        values = {"name": "Ria de Boer", "user_name": "ria", "password": "kort"}
        values["repeated"] = "kort"
        for name, value in values.items():
            dialog.findChild(QLineEdit, name).setText(value)
        dialog.accept()  # refused: too short
        tries.append(dialog.result() == dialog.DialogCode.Accepted)
        for name in ("password", "repeated"):
            dialog.findChild(QLineEdit, name).setText("geheim-ria-123")
        dialog.accept()

    prompter.dialog_handler = answer
    page.new_item()
    assert tries == [False]
    assert prompter.messages[0][:2] == ("error", "Nieuw account")
    assert heard == [Change.ACCOUNTS.value]
    assert [a.user_name for a in page.accounts] == ["ingrid", "ria"]
