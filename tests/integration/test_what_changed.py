"""Database.run says what a use case wrote, measured from its committed units of work."""

from __future__ import annotations

from datetime import date

import pytest

from logeerhuis_app.db import models  # noqa: F401  (every table on the metadata)
from logeerhuis_app.db.base import Base
from logeerhuis_app.house.guests import GuestData, get_guest, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.services.changes import Change
from logeerhuis_app.services.errors import ValidationError
from logeerhuis_app.storage.written_tables import TABLE_CHANGES, UNSHOWN_TABLES


def test_every_table_belongs_to_a_subject_or_is_named_unshown() -> None:
    """A new table must be given its subject, or pages would miss that it changed."""
    tables = set(Base.metadata.tables)
    assert tables == set(TABLE_CHANGES) | UNSHOWN_TABLES
    assert not set(TABLE_CHANGES) & UNSHOWN_TABLES


def test_saving_a_guest_changes_guests_only(db) -> None:
    outcome = db.run(lambda: save_guest(db, GuestData(first_name="An", last_name="Smit")))
    assert outcome.value.last_name == "Smit"
    assert outcome.changed == {Change.GUESTS}


def test_planning_a_stay_changes_stays_and_nothing_else(db) -> None:
    room = save_room(db, RoomData(name="Linde", beds=1))
    guest = save_guest(db, GuestData(first_name="An", last_name="Smit"))
    outcome = db.run(
        lambda: create_stay(
            db, NewStay(guest.id, room.id, date(2026, 3, 2), date(2026, 3, 5), status="optie")
        )
    )
    assert outcome.value.arrival == date(2026, 3, 2)
    assert outcome.changed == {Change.STAYS}


def test_looking_at_a_guest_changes_nothing_a_page_shows(db) -> None:
    """Viewing logs access; reloading pages for that would log another view."""
    guest = save_guest(db, GuestData(first_name="An", last_name="Smit", bsn="999900006"))
    outcome = db.run(lambda: get_guest(db, guest.id))
    assert outcome.value.id == guest.id
    assert outcome.changed == frozenset()


def test_a_refused_use_case_reports_nothing_and_raises(db) -> None:
    with pytest.raises(ValidationError):
        db.run(lambda: save_guest(db, GuestData(first_name="", last_name="")))
    assert db.run(lambda: None).changed == frozenset()


def test_runs_nest_and_the_outer_run_sees_both(db) -> None:
    def both():
        inner = db.run(lambda: save_room(db, RoomData(name="Eik", beds=1)))
        save_guest(db, GuestData(first_name="An", last_name="Smit"))
        return inner

    outer = db.run(both)
    assert outer.value.changed == {Change.ROOMS}
    assert outer.changed == {Change.ROOMS, Change.GUESTS}


def test_a_refusal_after_a_saved_step_says_what_was_saved(db) -> None:
    """A use case of two units of work refused in the second: the first stays saved, and the
    window must hear of it."""

    def two_steps():
        save_room(db, RoomData(name="Eik", beds=1))
        save_guest(db, GuestData(first_name="", last_name=""))

    with pytest.raises(ValidationError) as refused:
        db.run(two_steps)
    assert refused.value.changed == {Change.ROOMS}
