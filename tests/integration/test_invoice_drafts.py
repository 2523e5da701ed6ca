"""Invoice drafts from the month's stays: per payer and tariff model, late cancels, corrections."""

from __future__ import annotations

from datetime import date

import pytest

from logeerhuis_app.billing.invoice_finalising import finalise
from logeerhuis_app.billing.invoice_records import get_invoice
from logeerhuis_app.billing.invoicing import make_drafts
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.allocations import AllocationData, save_allocation
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.services.errors import ServiceError
from tests.integration import invoicing_support
from tests.integration.invoicing_support import build_house

# The fixture lives in invoicing_support.py, shared by the draft and the finalising tests.
house = invoicing_support.house


def test_drafts_per_payer_with_the_rate_of_each_night(db, house):
    drafts = {d.customer_name: d for d in make_drafts(db, Month(2026, 1))}
    assert set(drafts) == {"Anna Smit", "Piet Dam"}
    anna = get_invoice(db, drafts["Anna Smit"].id)
    assert anna.number is None and anna.status == "concept"
    assert [(x.quantity, x.unit_cents, x.amount_cents) for x in anna.lines] == [
        (2, 12900, 25800),
        (2, 12900, 25800),
    ]
    assert anna.total_cents == sum(x.amount_cents for x in anna.lines) == 51600
    december = {d.customer_name: d for d in make_drafts(db, Month(2025, 12))}
    assert get_invoice(db, december["Anna Smit"].id).lines[0].unit_cents == 12500


def test_a_late_cancellation_is_billed_when_the_contract_says_so(db):
    from datetime import datetime

    from logeerhuis_app.house.contracts import get_contract, list_contracts
    from logeerhuis_app.planning import planning

    build_house(db)
    [contract] = list_contracts(db)
    save_contract(
        db,
        ContractData(
            **{
                **get_contract(db, contract.id).__dict__,
                "late_cancel_billable": True,
                "late_cancel_days": 3,
            }
        ),
    )
    from logeerhuis_app.planning.stays import list_stays

    piets = [
        s
        for s in list_stays(db, date(2026, 1, 1), date(2026, 2, 1))
        if s.arrival == date(2026, 1, 12)
    ]
    planning.cancel(
        db, piets[0].id, reason="ziek", cancelled_by="zoon", when=datetime(2026, 1, 10, 9)
    )
    drafts = {d.customer_name: get_invoice(db, d.id) for d in make_drafts(db, Month(2026, 1))}
    [line] = drafts["Piet Dam"].lines
    assert line.description.startswith("laat geannuleerd: 5 nachten")
    # Cancelled a week ahead: not billed.
    planning.reinstate(db, piets[0].id)
    planning.cancel(
        db, piets[0].id, reason="ziek", cancelled_by="zoon", when=datetime(2026, 1, 2, 9)
    )
    assert "Piet Dam" not in {d.customer_name for d in make_drafts(db, Month(2026, 1))}


def test_split_day_housing_and_fixed_sums_go_to_the_funder_invoice(db):
    build_house(db)
    soest = save_funder(
        db,
        FunderData(
            name="Gemeente Soest",
            cbs_code="0342",
            wants_invoice=True,
            street="Raadhuisplein 1",
            postcode="3762 AA",
            city="Soest",
        ),
    )
    save_contract(
        db,
        ContractData(
            funder_id=soest.id,
            name="Woon- en verblijfsdeel",
            tariff_model="split_day",
            valid_from=date(2026, 1, 1),
            rates=(RateData(valid_from=date(2026, 1, 1), housing_cents=4200, stay_cents=8700),),
        ),
    )
    save_contract(
        db,
        ContractData(
            funder_id=soest.id,
            name="Crisisbed (vast bedrag)",
            tariff_model="fixed_period",
            valid_from=date(2026, 1, 1),
            rates=(RateData(valid_from=date(2026, 1, 1), amount_cents=250000),),
        ),
    )
    drafts = {d.customer_name: get_invoice(db, d.id) for d in make_drafts(db, Month(2026, 2))}
    soest_draft = drafts["Gemeente Soest"]
    assert sorted((x.kind, x.quantity, x.unit_cents) for x in soest_draft.lines) == [
        ("huisvesting", 28, 4200),
        ("vast bedrag", 1, 250000),
    ]
    assert soest_draft.total_cents == 28 * 4200 + 250000


