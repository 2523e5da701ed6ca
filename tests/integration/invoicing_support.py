"""A small invoicing house (a private funder, Anna over New Year, Piet in January)."""

from __future__ import annotations

from datetime import date

import pytest

from logeerhuis_app.house.allocations import AllocationData, save_allocation
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.provider import ProviderData, save_provider
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.stays import NewStay, create_stay

RATES = (
    RateData(valid_from=date(2025, 1, 1), valid_to=date(2025, 12, 31), amount_cents=12500),
    RateData(valid_from=date(2026, 1, 1), amount_cents=12900),
)


def build_house(db):
    save_provider(
        db,
        ProviderData(
            name="Logeerhuis De Linde",
            street="Lindelaan 12",
            postcode="3818 AB",
            city="Amersfoort",
            kvk="61234567",
            agb_code="73730123",
            iban="NL91ABNA0417164300",
            payment_term_days=14,
        ),
    )
    room = save_room(db, RoomData(name="Linde", beds=2))
    private = save_funder(
        db,
        FunderData(
            kind="particulier", name="Particulier", wants_invoice=True, invoice_to_guest=True
        ),
    )
    contract = save_contract(
        db,
        ContractData(
            funder_id=private.id,
            name="Particulier logeren",
            valid_from=date(2025, 1, 1),
            rates=RATES,
        ),
    )
    guests = []
    for first, last, street in (("Anna", "Smit", "Kerkstraat 1"), ("Piet", "Dam", "Molenweg 7")):
        guest = save_guest(
            db,
            GuestData(
                first_name=first,
                last_name=last,
                street=street,
                postcode="3811 AA",
                city="Amersfoort",
            ),
        )
        allocation = save_allocation(
            db,
            AllocationData(
                guest_id=guest.id,
                funder_id=private.id,
                contract_id=contract.id,
                kind="particulier",
                start_date=date(2025, 1, 1),
            ),
        )
        guests.append((guest, allocation))
    (anna, anna_alloc), (piet, piet_alloc) = guests
    # Over New Year: 2 nights in December at the old rate, 2 in January at the new one.
    create_stay(
        db,
        NewStay(
            anna.id,
            room.id,
            date(2025, 12, 30),
            date(2026, 1, 3),
            status="bevestigd",
            allocation_id=anna_alloc.id,
        ),
    )
    create_stay(
        db,
        NewStay(
            piet.id,
            room.id,
            date(2026, 1, 12),
            date(2026, 1, 17),
            status="bevestigd",
            allocation_id=piet_alloc.id,
        ),
    )
    create_stay(
        db,
        NewStay(
            anna.id,
            room.id,
            date(2026, 1, 23),
            date(2026, 1, 25),
            status="bevestigd",
            allocation_id=anna_alloc.id,
        ),
    )
    return room


@pytest.fixture
def house(db):
    return build_house(db)
