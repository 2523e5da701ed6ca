"""The Windows installer (installer/logeerhuis.nsi) compiles with makensis, and under wine it
installs per user, upgrades in place keeping the user's data, and uninstalls cleanly.

PyInstaller cannot build the Windows app on Linux, so the installer carries a stand-in of the
build's layout: logeerhuis.exe (wine's own ping.exe, a real Windows program that can be kept
running), _internal/ with a version file, and the PostgreSQL part. What is tested is the
installer itself: folders, shortcuts, registry, components, the upgrade, the uninstall.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "installer" / "logeerhuis.nsi"
UNINSTALL_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Logeerhuis"
CHOICES_KEY = r"HKCU\Software\Logeerhuis\Installatie"

needs_makensis = pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (nsis)")
needs_wine = pytest.mark.skipif(shutil.which("wine") is None, reason="wine en wine64")


def _payload(dist: Path, version: str, program: bytes) -> None:
    """A stand-in of dist/logeerhuis and dist/logeerhuis-postgresql for one version."""
    app = dist / "logeerhuis"
    (app / "_internal" / "PySide6").mkdir(parents=True)
    (app / "logeerhuis.exe").write_bytes(program)
    (app / "_internal" / "version.txt").write_text(version, encoding="utf-8")
    (app / "_internal" / "PySide6" / f"alleen-in-{version}.dll").write_bytes(b"oud")
    server = dist / "logeerhuis-postgresql" / "_internal" / "psycopg"
    server.mkdir(parents=True)
    (server / "__init__.pyc").write_bytes(b"psycopg " + version.encode())


def _compile(tmp: Path, version: str, program: bytes) -> Path:
    dist = tmp / f"dist-{version}"
    _payload(dist, version, program)
    subprocess.run(
        ["makensis", "-V2", f"-DVERSION={version}", f"-DDIST={dist}", str(SCRIPT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return dist / f"logeerhuis-{version}-setup.exe"


@needs_makensis
def test_the_installer_compiles_into_a_64_bit_windows_program(tmp_path):
    setup = _compile(tmp_path, "0.1.0", b"MZ stand-in")
    head = setup.read_bytes()[:4096]
    assert head[:2] == b"MZ"
    pe = int.from_bytes(head[0x3C:0x40], "little")
    assert head[pe : pe + 4] == b"PE\0\0"
    assert int.from_bytes(head[pe + 4 : pe + 6], "little") == 0x8664  # x86-64


class Wine:
    """A fresh wine prefix (Windows 10) with its own HOME, so nothing outside it changes."""

    def __init__(self, root: Path) -> None:
        (root / "home").mkdir(parents=True)
        self.prefix = root / "prefix"
        self.env = {
            **os.environ,
            "HOME": str(root / "home"),
            "WINEPREFIX": str(self.prefix),
            "WINEDEBUG": "-all",
            "WINEDLLOVERRIDES": "winemenubuilder.exe=d;mscoree=;mshtml=",
        }
        self.env.pop("DISPLAY", None)
        self.run("wineboot", "--init")
        self.windows("win10")

    def run(
        self, *args: str, check: bool = True, wait: bool = True
    ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            ["wine", *args], env=self.env, capture_output=True, text=True, timeout=600
        )
        if wait:  # until every process of the prefix has stopped (an uninstaller's copy)
            subprocess.run(["wineserver", "-w"], env=self.env, timeout=600)
        if check:
            assert done.returncode == 0, done.stdout + done.stderr
        return done

    def windows(self, version: str) -> None:
        self.run("winecfg", "/v", version)

    @property
    def user(self) -> Path:
        [home] = [p for p in (self.prefix / "drive_c" / "users").iterdir() if p.name != "Public"]
        return home

    @property
    def program_dir(self) -> Path:
        return self.user / "AppData" / "Local" / "Programs" / "Logeerhuis"

    @property
    def data_dir(self) -> Path:  # where the app keeps the house's data (platformdirs)
        return self.user / "AppData" / "Local" / "Logeerhuis"

    @property
    def start_menu(self) -> Path:
        return (self.user / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu"
                / "Programs" / "Logeerhuis.lnk")  # fmt: skip

    @property
    def desktop(self) -> Path:
        return self.user / "Desktop" / "Logeerhuis.lnk"

    def registry(self, key: str) -> dict[str, str]:
        done = self.run("reg", "query", key, check=False)
        values = {}
        for line in done.stdout.splitlines():
            parts = line.split(None, 2)
            if len(parts) == 3 and parts[1].startswith("REG_"):
                values[parts[0]] = parts[2]
        return values


@pytest.fixture(scope="module")
def wine(tmp_path_factory):
    if shutil.which("makensis") is None or shutil.which("wine") is None:
        pytest.skip("makensis en wine nodig")
    return Wine(tmp_path_factory.mktemp("wine"))


@pytest.fixture(scope="module")
def setups(wine, tmp_path_factory):
    """Two versions; their program is wine's ping.exe (a Windows program that can run)."""
    ping = (wine.prefix / "drive_c" / "windows" / "system32" / "ping.exe").read_bytes()
    tmp = tmp_path_factory.mktemp("setups")
    return {version: _compile(tmp, version, ping) for version in ("0.1.0", "0.2.0")}


