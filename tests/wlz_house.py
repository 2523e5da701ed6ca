"""Wlz houses for tests: a guest near the 156 cap (the cap-before-saving tests), and VV clients
on flexibel logeren (Z1003) for the AW319 file (service and window)."""

from __future__ import annotations

from datetime import date, datetime

from logeerhuis_app.billing.months import close_month
from logeerhuis_app.db.models import AccessLogEntry, WlzNightsElsewhere
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.allocations import AllocationData, save_allocation
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.provider import ProviderData, save_provider
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.stays import NewStay, create_stay

FLEX_NOW = datetime(2026, 4, 3, 10, 0)


def wlz_house(db, elsewhere: int = 154, year: int = 2026) -> dict:
    """Piet Dam on a Wlz indication with `elsewhere` nights used elsewhere in `year`."""
    linde = save_room(db, RoomData(name="Linde", beds=1, sort_order=1))
    eik = save_room(db, RoomData(name="Eik", beds=1, sort_order=2))
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
        s.add(WlzNightsElsewhere(guest_id=piet.id, year=year, nights=elsewhere))
    return {"linde": linde, "eik": eik, "piet": piet, "indication": indication}


def cap_log(db) -> list[str]:
    """The access-log lines of choices to plan past the cap."""
    with db.session() as s:
        return [
            e.detail
            for e in s.query(AccessLogEntry).order_by(AccessLogEntry.id)
            if "boven de 156" in e.detail
        ]


def flex_house(db, uzovi: str = "5513", now: datetime = FLEX_NOW):
    """Two VV clients on Z1003 in March 2026 (one over the rate change of the 15th) and a pgb
    guest whose nights go to the budget holder."""
    save_provider(db, ProviderData(name="Logeerhuis De Linde", street="Lindelaan 12",
                                   postcode="3818 AB", city="Amersfoort", kvk="61234567",
                                   agb_code="73730123", iban="NL91ABNA0417164300"))  # fmt: skip
    room = save_room(db, RoomData(name="Linde", beds=3))
    zk = save_funder(db, FunderData(kind="zorgkantoor", name="Zorgkantoor Utrecht",
                                    uzovi_code=uzovi))  # fmt: skip
    pgb = save_funder(db, FunderData(kind="pgb", name="Budgethouders (pgb)",
                                     invoice_to_guest=True, wants_invoice=True))  # fmt: skip
    rates = (
        RateData(valid_from=date(2026, 1, 1), valid_to=date(2026, 3, 14), amount_cents=16250),
        RateData(valid_from=date(2026, 3, 15), amount_cents=16990),
    )
    flex = save_contract(db, ContractData(funder_id=zk.id, name="Wlz flexibel logeren VV (Z1003)",
                                          product_code="Z1003", rates=rates))  # fmt: skip
    own = save_contract(db, ContractData(funder_id=pgb.id, name="Logeren met pgb",
                                         rates=rates[:1]))  # fmt: skip
    stays = {}
    for first, last, bsn, profile, arrival, departure in (
        ("Piet", "Dam", "111222333", "5VV", date(2026, 3, 10), date(2026, 3, 18)),
        ("Truus", "Brouwer", "123456782", "VV6", date(2026, 3, 2), date(2026, 3, 5)),
    ):
        guest = save_guest(db, GuestData(first_name=first, last_name=last, bsn=bsn))
        allocation = save_allocation(db, AllocationData(
            guest_id=guest.id, funder_id=zk.id, contract_id=flex.id, kind="indicatie",
            care_profile=profile, start_date=date(2026, 1, 1)))  # fmt: skip
        stays[first] = create_stay(
            db,
            NewStay(
                guest.id,
                room.id,
                arrival,
                departure,
                status="bevestigd",
                allocation_id=allocation.id,
            ),
        )
    kees = save_guest(db, GuestData(first_name="Kees", last_name="Pgb", bsn="999900006"))
    budget = save_allocation(db, AllocationData(
        guest_id=kees.id, funder_id=pgb.id, contract_id=own.id, kind="pgb",
        reference="PGB-123456", care_profile="5VV", start_date=date(2026, 1, 1)))  # fmt: skip
    create_stay(db, NewStay(kees.id, room.id, date(2026, 3, 20), date(2026, 3, 23),
                            status="bevestigd", allocation_id=budget.id))  # fmt: skip
    close_month(db, Month(2026, 3), by="test", now=now)
    return zk, stays
