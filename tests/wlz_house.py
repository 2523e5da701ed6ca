"""A Wlz guest near the 156 cap, for the cap-before-saving tests (service and window)."""

from __future__ import annotations

from datetime import date

from logeerhuis_app.db.models import AccessLogEntry, WlzNightsElsewhere
from logeerhuis_app.services.allocations import AllocationData, save_allocation
from logeerhuis_app.services.contracts import ContractData, RateData, save_contract
from logeerhuis_app.services.funders import FunderData, save_funder
from logeerhuis_app.services.guests import GuestData, save_guest
from logeerhuis_app.services.rooms import RoomData, save_room


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
