"""The open database: one engine, one unit of work (session) per service call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..db import schema
from ..db.engine import make_engine, make_session_factory, sqlite_url
from ..paths import database_path
from .errors import DataError


class SchemaTooNew(DataError):
    """The data was made by a newer version of the app; it is left untouched."""


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]
    location: str  # shown to the user: a file path or a server address

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits when the block ends normally, rolls back on any error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()

    @property
    def is_empty(self) -> bool:
        """True when no guests, rooms or funders exist yet (a fresh install)."""
        from ..db.models import Funder, Guest, Room

        with self.session() as s:
            return not any(s.query(m.id).first() for m in (Guest, Room, Funder))


def open_database(data_dir: Path, *, migrate: bool = True) -> Database:
    """Open (and create or upgrade) the SQLite database in the data directory.

    A database made by a newer version is refused before a single byte is written.
    """
    path = database_path(data_dir)
    try:
        schema.refuse_if_newer(schema.stored_revision_sqlite_file(path))
    except schema.SchemaTooNewError as exc:
        raise SchemaTooNew(str(exc)) from exc
    except schema.SchemaError as exc:
        raise DataError(str(exc)) from exc
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(f"De gegevensmap {data_dir} kan niet worden gemaakt: {exc}") from exc
    engine = make_engine(sqlite_url(path))
    try:
        if migrate:
            schema.upgrade(engine)
    except OperationalError as exc:
        engine.dispose()
        raise DataError(
            f"Het gegevensbestand {path} kan niet worden geopend of bijgewerkt: {exc.orig}"
        ) from exc
    return Database(engine=engine, sessions=make_session_factory(engine), location=str(path))
