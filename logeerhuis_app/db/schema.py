"""Schema versioning: migrate at start, refuse a database made by a newer version untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class SchemaError(Exception):
    """A database the app must not open; the message is Dutch and meant for the user."""


class SchemaTooNewError(SchemaError):
    pass


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def head_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    return head


def stored_revision_sqlite_file(path: Path) -> str | None:
    """Read the schema version without writing a byte: a read-only, pragma-free connection."""
    if not path.exists():
        return None
    uri = f"file:{path}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise SchemaError(f"Het gegevensbestand {path} kan niet worden geopend: {exc}") from exc
    try:
        rows = conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchall()
        if not rows:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise SchemaError(
            f"Het gegevensbestand {path} is beschadigd of is geen Logeerhuis-bestand ({exc})."
        ) from exc
    finally:
        conn.close()


def stored_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def refuse_if_newer(revision: str | None) -> None:
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNewError(
            "Deze gegevens zijn gemaakt met een nieuwere versie van Logeerhuis "
            f"(schemaversie {revision}). Deze versie opent ze niet, zodat er niets beschadigd "
            "raakt. Installeer de nieuwste versie van Logeerhuis."
        )


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest version (creates it in an empty database)."""
    refuse_if_newer(stored_revision(engine))
    command.upgrade(alembic_config(engine), "head")
