"""An installation without the PostgreSQL part (the installer's optional component, decision
0035): choosing a server gives a Dutch message that says how to get it, never a crash."""

from __future__ import annotations

import sys

import pytest

from logeerhuis_app.services.errors import DataError
from logeerhuis_app.storage.database import (
    NO_SERVER_DRIVER,
    open_database_url,
    test_connection,
)

URL = "postgresql+psycopg://ria@127.0.0.1:1/logeerhuis"


@pytest.fixture
def without_driver(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` fails, as there


def test_opening_a_server_says_which_part_to_install(without_driver):
    with pytest.raises(DataError) as caught:
        open_database_url(URL)
    assert caught.value.message == NO_SERVER_DRIVER
    assert "onderdeel 'PostgreSQL-ondersteuning'" in NO_SERVER_DRIVER


def test_the_connection_dialog_check_says_the_same(without_driver):
    assert test_connection(URL) == NO_SERVER_DRIVER
