"""The start paints the planner before it loads the ORM, the models or a document library.

What keeps the start near its floor (decision 0034, bench/startup_bench.py): the planner's
first view is read with SQLAlchemy Core, and the ORM, the other pages and their services
follow once it has painted. Checked on the real start (`--startup-probe`, the user's start
without the sign-in) in a fresh interpreter, on a demo house.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from logeerhuis_app.demo.builder import build_demo
from logeerhuis_app.storage.database import open_database


@pytest.fixture
def demo_dir(tmp_path):
    data = tmp_path / "demo"
    db = open_database(data)
    try:
        build_demo(db)
    finally:
        db.close()
    return data


def _probe(data_dir) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOGEERHUIS_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "logeerhuis_app", "--data-dir", str(data_dir), "--startup-probe"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_the_planner_paints_before_the_orm_and_documents_are_loaded(demo_dir):
    run = _probe(demo_dir)
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert any(line.startswith("startup-probe: page painted: Planner at") for line in lines)
    assert "startup-probe: heavy modules loaded by the first paint: -" in lines, run.stdout
