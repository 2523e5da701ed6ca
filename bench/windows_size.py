"""An estimate of the frozen Windows folder, made on Linux from the Windows wheels.

PyInstaller cannot build for Windows here, so this sums what installer/logeerhuis.spec would
keep of the win_amd64 wheels of the pinned packages (the versions in this venv), with the
very same rules (installer/trim_rules.py):

  Qt      PySide6's QtCore/QtGui/QtWidgets modules, the Qt DLLs and MSVC runtime they import
          (followed through the DLLs' import tables, read with objdump), the plugins and the
          translation the rules keep;
  wheels  every other package's extension modules and DLLs, less the excluded modules; the
          PostgreSQL part (psycopg-binary) on its own line, as the installer adds it apart;
  same    what is the same on both systems, measured in the Linux build (dist/logeerhuis):
          the archive of Python modules in the program, base_library.zip, the app's fonts
          and other data files;
  Python  CPython's own DLLs (python311.dll, the DLLs folder, OpenSSL, SQLite) are not in a
          wheel: their Linux counterparts in the build stand in for them (same CPython, same
          modules; the Windows files are of the same size within about 10 %).

Usage:  python bench/windows_size.py [--wheels DIR] [--linux DIR] [--json FILE]

Without --wheels it runs `pip download --platform win_amd64 --only-binary=:all: --no-deps`
into a temporary folder. A measurement, not a test: it prints the estimate and exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "installer"))
from trim_rules import (  # noqa: E402
    ALWAYS_DROP,
    EXCLUDED_MODULES,
    UNUSED_BINARY_RE,
    is_server_part,
    keep_data,
    keep_plugin,
)

# The distributions with Windows binaries among the app's dependencies (pip names).
BINARY_PACKAGES = ("PySide6-Essentials", "shiboken6", "SQLAlchemy", "lxml", "pillow",
                   "psycopg-binary", "pycryptodomex", "argon2-cffi-bindings", "cffi",
                   "charset-normalizer", "MarkupSafe", "pyinstaller")  # fmt: skip
QT_MODULES = ("QtCore", "QtGui", "QtWidgets")  # what the app imports (and the spec keeps)
BINARY_SUFFIXES = (".pyd", ".dll", ".exe")
BUDGET_MB = 120.0


def download(wheels: Path) -> None:
    pins = [f"{name}=={metadata.version(name)}" for name in BINARY_PACKAGES]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
         "--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp",
         "--only-binary=:all:", "--no-deps", "-d", str(wheels), *pins],
        check=True,
    )  # fmt: skip


def unpack(wheels: Path, site: Path) -> None:
    for wheel in sorted(wheels.glob("*win_amd64.whl")):
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(site)


def dll_imports(path: Path) -> list[str]:
    """The DLL names in a PE file's import table (objdump reads PE on Linux)."""
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
    return re.findall(r"DLL Name: (\S+)", out)


def _module_of(relative: str) -> str:
    """'PIL/_avif.cp311-win_amd64.pyd' -> 'PIL._avif'."""
    path = PurePosixPath(relative)
    return ".".join([*path.parent.parts, path.name.split(".", 1)[0]])


def _excluded(relative: str) -> bool:
    module = _module_of(relative)
    return any(module == m or module.startswith(m + ".") for m in EXCLUDED_MODULES)


def qt_part(site: Path) -> dict[str, int]:
    """What the spec keeps of PySide6 and shiboken6: file (relative) -> bytes."""
    pyside = site / "PySide6"
    dlls = {p.name.lower(): p for d in (pyside, site / "shiboken6") for p in d.glob("*.dll")}
    roots = [p for p in pyside.glob("*.pyd") if p.stem.split(".")[0] in QT_MODULES]
    roots += list((site / "shiboken6").glob("*.pyd"))
    plugins = [p for p in (pyside / "plugins").rglob("*.dll")
               if keep_plugin(p.relative_to(site).as_posix())]  # fmt: skip
    kept = {p for p in [*roots, *plugins] if not UNUSED_BINARY_RE.match(p.name)}
    todo = list(kept)
    while todo:
        for name in dll_imports(todo.pop()):
            dll = dlls.get(name.lower())
            if dll is not None and dll not in kept and dll.name.lower() not in ALWAYS_DROP:
                kept.add(dll)
                todo.append(dll)
    translations = [p for p in (pyside / "translations").glob("*.qm")
                    if keep_data(p.relative_to(site).as_posix())]  # fmt: skip
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in [*kept, *translations]}


