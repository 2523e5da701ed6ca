"""Declarative base shared by every model.

A naming convention gives every constraint a stable name, so Alembic migrations are the same on
SQLite and PostgreSQL and constraints can be dropped by name later.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, MetaData, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite reuses the id of a deleted last row unless the table uses AUTOINCREMENT; a stale id
# must never point at another guest, so every table with user data sets this.
AUTOINCREMENT = {"sqlite_autoincrement": True}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamps:
    """Created/updated moments (UTC) and a version counter against lost updates."""

    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=False), server_default=func.current_timestamp()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=False),
        server_default=func.current_timestamp(),
        onupdate=func.current_timestamp(),
    )
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # Every UPDATE and DELETE says "WHERE id = :id AND version = :loaded" and checks the
        # row count: a save from a version another PC has replaced changes nothing and raises
        # StaleDataError (Database.session says so in Dutch). The services set the new
        # version themselves (version_id_generator False), as decision 0002 describes.
        return {"version_id_col": cls.version, "version_id_generator": False}
