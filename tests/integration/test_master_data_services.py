"""Guests, rooms, funders, contracts and allocations through the services on a real SQLite."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from logeerhuis_app.house.allocations import (
    AllocationData,
    delete_allocation,
    list_allocations,
    save_allocation,
)
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import (
    CarerData,
    GuestData,
    get_guest,
    save_guest,
    search_guests,
)
from logeerhuis_app.house.provider import ProviderData, get_provider, save_provider
from logeerhuis_app.house.rooms import RoomData, list_rooms, save_room
from logeerhuis_app.services.errors import ConflictError, ServiceError, ValidationError
from logeerhuis_app.storage.database import open_database


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path)
    yield database
    database.close()


def _guest(**changes) -> GuestData:
    base = GuestData(
        first_name="Jan",
        prefix="van der",
        last_name="Berg",
        date_of_birth=date(1938, 4, 2),
        bsn="111222333",
        postcode="8911ab",
        city="Leeuwarden",
        municipality_code="80",
    )
    return replace(base, **changes)


def test_a_guest_is_saved_normalised_and_found_by_name_bsn_and_birth_date(db):
    saved = save_guest(
        db,
        _guest(
            carers=(
                CarerData(
                    name="Els van der Berg",
                    relation="dochter",
                    phone="06-12345678",
                    is_primary=True,
                ),
            )
        ),
    )
    assert saved.id is not None and saved.version == 1
    again = get_guest(db, saved.id)
    assert again.postcode == "8911 AB"
    assert again.municipality_code == "0080"
    assert again.carers[0].name == "Els van der Berg"
    assert again.display_name == "Jan van der Berg"
    assert [g.id for g in search_guests(db, "berg")] == [saved.id]
    assert [g.id for g in search_guests(db, "2223")] == [saved.id]
    assert [g.id for g in search_guests(db, "02-04-1938")] == [saved.id]
    assert search_guests(db, "jansen") == []


def test_bad_values_are_refused_per_field_in_dutch(db):
    with pytest.raises(ValidationError) as info:
        save_guest(
            db,
            _guest(
                bsn="123456789",
                postcode="0123 AB",
                iban="NL91ABNA0417164301",
                last_name="",
                height_cm=400,
            ),
        )
    errors = info.value.field_errors
    assert set(errors) >= {"bsn", "postcode", "iban", "last_name", "height_cm"}
    assert "elfproef" in errors["bsn"]
    assert search_guests(db) == []


def test_a_bsn_belongs_to_one_guest(db):
    save_guest(db, _guest())
    with pytest.raises(ValidationError) as info:
        save_guest(db, _guest(first_name="Piet"))
    assert "Jan van der Berg" in info.value.field_errors["bsn"]


def test_a_stale_edit_is_refused_not_silently_lost(db):
    saved = save_guest(db, _guest())
    save_guest(db, replace(saved, city="Sneek"))
    with pytest.raises(ConflictError):
        save_guest(db, replace(saved, city="Bolsward"))
    assert get_guest(db, saved.id).city == "Sneek"


def test_carers_are_added_changed_and_removed(db):
    saved = save_guest(db, _guest(carers=(CarerData(name="A"), CarerData(name="B"))))
    first = saved.carers[0]
    updated = save_guest(
        db, replace(saved, carers=(replace(first, phone="0511-123456"), CarerData(name="C")))
    )
    assert [c.name for c in updated.carers] == ["A", "C"]
    assert updated.carers[0].id == first.id and updated.carers[0].phone == "0511-123456"


def test_rooms_get_beds_and_a_room_name_is_unique(db):
    room = save_room(db, RoomData(name="Kamer 1", beds=2, has_hoist=True))
    assert len(room.bed_ids) == 2
    fewer = save_room(db, replace(room, beds=1))
    assert len(fewer.bed_ids) == 1
    with pytest.raises(ValidationError) as info:
        save_room(db, RoomData(name="Kamer 1"))
    assert "name" in info.value.field_errors
    assert [r.name for r in list_rooms(db)] == ["Kamer 1"]


def test_a_gemeente_needs_its_cbs_code(db):
    with pytest.raises(ValidationError) as info:
        save_funder(db, FunderData(kind="gemeente", name="Gemeente Leeuwarden"))
    assert "cbs_code" in info.value.field_errors
    funder = save_funder(
        db, FunderData(kind="gemeente", name="Gemeente Leeuwarden", cbs_code="GM0080")
    )
    assert funder.cbs_code == "0080"


def _funder_and_contract(db, *, vv_only=False, kind="zorgkantoor"):
    funder = save_funder(
        db,
        FunderData(
            kind=kind, name="Zorgkantoor Friesland", cbs_code="0080" if kind == "gemeente" else ""
        ),
    )
    contract = save_contract(
        db,
        ContractData(
            funder_id=funder.id,
            name="Flexibel logeren",
            product_code="z1003",
            vv_only=vv_only,
            valid_from=date(2026, 1, 1),
            rates=(
                RateData(valid_from=date(2027, 1, 1), amount_cents=13150),
                RateData(
                    valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31), amount_cents=12500
                ),
            ),
        ),
    )
    return funder, contract


def test_contract_rates_are_kept_in_order_and_overlaps_refused(db):
    _funder, contract = _funder_and_contract(db)
    assert contract.product_code == "Z1003"
    assert [(r.valid_from, r.amount_cents) for r in contract.rates] == [
        (date(2026, 1, 1), 12500),
        (date(2027, 1, 1), 13150),
    ]
    overlapping = replace(
        contract,
        rates=(
            RateData(valid_from=date(2026, 1, 1), amount_cents=12500),
            RateData(valid_from=date(2026, 6, 1), amount_cents=13000),
        ),
    )
    with pytest.raises(ValidationError) as info:
        save_contract(db, overlapping)
    assert "overlappen" in info.value.field_errors["rates"]


def test_a_vv_only_contract_needs_a_vv_profile_and_used_allocations_stay(db):
    funder, contract = _funder_and_contract(db, vv_only=True)
    guest = save_guest(db, _guest())
    data = AllocationData(
        guest_id=guest.id,
        funder_id=funder.id,
        contract_id=contract.id,
        kind="indicatie",
        care_profile="3GGZ",
        start_date=date(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as info:
        save_allocation(db, data)
    assert "VV" in info.value.field_errors["care_profile"]
    saved = save_allocation(db, replace(data, care_profile="5vv"))
    assert saved.care_profile == "5VV" and saved.funder_name == "Zorgkantoor Friesland"
    assert [a.id for a in list_allocations(db, guest.id)] == [saved.id]
    delete_allocation(db, saved.id)
    assert list_allocations(db, guest.id) == []


def test_a_wmo_toewijzing_needs_its_number_and_a_gemeente(db):
    funder, _contract = _funder_and_contract(db)  # a zorgkantoor
    guest = save_guest(db, _guest())
    with pytest.raises(ValidationError) as info:
        save_allocation(
            db,
            AllocationData(
                guest_id=guest.id,
                funder_id=funder.id,
                kind="toewijzing",
                start_date=date(2026, 1, 1),
            ),
        )
    assert {"reference", "kind"} <= set(info.value.field_errors)


def test_provider_identity_is_validated_and_saved(db):
    assert get_provider(db).name == ""
    with pytest.raises(ValidationError) as info:
        save_provider(db, ProviderData(name="De Linde", agb_code="1234", kvk="12"))
    assert {"agb_code", "kvk"} <= set(info.value.field_errors)
    saved = save_provider(
        db,
        ProviderData(
            name="De Linde",
            agb_code="12345678",
            kvk="12345678",
            iban="nl91 abna 0417 1643 00",
            logo=b"\x89PNG\r\n\x1a\n" + b"0" * 20,
        ),
    )
    assert saved.iban == "NL91ABNA0417164300"
    assert get_provider(db).logo.startswith(b"\x89PNG")
    with pytest.raises(ServiceError):
        save_provider(db, replace(saved, version=saved.version - 1, city="Sneek"))
