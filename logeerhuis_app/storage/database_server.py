"""A database on a server (PostgreSQL): where it is, and what went wrong, in Dutch.

The connection itself is opened by `database.open_database_url`; this module holds the
setting (`--database-url` or LOGEERHUIS_DATABASE_URL) and turns driver errors into sentences a
user can act on. It imports no driver: psycopg is loaded by SQLAlchemy only for a server URL.
"""

from __future__ import annotations

import os

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..domain.redaction import scrub

ENV_DATABASE_URL = "LOGEERHUIS_DATABASE_URL"
DEFAULT_DRIVER = "postgresql+psycopg"

# SQLSTATE codes (PostgreSQL appendix A) that we explain one by one.
_BAD_LOGIN = {"28P01", "28000"}  # invalid_password, invalid_authorization_specification
_NO_DATABASE = "3D000"  # invalid_catalog_name
_NO_RIGHTS = "42501"  # insufficient_privilege
_TOGETHER = {"40001", "40P01"}  # serialization_failure, deadlock_detected
_SERVER_GONE = {"57P01", "57P02", "57P03", "08000", "08003", "08006"}


def database_url(override: str | None = None) -> str | None:
    """The server URL to use: the override, else the environment variable, else None (the
    SQLite file in the data directory)."""
    value = (override or os.environ.get(ENV_DATABASE_URL, "")).strip()
    return value or None


def parse_url(url: str) -> URL:
    """The URL as SQLAlchemy reads it; plain `postgresql://` gets the psycopg 3 driver."""
    from ..services.errors import DataError

    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        raise DataError(
            "Het adres van de database is ongeldig. Gebruik de vorm "
            "postgresql+psycopg://gebruiker@server/logeerhuis."
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername=DEFAULT_DRIVER)
    if not parsed.drivername.startswith("postgresql"):
        raise DataError(
            f"Het adres van de database begint met {parsed.drivername}://; Logeerhuis werkt "
            "met een PostgreSQL-server (postgresql+psycopg://...) of met het eigen "
            "gegevensbestand (laat het adres dan leeg)."
        )
    if not parsed.database:
        raise DataError(
            "In het adres van de database ontbreekt de naam van de database, bijvoorbeeld "
            "postgresql+psycopg://gebruiker@server/logeerhuis."
        )
    return parsed


def describe_url(url: str | URL) -> str:
    """What the user reads: user@server:port/database, never the password."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return "(ongeldig adres)"
    host = parsed.host or "localhost"
    port = f":{parsed.port}" if parsed.port else ""
    user = f"{parsed.username}@" if parsed.username else ""
    return f"{user}{host}{port}/{parsed.database or ''}"


def _server_of(location: str) -> str:
    return location.split("@", 1)[-1].split("/", 1)[0]


def _database_of(location: str) -> str:
    return location.rsplit("/", 1)[-1]


def _user_of(location: str) -> str:
    return location.split("@", 1)[0] if "@" in location else "(standaard)"


def server_problem(exc: BaseException, location: str) -> str:
    """A Dutch sentence for a driver or SQLAlchemy error on the server at `location`."""
    orig = getattr(exc, "orig", None) or exc
    state = getattr(orig, "sqlstate", None)
    text = str(orig).lower()
    server, database = _server_of(location), _database_of(location)
    if state in _BAD_LOGIN or "password authentication failed" in text:
        return (
            f"De databaseserver {server} weigert de aanmelding: de gebruikersnaam "
            f"({_user_of(location)}) of het wachtwoord klopt niet."
        )
    if "no password supplied" in text or "password is required" in text:
        return (
            f"De databaseserver {server} vraagt een wachtwoord; vul het wachtwoord in bij "
            "de verbinding."
        )
    if state == _NO_DATABASE or ("database" in text and "does not exist" in text):
        return (
            f"Op de databaseserver {server} bestaat geen database {database}. Laat de "
            "beheerder die aanmaken (leeg; Logeerhuis richt hem zelf in) of controleer de naam."
        )
    if "role" in text and "does not exist" in text:
        return (
            f"De databaseserver {server} kent de gebruiker {_user_of(location)} niet. "
            "Controleer de gebruikersnaam."
        )
    if state == _NO_RIGHTS or "permission denied" in text:
        return (
            f"De gebruiker {_user_of(location)} heeft onvoldoende rechten op database "
            f"{database} ({server})."
        )
    if state in _TOGETHER:
        return "Een andere computer wijzigde tegelijk dezelfde gegevens; probeer het opnieuw."
    unreachable = (
        "connection refused",
        "could not connect",
        "timeout expired",
        "timed out",
        "could not translate host name",
        "name or service not known",
        "no route to host",
        "network is unreachable",
        "connection failed",
    )
    if state in _SERVER_GONE or "server closed the connection" in text or "terminat" in text:
        return (
            f"De verbinding met de databaseserver {server} is verbroken. Controleer het "
            "netwerk en probeer het opnieuw."
        )
    if any(phrase in text for phrase in unreachable):
        return (
            f"De databaseserver {server} is niet bereikbaar. Controleer of de server aan "
            "staat, of deze computer op het netwerk is en of het adres klopt."
        )
    first_line = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return f"De databaseserver {server} gaf een fout: {scrub(first_line)}"
