"""Requests on a real SQLite file: record, change with history, place, reject, withdraw."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from logeerhuis_app.house.allocations import AllocationData, save_allocation
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.planning import WhoAsked, move_stay
from logeerhuis_app.planning.request_history import history
from logeerhuis_app.planning.requests import (
    RequestData,
    get_request,
    list_requests,
    place_request,
    reject_request,
    save_request,
    withdraw_request,
)
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.services.errors import (
    ConflictError,
    NotFoundError,
    ServiceError,
    ValidationError,
)


@pytest.fixture
def house(db):
    linde = save_room(db, RoomData(name="Kamer Linde", beds=1))
    eik = save_room(db, RoomData(name="Kamer Eik", beds=1))
    anna = save_guest(db, GuestData(first_name="Anna", last_name="de Vries"))
    piet = save_guest(db, GuestData(first_name="Piet", prefix="van", last_name="Dam"))
    funder = save_funder(db, FunderData(kind="particulier", name="Particulier"))
    allocation = save_allocation(
        db,
        AllocationData(
            guest_id=anna.id, funder_id=funder.id, kind="particulier", start_date=date(2026, 1, 1)
        ),
    )
    return db, linde, eik, anna, piet, allocation


def _request(anna, allocation=None, **extra):  # type: ignore[no-untyped-def]
    return RequestData(
        guest_id=anna.id, requester_kind="wmo_consulent", requester_name="J. Bakker (Wmo)",
        channel="email", received_on=date(2026, 4, 1), wished_arrival=date(2026, 5, 8),
        wished_departure=date(2026, 5, 11), flexibility="een dag eerder of later kan",
        allocation_id=allocation.id if allocation else None, notes="Dochter op vakantie.",
        **extra,
    )  # fmt: skip


def test_a_request_is_saved_read_and_listed_with_the_guests_name(house):
    db, _linde, _eik, anna, _piet, allocation = house
    saved = save_request(db, _request(anna, allocation))
    assert saved.id is not None and saved.version == 1 and saved.status == "nieuw"
    assert saved.guest_name == "Anna de Vries" and saved.nights == 3
    assert saved.funder_id == allocation.funder_id  # taken from the allocation
    assert get_request(db, saved.id) == saved
    assert [r.id for r in list_requests(db)] == [saved.id]
    with pytest.raises(NotFoundError):
        get_request(db, 999)


def test_bad_input_names_every_field_in_dutch(house):
    db, _linde, _eik, _anna, piet, allocation = house
    bad = RequestData(requester_kind="buurman", channel="duif", wished_arrival=date(2026, 5, 8),
                      wished_departure=date(2026, 5, 8))  # fmt: skip
    with pytest.raises(ValidationError) as info:
        save_request(db, bad)
    assert set(info.value.field_errors) == {
        "guest_id", "requester_kind", "channel", "wished_departure",
    }  # fmt: skip
    assert info.value.field_errors["wished_departure"] == (
        "Het gewenste vertrek moet na de gewenste aankomst liggen."
    )
    with pytest.raises(ValidationError) as info:  # someone else's allocation
        save_request(db, _request(piet, allocation))
    assert info.value.field_errors == {"allocation_id": "Deze toewijzing hoort niet bij deze gast."}


def test_date_changes_are_kept_with_who_asked_and_whether_it_was_late(house):
    db, _linde, _eik, anna, _piet, _allocation = house
    saved = save_request(db, _request(anna), now=datetime(2026, 4, 1, 9))
    early = save_request(
        db, replace(saved, wished_arrival=date(2026, 5, 9)),
        who=WhoAsked("J. Bakker (Wmo)", "email"), now=datetime(2026, 4, 20, 11, 5),
    )  # fmt: skip
    late = save_request(
        db, replace(early, wished_departure=date(2026, 5, 12), status="in_behandeling"),
        who=WhoAsked("dochter", "telefoon"), now=datetime(2026, 5, 5, 16, 30),
    )  # fmt: skip
    save_request(db, replace(late, notes="Rollator mee."), now=datetime(2026, 5, 6))
    rows = history(db, request_id=saved.id)
    assert [r.what for r in rows] == [
        "gewenst vertrek 11-05-2026 → 12-05-2026",
        "gewenste aankomst 08-05-2026 → 09-05-2026",
    ]
    assert [(r.asked_by, r.channel, r.late) for r in rows] == [
        ("dochter", "telefoon", True),
        ("J. Bakker (Wmo)", "email", False),
    ]
    assert rows[0].changed_at == datetime(2026, 5, 5, 16, 30)
    assert (rows[1].old_arrival, rows[1].new_arrival) == (date(2026, 5, 8), date(2026, 5, 9))
    with pytest.raises(ConflictError):  # a stale copy
        save_request(db, replace(early, notes="oud venster"))


def test_placing_creates_the_stay_with_the_allocation_and_closes_the_request(house):
    db, linde, eik, anna, _piet, allocation = house
    saved = save_request(db, _request(anna, allocation))
    stay = place_request(db, saved.id, room_id=linde.id, arrival=date(2026, 5, 8),
                         departure=date(2026, 5, 11), status="bevestigd")  # fmt: skip
    assert (stay.guest_id, stay.allocation_id, stay.status) == (anna.id, allocation.id, "bevestigd")
    placed = get_request(db, saved.id)
    assert (placed.status, placed.stay_id) == ("geplaatst", stay.id)
    assert list_requests(db) == [] and len(list_requests(db, open_only=False)) == 1
    with pytest.raises(ServiceError) as info:
        place_request(db, saved.id, room_id=eik.id, arrival=date(2026, 5, 8),
                      departure=date(2026, 5, 11))  # fmt: skip
    assert info.value.message == "Plaatsen kan niet: deze aanvraag is al geplaatst."
    # Later changes of the stay show in the request's history too.
    move_stay(db, stay.id, room_id=eik.id, arrival=date(2026, 5, 8), departure=date(2026, 5, 12),
              who=WhoAsked("Anna", "telefoon"), now=datetime(2026, 5, 7, 10))  # fmt: skip
    rows = history(db, request_id=saved.id)
    assert len(rows) == 1 and rows[0].late and rows[0].new_room_name == "Kamer Eik"
    assert history(db, stay_id=stay.id) == rows
    with pytest.raises(ServiceError):  # the wished dates of a placed request are fixed
        save_request(db, replace(placed, wished_arrival=date(2026, 5, 1)))


def test_placing_on_other_dates_than_wished_is_kept_in_the_history(house):
    db, linde, _eik, anna, _piet, _allocation = house
    saved = save_request(db, _request(anna))
    stay = place_request(db, saved.id, room_id=linde.id, arrival=date(2026, 5, 9),
                         departure=date(2026, 5, 11), now=datetime(2026, 4, 2, 9))  # fmt: skip
    (row,) = history(db, stay_id=stay.id)
    assert row.what == "geplaatst op 09-05-2026 tot 11-05-2026 (gevraagd 08-05-2026 tot 11-05-2026)"


def test_placing_in_an_occupied_room_is_refused_naming_the_guest(house):
    db, linde, _eik, anna, piet, _allocation = house
    create_stay(db, NewStay(piet.id, linde.id, date(2026, 5, 10), date(2026, 5, 14)))
    saved = save_request(db, _request(anna))
    with pytest.raises(ValidationError) as info:
        place_request(db, saved.id, room_id=linde.id, arrival=date(2026, 5, 8),
                      departure=date(2026, 5, 11))  # fmt: skip
    assert info.value.field_errors["room_id"] == (
        "Kamer Linde is op 10-05-2026 bezet door Piet van Dam."
    )
    assert get_request(db, saved.id).status == "nieuw"  # nothing changed


def test_rejecting_needs_a_reason_and_withdrawing_closes_the_request(house):
    db, _linde, _eik, anna, _piet, _allocation = house
    first = save_request(db, _request(anna))
    with pytest.raises(ValidationError) as info:
        reject_request(db, first.id, "  ")
    assert info.value.field_errors == {"reject_reason": "Vul de reden van de afwijzing in."}
    rejected = reject_request(db, first.id, "Geen bed vrij in die week")
    assert (rejected.status, rejected.reject_reason) == ("afgewezen", "Geen bed vrij in die week")
    with pytest.raises(ServiceError):
        withdraw_request(db, first.id)
    second = save_request(db, _request(anna))
    assert withdraw_request(db, second.id).status == "ingetrokken"
    assert list_requests(db) == []
    with pytest.raises(ValidationError) as info:  # closing goes through its own action
        save_request(db, replace(save_request(db, _request(anna)), status="afgewezen"))
    assert "status" in info.value.field_errors
