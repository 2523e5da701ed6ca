"""Invoices from the month's stays: numbers without gaps, PDFs that match the database."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from logeerhuis_app.billing.invoice_finalising import credit, finalise
from logeerhuis_app.billing.invoice_records import (
    get_invoice,
    invoice_pdf,
    list_invoices,
    register_payment,
)
from logeerhuis_app.billing.invoicing import make_drafts
from logeerhuis_app.cli import main
from logeerhuis_app.domain.enums import InvoiceKind, InvoiceStatus
from logeerhuis_app.domain.money import format_cents
from logeerhuis_app.domain.months import Month
from logeerhuis_app.domain.pricing import PricedLine, credit_lines
from logeerhuis_app.house.allocations import AllocationData, save_allocation
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.provider import ProviderData, save_provider
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.services.errors import ServiceError, ValidationError
from logeerhuis_app.storage.database import open_database

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


def _money(cents: int) -> str:
    return format_cents(cents).replace("\u00a0", " ")  # the PDF text has plain spaces


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


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


def test_finalise_numbers_the_invoice_and_the_pdf_matches_the_database(db, house):
    drafts = make_drafts(db, Month(2026, 1))
    finals = [finalise(db, d.id, invoice_date=date(2026, 2, 2), by="Ria") for d in drafts]
    assert sorted(f.number for f in finals) == ["2026-0001", "2026-0002"]
    for final in finals:
        detail = get_invoice(db, final.id)
        text = _text(invoice_pdf(db, final.id))
        assert detail.number in text and _money(detail.total_cents) in text
        for line in detail.lines:
            assert _money(line.amount_cents) in text and _money(line.unit_cents) in text
        assert "NL91 ABNA 0417 1643 00" in text or "NL91ABNA0417164300" in text
        assert detail.due_date == date(2026, 2, 16)
    # Making drafts again does not bill the same stays twice.
    assert make_drafts(db, Month(2026, 1)) == []


def test_a_failed_finalisation_leaves_no_gap(db, house):
    drafts = make_drafts(db, Month(2026, 1))

    def broken(*_args):
        raise OSError("schijf vol")

    with pytest.raises(OSError):
        finalise(db, drafts[0].id, invoice_date=date(2026, 2, 2), by="Ria", render=broken)
    assert get_invoice(db, drafts[0].id).number is None
    assert finalise(db, drafts[0].id, invoice_date=date(2026, 2, 2), by="Ria").number == "2026-0001"


def test_credit_payments_and_status(db, house):
    drafts = make_drafts(db, Month(2026, 1))
    first = finalise(db, drafts[0].id, invoice_date=date(2026, 2, 2), by="Ria")
    second = finalise(db, drafts[1].id, invoice_date=date(2026, 2, 2), by="Ria")
    note = credit(db, first.id, invoice_date=date(2026, 2, 10), by="Ria")
    assert note.number == "2026-0003" and note.total_cents == -first.total_cents
    assert note.credits_number == first.number
    assert f"{first.number}" in _text(invoice_pdf(db, note.id))
    statuses = {i.number: i.status for i in list_invoices(db, year=2026, today=date(2026, 2, 12))}
    assert statuses[first.number] == "gecrediteerd"
    with pytest.raises(ServiceError, match="al gecrediteerd"):
        credit(db, first.id, invoice_date=date(2026, 2, 10), by="Ria")
    register_payment(db, second.id, paid_on=date(2026, 2, 12), amount_cents=1000)
    early = {i.number: i.status for i in list_invoices(db, year=2026, today=date(2026, 2, 12))}
    assert early[second.number] == "deels betaald"
    late = {i.number: i.status for i in list_invoices(db, year=2026, today=date(2026, 3, 1))}
    assert late[second.number] == "vervallen"
    register_payment(
        db, second.id, paid_on=date(2026, 3, 2), amount_cents=second.total_cents - 1000
    )
    assert get_invoice(db, second.id).status == "betaald"


def test_a_credit_invoice_carries_the_credit_lines_of_the_original(db, house):
    """credit() follows domain.pricing.credit_lines: every line negated, kind and unit kept."""
    drafts = make_drafts(db, Month(2026, 1))
    anna = next(d for d in drafts if d.customer_name == "Anna Smit")
    original = get_invoice(db, finalise(db, anna.id, invoice_date=date(2026, 2, 2), by="R").id)
    note = get_invoice(db, credit(db, original.id, invoice_date=date(2026, 2, 9), by="R").id)
    priced = [
        PricedLine(x.period_from, x.period_to, x.kind, x.quantity, x.unit_cents,
                   x.amount_cents, x.description)
        for x in original.lines
    ]  # fmt: skip
    expected = [
        (x.day_from, x.day_to, x.kind, x.quantity, x.unit_cents, x.amount_cents, x.description)
        for x in credit_lines(priced)
    ]
    got = [
        (x.period_from, x.period_to, x.kind, x.quantity, x.unit_cents, x.amount_cents,
         x.description)
        for x in note.lines
    ]  # fmt: skip
    assert got == expected
    price = format_cents(12900)
    assert [(x[3], x[5], x[6]) for x in got] == [
        (-2, -25800, f"Credit: 2 nachten à {price}"),  # 1 and 2 January
        (-2, -25800, f"Credit: 2 nachten à {price}"),  # 23 and 24 January
    ]
    assert note.kind == InvoiceKind.CREDIT and note.status == InvoiceStatus.CREDIT
    assert note.total_cents == -original.total_cents == -51600


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(["finalise", "fail", "credit"]), min_size=1, max_size=8))
def test_numbers_are_gapless_under_random_finalise_fail_and_credit(tmp_path_factory, actions):
    db = open_database(tmp_path_factory.mktemp("gapless"))
    build_house(db)
    months = iter([(2026, 1), (2025, 12)])
    drafts = []
    for action in actions:
        if not drafts:
            year_month = next(months, None)
            if year_month is None:
                break
            drafts = make_drafts(db, Month(*year_month))
        if action == "fail":
            with pytest.raises(RuntimeError):
                finalise(
                    db,
                    drafts[0].id,
                    invoice_date=date(2026, 2, 2),
                    by="x",
                    render=lambda *_a: (_ for _ in ()).throw(RuntimeError("kapot")),
                )
        elif action == "finalise":
            finalise(db, drafts.pop(0).id, invoice_date=date(2026, 2, 2), by="x")
        else:
            finals = [
                i
                for i in list_invoices(db)
                if i.number and i.kind == "factuur" and i.status != "gecrediteerd"
            ]
            if finals:
                credit(db, finals[0].id, invoice_date=date(2026, 2, 3), by="x")
    numbers = sorted(int(i.number.split("-")[1]) for i in list_invoices(db) if i.number)
    assert numbers == list(range(1, len(numbers) + 1))
    totals = sum(
        i.total_cents
        for i in list_invoices(db)
        if i.number and i.status in ("gecrediteerd", "credit")
    )
    assert totals == 0
    db.close()


def test_cli_close_month_and_invoices(data_dir, tmp_path, capsys):
    db = open_database(data_dir)
    build_house(db)
    db.close()
    assert main(["--data-dir", str(data_dir), "close-month", "2026-01"]) == 0
    (tmp_path / "uit").mkdir()  # --out names an existing folder (decision 0028)
    assert (
        main(["--data-dir", str(data_dir), "invoices", "2026-01", "--out", str(tmp_path / "uit")])
        == 0
    )
    out = capsys.readouterr().out
    assert "2026-0001" in out and "2 facturen definitief gemaakt" in out
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == [
        "factuur-2026-0001.pdf",
        "factuur-2026-0002.pdf",
    ]
    assert main(["--data-dir", str(data_dir), "close-month", "2026-13"]) == 2


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


def test_a_payment_larger_than_the_invoice_or_refunding_more_than_received_is_refused(db, house):
    """The rule `check` and import-data apply (decision 0037) is the one the form applies."""
    drafts = make_drafts(db, Month(2026, 1))
    final = finalise(db, drafts[0].id, invoice_date=date(2026, 2, 2), by="Ria")
    with pytest.raises(ValidationError, match="groter dan het factuurbedrag"):
        register_payment(db, final.id, paid_on=date(2026, 2, 4), amount_cents=-1_000_000_000)
    with pytest.raises(ValidationError, match="meer terugbetaald dan ontvangen"):
        register_payment(db, final.id, paid_on=date(2026, 2, 4), amount_cents=-100)
    register_payment(db, final.id, paid_on=date(2026, 2, 4), amount_cents=final.total_cents)
    register_payment(db, final.id, paid_on=date(2026, 2, 5), amount_cents=-100)  # a refund
    assert get_invoice(db, final.id).paid_cents == final.total_cents - 100
