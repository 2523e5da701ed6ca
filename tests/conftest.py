"""Shared test set-up: Qt without a screen, and fresh data directories."""

from __future__ import annotations

import os

# Before any Qt import: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("LOGEERHUIS_DATA_DIR", None)

import pytest


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def db(data_dir):
    from logeerhuis_app.services.database import open_database

    database = open_database(data_dir)
    yield database
    database.engine.dispose()
