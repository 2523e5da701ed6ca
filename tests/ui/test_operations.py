"""ui/operations.run: one way to show a refusal and to tell the pages what changed."""

from __future__ import annotations

from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.services.changes import Change
from logeerhuis_app.services.errors import ServiceError, ValidationError
from logeerhuis_app.ui import operations


def _heard(context) -> list[str]:
    topics: list[str] = []
    context.data_changed.connect(topics.append)
    return topics


def test_a_saved_guest_is_announced_and_reported(context) -> None:
    topics = _heard(context)
    got = []
    outcome = operations.run(
        context,
        lambda: save_guest(context.db, GuestData(first_name="An", last_name="Smit")),
        got.append,
        done=lambda guest: f"Gast opgeslagen: {guest.last_name}",
    )
    assert outcome is not None and got == [outcome]
    assert topics == [Change.GUESTS.value]
    assert context.messages[-1] == "Gast opgeslagen: Smit"


def test_field_errors_without_a_form_are_spelled_out(context, prompter) -> None:
    """No field to mark: the box names each problem, not "controleer de gemarkeerde velden"."""
    topics = _heard(context)
    outcome = operations.run(
        context,
        lambda: save_guest(context.db, GuestData(first_name="", last_name="")),
        title="Gast niet opgeslagen",
    )
    assert outcome is None and topics == []
    kind, title, text = prompter.messages[-1]
    assert (kind, title) == ("error", "Gast niet opgeslagen")
    assert "gemarkeerde" not in text and "achternaam" in text.lower()
    assert context.messages[-1] == text


def test_a_form_shows_the_refusal_itself(context, prompter) -> None:
    shown: list[ServiceError] = []

    class Form:
        def show_error(self, error: ServiceError) -> None:
            shown.append(error)

    def refuse() -> None:
        raise ValidationError({"arrival": "Kies een datum."})

    assert operations.run(context, refuse, shown_in=Form()) is None
    assert [e.field_errors for e in shown] == [{"arrival": "Kies een datum."}]  # type: ignore[attr-defined]
    assert prompter.messages == []


def test_another_database_reloads_every_page_once(context) -> None:
    topics = _heard(context)
    operations.run(context, lambda: None, also=[Change.EVERYTHING])
    assert topics == [Change.EVERYTHING.value]


def test_what_was_saved_before_a_refusal_is_still_announced(context, prompter) -> None:
    from logeerhuis_app.house.rooms import RoomData, save_room

    topics = _heard(context)

    def two_steps() -> None:
        save_room(context.db, RoomData(name="Eik", beds=1))
        save_guest(context.db, GuestData(first_name="", last_name=""))

    assert operations.run(context, two_steps) is None
    assert topics == [Change.ROOMS.value]
    assert prompter.messages[-1][0] == "error"


def test_a_page_that_hears_several_subjects_of_one_operation_reloads_once(context, show) -> None:
    from logeerhuis_app.house.rooms import RoomData, save_room
    from logeerhuis_app.ui.page import Page

    class Reader(Page):
        topics = (Change.GUESTS, Change.ROOMS)
        reloads = 0

        def refresh(self) -> None:
            self.reloads += 1

    page = show(Reader(context))
    page.activate()
    assert page.reloads == 1

    def both() -> None:
        save_room(context.db, RoomData(name="Eik", beds=1))
        save_guest(context.db, GuestData(first_name="An", last_name="Smit"))

    outcome = operations.run(context, both)
    assert outcome is not None and outcome.changed == {Change.GUESTS, Change.ROOMS}
    assert page.reloads == 2
    page.hide()
    operations.run(context, lambda: save_room(context.db, RoomData(name="Beuk", beds=1)))
    assert page.reloads == 2  # hidden: reloads when shown again
    page.show()
    page.activate()
    assert page.reloads == 3
