"""Z1003 only for VV and pgb only to the budget holder, at every step (issue 18)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from logeerhuis_app.billing.months import month_check
from logeerhuis_app.claims.claim_lines import month_lines
from logeerhuis_app.claims.claims import claim_drafts
from logeerhuis_app.db.models import Allocation
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.allocations import AllocationData, save_allocation
from logeerhuis_app.house.contracts import ContractData, RateData, get_contract, save_contract
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.planner_view import load_planner
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.services.errors import ValidationError

RATES = (RateData(valid_from=date(2026, 1, 1), amount_cents=16000),)
VV_TEXT = "Flexibel logeren is alleen voor cliënten met een VV-zorgprofiel (zorgprofiel: 4VG)."


@pytest.fixture
def zk(db):
    room = save_room(db, RoomData(name="Linde"))
    funder = save_funder(
        db, FunderData(kind="zorgkantoor", name="Zorgkantoor Utrecht", uzovi_code="5513")
    )
    contract = save_contract(
        db, ContractData(funder_id=funder.id, name="Flexibel logeren", rates=RATES)
    )
    guest = save_guest(db, GuestData(first_name="Truus", last_name="Brouwer", bsn="111222333"))
    return {"room": room, "funder": funder, "contract": contract, "guest": guest}


def _indication(db, zk, profile):
    return save_allocation(db, AllocationData(
        guest_id=zk["guest"].id, funder_id=zk["funder"].id, contract_id=zk["contract"].id,
        kind="indicatie", care_profile=profile, start_date=date(2026, 1, 1)))  # fmt: skip


def test_z1003_makes_a_contract_vv_only_and_refuses_a_ghz_allocation(db, zk):
    saved = save_contract(db, replace(get_contract(db, zk["contract"].id), product_code="Z1003"))
    assert saved.vv_only and get_contract(db, saved.id).vv_only  # the box was left off
    with pytest.raises(ValidationError) as refused:
        _indication(db, zk, "4VG")
    assert refused.value.field_errors["care_profile"] == VV_TEXT
    assert _indication(db, zk, "5VV").care_profile == "5VV"


def test_a_ghz_guest_on_a_contract_that_became_z1003_is_refused_warned_and_never_claimed(db, zk):
    allocation = _indication(db, zk, "4VG")  # fine while the contract had no code
    stay = create_stay(db, NewStay(zk["guest"].id, zk["room"].id, date(2026, 3, 2),
                                   date(2026, 3, 5), status="bevestigd",
                                   allocation_id=allocation.id))  # fmt: skip
    save_contract(db, replace(get_contract(db, zk["contract"].id), product_code="Z1003"))
    with pytest.raises(ValidationError) as refused:  # planning refuses a new one
        create_stay(db, NewStay(zk["guest"].id, zk["room"].id, date(2026, 3, 9),
                                date(2026, 3, 10), allocation_id=allocation.id))  # fmt: skip
    assert refused.value.field_errors["allocation_id"] == VV_TEXT
    [shown] = load_planner(db, date(2026, 3, 1), date(2026, 4, 1)).stays
    assert shown.id == stay.id and VV_TEXT in shown.warnings
    assert f"Truus Brouwer (02-03-2026): {VV_TEXT}" in month_check(db, Month(2026, 3)).warnings
    refused_lines: list = []
    with db.session() as s:
        assert month_lines(s, Month(2026, 3), refused_lines) == {}
    assert refused_lines == [
        (zk["funder"].id, f"Truus Brouwer (02-03-2026): {VV_TEXT} Niet gedeclareerd.")
    ]


def test_a_pgb_is_not_allowed_under_a_zorgkantoor_nor_claimed_from_it(db, zk):
    with pytest.raises(ValidationError) as refused:
        save_allocation(db, AllocationData(guest_id=zk["guest"].id, funder_id=zk["funder"].id,
                                           kind="pgb", start_date=date(2026, 1, 1)))  # fmt: skip
    assert "gefactureerd aan de budgethouder" in refused.value.field_errors["kind"]
    allocation = _indication(db, zk, "5VV")
    create_stay(db, NewStay(zk["guest"].id, zk["room"].id, date(2026, 3, 2), date(2026, 3, 5),
                            status="bevestigd", allocation_id=allocation.id))  # fmt: skip
    with db.session() as s:  # an old pgb row from before the rule
        s.get(Allocation, allocation.id).kind = "pgb"
    warnings = month_check(db, Month(2026, 3)).warnings
    assert any("gefactureerd aan de budgethouder" in w for w in warnings)
    with db.session() as s:
        assert month_lines(s, Month(2026, 3)) == {}
    assert all(d.claim.funder_kind != "zorgkantoor" for d in claim_drafts(
        db, Month(2026, 3), today=date(2026, 4, 2)))  # fmt: skip


def test_a_pgb_stay_is_invoiced_to_the_budget_holder_with_what_the_svb_asks(db):
    import io

    from pypdf import PdfReader

    from logeerhuis_app.billing.invoice_finalising import finalise
    from logeerhuis_app.billing.invoice_records import invoice_pdf
    from logeerhuis_app.billing.invoicing import make_drafts
    from logeerhuis_app.house.provider import ProviderData, save_provider

    provider = ProviderData(
        name="Logeerhuis De Linde", street="Lindelaan 12", postcode="3818 AB", city="Amersfoort",
        kvk="61234567", agb_code="73730123", iban="NL91ABNA0417164300", payment_term_days=14,
    )  # fmt: skip
    save_provider(db, provider)
    room = save_room(db, RoomData(name="Linde"))
    # The box "factuur aan de gast" was left off: a pgb funder invoices the budget holder anyway.
    holder = save_funder(db, FunderData(kind="pgb", name="Budgethouders (pgb)"))
    assert holder.invoice_to_guest and holder.wants_invoice
    contract = save_contract(db, ContractData(funder_id=holder.id, name="Logeren met pgb",
                                              rates=RATES))  # fmt: skip
    guest = save_guest(db, GuestData(first_name="Truus", last_name="Brouwer", bsn="111222333",
                                     street="Dorpsstraat 1", postcode="3811 AA",
                                     city="Amersfoort"))  # fmt: skip
    pgb = save_allocation(db, AllocationData(
        guest_id=guest.id, funder_id=holder.id, contract_id=contract.id, kind="pgb",
        reference="PGB-123456", care_profile="5VV", start_date=date(2026, 1, 1)))  # fmt: skip
    create_stay(db, NewStay(guest.id, room.id, date(2026, 3, 2), date(2026, 3, 5),
                            status="bevestigd", allocation_id=pgb.id))  # fmt: skip
    with db.session() as s:
        assert month_lines(s, Month(2026, 3)) == {}  # never in a claim
    [draft] = make_drafts(db, Month(2026, 3))
    final = finalise(db, draft.id, invoice_date=date(2026, 4, 2), by="Ria")
    pdf = invoice_pdf(db, final.id)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    for wanted in (
        "Truus Brouwer",
        "Dorpsstraat 1",
        "KvK 61234567",
        final.number,
        "02-04-2026",
        "Pgb Wlz, BSN 111222333, budgetnummer PGB-123456",
        "160,00",
    ):
        assert wanted in text, wanted  # fmt: skip
    assert "maart 2026" in text.lower() or "01-03-2026" in text
