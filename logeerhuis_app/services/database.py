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
from ..domain.accounts import CurrentUser
from ..paths import database_path
from .errors import DataError


class SchemaTooNew(DataError):
    """The data was made by a newer version of the app; it is left untouched."""


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]
    location: str  # shown to the user: a file path or a server address
    # Who is signed in (set by services/accounts.sign_in). None: the command line, a script
    # or a test, which may do everything as the local system user (decision 0014).
    user: CurrentUser | None = None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits when the block ends normally, rolls back on any error."""
        session = self.sessions()
        session.info["user"] = self.user  # for log_access(session, ...)
        try:
            yield session
            session.commit()
        except OperationalError as exc:  # the disk, not the data: say so in Dutch
            session.rollback()
            problem = str(exc.orig).lower()
            lost = "de wijziging is niet opgeslagen; wat eerder is opgeslagen blijft bewaard."
            if "disk is full" in problem:
                raise DataError(
                    f"De schijf is vol: {lost} Maak ruimte vrij op de schijf van "
                    f"{self.location} en probeer het opnieuw."
                ) from exc
            if "readonly database" in problem:
                raise DataError(
                    f"Het gegevensbestand is alleen-lezen: {lost} Controleer of "
                    f"{self.location} beschreven mag worden (rechten, schijf of USB-stick)."
                ) from exc
            if "disk i/o error" in problem:
                raise DataError(
                    f"De schijf gaf een fout bij lezen of schrijven: {lost} Controleer de "
                    f"schijf van {self.location} en maak een reservekopie."
                ) from exc
            if "database is locked" in problem:
                raise DataError(
                    f"Het gegevensbestand is bezet door een ander programma: {lost} "
                    "Probeer het over een ogenblik opnieuw."
                ) from exc
            raise
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
