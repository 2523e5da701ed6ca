"""What the frozen app leaves out, as rules on destination paths: used by
installer/logeerhuis.spec (PyInstaller's collected files) and by bench/windows_size.py (the
files of the Windows wheels), so that the estimate for Windows applies the very same rules.

Destination names look like PySide6/Qt/plugins/platforms/libqxcb.so (Linux) or
PySide6\\plugins\\platforms\\qwindows.dll (Windows); they are compared with forward slashes.
Why each rule: docs/decisions/0015-packaging.md and 0035.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# Python modules that are installed but never used by the app (Analysis(excludes=...)).
EXCLUDED_MODULES = (
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "pypdf", "IPython",
    # SQLAlchemy's hook pulls in every driver; the app uses sqlite3 (and PostgreSQL through
    # psycopg only when pyproject.toml declares it, see SERVER_DRIVER in the spec)
    "psycopg2", "pymysql", "MySQLdb", "pyodbc", "cx_Oracle", "oracledb", "asyncpg",
    "aiomysql", "aiosqlite", "pymssql", "pg8000",
    "readline",
    # Qt modules the app does not use (it imports QtCore, QtGui and QtWidgets only)
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtSvg", "PySide6.QtPdf", "PySide6.QtDBus",
    "PySide6.QtPrintSupport", "PySide6.QtSql", "PySide6.QtXml", "PySide6.QtTest",
    "PySide6.QtConcurrent", "PySide6.QtUiTools", "PySide6.QtDesigner",
    # Pillow is there for reportlab's images (the logo: PNG or JPEG); not its other formats
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin", "PIL.ImageTk",
    "PIL._imagingtk", "PIL.ImageQt", "PIL.ImageCms", "PIL._imagingcms", "PIL.ImageFont",
    "PIL._imagingft", "PIL.ImageShow",
    # lxml: the app uses etree only (WMO323 XML); openpyxl does too
    "lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.cssselect", "lxml.sax",
    # build tools and documentation that hooks drag in (Mako's pygments plugin, setuptools)
    "pygments", "setuptools", "pkg_resources", "distutils", "_distutils_hack", "pip",
    "pydoc_data", "pycparser", "cffi.cparser", "cffi.recompiler", "cffi.verifier",
    # keyring's Secret Service backend (Linux): SecretStorage needs cryptography (16 MB). The
    # frozen Linux app asks the SMTP password at every send instead (decision 0042); the
    # Windows keyring needs neither.
    "secretstorage", "cryptography", "jeepney",
    # East-Asian text codecs
    "_codecs_jp", "_codecs_kr", "_codecs_cn", "_codecs_tw", "_codecs_hk", "_codecs_iso2022",
)  # fmt: skip


# Qt plugins that stay: platforms xcb/offscreen/windows, imageformats jpeg (the logo; PNG is
# built into QtGui), the compose input context (dead keys on Linux) and the Windows 11 style.
KEEP_PLUGINS = {
    "platforms": re.compile(r"^(lib)?q(xcb|offscreen|windows)\.(so|dll)$"),
    "imageformats": re.compile(r"^(lib)?q(jpeg)\.(so|dll)$"),
    "platforminputcontexts": re.compile(r"^lib(compose)platforminputcontextplugin\.so$"),
    "styles": re.compile(r"^q(modernwindowsstyle|windowsvistastyle)\.dll$"),
}
PLUGIN_RE = re.compile(r"(^|/)PySide6/(Qt/)?plugins/([^/]+)/([^/]+)$")
TRANSLATION_RE = re.compile(r"(^|/)PySide6/(Qt/)?translations/([^/]+)$")
KEEP_TRANSLATIONS = {"qtbase_nl.qm"}
ALWAYS_DROP = {"opengl32sw.dll"}  # Qt's software OpenGL, only loaded by Qt Quick/OpenGL
# python-stdnum's lookup tables: the app validates BSN and IBAN (iban.dat); the MAC-address,
# IMSI, ISBN, ... tables at the top level are 1.7 MB it never reads.
STDNUM_DATA_RE = re.compile(r"^stdnum/(?!iban\.dat$)[^/]+\.dat$")
# pyzipper (encrypted backups) uses AES, HMAC-SHA1 and PBKDF2 of pycryptodomex: its public-key
# libraries (elliptic curves, 0.9 MB) are never loaded.
UNUSED_BINARY_RE = re.compile(r"^Cryptodome/PublicKey/")
# The PostgreSQL driver and its libraries: the optional "server" part of the installation
# (decision 0035), collected into its own folder next to the app.
SERVER_PART_RE = re.compile(r"^(psycopg|psycopg_binary|psycopg_c)(\.libs|-[^/]*\.dist-info)?/")


def slash(name: str) -> str:
    return name.replace("\\", "/")


def base_name(dest: str) -> str:
    return PurePosixPath(slash(dest)).name.lower()


def keep_plugin(dest: str) -> bool | None:
    """True/False for a Qt plugin, None for anything else."""
    match = PLUGIN_RE.search(slash(dest))
    if not match:
        return None
    pattern = KEEP_PLUGINS.get(match.group(3))
    return bool(pattern and pattern.match(match.group(4).lower()))


def keep_data(dest: str) -> bool:
    """Whether a data file stays: Qt translations other than Dutch and stdnum's unused tables
    go, and so do data files inside dropped Qt plugin folders."""
    match = TRANSLATION_RE.search(slash(dest))
    if match:
        return match.group(3) in KEEP_TRANSLATIONS
    if STDNUM_DATA_RE.match(slash(dest)):
        return False
    return keep_plugin(dest) is not False


def is_server_part(dest: str) -> bool:
    """Whether the file belongs to the PostgreSQL part (psycopg, its binary and libraries)."""
    return bool(SERVER_PART_RE.match(slash(dest)))


def only_needed_by(
    dropped: Iterable[tuple[str, str]],
    kept: Iterable[tuple[str, str]],
    imports_of: Callable[[str], Iterable[str]],
) -> set[str]:
    """Lower-case base names of the shared libraries that the dropped files import (directly
    or through other collected libraries) and nothing that stays imports. The entries are
    (dest, src) pairs; `imports_of(src)` names the libraries a binary imports."""
    dropped, kept = list(dropped), list(kept)
    by_name = {base_name(dest): src for dest, src in [*dropped, *kept]}

    def closure(entries: list[tuple[str, str]]) -> set[str]:
        seen: set[str] = set()
        todo = [src for _dest, src in entries]
        while todo:
            src = todo.pop()
            try:
                imports = list(imports_of(src))
            except Exception:  # unreadable: treat as importing nothing
                continue
            for name in imports:
                base = base_name(name)
                if base in by_name and base not in seen:
                    seen.add(base)
                    todo.append(by_name[base])
        return seen

    reached = closure(dropped)
    # Everything that stays and is not itself one of those libraries (the Python extension
    # modules, the kept plugins, libraries loaded with ctypes) decides what must stay.
    roots = [e for e in kept if base_name(e[0]) not in reached]
    root_names = {base_name(dest) for dest, _src in roots}
    return reached - closure(roots) - root_names


def removed_binaries(
    binaries: Iterable[tuple[str, str]], imports_of: Callable[[str], Iterable[str]]
) -> list[str]:
    """The destinations (with forward slashes) of the binaries the app leaves out: dropped Qt
    plugins, the libraries only they needed, ALWAYS_DROP and UNUSED_BINARY_RE."""
    binaries = list(binaries)
    dropped = [e for e in binaries if keep_plugin(e[0]) is False]
    kept = [e for e in binaries if keep_plugin(e[0]) is not False]
    unneeded = only_needed_by(dropped, kept, imports_of) | ALWAYS_DROP
    return [
        slash(dest)
        for dest, _src in binaries
        if keep_plugin(dest) is False
        or base_name(dest) in unneeded
        or UNUSED_BINARY_RE.match(slash(dest))
    ]