def test_a_reserved_bed_is_billed_every_day_and_its_own_guests_not_twice(db, house):
    from logeerhuis_app.house.reservations import ReservationData, reserve_bed

    amersfoort = save_funder(
        db, FunderData(name="Gemeente Amersfoort", cbs_code="0307", wants_invoice=True)
    )
    crisis = save_contract(
        db,
        ContractData(
            funder_id=amersfoort.id,
            name="Crisisbed",
            tariff_model="reserved_bed",
            valid_from=date(2026, 1, 1),
            rates=(RateData(valid_from=date(2026, 1, 1), amount_cents=11800),),
        ),
    )
    night = save_contract(
        db,
        ContractData(
            funder_id=amersfoort.id,
            name="Logeren",
            valid_from=date(2026, 1, 1),
            rates=(RateData(valid_from=date(2026, 1, 1), amount_cents=14800),),
        ),
    )
    bed_id = house.bed_ids[1]
    reserve_bed(db, ReservationData(None, bed_id, crisis.id, date(2026, 2, 10), date(2026, 3, 9)))
    with pytest.raises(ServiceError) as refused:
        reserve_bed(
            db, ReservationData(None, bed_id, crisis.id, date(2026, 3, 1), date(2026, 3, 20))
        )
    assert "al gereserveerd" in refused.value.field_errors["start"]
    guest = save_guest(db, GuestData(first_name="Kees", last_name="Bos", bsn="111222333"))
    allocation = save_allocation(
        db,
        AllocationData(
            guest_id=guest.id,
            funder_id=amersfoort.id,
            contract_id=night.id,
            reference="2026000001",
            start_date=date(2026, 1, 1),
        ),
    )
    # Two nights in the reserved bed (paid by the reservation), one night after it ends.
    create_stay(
        db,
        NewStay(
            guest.id,
            house.id,
            date(2026, 3, 8),
            date(2026, 3, 11),
            status="bevestigd",
            allocation_id=allocation.id,
            bed_id=bed_id,
        ),
    )
    drafts = {d.customer_name: get_invoice(db, d.id) for d in make_drafts(db, Month(2026, 3))}
    lines = sorted((x.kind, x.quantity, x.unit_cents) for x in drafts["Gemeente Amersfoort"].lines)
    assert lines == [("gereserveerd", 9, 11800), ("verblijf", 1, 14800)]


def test_a_correction_in_a_closed_month_is_a_credit_line_on_the_next_invoice(db, house):
    from datetime import datetime

    from logeerhuis_app.billing.corrections import correct_night
    from logeerhuis_app.billing.months import close_month
    from logeerhuis_app.planning.stays import list_stays

    for draft in make_drafts(db, Month(2026, 1)):
        finalise(db, draft.id, invoice_date=date(2026, 2, 2), by="Ria")
    close_month(db, Month(2026, 1), by="Ria", now=datetime(2026, 2, 2, 9))
    piet = next(
        s
        for s in list_stays(db, date(2026, 1, 1), date(2026, 2, 1))
        if s.arrival == date(2026, 1, 12)
    )
    correct_night(
        db,
        piet.id,
        date(2026, 1, 14),
        billable=False,
        reason="Ziekenhuis",
        by="Ria",
        now=datetime(2026, 2, 5, 10),
    )
    [february] = [d for d in make_drafts(db, Month(2026, 2)) if d.customer_name == "Piet Dam"]
    [line] = get_invoice(db, february.id).lines
    assert (line.quantity, line.unit_cents, line.amount_cents) == (-1, 12900, -12900)
    assert "Correctie nacht 14-01-2026" in line.description and "Ziekenhuis" in line.description
    final = finalise(db, february.id, invoice_date=date(2026, 3, 2), by="Ria")
    assert final.total_cents == -12900
    assert [
        d for d in make_drafts(db, Month(2026, 2)) if d.customer_name == "Piet Dam"
    ] == []  # settled once
    # Turned back: he was there after all. The next invoice bills the night again.
    correct_night(
        db,
        piet.id,
        date(2026, 1, 14),
        billable=True,
        reason="Toch aanwezig",
        by="Ria",
        now=datetime(2026, 3, 5, 10),
    )
    [march] = [d for d in make_drafts(db, Month(2026, 3)) if d.customer_name == "Piet Dam"]
    assert [x.amount_cents for x in get_invoice(db, march.id).lines] == [12900]
