"""Month and year overviews: exact numbers on a small house, and consistency on the demo."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from logeerhuis_app.billing.overview import overview
from logeerhuis_app.db.models import Funder, Guest
from logeerhuis_app.domain.overview import AGE_UNKNOWN, NO_FUNDER, NO_MUNICIPALITY, Share
from logeerhuis_app.house.allocations import AllocationData, save_allocation
from logeerhuis_app.house.closures import ClosureData, add_closure
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning import planning
from logeerhuis_app.planning.requests import RequestData, save_request
from logeerhuis_app.planning.series import SeriesData, create_series
from logeerhuis_app.planning.stays import NewStay, create_stay

TODAY = date(2026, 3, 22)  # nights from 22 March on are still planned


@pytest.fixture
def house(db):
    """March 2026: Linde (2 beds), Eik (1 bed, closed 10 t/m 14 March), four guests."""
    linde = save_room(db, RoomData(name="Linde", beds=2))
    eik = save_room(db, RoomData(name="Eik", beds=1))
    add_closure(db, ClosureData(None, eik.id, date(2026, 3, 10), date(2026, 3, 14), "schilderen"))
    wmo = save_funder(db, FunderData(kind="gemeente", name="Gemeente Amersfoort", cbs_code="0307"))
    zk = save_funder(
        db, FunderData(kind="zorgkantoor", name="Zorgkantoor Utrecht", uzovi_code="5513")
    )

    def guest(first, birth, code):  # type: ignore[no-untyped-def]
        data = GuestData(
            first_name=first, last_name="Test", date_of_birth=birth, municipality_code=code
        )
        return save_guest(db, data)

    anna = guest("Anna", date(1950, 3, 10), "0307")  # 75 on 2 March
    bert = guest("Bert", date(1961, 1, 1), "0308")  # 65; no municipality funder for Baarn
    cees = guest("Cees", None, "")
    dora = guest("Dora", date(1940, 6, 1), "0307")  # 85
    anna_wmo = save_allocation(
        db,
        AllocationData(guest_id=anna.id, funder_id=wmo.id, kind="toewijzing", reference="T1"),
    )
    bert_wlz = save_allocation(
        db,
        AllocationData(guest_id=bert.id, funder_id=zk.id, kind="indicatie", care_profile="5VV"),
    )

    def stay(who, room, arrival, departure, status="bevestigd", allocation=None):  # type: ignore[no-untyped-def]
        new = NewStay(who.id, room.id, arrival, departure, status=status, allocation_id=allocation)
        return create_stay(db, new)

    stay(anna, linde, date(2026, 1, 12), date(2026, 1, 14), allocation=anna_wmo.id)  # history
    # Anna's weekly series: Mondays 2 and 9 March, two nights each (structural).
    create_series(
        db,
        SeriesData(
            guest_id=anna.id,
            room_id=linde.id,
            allocation_id=anna_wmo.id,
            arrival_weekday=0,
            nights=2,
            start_date=date(2026, 3, 2),
            weeks=2,
        ),
    )
    stay(bert, linde, date(2026, 2, 27), date(2026, 3, 3), allocation=bert_wlz.id)  # 2 in March
    stay(cees, eik, date(2026, 3, 20), date(2026, 3, 25))  # 5 nights, no funding
    stay(dora, eik, date(2026, 3, 5), date(2026, 3, 8))  # 3 nights
    stay(dora, eik, date(2026, 3, 16), date(2026, 3, 18), status="optie")  # not counted
    cancelled = stay(dora, linde, date(2026, 3, 26), date(2026, 3, 29))
    planning.cancel(db, cancelled.id, reason="ziek", cancelled_by="Ria", when=datetime(2026, 3, 1))
    now = datetime(2026, 3, 5, 10)
    save_request(
        db,
        RequestData(
            guest_id=anna.id,
            received_on=date(2026, 3, 5),
            wished_arrival=date(2026, 4, 6),
            wished_departure=date(2026, 4, 13),
        ),
        now=now,
    )
    save_request(  # received in February: not in the March figures
        db,
        RequestData(
            guest_id=bert.id,
            received_on=date(2026, 2, 20),
            wished_arrival=date(2026, 2, 27),
            wished_departure=date(2026, 3, 3),
        ),
        now=now,
    )
    return db


def test_occupancy_counts_bed_nights_and_closures_reduce_what_is_available(house):
    ov = overview(house, 2026, 3, today=TODAY)
    assert ov.label == "maart 2026"
    eik, linde = ov.rooms  # by sort order, then name
    assert (linde.name, linde.beds, linde.available, linde.occupied) == ("Linde", 2, 62, 6)
    assert (eik.name, eik.available, eik.closed, eik.occupied) == ("Eik", 26, 5, 8)
    assert (ov.total.available, ov.total.occupied) == (88, 14)
    assert ov.total.rate == pytest.approx(14 / 88)
    assert ov.nights_stayed == 14
    assert ov.planned_nights == 3  # Cees on 22, 23 and 24 March


def test_nights_per_funder_and_municipality_add_up_to_the_nights(house):
    ov = overview(house, 2026, 3, today=TODAY)
    assert ov.funders == (
        Share(NO_FUNDER, 8, 2),
        Share("Gemeente Amersfoort", 4, 1),
        Share("Zorgkantoor Utrecht", 2, 1),
    )
    assert sum(f.nights for f in ov.funders) == ov.nights_stayed
    assert ov.municipalities == (
        Share("Amersfoort", 7, 2),
        Share(NO_MUNICIPALITY, 5, 1),
        Share("Baarn", 2, 1),  # not a funder: named after the CBS list
    )


def test_a_funders_own_name_wins_and_a_code_on_no_list_stays_a_code(house):
    with house.session() as s:
        s.scalar(select(Funder).where(Funder.cbs_code == "0307")).name = "Wmo-loket Amersfoort"
        s.scalar(select(Guest).where(Guest.first_name == "Cees")).municipality_code = "0999"
    names = [share.label for share in overview(house, 2026, 3, today=TODAY).municipalities]
    assert names == ["Wmo-loket Amersfoort", "CBS-code 0999", "Baarn"]


def test_guests_new_guests_and_age_groups(house):
    ov = overview(house, 2026, 3, today=TODAY)
    assert ov.guests == 4
    assert ov.new_guests == 2  # Cees and Dora; Anna came in January, Bert arrived in February
    assert ov.age_groups == (
        Share("jonger dan 65", 0, 0),
        Share("65 t/m 74", 2, 1),
        Share("75 t/m 84", 4, 1),
        Share("85 en ouder", 3, 1),
        Share(AGE_UNKNOWN, 5, 1),
    )


def test_requested_cancelled_average_stay_and_structural_use(house):
    ov = overview(house, 2026, 3, today=TODAY)
    assert (ov.nights_requested, ov.requests) == (7, 1)
    assert (ov.nights_cancelled, ov.stays_cancelled) == (3, 1)
    # Arrived in March and not cancelled: Anna 2 + 2, Cees 5, Dora 3 (the option is left out).
    assert (ov.stays_arrived, ov.nights_arrived) == (4, 12)
    assert ov.average_stay == pytest.approx(3.0)
    assert (ov.structural_nights, ov.incidental_nights) == (4, 10)
    assert (ov.structural_guests, ov.incidental_guests) == (1, 3)
    assert ov.months == ()


def test_a_year_has_twelve_months_that_add_up(house):
    ov = overview(house, 2026, None, today=TODAY)
    assert ov.label == "2026" and ov.is_year
    assert [m.nights for m in ov.months][:4] == [2, 2, 14, 0]
    assert sum(m.nights for m in ov.months) == ov.nights_stayed == 18
    assert ov.months[2].available == 88
    assert sum(m.available for m in ov.months) == ov.total.available == 2 * 365 + 365 - 5
    assert ov.new_guests == 4
    assert (ov.nights_requested, ov.requests) == (11, 2)


def test_an_empty_period_gives_zeros_not_errors(db):
    save_room(db, RoomData(name="Linde"))
    ov = overview(db, 2026, 2, today=TODAY)
    assert (ov.total.available, ov.total.occupied, ov.total.rate) == (28, 0, 0.0)
    assert (ov.guests, ov.average_stay, ov.funders, ov.municipalities) == (0, 0.0, (), ())


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from logeerhuis_app.demo.builder import build_demo
    from logeerhuis_app.storage.database import open_database

    today = date.today()
    db = open_database(tmp_path_factory.mktemp("overview-demo"))
    build_demo(db, today=today)
    yield db, today
    db.close()


def test_the_demo_year_is_the_sum_of_its_months(demo):
    db, today = demo
    year = overview(db, today.year, None, today=today)
    months = [overview(db, today.year, m, today=today) for m in range(1, 13)]
    assert year.nights_stayed > 0
    assert sum(m.nights for m in year.months) == year.nights_stayed
    assert [m.nights_stayed for m in months] == [m.nights for m in year.months]
    assert [m.total.available for m in months] == [m.available for m in year.months]
    assert sum(f.nights for f in year.funders) == year.nights_stayed
    assert sum(a.nights for a in year.age_groups) == year.nights_stayed
    assert sum(a.guests for a in year.age_groups) == year.guests
    assert sum(m.guests for m in year.municipalities) == year.guests
    assert year.structural_guests + year.incidental_guests == year.guests
    assert sum(m.nights_requested for m in months) == year.nights_requested
    assert sum(m.nights_cancelled for m in months) == year.nights_cancelled
    assert sum(m.new_guests for m in months) == year.new_guests
    assert not any(share.label.startswith("CBS") for share in year.funders)
