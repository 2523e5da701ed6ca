"""Opening a server database: migrations, a newer schema refused, every failure in Dutch."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from logeerhuis_app.db import schema
from logeerhuis_app.services.errors import DataError
from logeerhuis_app.storage import database
from logeerhuis_app.storage.database import SchemaTooNew, open_database_url


def _with(url: str, **parts) -> str:
    return make_url(url).set(**parts).render_as_string(hide_password=False)


def _admin(url: str, *statements: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def test_an_empty_database_is_migrated_and_a_good_connection_says_nothing(pg_empty_url):
    assert database.test_connection(pg_empty_url) is None
    db = open_database_url(pg_empty_url)
    try:
        assert schema.stored_revision(db.engine) == schema.head_revision()
        assert db.is_empty
        assert "@" in db.location and ":" in db.location and "/" in db.location
    finally:
        db.close()
    assert database.test_connection(pg_empty_url) is None


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ({"port": 1}, "is niet bereikbaar"),
        ({"host": "geen-server.invalid"}, "is niet bereikbaar"),
        ({"database": "bestaat_niet"}, "bestaat geen database bestaat_niet"),
        ({"username": "niemand"}, "kent de gebruiker niemand niet"),
    ],
)
def test_what_goes_wrong_is_said_in_dutch(pg_url, parts, expected):
    url = _with(pg_url, **parts)
    assert expected in database.test_connection(url)
    with pytest.raises(DataError, match=expected):
        open_database_url(url)


def test_a_wrong_password_is_named(pg_url):
    _admin(
        pg_url, "DROP ROLE IF EXISTS lh_password", "CREATE ROLE lh_password LOGIN PASSWORD 'juist'"
    )
    try:
        wrong = _with(pg_url, username="lh_password", password="fout")
        assert "het wachtwoord klopt niet" in database.test_connection(wrong)
        with pytest.raises(DataError, match="het wachtwoord klopt niet"):
            open_database_url(wrong)
        assert "vraagt een wachtwoord" in database.test_connection(
            _with(pg_url, username="lh_password", password=None)
        )
        # The right password gets in; this role may not read the tables, and that is said.
        right = database.test_connection(_with(pg_url, username="lh_password", password="juist"))
        assert "onvoldoende rechten" in right
    finally:
        _admin(pg_url, "DROP OWNED BY lh_password", "DROP ROLE lh_password")


@pytest.mark.parametrize("url", ["mysql://a@b/c", "postgresql://a@server", "::"])
def test_a_bad_address_is_explained(url):
    reason = database.test_connection(url)
    assert reason and "adres" in reason.lower()


def test_a_newer_schema_is_refused_and_left_untouched(pg_url):
    _admin(pg_url, "UPDATE alembic_version SET version_num = '9999'")
    assert "nieuwere versie" in database.test_connection(pg_url)
    with pytest.raises(SchemaTooNew, match="nieuwere versie"):
        open_database_url(pg_url)
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
    engine.dispose()


def test_an_older_schema_without_rights_to_upgrade_is_explained(pg_empty_url):
    from alembic import command

    engine = create_engine(pg_empty_url)
    command.upgrade(schema.alembic_config(engine), "0009")
    engine.dispose()
    name = make_url(pg_empty_url).database
    _admin(
        pg_empty_url,
        "DROP ROLE IF EXISTS lh_reader",
        "CREATE ROLE lh_reader LOGIN",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f'GRANT CONNECT ON DATABASE "{name}" TO lh_reader',
        "GRANT USAGE ON SCHEMA public TO lh_reader",
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO lh_reader",
    )
    try:
        reader = _with(pg_empty_url, username="lh_reader")
        assert "geen tabellen maken" in database.test_connection(reader)
        with pytest.raises(DataError, match=r"ouder schema.*geen rechten"):
            open_database_url(reader)
        # The owner can: the same database opens and is brought up to date.
        open_database_url(pg_empty_url).close()
        assert database.test_connection(reader) is None
    finally:
        _admin(pg_empty_url, "DROP OWNED BY lh_reader", "DROP ROLE lh_reader")
