"""One demo house per test module, built for today (building it takes a few seconds)."""

from __future__ import annotations

from datetime import date

import pytest

from logeerhuis_app.demo.builder import build_demo
from logeerhuis_app.storage.database import open_database


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    today = date.today()
    db = open_database(tmp_path_factory.mktemp("demo"))
    summary = build_demo(db, today=today)
    yield db, summary, today
    db.close()
