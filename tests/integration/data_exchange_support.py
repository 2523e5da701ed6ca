"""A small real house with every table filled, for the data export and import tests."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime

import pytest

from logeerhuis_app.db.models import Carer, Guest, ReceivedMessage
from logeerhuis_app.house.allocations import AllocationData, save_allocation
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import CarerData, GuestData, save_guest
from logeerhuis_app.house.provider import ProviderData, save_provider
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.planning import cancel
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.storage.database import open_database

LOGO = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def build_house(db) -> dict[str, int]:
    """A small real house with every table filled, a cancelled stay and deleted rows."""
    save_provider(db, ProviderData(name="Logeerhuis De Linde", city="Sneek", logo=LOGO))
    linde = save_room(db, RoomData(name="Kamer Linde", beds=1, has_hoist=True))
    eik = save_room(db, RoomData(name="Kamer Eik", beds=2))
    funder = save_funder(
        db, FunderData(kind="gemeente", name="Gemeente Súdwest-Fryslân", cbs_code="1900")
    )
    contract = save_contract(
        db,
        ContractData(
            funder_id=funder.id,
            name="Kortdurend verblijf",
            product_code="04A04",
            valid_from=date(2026, 1, 1),
            rates=(RateData(valid_from=date(2026, 1, 1), amount_cents=12_550),),
        ),
    )
    anna = save_guest(
        db,
        GuestData(
            first_name="Anna",
            prefix="de",
            last_name="Vries",
            date_of_birth=date(1941, 5, 17),
            needs_hoist=True,
            notes='Zegt "goedemorgen" en houdt van crème brûlée ☕',
            carers=(
                CarerData(name="Els de Vries", relation="dochter", is_primary=True),
                CarerData(name="Tijdelijk"),
            ),
        ),
    )
    anna = save_guest(db, replace(anna, carers=anna.carers[:1]))  # deletes the last carer
    piet = save_guest(db, GuestData(first_name="Piet", last_name="Dam"))
    allocation = save_allocation(
        db,
        AllocationData(
            guest_id=anna.id,
            funder_id=funder.id,
            contract_id=contract.id,
            kind="toewijzing",
            reference="T-0001",
            start_date=date(2026, 1, 1),
            volume=12,
        ),
    )
    create_stay(
        db,
        NewStay(anna.id, linde.id, date(2026, 3, 2), date(2026, 3, 5), allocation_id=allocation.id),
    )
    cancelled = create_stay(db, NewStay(piet.id, eik.id, date(2026, 3, 3), date(2026, 3, 4)))
    cancel(
        db, cancelled.id, reason="Ziek", cancelled_by="mantelzorger", when=datetime(2026, 3, 1, 9)
    )
    create_stay(db, NewStay(piet.id, eik.id, date(2026, 3, 3), date(2026, 3, 6)))
    _planner_records(db, anna.id, piet.id, linde.id, funder.id)
    gone = save_guest(db, GuestData(last_name="Weg"))
    with db.session() as s:
        s.delete(s.get(Guest, gone.id))  # the guests counter is now ahead of max(id)
        s.add(ReceivedMessage(
            kind="WMO301", sender="0308", identification="B1", dated=date(2026, 2, 20),
            sha256="0" * 64, outcome="verwerkt", return_codes="", summary="Baarn: Anna",
            guest_id=anna.id, read_at=datetime(2026, 2, 21, 9), read_by="Ans",
            answer_name="WMO302-0308-B1.xml", answer=b"<?xml version='1.0'?>\n<a/>\x00",
        ))  # fmt: skip
    return {"deleted_guest": gone.id}


def _planner_records(db, anna_id: int, piet_id: int, room_id: int, funder_id: int) -> None:
    """One row in each planner table (requests, history, series, closures, Wlz elsewhere)."""
    from logeerhuis_app.db.models import (
        CarerStrain,
        DateChange,
        Funder,
        IntakeAnswer,
        IntakeOverride,
        Invoice,
        InvoiceLine,
        InvoiceSeries,
        MonthClosure,
        NightCorrection,
        Payment,
        RoomClosure,
        Setting,
        Stay,
        StayRequest,
        StaySeries,
        WlzNightsElsewhere,
    )

    with db.session() as s:
        series = StaySeries(
            guest_id=anna_id,
            room_id=room_id,
            arrival_weekday=1,
            nights=2,
            start_date=date(2026, 4, 7),
            end_date=date(2026, 6, 30),
        )
        request = StayRequest(
            guest_id=piet_id,
            requester_kind="wmo_consulent",
            requester_name="M. Jansen",
            channel="email",
            received_on=date(2026, 2, 20),
            wished_arrival=date(2026, 5, 1),
            wished_departure=date(2026, 5, 4),
            funder_id=funder_id,
        )
        s.add_all([series, request])
        s.flush()
        s.add_all(
            [
                DateChange(
                    request_id=request.id,
                    changed_at=datetime(2026, 2, 21, 10, 15),
                    what="Aankomst verschoven",
                    old_arrival=date(2026, 4, 30),
                    new_arrival=date(2026, 5, 1),
                    asked_by="mantelzorger",
                    channel="telefoon",
                    late=False,
                ),
                RoomClosure(
                    room_id=room_id,
                    start_date=date(2026, 8, 1),
                    end_date=date(2026, 8, 8),
                    reason="Schilderwerk",
                ),
                WlzNightsElsewhere(
                    guest_id=anna_id, year=2026, nights=12, note="Logeerhuis Eemland"
                ),
                Setting(key="intake.required", value='{"bevestigen": ["incl_home"]}'),
            ]
        )
    with db.session() as s:
        stay = s.query(Stay).filter(Stay.guest_id == anna_id).first()
        carer = s.query(Carer).filter(Carer.guest_id == anna_id).first()
        s.add_all(
            [
                IntakeAnswer(
                    stay_id=stay.id,
                    item_key="resuscitation",
                    value="nee",
                    answered_on=date(2026, 2, 20),
                    staff="Ria",
                    note="Wilsverklaring",
                ),
                IntakeAnswer(
                    stay_id=stay.id,
                    item_key="wzd_art21",
                    value="besluit",
                    answered_on=date(2026, 1, 5),
                    valid_until=date(2026, 12, 31),
                ),
                IntakeOverride(
                    stay_id=stay.id,
                    gate="inchecken",
                    reason="Overdracht volgt per mail",
                    open_items="handover_nursing",
                    given_by="coördinator",
                    given_at=datetime(2026, 3, 2, 14, 5),
                ),
                MonthClosure(
                    year=2026, month=2, closed_at=datetime(2026, 3, 2, 9), closed_by="Ria"
                ),
                InvoiceSeries(year=2026, last_number=1),
                CarerStrain(
                    carer_id=carer.id,
                    stay_id=stay.id,
                    measured_on=date(2026, 2, 20),
                    moment="intake",
                    answers="1101101001101",
                    score=8,
                    consent=True,
                    consent_recorded_by="Ria",
                ),
            ]
        )
    with db.session() as s:
        stay = s.query(Stay).filter(Stay.guest_id == anna_id).first()
        funder = s.query(Funder).first()
        invoice = Invoice(
            kind="factuur",
            year=2026,
            funder_id=funder.id,
            period_from=date(2026, 3, 1),
            period_to=date(2026, 3, 31),
            customer_name="Gemeente Soest",
            total_cents=44460,
        )
        s.add(invoice)
        s.flush()
        s.add(
            InvoiceLine(
                invoice_id=invoice.id,
                stay_id=stay.id,
                guest_name="Anna Smit",
                description="3 nachten",
                period_from=date(2026, 3, 2),
                period_to=date(2026, 3, 4),
                quantity=3,
                unit_cents=14820,
                amount_cents=44460,
            )
        )
        s.flush()
        invoice.number, invoice.sequence = "2026-0001", 1  # final from here on
        invoice.pdf = b"%PDF-1.4 factuur 2026-0001"  # final invoices keep their PDF and hash
        invoice.pdf_sha256 = hashlib.sha256(invoice.pdf).hexdigest()
        s.flush()
        s.add(Payment(invoice_id=invoice.id, paid_on=date(2026, 4, 10), amount_cents=44460))
        from logeerhuis_app.db.models import BedReservation, Contract

        s.add(
            BedReservation(
                bed_id=stay.bed_id,
                contract_id=s.query(Contract).first().id,
                start_date=date(2026, 6, 1),
                end_date=date(2026, 7, 1),
                note="Crisisbed",
                allocation_guest_id=stay.guest_id,  # the municipality's toewijzing for the bed
                allocation_reference="987654321",
            )
        )
        s.add(
            NightCorrection(
                stay_id=stay.id,
                day=date(2026, 3, 3),
                billable=False,
                reason="Opgenomen in het ziekenhuis",
                corrected_by="Ria",
                corrected_at=datetime(2026, 3, 4, 8),
            )
        )
        from logeerhuis_app.db.models import Claim, ClaimLine

        claim = Claim(
            number="D202600001", kind="declaratie", funder_id=funder.id,
            funder_name="Gemeente Soest", funder_kind="gemeente", funder_code="0342",
            year=2026, month=3, made_on=date(2026, 4, 2), made_at=datetime(2026, 4, 2, 9),
            made_by="Ria", provider_name="De Linde", provider_agb="73730123",
            total_cents=44460,
        )  # fmt: skip
        s.add(claim)
        s.flush()
        s.add(
            ClaimLine(
                claim_id=claim.id, reference="D2026000010001", stay_id=stay.id,
                guest_id=anna_id, guest_name="Anna Smit", bsn="999900006",
                allocation_reference="123456789", product_category="04", product_code="04A04",
                period_from=date(2026, 3, 2), period_to=date(2026, 3, 4), volume=3,
                tariff_cents=14820, amount_cents=44460,
            )
        )  # fmt: skip
        s.flush()
        _sent_and_answered(s, claim.id, anna_id)
        from logeerhuis_app.access.access import log_access
        from logeerhuis_app.db.models import User

        s.add(
            User(
                user_name="ria", name="Ria de Boer", role="medewerker",
                password_hash="$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
                active=True, failed_logins=0,
            )
        )  # fmt: skip
        log_access(s, "bekijken", anna_id, "Gastgegevens geopend", user_name="ria",
                   now=datetime(2026, 3, 4, 9, 15))  # fmt: skip
        from logeerhuis_app.db.models import MailRecipient

        s.add(MailRecipient(funder_id=funder.id, addresses="facturen@soest.nl"))


def _sent_and_answered(s, claim_id: int, guest_id: int) -> None:
    """Issue 21: the files as sent (WMO323, WMO305 with a product), the municipality's answer
    rejecting the line, and the line marked as put right."""
    from logeerhuis_app.db.models import (
        ClaimAnswer,
        ClaimLine,
        ClaimLineAnswer,
        RejectedLineFix,
        SentCareProduct,
        SentMessage,
    )

    line_id = s.query(ClaimLine.id).filter_by(claim_id=claim_id).scalar()
    common = dict(receiver="0342", year=2026, month=3, made_at=datetime(2026, 4, 2, 9),
                  made_by="Ria", sha256="0" * 64, correction=False)  # fmt: skip
    s.add(SentMessage(kind="323", identification="D202600001", sequence=0, claim_id=claim_id,
                      file_name="D202600001-wmo-0342-WMO323.xml", content=b"<Bericht/>",
                      **common))  # fmt: skip
    start = SentMessage(kind="305", identification="503422603001", sequence=1,
                        file_name="WMO305-0342-2026-03-001.xml", guest_id=guest_id,
                        content=b"<Bericht>\x00\xff</Bericht>", **common)  # fmt: skip
    s.add(start)
    s.flush()
    s.add(SentCareProduct(message_id=start.id, status="1", allocation_id=1, bsn="999900006",
                          reference="123456789", product_category="04", product_code="04A04",
                          allocation_start=date(2026, 1, 1), begin=date(2026, 3, 2),
                          end=None, reason=""))  # fmt: skip
    answer = ClaimAnswer(claim_id=claim_id, identification="A202600001",
                         answered_on=date(2026, 4, 15), codes="0200 0200", granted_cents=0,
                         sha256="1" * 64, read_at=datetime(2026, 4, 16, 9),
                         read_by="Ria")  # fmt: skip
    s.add(answer)
    s.flush()
    s.add(ClaimLineAnswer(answer_id=answer.id, claim_line_id=line_id, accepted=False,
                          codes="9307"))  # fmt: skip
    s.add(RejectedLineFix(claim_line_id=line_id, marked_at=datetime(2026, 4, 16, 10),
                          marked_by="Ria"))  # fmt: skip


@pytest.fixture
def house(db):
    return build_house(db)


def _empty_db(tmp_path, name="doel"):
    return open_database(tmp_path / name)
