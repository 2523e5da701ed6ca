"""Taking turns when several PCs write at the same moment (PostgreSQL). On SQLite every unit
of work that writes already holds the write lock from its first read (BEGIN IMMEDIATE,
db/engine.py, decision 0023).

Both helpers do the right thing on either backend, so the services need no dialect branches.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, event, func, inspect, select, text

if TYPE_CHECKING:  # the ORM and the dialects load when a service needs them, not at start
    from sqlalchemy import Connection, Result
    from sqlalchemy.orm import Mapper, Session


def insert_if_missing(
    session: Session, table: Table, values: dict[str, Any], key: list[str]
) -> Result[Any]:
    """INSERT the row unless one with the same unique `key` exists (or is being inserted by
    another PC right now: PostgreSQL waits for it instead of failing on the constraint)."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing(index_elements=key)
    return session.execute(statement)


def take_turn(session: Session, name: str) -> None:
    """Hold a named lock until the transaction ends: a second PC asking for the same name waits.

    PostgreSQL: a transaction-level advisory lock. SQLite: nothing to do; the unit of work
    began with BEGIN IMMEDIATE and holds the only write lock (decision 0023).
    """
    if session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"logeerhuis:{name}".encode()) - 2**31  # fits PostgreSQL's bigint
        session.execute(select(func.pg_advisory_xact_lock(key)))


def hold_off_writers(session: Session, table: str) -> None:
    """Until the transaction ends, nobody else writes `table`; waits for those writing it now.

    PostgreSQL: SHARE mode (readers go on). SQLite: nothing to do, as for take_turn.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"LOCK TABLE {table} IN SHARE MODE"))


class StaleVersionError(Exception):
    """A row's version changed in the database after this session loaded it (another PC)."""

    def __init__(self, table: str) -> None:
        super().__init__(f"stale version in {table}")
        self.table = table


def guard_versions() -> None:
    """On PostgreSQL, make the services' version compare (decision 0002) watertight.

    A service compares the version the screen loaded with the row it just read; two PCs that
    read at the same moment would both pass that compare. So before the UPDATE of a row whose
    `version` changes, the stored version is read again with the row locked (FOR UPDATE waits
    for the other PC's commit): if it is no longer the one this session loaded, the save stops.
    SQLite needs no such guard: the unit of work holds the write lock from its first read
    (decision 0023). Every backend also has the ORM's version_id_col (db/base.py).
    """
    from .base import Base

    if not event.contains(Base, "before_update", _check_version):
        event.listen(Base, "before_update", _check_version, propagate=True)


def _check_version(mapper: Mapper[Any], connection: Connection, target: object) -> None:
    if connection.dialect.name != "postgresql" or "version" not in mapper.columns:
        return
    loaded = inspect(target).attrs.version.history.deleted
    if not loaded or loaded[0] is None:
        return  # the version did not change: not a save that compares versions
    table = cast(Table, mapper.local_table)  # every mapped class here has a table of its own
    keys = mapper.primary_key_from_instance(target)
    where = [column == value for column, value in zip(mapper.primary_key, keys, strict=True)]
    query = select(table.c.version).where(*where).with_for_update()
    stored = connection.execute(query).scalar()
    if stored is not None and stored != loaded[0]:
        raise StaleVersionError(table.name)
