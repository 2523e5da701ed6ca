"""Shared test set-up: Qt without a screen, and fresh data directories."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def _offscreen_with_a_real_screen_size() -> str:
    """Qt's off-screen platform with a 1920x1080 screen (its default is 800x800, smaller than
    the window a user sees, which would clamp restored window sizes in tests)."""
    config = Path(tempfile.gettempdir()) / "logeerhuis-test-screen.json"
    screen = {"name": "test", "x": 0, "y": 0, "width": 1920, "height": 1080,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


# Before any Qt import: tests never need a display.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = _offscreen_with_a_real_screen_size()
os.environ.pop("LOGEERHUIS_DATA_DIR", None)

import pytest  # noqa: E402  (after the Qt platform is chosen)


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
