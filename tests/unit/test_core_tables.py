"""The light Core tables that the start reads (db/core_tables.py) match the models."""

from __future__ import annotations

import pytest
from sqlalchemy.sql.expression import TableClause

from logeerhuis_app.db import core_tables
from logeerhuis_app.db.base import Base
from logeerhuis_app.db.models import Room  # noqa: F401  (registers every table)

LIGHT = [t for t in vars(core_tables).values() if isinstance(t, TableClause)]


def test_the_planner_tables_are_all_there():
    names = {t.name for t in LIGHT}
    assert {"stays", "nights", "beds", "rooms", "guests", "requests", "intake_answers"} <= names


@pytest.mark.parametrize("light", LIGHT, ids=lambda t: t.name)
def test_every_column_exists_in_the_model_with_the_same_type(light):
    model = Base.metadata.tables[light.name]
    for col in light.columns:
        assert col.name in model.c, f"{light.name}.{col.name} is not in the models"
        stored = type(model.c[col.name].type)
        assert type(col.type) is stored, f"{light.name}.{col.name}: {col.type!r} != {stored}"


def test_the_check_notices_a_wrong_column():
    """Guard against a check that cannot fail."""
    model = Base.metadata.tables["stays"]
    assert "arival" not in model.c
    assert type(model.c["arrival"].type) is not type(core_tables.stays.c.status.type)