@pytest.mark.slow
@needs_wine
def test_install_upgrade_and_uninstall_per_user_keep_the_data(wine, setups):
    # Install 0.1.0 with a desktop shortcut, without the PostgreSQL part.
    wine.run(str(setups["0.1.0"]), "/S", "/DESKTOP=1")
    program = wine.program_dir
    assert (program / "_internal" / "version.txt").read_text(encoding="utf-8") == "0.1.0"
    assert (program / "logeerhuis.exe").is_file() and (program / "uninstall.exe").is_file()
    assert not (program / "_internal" / "psycopg").exists()
    assert wine.start_menu.is_file() and wine.desktop.is_file()
    uninstall = wine.registry(UNINSTALL_KEY)
    assert uninstall["DisplayVersion"] == "0.1.0"
    assert uninstall["InstallLocation"].endswith(r"AppData\Local\Programs\Logeerhuis")
    assert uninstall["QuietUninstallString"].endswith('uninstall.exe" /S')

    # The app writes its data outside the program folder.
    wine.data_dir.mkdir(parents=True)
    database = wine.data_dir / "logeerhuis.sqlite3"
    database.write_bytes(b"de gegevens van het logeerhuis")
    (wine.data_dir / "venster.ini").write_text("[window]\npage=3\n", encoding="utf-8")

    # Upgrade to 0.2.0, now with the PostgreSQL part: the old files go, the data stays,
    # the desktop shortcut chosen before stays chosen.
    wine.run(str(setups["0.2.0"]), "/S", "/POSTGRESQL=1")
    assert (program / "_internal" / "version.txt").read_text(encoding="utf-8") == "0.2.0"
    assert not (program / "_internal" / "PySide6" / "alleen-in-0.1.0.dll").exists()
    assert (program / "_internal" / "PySide6" / "alleen-in-0.2.0.dll").exists()
    assert (program / "_internal" / "psycopg" / "__init__.pyc").read_bytes() == b"psycopg 0.2.0"
    assert wine.desktop.is_file()
    assert database.read_bytes() == b"de gegevens van het logeerhuis"
    assert wine.registry(UNINSTALL_KEY)["DisplayVersion"] == "0.2.0"
    assert wine.registry(CHOICES_KEY)["PostgreSQL"] == "0x1"

    # The same version again without options keeps the PostgreSQL part.
    wine.run(str(setups["0.2.0"]), "/S")
    assert (program / "_internal" / "psycopg" / "__init__.pyc").is_file()

    # Uninstall: the program, its shortcuts and registry entries go; the data stays.
    wine.run(str(program / "uninstall.exe"), "/S")
    assert not program.exists()
    assert not wine.start_menu.exists() and not wine.desktop.exists()
    assert wine.registry(UNINSTALL_KEY) == {}
    assert wine.registry(CHOICES_KEY) == {}
    assert database.read_bytes() == b"de gegevens van het logeerhuis"
    assert (wine.data_dir / "venster.ini").is_file()


@pytest.mark.slow
@needs_wine
def test_the_installer_waits_for_a_running_logeerhuis_and_refuses_old_windows(wine, setups):
    wine.run(str(setups["0.1.0"]), "/S")
    program = wine.program_dir / "logeerhuis.exe"
    running = subprocess.Popen(  # the stand-in program runs for about 20 seconds
        ["wine", str(program), "-n", "20", "127.0.0.1"],
        env=wine.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(60):  # until wine has it running
            found = subprocess.run(["pgrep", "-f", "logeerhuis.exe"], capture_output=True)
            if found.returncode == 0:
                break
            time.sleep(0.5)
        time.sleep(1)
        refused = wine.run(str(setups["0.2.0"]), "/S", check=False, wait=False)
        assert refused.returncode == 2
        assert (wine.program_dir / "_internal" / "version.txt").read_text() == "0.1.0"
    finally:
        running.kill()
        running.wait()
        subprocess.run(["wineserver", "-k"], env=wine.env, timeout=60)
    wine.run(str(wine.program_dir / "uninstall.exe"), "/S")

    wine.windows("win7")  # Qt 6 needs the icu.dll of Windows 10 1903 and later
    try:
        assert wine.run(str(setups["0.1.0"]), "/S", check=False).returncode == 2
        assert not wine.program_dir.exists()
    finally:
        wine.windows("win10")
