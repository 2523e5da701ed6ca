"""The frozen one-folder app (PyInstaller, scripts/build) starts and works without the venv.

Builds with scripts/build (about a minute here, most of it PyInstaller) unless dist/ already
holds a build newer than every source file, installer file and pyproject.toml. Then, with the
frozen program only: `demo` in a fresh data folder, `--self-test` off-screen, `check`; the
folder's size; and the optional PostgreSQL part (dist/logeerhuis-postgresql, decision 0035).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_DIR = ROOT / "dist" / "logeerhuis"
SERVER_PART = ROOT / "dist" / "logeerhuis-postgresql"
PROGRAM = APP_DIR / ("logeerhuis.exe" if sys.platform == "win32" else "logeerhuis")
# What a user downloads and unpacks, all of it (ICU's data trimmed to Dutch, English, root).
BUDGET_MB = 120
NO_SERVER = "postgresql+psycopg://logeerhuis@127.0.0.1:1/logeerhuis"  # nothing listens there
SOURCES = (
    "logeerhuis_app",
    "installer",
    "pyproject.toml",
    "scripts/build",
    "scripts/_bootstrap.sh",
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="scripts/build is for Linux"),
]


def _newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = path.rglob("*") if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                newest = max(newest, file.stat().st_mtime)
    return newest


@pytest.fixture(scope="module")
def frozen_app() -> Path:
    """The built program: reused when it is newer than all its sources, else built now."""
    if not PROGRAM.exists() or PROGRAM.stat().st_mtime < _newest_source():
        result = subprocess.run(
            [str(ROOT / "scripts" / "build")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, f"scripts/build failed:\n{result.stdout}\n{result.stderr}"
    assert PROGRAM.exists()
    return PROGRAM


def _run(program: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOGEERHUIS_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [str(program), *args], capture_output=True, text=True, timeout=300, env=env
    )


def test_demo_self_test_and_check_pass_in_the_frozen_app(frozen_app: Path, tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    demo = _run(frozen_app, "--data-dir", data, "demo")
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "Demo-logeerhuis gemaakt" in demo.stdout

    self_test = _run(frozen_app, "--data-dir", data, "--self-test")
    assert self_test.returncode == 0, self_test.stdout + self_test.stderr
    assert "Zelftest geslaagd" in self_test.stdout

    check = _run(frozen_app, "--data-dir", data, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "(de nieuwste)" in check.stdout  # the bundled migrations brought the schema to head


def test_the_folder_is_trimmed_and_within_budget(frozen_app: Path) -> None:
    files = [f for f in APP_DIR.rglob("*") if f.is_file() and not f.is_symlink()]
    size_mb = sum(f.stat().st_size for f in files) / 1_000_000
    assert size_mb <= BUDGET_MB, f"{size_mb:.1f} MB (budget {BUDGET_MB} MB)"
    [icu_data] = [f for f in files if f.name.startswith("libicudata")]
    assert icu_data.stat().st_size < 6_000_000  # the wheel's has 32 MB

    names = {f.relative_to(APP_DIR).as_posix() for f in files}
    translations = {n.rsplit("/", 1)[1] for n in names if "/translations/" in n}
    assert translations == {"qtbase_nl.qm"}
    platforms = {n.rsplit("/", 1)[1] for n in names if "/plugins/platforms/" in n}
    assert platforms == {"libqxcb.so", "libqoffscreen.so"}
    assert not any("wayland" in n or "Quick" in n or "Qml" in n for n in names)
    assert not any("psycopg" in n for n in names)  # the optional PostgreSQL part
    for resource in (
        "logeerhuis_app/resources/icon.png",
        "logeerhuis_app/resources/fonts/DejaVuSans.ttf",
        "logeerhuis_app/resources/cbs_gemeenten_2026.csv",
        "logeerhuis_app/db/migrations/env.py",
        "logeerhuis_app/db/migrations/versions/0001_initial_schema.py",
    ):
        assert f"_internal/{resource}" in names


def test_a_server_needs_the_postgresql_part(frozen_app: Path, tmp_path: Path) -> None:
    """Without the part the app says which part to install; unpacked over a copy of the app,
    psycopg loads and tries the server (which is not there)."""

    def open_server(program: Path) -> str:
        run = _run(program, "--data-dir", str(tmp_path / "data"), "--database-url", NO_SERVER,
                   "export-data", str(tmp_path / "out.json"))  # fmt: skip
        assert run.returncode != 0
        return run.stdout + run.stderr

    assert "onderdeel 'PostgreSQL-ondersteuning'" in open_server(frozen_app)
    assert (SERVER_PART / "_internal" / "psycopg").is_dir()
    assert (SERVER_PART / "_internal" / "psycopg_binary").is_dir()
    together = tmp_path / "logeerhuis"
    shutil.copytree(APP_DIR, together, symlinks=True)
    shutil.copytree(SERVER_PART, together, symlinks=True, dirs_exist_ok=True)
    assert "is niet bereikbaar" in open_server(together / PROGRAM.name)
    assert not (tmp_path / "out.json").exists()
