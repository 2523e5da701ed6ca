"""Shared test set-up: Qt without a screen, and fresh data directories."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def _offscreen_with_a_real_screen_size() -> str:
    """Qt's off-screen platform with a 1920x1080 screen (its default is 800x800, smaller than
    the window a user sees, which would clamp restored window sizes in tests)."""
    config = Path(tempfile.gettempdir()) / "logeerhuis-test-screen.json"
    screen = {"name": "test", "x": 0, "y": 0, "width": 1920, "height": 1080,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


# Before any Qt import: tests never need a display.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = _offscreen_with_a_real_screen_size()
os.environ.pop("LOGEERHUIS_DATA_DIR", None)

import pytest  # noqa: E402  (after the Qt platform is chosen)


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def db(data_dir):
    from logeerhuis_app.services.database import open_database

    database = open_database(data_dir)
    yield database
    database.engine.dispose()


@pytest.fixture
def wmo_house(db):
    """Build a small house with one Wmo guest; returns (gemeente, stay)."""
    return lambda **terms: _build_wmo_house(db, **terms)


def _build_wmo_house(db, *, reference="123456789", volume=None, frequency="total"):
    """A house with one Wmo guest: 8 nights in March 2026 over a rate change on the 15th."""
    from datetime import date

    from logeerhuis_app.services.allocations import AllocationData, save_allocation
    from logeerhuis_app.services.contracts import ContractData, RateData, save_contract
    from logeerhuis_app.services.funders import FunderData, save_funder
    from logeerhuis_app.services.guests import GuestData, save_guest
    from logeerhuis_app.services.provider import ProviderData, save_provider
    from logeerhuis_app.services.rooms import RoomData, save_room
    from logeerhuis_app.services.stays import NewStay, create_stay

    save_provider(
        db,
        ProviderData(
            name="Logeerhuis De Linde", street="Lindelaan 12", postcode="3818 AB",
            city="Amersfoort", kvk="61234567", agb_code="73730123", iban="NL91ABNA0417164300",
        ),
    )  # fmt: skip
    room = save_room(db, RoomData(name="Linde", beds=2))
    gemeente = save_funder(db, FunderData(kind="gemeente", name="Gemeente Baarn", cbs_code="0308"))
    contract = save_contract(
        db,
        ContractData(
            funder_id=gemeente.id, name="Wmo kortdurend verblijf", product_category="04",
            product_code="04A04", valid_from=date(2026, 1, 1),
            rates=(
                RateData(valid_from=date(2026, 1, 1), valid_to=date(2026, 3, 14),
                         amount_cents=14250),
                RateData(valid_from=date(2026, 3, 15), amount_cents=14820),
            ),
        ),
    )  # fmt: skip
    guest = save_guest(
        db, GuestData(first_name="Gerrit", last_name="Bos", bsn="999900006", city="Baarn")
    )
    allocation = save_allocation(
        db,
        AllocationData(
            guest_id=guest.id, funder_id=gemeente.id, contract_id=contract.id, kind="toewijzing",
            reference=reference, start_date=date(2026, 1, 1), end_date=date(2026, 12, 31),
            volume=volume, volume_frequency=frequency,
        ),
    )  # fmt: skip
    # 10 to 18 March: 8 nights, 5 at the old rate (10-14) and 3 at the new one (15-17).
    stay = create_stay(
        db,
        NewStay(guest.id, room.id, date(2026, 3, 10), date(2026, 3, 18), status="bevestigd",
                allocation_id=allocation.id),
    )  # fmt: skip
    return gemeente, stay
