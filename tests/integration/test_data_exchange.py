"""All data to one JSON file and back: identical round trip, all-or-nothing, Dutch refusals."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from logeerhuis_app.cli import main
from logeerhuis_app.db.models import Carer, Guest, ReceivedMessage
from logeerhuis_app.house.allocations import AllocationData, save_allocation
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import CarerData, GuestData, save_guest
from logeerhuis_app.house.provider import ProviderData, save_provider
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.planning import cancel
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.services.errors import DataError
from logeerhuis_app.storage.data_exchange import (
    FORMAT_VERSION,
    exchanged_tables,
    export_data,
    export_to_file,
    import_data,
    import_from_file,
)
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
        Carer,
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


def _row_count(db) -> int:
    with db.engine.connect() as conn:
        return sum(
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in exchanged_tables()
        )


def _as_dict(section: dict, index: int = 0) -> dict:
    return dict(zip(section["columns"], section["rows"][index], strict=True))


def test_every_table_is_exported_with_readable_values(db, house):
    data = export_data(db)
    assert list(data) == ["format", "format_version", "schema_revision", "tables", "sequences"]
    assert data["format"] == "logeerhuis-data" and data["format_version"] == 1
    assert all(section["rows"] for section in data["tables"].values()), "a table is empty"
    anna = _as_dict(data["tables"]["guests"])
    assert anna["date_of_birth"] == "1941-05-17"
    assert anna["needs_hoist"] is True and anna["id"] == 1
    assert isinstance(anna["created_at"], str) and "T" in anna["created_at"]
    provider = _as_dict(data["tables"]["provider"])
    assert provider["logo"].startswith("iVBORw0KGgo")  # base64 of the PNG signature
    cancelled = _as_dict(data["tables"]["stays"], 1)
    assert cancelled["status"] == "geannuleerd"
    assert cancelled["cancelled_at"] == "2026-03-01T09:00:00"
    reservation = _as_dict(data["tables"]["bed_reservations"])
    assert reservation["allocation_guest_id"] == anna["id"]
    assert reservation["allocation_reference"] == "987654321"
    assert data["sequences"]["guests"] == house["deleted_guest"]
    assert data["sequences"]["carers"] > len(data["tables"]["carers"]["rows"])


def test_export_import_export_gives_identical_bytes_and_keeps_the_counters(db, house, tmp_path):
    first = tmp_path / "eerste.json"
    summary = export_to_file(db, first)
    assert summary.counts["nights"] == 7 and summary.counts["guests"] == 2
    target = _empty_db(tmp_path)
    assert import_from_file(target, first).counts == summary.counts
    second = tmp_path / "tweede.json"
    export_to_file(target, second)
    assert second.read_bytes() == first.read_bytes()
    assert first.read_bytes().endswith(b"}\n")
    assert "crème brûlée ☕" in first.read_text(encoding="utf-8")  # not \u-escaped
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    newcomer = save_guest(target, GuestData(last_name="Nieuw"))
    assert newcomer.id > house["deleted_guest"]
    target.close()


def test_import_into_a_database_with_data_is_refused_and_changes_nothing(db, house, tmp_path):
    data = export_data(db)
    before = _row_count(db)
    with pytest.raises(DataError) as info:
        import_data(db, data)
    empty = "lege database" if db.on_server else "lege gegevensmap"
    assert f"alleen ingelezen in een {empty}" in info.value.message
    assert _row_count(db) == before


def test_a_failed_export_is_a_dutch_error(db, tmp_path):
    with pytest.raises(DataError) as info:
        export_to_file(db, tmp_path / "bestaat-niet" / "x.json")
    assert "kan niet worden geschreven" in info.value.message


def _spoil(data: dict, how: str) -> dict:
    data = json.loads(json.dumps(data))
    tables = data["tables"]
    if how == "format":
        data["format"] = "iets-anders"
    elif how == "newer":
        data["format_version"] = FORMAT_VERSION + 1
    elif how == "schema":
        data["schema_revision"] = "9999_toekomst"
    elif how == "table":
        tables["spionnen"] = {"columns": ["id"], "rows": [[1]]}
    elif how == "column":
        tables["rooms"]["columns"][-1] = "colour"
    elif how == "missing_value":
        tables["rooms"]["rows"][0].pop()
    elif how == "bad_date":
        index = tables["guests"]["columns"].index("date_of_birth")
        tables["guests"]["rows"][0][index] = "17-05-1941"
    elif how == "bad_bool":
        index = tables["guests"]["columns"].index("active")
        tables["guests"]["rows"][1][index] = "ja"
    elif how == "dangling":
        index = tables["carers"]["columns"].index("guest_id")
        tables["carers"]["rows"][0][index] = 999
    elif how == "double_night":
        nights = tables["nights"]
        column = nights["columns"].index
        first = nights["rows"][0]
        clash = next(
            r
            for r in nights["rows"]
            if r[column("bed_id")] != first[column("bed_id")] and r[column("active")]
        )
        clash[column("bed_id")] = first[column("bed_id")]
        clash[column("day")] = first[column("day")]
    return data


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("format", "geen Logeerhuis-gegevensbestand"),
        ("newer", "gemaakt met een nieuwere versie"),
        ("schema", "schemaversie 9999_toekomst"),
        ("table", "onbekende tabellen: spionnen"),
        ("column", "onbekende kolommen: colour"),
        ("missing_value", "Tabel rooms, rij 1"),
        ("bad_date", "Tabel guests, rij 1, kolom date_of_birth"),
        ("bad_bool", "Tabel guests, rij 2, kolom active: verwacht true of false"),
        ("dangling", "verwijst naar iets dat niet (meer) bestaat"),
        ("double_night", "twee actieve nachten in hetzelfde bed"),
    ],
)
def test_a_wrong_file_is_refused_in_dutch_and_leaves_the_target_empty(
    db, house, tmp_path, how, expected
):
    path = tmp_path / "fout.json"
    path.write_text(json.dumps(_spoil(export_data(db), how)), encoding="utf-8")
    target = _empty_db(tmp_path)
    with pytest.raises(DataError) as info:
        import_from_file(target, path)
    assert expected in info.value.message
    assert _row_count(target) == 0
    target.close()


def test_a_refused_night_is_named_by_table_row_and_id(db, house, tmp_path):
    target = _empty_db(tmp_path)
    with pytest.raises(DataError) as info:
        import_data(target, _spoil(export_data(db), "double_night"))
    assert "Tabel nights, rij" in info.value.message and "(id " in info.value.message
    assert "niets ingelezen" in info.value.message
    target.close()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "geen geldige JSON"),
        (b"dit is geen json", "geen geldige JSON"),
        (b"\xff\xfe\x00", "geen Logeerhuis-gegevensbestand"),
        (b"[1, 2, 3]", "geen Logeerhuis-gegevensbestand"),
        (b'{"format": "logeerhuis-data", "format_version": 1}', "schemaversie"),
    ],
)
def test_garbage_files_are_refused_in_dutch(tmp_path, content, expected):
    path = tmp_path / "rommel.json"
    path.write_bytes(content)
    target = _empty_db(tmp_path)
    with pytest.raises(DataError) as info:
        import_from_file(target, path)
    assert expected in info.value.message
    assert _row_count(target) == 0
    target.close()


def test_a_missing_file_is_a_dutch_error(tmp_path):
    target = _empty_db(tmp_path)
    with pytest.raises(DataError) as info:
        import_from_file(target, tmp_path / "nergens.json")
    assert "kan niet worden gelezen" in info.value.message
    target.close()


@pytest.mark.sqlite_only  # --data-dir and `check`; PostgreSQL: tests/postgres/test_moving_house.py
def test_the_commands_export_import_and_check_end_to_end(db, house, data_dir, tmp_path, capsys):
    with db.session() as s:
        carers = s.scalar(select(func.count()).select_from(Carer))
    db.close()
    path = tmp_path / "alles.json"
    assert main(["--data-dir", str(data_dir), "export-data", str(path)]) == 0
    assert "Alle gegevens geschreven" in capsys.readouterr().out
    copy = tmp_path / "kopie"
    assert main(["--data-dir", str(copy), "import-data", str(path)]) == 0
    assert f"carers: {carers}" in capsys.readouterr().out
    assert main(["--data-dir", str(copy), "check"]) == 0
    assert "In orde" in capsys.readouterr().out
    # A second import into the now filled directory is refused without a traceback.
    assert main(["--data-dir", str(copy), "import-data", str(path)]) == 2
    assert "lege gegevensmap" in capsys.readouterr().err
    again = tmp_path / "opnieuw.json"
    assert main(["--data-dir", str(copy), "export-data", str(again)]) == 0
    assert again.read_bytes() == path.read_bytes()
    garbage = tmp_path / "rommel.json"
    garbage.write_text("{kapot", encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "leeg"), "import-data", str(garbage)]) == 2
    err = capsys.readouterr().err
    assert "geen geldige JSON" in err and "Traceback" not in err
