"""Closing a month: warnings first, then its nights are locked against edits."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from logeerhuis_app.billing.months import close_month, month_check
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning import planning
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.services.errors import ServiceError


def test_a_closed_month_refuses_moves_and_cancellations(db):
    room = save_room(db, RoomData(name="Linde"))
    anna = save_guest(db, GuestData(first_name="Anna", last_name="Smit"))
    stay = create_stay(
        db, NewStay(anna.id, room.id, date(2026, 2, 27), date(2026, 3, 2), status="bevestigd")
    )
    check = month_check(db, Month(2026, 2))
    assert check.warnings == ("Anna Smit (27-02-2026, 2 n.): geen financiering gekoppeld.",)
    close_month(db, Month(2026, 2), by="Ria", now=datetime(2026, 3, 3, 9))
    with pytest.raises(ServiceError, match="Februari 2026 is afgesloten"):
        planning.move_stay(
            db, stay.id, room_id=room.id, arrival=date(2026, 2, 28), departure=date(2026, 3, 2)
        )
    with pytest.raises(ServiceError, match="afgesloten"):
        planning.cancel(db, stay.id, reason="ziek", cancelled_by="Ria", when=datetime(2026, 3, 3))
    # March is open: a longer stay into March is fine (the February nights stay as they were).
    planning.move_stay(
        db, stay.id, room_id=room.id, arrival=date(2026, 2, 27), departure=date(2026, 3, 4)
    )
    with pytest.raises(ServiceError, match="al afgesloten"):
        close_month(db, Month(2026, 2), by="Ria", now=datetime(2026, 3, 3, 9))


def test_the_month_check_names_a_wlz_guest_over_156(db):
    from logeerhuis_app.db.models import WlzNightsElsewhere
    from logeerhuis_app.house.allocations import AllocationData, save_allocation
    from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
    from logeerhuis_app.house.funders import FunderData, save_funder

    room = save_room(db, RoomData(name="Linde"))
    zk = save_funder(
        db, FunderData(kind="zorgkantoor", name="Zorgkantoor Utrecht", uzovi_code="5513")
    )
    contract = save_contract(
        db,
        ContractData(
            funder_id=zk.id,
            name="Logeren",
            valid_from=date(2026, 1, 1),
            rates=(RateData(valid_from=date(2026, 1, 1), amount_cents=16000),),
        ),
    )
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
        s.add(WlzNightsElsewhere(guest_id=piet.id, year=2026, nights=155))
    create_stay(
        db,
        NewStay(
            piet.id,
            room.id,
            date(2026, 5, 4),
            date(2026, 5, 7),
            allocation_id=indication.id,
            cap_accepted_by="Ria",
        ),
    )
    [warning] = month_check(db, Month(2026, 5)).warnings
    assert warning == "Piet Dam (04-05-2026): Wlz-logeren: 2 boven de 156 nachten in 2026."


def test_the_month_check_counts_new_year_nights_in_the_new_year(db):
    from logeerhuis_app.claims.claim_lines import month_lines
    from logeerhuis_app.db.models import WlzNightsElsewhere
    from logeerhuis_app.house.allocations import AllocationData, save_allocation
    from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
    from logeerhuis_app.house.funders import FunderData, save_funder

    room = save_room(db, RoomData(name="Linde"))
    zk = save_funder(
        db, FunderData(kind="zorgkantoor", name="Zorgkantoor Utrecht", uzovi_code="5513")
    )
    rates = (RateData(valid_from=date(2026, 1, 1), amount_cents=16000),)
    contract = save_contract(
        db, ContractData(funder_id=zk.id, name="Logeren", valid_from=date(2026, 1, 1), rates=rates)
    )
    piet = save_guest(db, GuestData(first_name="Piet", last_name="Dam", bsn="111222333"))
    indication = save_allocation(
        db,
        AllocationData(
            guest_id=piet.id, funder_id=zk.id, contract_id=contract.id, kind="indicatie",
            care_profile="5VV", start_date=date(2026, 1, 1),
        ),
    )  # fmt: skip
    with db.session() as s:
        s.add(WlzNightsElsewhere(guest_id=piet.id, year=2027, nights=155))
    create_stay(
        db,
        NewStay(
            piet.id,
            room.id,
            date(2026, 12, 30),
            date(2027, 1, 3),
            status="bevestigd",
            allocation_id=indication.id,
            cap_accepted_by="Ria",
        ),
    )
    assert month_check(db, Month(2026, 12)).warnings == ()  # 2 of 156 in 2026
    [warning] = month_check(db, Month(2027, 1)).warnings
    assert warning == "Piet Dam (30-12-2026): Wlz-logeren: 1 boven de 156 nachten in 2027."
    with db.session() as s:  # the claim counts the year the same way
        [lines] = month_lines(s, Month(2027, 1)).values()
    assert {sourced.line.year_nights for sourced in lines} == {157}
