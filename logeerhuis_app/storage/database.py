"""The open database: one engine, one unit of work (session) per service call.

The ORM (sqlalchemy.orm and the models) is loaded by the first session, not by opening the
database: the start reads its first page with Core (`read()`) and paints it before that
(decision 0034).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import OperationalError, ProgrammingError, SQLAlchemyError

from ..db import schema
from ..db.engine import make_engine, make_session_factory, reading, sqlite_url
from ..db.locking import StaleVersionError
from ..domain.accounts import CurrentUser
from ..domain.redaction import scrub
from ..paths import database_path
from ..services.changes import Outcome
from ..services.errors import ConflictError, DataError, ServiceError
from .database_server import database_url, describe_url, parse_url, server_problem
from .private_files import create_private_file, private_dir, tighten_data_dir
from .work_dirs import clean_work_dirs

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

__all__ = [
    "Database",
    "SchemaTooNew",
    "database_url",
    "open_database",
    "open_database_url",
    "test_connection",
]

T = TypeVar("T")

# The installer adds the PostgreSQL driver only when asked to (decision 0035).
NO_SERVER_DRIVER = (
    "De PostgreSQL-ondersteuning (psycopg) is niet geïnstalleerd in deze installatie van "
    "Logeerhuis. Installeer Logeerhuis opnieuw en kies daarbij het onderdeel "
    "'PostgreSQL-ondersteuning'."
)


# A save that lost the race with another PC or window (the row's version moved on).
STALE = (
    "Deze gegevens zijn intussen door iemand anders gewijzigd; de wijziging is niet "
    "opgeslagen. Sluit het venster en open het opnieuw."
)


class SchemaTooNew(DataError):
    """The data was made by a newer version of the app; it is left untouched."""


@dataclass
class Database:
    engine: Engine
    location: str  # shown to the user: a file path or a server address
    # Who is signed in (set by access/accounts.sign_in). None: the command line, a script
    # or a test, which may do everything as the local system user (decision 0014).
    user: CurrentUser | None = None
    _sessions: sessionmaker[Session] | None = field(default=None, init=False, repr=False)
    # The tables written by committed units of work, one set per Database.run() in progress.
    _recording: list[set[str]] = field(default_factory=list, init=False, repr=False)

    @property
    def sessions(self) -> sessionmaker[Session]:
        """The session factory, made (and the ORM imported) when first needed."""
        if self._sessions is None:
            from ._text_bounds import guard_text_lengths
            from .written_tables import note_written_tables

            self._sessions = make_session_factory(self.engine)
            guard_text_lengths(self._sessions)  # no text longer than its column (0028)
            note_written_tables(self._sessions)  # what a unit of work changed (0053)
        return self._sessions

    @property
    def on_server(self) -> bool:
        """A PostgreSQL server shared by several PCs, rather than this PC's own file."""
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def session(self, *, write: bool = True) -> Iterator[Session]:
        """A unit of work: commits when the block ends normally, rolls back on any error.

        On SQLite a unit of work that may write begins with BEGIN IMMEDIATE: it holds the
        write lock from its first read, so two processes take turns (decision 0023). A view
        that only reads passes write=False and does not wait for a writer.
        """
        from sqlalchemy.orm.exc import StaleDataError

        bind = self.engine if write else reading(self.engine)
        session = self.sessions(bind=bind)
        session.info["user"] = self.user  # for log_access(session, ...)
        try:
            yield session
            session.commit()
            self._record(session)
        except OperationalError as exc:  # the disk, not the data: say so in Dutch
            session.rollback()
            dutch = self._storage_error(exc)
            if dutch is None:
                raise
            raise dutch from exc
        except (StaleVersionError, StaleDataError) as exc:  # another PC saved it a moment ago
            session.rollback()
            raise ConflictError(STALE) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def run(self, op: Callable[[], T]) -> Outcome[T]:
        """Run a use case and say what it changed: its value and the subjects of every table
        its committed units of work wrote (decision 0053). A ServiceError passes through, carrying
        what was committed before it in `changed`."""
        from .written_tables import changes_of

        written: set[str] = set()
        self._recording.append(written)
        try:
            value = op()
        except ServiceError as exc:
            exc.changed = exc.changed | changes_of(written)
            raise
        finally:
            self._recording.pop()  # runs nest: the innermost ends first
        return Outcome(value, changes_of(written))

    def _record(self, session: Session) -> None:
        from .written_tables import WRITTEN

        written = session.info.get(WRITTEN)
        if written:
            for recording in self._recording:
                recording.update(written)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read with SQLAlchemy Core, without the ORM (what the start's first page reads);
        the same Dutch messages as session() when the disk or the server fails. It never
        takes SQLite's write lock."""
        try:
            with reading(self.engine).connect() as conn:
                yield conn
        except OperationalError as exc:
            dutch = self._storage_error(exc)
            if dutch is None:
                raise
            raise dutch from exc

    def _storage_error(self, exc: OperationalError) -> DataError | None:
        """The Dutch message for a failing disk, file or server; None for anything else."""
        problem = str(exc.orig).lower()
        lost = "de wijziging is niet opgeslagen; wat eerder is opgeslagen blijft bewaard."
        if "disk is full" in problem:
            return DataError(
                f"De schijf is vol: {lost} Maak ruimte vrij op de schijf van "
                f"{self.location} en probeer het opnieuw."
            )
        if "readonly database" in problem:
            return DataError(
                f"Het gegevensbestand is alleen-lezen: {lost} Controleer of "
                f"{self.location} beschreven mag worden (rechten, schijf of USB-stick)."
            )
        if "disk i/o error" in problem:
            return DataError(
                f"De schijf gaf een fout bij lezen of schrijven: {lost} Controleer de "
                f"schijf van {self.location} en maak een reservekopie."
            )
        if "database is locked" in problem:
            return DataError(
                f"Het gegevensbestand is bezet door een ander programma: {lost} "
                "Probeer het over een ogenblik opnieuw."
            )
        if self.on_server:
            return DataError(f"{server_problem(exc, self.location)} {lost}")
        return None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        """`with open_database(...) as db:` closes it however the block ends."""
        self.close()

    @property
    def is_empty(self) -> bool:
        """True when no guests, rooms or funders exist yet (a fresh install)."""
        from ..db.core_tables import funders, guests, rooms

        with self.read() as conn:
            return not any(
                conn.execute(select(t.c.id).limit(1)).first() for t in (guests, rooms, funders)
            )


def open_database(data_dir: Path, *, migrate: bool = True) -> Database:
    """Open (and create or upgrade) the SQLite database in the data directory.

    A database made by a newer version is refused before a single byte is written.
    """
    path = database_path(data_dir)
    try:
        stored = schema.stored_revision_sqlite_file(path)
        schema.refuse_if_newer(stored)
    except schema.SchemaTooNewError as exc:
        raise SchemaTooNew(str(exc)) from exc
    except schema.SchemaError as exc:
        raise DataError(str(exc)) from exc
    try:
        private_dir(data_dir)
        tighten_data_dir(data_dir)  # an install from before owner-only files (0027)
        clean_work_dirs(data_dir)  # plain copies left by a killed restore or backup (0028)
        if not path.exists():  # SQLite gives the -wal and -shm the rights of this file
            create_private_file(path)
    except OSError as exc:
        raise DataError(f"De gegevensmap {data_dir} kan niet worden gemaakt: {exc}") from exc
    engine = make_engine(sqlite_url(path))
    try:
        if migrate and not schema.is_current(stored):
            if stored is not None:  # an existing file: keep it as it is before changing it
                _backup_before_upgrade(data_dir, engine)
            schema.upgrade(engine)
    except OperationalError as exc:
        engine.dispose()
        raise DataError(
            f"Het gegevensbestand {path} kan niet worden geopend of bijgewerkt: "
            f"{scrub(str(exc.orig))}"
        ) from exc
    return Database(engine=engine, location=str(path))


def _backup_before_upgrade(data_dir: Path, engine: Engine) -> None:
    """A verified automatic backup (SQLite backup API, integrity check) before a newer version
    changes the schema; without it the upgrade does not start (decision 0024)."""
    from .backup import make_backup

    try:
        make_backup(data_dir)
    except DataError as exc:
        engine.dispose()
        raise DataError(
            "Deze versie van Logeerhuis moet de gegevens bijwerken en maakt daarvoor eerst een "
            f"backup, maar die is niet gelukt: {exc.message} Er is niets veranderd."
        ) from exc


def open_database_url(url: str, *, migrate: bool = True) -> Database:
    """Open the database on a PostgreSQL server: connect, refuse a newer schema, migrate.

    Every failure becomes a DataError in Dutch: the server is unreachable, the login is
    refused, the database does not exist, or its schema is older and this user may not
    change it. A newer schema is refused (SchemaTooNew) before anything is written.
    """
    parsed = parse_url(url)
    location = describe_url(parsed)
    try:
        engine = make_engine(parsed)
    except ImportError as exc:  # the driver is an optional part of an installation
        raise DataError(NO_SERVER_DRIVER) from exc
    try:
        revision = schema.stored_revision(engine)
        schema.refuse_if_newer(revision)
        if migrate and not schema.is_current(revision):
            try:
                schema.upgrade(engine)
            except ProgrammingError as exc:
                if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient_privilege
                    raise
                raise DataError(
                    f"De database {location} heeft een ouder schema "
                    f"({revision or 'leeg'}) dat moet worden bijgewerkt naar "
                    f"{schema.head_revision()}, maar deze gebruiker heeft daar geen rechten "
                    "voor. Laat de beheerder Logeerhuis één keer openen met een gebruiker die "
                    "tabellen mag maken en wijzigen (de eigenaar van de database)."
                ) from exc
    except schema.SchemaTooNewError as exc:
        engine.dispose()
        raise SchemaTooNew(str(exc)) from exc
    except DataError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise DataError(server_problem(exc, location)) from exc
    return Database(engine=engine, location=location)


def test_connection(url: str) -> str | None:
    """For the connection dialog: None when the database can be used as it is or after the
    migrations, else the Dutch reason. Reads only; nothing is created or changed."""
    try:
        parsed = parse_url(url)
    except DataError as exc:
        return exc.message
    location = describe_url(parsed)
    try:
        engine = make_engine(parsed)
    except ImportError:
        return NO_SERVER_DRIVER
    try:
        revision = schema.stored_revision(engine)
        schema.refuse_if_newer(revision)
        if not schema.is_current(revision) and not _may_create_tables(engine):
            return (
                f"De database {location} heeft een ouder schema ({revision or 'leeg'}) dat "
                "moet worden bijgewerkt, maar deze gebruiker mag daar geen tabellen maken."
            )
    except schema.SchemaTooNewError as exc:
        return str(exc)
    except SQLAlchemyError as exc:
        return server_problem(exc, location)
    finally:
        engine.dispose()
    return None


def _may_create_tables(engine: Engine) -> bool:
    query = text("SELECT has_schema_privilege(current_schema(), 'CREATE')")
    with engine.connect() as conn:
        return bool(conn.execute(query).scalar())


test_connection.__test__ = False  # type: ignore[attr-defined]  # not a pytest test