def other_wheels(site: Path) -> tuple[dict[str, int], dict[str, int]]:
    """The binaries of the other packages: (the app's, the PostgreSQL part's)."""
    app, server = {}, {}
    for path in site.rglob("*"):
        relative = path.relative_to(site).as_posix()
        top = relative.split("/", 1)[0]
        if (not path.is_file() or not relative.endswith(BINARY_SUFFIXES)
                or top in ("PySide6", "shiboken6", "PyInstaller", "bin")
                or _excluded(relative) or UNUSED_BINARY_RE.match(relative)):  # fmt: skip
            continue
        (server if is_server_part(relative) else app)[relative] = path.stat().st_size
    return app, server


def _is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def from_linux(build: Path, site: Path) -> dict[str, int]:
    """Parts measured in the Linux build: the same on Windows, or standing in for CPython."""
    parts = {"program (bootloader + archive of Python modules)": 0, "data files": 0,
             "CPython: libpython, its extension modules, OpenSSL, SQLite, libffi": 0}  # fmt: skip
    runtime = re.compile(r"^(libpython3|libcrypto|libssl|libsqlite3|libffi|libmpdec|libexpat"
                         r"|libz\.|liblzma|libbz2)")  # fmt: skip
    linux_boot = next(iter(Path(__import__("PyInstaller").__file__).parent.glob(
        "bootloader/Linux-64bit-intel/run")), None)  # fmt: skip
    windows_boot = next(iter(site.glob("PyInstaller/bootloader/Windows-64bit-intel/runw.exe")))
    for path in build.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(build).as_posix()
        size = path.stat().st_size
        if relative == "logeerhuis":
            boot = linux_boot.stat().st_size if linux_boot else 0
            parts["program (bootloader + archive of Python modules)"] += (
                size - boot + windows_boot.stat().st_size
            )
        elif not _is_elf(path):
            inside = relative.removeprefix("_internal/")
            if not is_server_part(inside) and inside.split("/")[0] not in ("PySide6", "shiboken6"):
                parts["data files"] += size
        elif "python3.11/lib-dynload/" in relative or runtime.match(path.name):
            parts["CPython: libpython, its extension modules, OpenSSL, SQLite, libffi"] += size
    return parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheels", type=Path, help="a folder with the win_amd64 wheels")
    parser.add_argument("--linux", type=Path, default=ROOT / "dist" / "logeerhuis")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not (args.linux / "logeerhuis").is_file():
        sys.exit(
            f"{args.linux}: eerst scripts/build (de Linux-build levert de gemeenschappelijke delen)"
        )
    with tempfile.TemporaryDirectory(prefix="logeerhuis-winsize-") as work:
        wheels = args.wheels or Path(work) / "wheels"
        if args.wheels is None:
            print("Windows-wheels downloaden (pip download --platform win_amd64) ...", flush=True)
            download(wheels)
        site = Path(work) / "site"
        unpack(wheels, site)
        qt = qt_part(site)
        app_bins, server_bins = other_wheels(site)
        linux = from_linux(args.linux, site)

    rows = [("Qt: PySide6, shiboken6, Qt DLLs, MSVC runtime, plugins, translation",
             sum(qt.values()))]  # fmt: skip
    packages: dict[str, int] = {}
    for relative, size in app_bins.items():
        top = relative.split("/", 1)[0].split(".")[0]
        packages[top] = packages.get(top, 0) + size
    rows += [(f"wheel: {name}", size) for name, size in sorted(packages.items())]
    rows += list(linux.items())
    total = sum(size for _name, size in rows)
    server = sum(server_bins.values())
    print(
        f"\nGeschatte Windows-map (dist\\logeerhuis), MB = 10^6 bytes; budget {BUDGET_MB:.0f} MB\n"
    )
    for name, size in rows:
        print(f"  {size / 1e6:8.1f}  {name}")
    print(f"  {'-' * 8}")
    print(f"  {total / 1e6:8.1f}  totaal ({'PASS' if total <= BUDGET_MB * 1e6 else 'FAIL'})")
    print(f"  {server / 1e6:8.1f}  PostgreSQL-deel apart (psycopg-binary), samen "
          f"{(total + server) / 1e6:.1f}")  # fmt: skip
    largest = sorted(qt.items(), key=lambda item: -item[1])[:8]
    print("\n  grootste Qt-bestanden: " + ", ".join(f"{PurePosixPath(n).name} "
          f"{s / 1e6:.1f}" for n, s in largest))  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "total": total, "server": server,
                                         "qt": qt}, indent=2), encoding="utf-8")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
