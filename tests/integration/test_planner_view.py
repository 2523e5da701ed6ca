"""What the planner shows: beds, stays with warnings, closures, open requests."""

from __future__ import annotations

from datetime import date

from logeerhuis_app.db.models import WlzNightsElsewhere
from logeerhuis_app.house.allocations import AllocationData, save_allocation
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.planner_view import load_planner
from logeerhuis_app.planning.stays import NewStay, create_stay

RATE = (RateData(valid_from=date(2026, 1, 1), amount_cents=15000),)


def _stay(db, guest, room, arrival, departure, allocation=None, accepted=""):
    new = NewStay(guest.id, room.id, arrival, departure, allocation_id=allocation,
                  cap_accepted_by=accepted)  # fmt: skip
    return create_stay(db, new)


def test_volume_per_week_and_room_needs_are_warned(db):
    room = save_room(db, RoomData(name="Linde", beds=2))
    gemeente = save_funder(db, FunderData(name="Gemeente Soest", cbs_code="0342"))
    contract = save_contract(db, ContractData(funder_id=gemeente.id, name="Logeren", rates=RATE))
    anna = save_guest(db, GuestData(first_name="Anna", last_name="Smit", needs_hoist=True))
    weekly = save_allocation(
        db,
        AllocationData(
            guest_id=anna.id,
            funder_id=gemeente.id,
            contract_id=contract.id,
            kind="toewijzing",
            reference="T1",
            start_date=date(2026, 1, 1),
            volume=3,
            volume_frequency="week",
        ),
    )
    first = _stay(
        db, anna, room, date(2026, 3, 2), date(2026, 3, 4), weekly.id
    )  # 2 nights, week 10
    second = _stay(db, anna, room, date(2026, 3, 6), date(2026, 3, 8), weekly.id)  # 4 in week 10
    third = _stay(db, anna, room, date(2026, 3, 10), date(2026, 3, 12), weekly.id)  # week 11: fine
    view = load_planner(db, date(2026, 3, 1), date(2026, 4, 1))
    warnings = {s.id: s.warnings for s in view.stays}
    over = "Meer nachten dan de toewijzing toestaat (3 per week)."
    assert over in warnings[first.id] and over in warnings[second.id]
    assert over not in warnings[third.id]
    assert "De gast heeft een tillift nodig; deze kamer heeft er geen." in warnings[third.id]


def test_wlz_cap_counts_nights_used_elsewhere_and_vv_only(db):
    room = save_room(db, RoomData(name="Linde"))
    zk = save_funder(
        db, FunderData(kind="zorgkantoor", name="Zorgkantoor Utrecht", uzovi_code="5513")
    )
    flex = save_contract(
        db,
        ContractData(
            funder_id=zk.id, name="Flexibel logeren", product_code="Z1003", vv_only=True, rates=RATE
        ),
    )
    piet = save_guest(db, GuestData(first_name="Piet", last_name="Dam"))
    indication = save_allocation(
        db,
        AllocationData(
            guest_id=piet.id,
            funder_id=zk.id,
            contract_id=flex.id,
            kind="indicatie",
            care_profile="5VV",
            start_date=date(2026, 1, 1),
        ),
    )
    with db.session() as s:
        s.add(WlzNightsElsewhere(guest_id=piet.id, year=2026, nights=150, note="elders"))
    stay = _stay(db, piet, room, date(2026, 5, 4), date(2026, 5, 8), indication.id)
    [shown] = load_planner(db, date(2026, 5, 1), date(2026, 6, 1)).stays
    assert shown.id == stay.id
    assert shown.cap_text == "nog 2 van 156"
    _stay(db, piet, room, date(2026, 6, 1), date(2026, 6, 5), indication.id, accepted="Ria")
    shown = load_planner(db, date(2026, 5, 1), date(2026, 6, 1)).stays[0]
    assert shown.cap_text == "2 boven de 156"
    assert "Wlz-logeren: 2 boven de 156 nachten in 2026." in shown.warnings


def _wlz_guest(db, elsewhere):
    room = save_room(db, RoomData(name="Linde"))
    zk = save_funder(
        db, FunderData(kind="zorgkantoor", name="Zorgkantoor Utrecht", uzovi_code="5513")
    )
    rates = (RateData(valid_from=date(2026, 1, 1), amount_cents=15000),)
    contract = save_contract(db, ContractData(funder_id=zk.id, name="Logeren", rates=rates))
    piet = save_guest(db, GuestData(first_name="Piet", last_name="Dam", bsn="111222333"))
    indication = save_allocation(
        db,
        AllocationData(
            guest_id=piet.id,
            funder_id=zk.id,
            contract_id=contract.id,
            kind="indicatie",
            care_profile="5VV",
            start_date=date(2026, 1, 1),
        ),
    )
    with db.session() as s:
        for year, nights in elsewhere.items():
            s.add(WlzNightsElsewhere(guest_id=piet.id, year=year, nights=nights))
    return room, piet, indication


def test_a_stay_over_new_year_counts_its_nights_in_each_year(db):
    room, piet, indication = _wlz_guest(db, {2027: 153})
    _stay(db, piet, room, date(2026, 12, 30), date(2027, 1, 3), indication.id)
    [shown] = load_planner(db, date(2026, 12, 1), date(2027, 2, 1)).stays
    # 2 nights in 2026; 2 in 2027 on top of the 153 elsewhere: the 2027 counter starts at 2.
    assert shown.cap_text == "2026: nog 154 van 156; 2027: nog 1 van 156"
    _stay(db, piet, room, date(2027, 1, 10), date(2027, 1, 12), indication.id, "Ria")
    first = load_planner(db, date(2026, 12, 1), date(2027, 2, 1)).stays[0]
    assert first.cap_text == "2026: nog 154 van 156; 2027: 1 boven de 156"
    assert "Wlz-logeren: 1 boven de 156 nachten in 2027." in first.warnings
