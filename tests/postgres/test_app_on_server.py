"""The demo house on a server, opened by the window: every page visited (--self-test), with
the server chosen the way a user chooses it (the setting saved by Bestand > Databaseserver)."""

from __future__ import annotations

import os
import subprocess
import sys

from logeerhuis_app.cli import main
from logeerhuis_app.storage.server_setting import save_server_url


def test_every_page_opens_on_the_demo_house_on_a_server(pg_empty_url, data_dir, monkeypatch):
    monkeypatch.delenv("LOGEERHUIS_DATABASE_URL", raising=False)
    save_server_url(data_dir, pg_empty_url)
    assert main(["--data-dir", str(data_dir), "demo"]) == 0  # on the server, by the setting
    assert not (data_dir / "logeerhuis.sqlite3").exists()

    env = {k: v for k, v in os.environ.items() if k != "LOGEERHUIS_DATABASE_URL"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    run = subprocess.run(
        [sys.executable, "-m", "logeerhuis_app", "--data-dir", str(data_dir), "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Zelftest geslaagd" in run.stdout
    assert "Planner" in run.stdout and "Toegangslog" in run.stdout
    assert not (data_dir / "logeerhuis.sqlite3").exists()  # no stray local file was made
