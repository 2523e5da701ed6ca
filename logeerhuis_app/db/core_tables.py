"""The tables the start reads before the ORM is loaded, as light SQLAlchemy Core tables.

Importing the ORM and the models and configuring the mappers costs about 0.3 s; the start
paints the planner before that (decision 0034). These `table()`/`column()` objects name only
the columns that the planner, its change stamp and the "is the house empty?" check read;
they carry no constraints and are never used to create or change the schema (the models and
the migrations do that). tests/unit/test_core_tables.py checks every column against the
models, so a renamed or retyped column cannot go unnoticed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, column, table
from sqlalchemy.sql.expression import TableClause
from sqlalchemy.types import TypeEngine


def _table(name: str, /, **columns: type[TypeEngine[Any]]) -> TableClause:
    return table(name, *(column(key, kind) for key, kind in columns.items()))


# Every changeable table carries these (db/base.Timestamps); the change stamp reads them.
_STAMPED = {"updated_at": DateTime, "version": Integer}

rooms = _table(
    "rooms", id=Integer, name=String, has_hoist=Boolean, ground_floor=Boolean,
    wheelchair_accessible=Boolean, active=Boolean, sort_order=Integer, **_STAMPED,
)  # fmt: skip
beds = _table("beds", id=Integer, room_id=Integer, number=Integer, active=Boolean)
guests = _table(
    "guests", id=Integer, first_name=String, prefix=String, last_name=String,
    needs_hoist=Boolean, needs_ground_floor=Boolean, needs_wheelchair_access=Boolean,
)  # fmt: skip
funders = _table("funders", id=Integer, kind=String, name=String)
contracts = _table(
    "contracts", id=Integer, funder_id=Integer, name=String, vv_only=Boolean, product_code=String,
)  # fmt: skip
allocations = _table(
    "allocations", id=Integer, funder_id=Integer, contract_id=Integer, kind=String, start_date=Date,
    end_date=Date, volume=Integer, volume_frequency=String, care_profile=String,
)  # fmt: skip
stays = _table(
    "stays", id=Integer, guest_id=Integer, room_id=Integer, bed_id=Integer,
    allocation_id=Integer, arrival=Date, departure=Date, status=String, notes=Text,
    series_id=Integer, **_STAMPED,
)  # fmt: skip
nights = _table(
    "nights", stay_id=Integer, day=Date, allocation_id=Integer, active=Boolean
)  # fmt: skip
room_closures = _table(
    "room_closures", id=Integer, room_id=Integer, start_date=Date, end_date=Date,
    reason=String, **_STAMPED,
)  # fmt: skip
bed_reservations = _table(
    "bed_reservations", bed_id=Integer, contract_id=Integer, start_date=Date, end_date=Date,
    allocation_guest_id=Integer, allocation_reference=String, **_STAMPED,
)  # fmt: skip
requests = _table(
    "requests", id=Integer, guest_id=Integer, requester_name=String, wished_arrival=Date,
    wished_departure=Date, flexibility=String, status=String, notes=Text, **_STAMPED,
)  # fmt: skip
wlz_nights_elsewhere = _table(
    "wlz_nights_elsewhere", guest_id=Integer, year=Integer, nights=Integer
)  # fmt: skip
intake_answers = _table(
    "intake_answers", stay_id=Integer, item_key=String, value=String, answered_on=Date,
    staff=String, note=Text, valid_until=Date, confirmed=Boolean,
)  # fmt: skip
intake_overrides = _table("intake_overrides", stay_id=Integer, gate=String)
settings = _table("settings", key=String, value=Text)
