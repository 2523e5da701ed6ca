"""Schema versioning: migrate at start, refuse a database made by a newer version untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# The newest migration, written out so that opening an up-to-date database loads neither
# Alembic nor the migration scripts (about 0.2 s of every start). Alembic is imported only
# when there is something to migrate; tests/unit/test_schema_head.py keeps this in step.
HEAD = "0017"


def is_current(revision: str | None) -> bool:
    return revision == HEAD


class SchemaError(Exception):
    """A database the app must not open; the message is Dutch and meant for the user."""


class SchemaTooNewError(SchemaError):
    pass


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def head_revision() -> str:
    from alembic.script import ScriptDirectory

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
    if revision is not None and not is_current(revision) and revision not in known_revisions():
        raise SchemaTooNewError(
            "Deze gegevens zijn gemaakt met een nieuwere versie van Logeerhuis "
            f"(schemaversie {revision}). Deze versie opent ze niet, zodat er niets beschadigd "
            "raakt. Installeer de nieuwste versie van Logeerhuis."
        )


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest version (creates it in an empty database)."""
    from alembic import command

    refuse_if_newer(stored_revision(engine))
    command.upgrade(alembic_config(engine), "head")
