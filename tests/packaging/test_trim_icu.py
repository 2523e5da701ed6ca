"""The trimmed ICU data library (installer/trim_icu.py): Qt handles Dutch text with it
exactly as with the wheel's full library, and the self-test's check sees missing data.

Each check runs Qt in a fresh interpreter with the library in question preloaded
(LD_PRELOAD: the Qt libraries then use it in place of their own libicudata).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))
import trim_icu  # noqa: E402

QT_LIB = Path(__import__("PySide6").__file__).parent / "Qt" / "lib"
ICU = sorted(QT_LIB.glob("libicudata.so.*"))

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not ICU or shutil.which("cc") is None,
    reason="Linux, Qt's own ICU and a C compiler are needed",
)

QT_TEXT = """
from PySide6.QtCore import QCollator, QCoreApplication, QLocale, QStringDecoder
from logeerhuis_app.ui.text_check import SORTED, dutch_text_problems
app = QCoreApplication([])
for name in ("nl_NL", "en_US", "de_DE"):
    collator = QCollator(QLocale(name))
    print(name, sorted(reversed(SORTED), key=collator.sortKey))
    print(QLocale(name).toUpper("ijsje straße één"), QLocale(name).toLower("IJSJE ÉÉN"))
for codec in ("windows-1252", "ISO-8859-15", "IBM850"):
    print(codec, QStringDecoder(codec).isValid())
print("problems:", dutch_text_problems())
"""


def _qt_text(preload: Path | None) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if preload is not None:
        env["LD_PRELOAD"] = str(preload)
    run = subprocess.run(
        [sys.executable, "-c", QT_TEXT], capture_output=True, text=True, env=env, timeout=120
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.fixture(scope="module")
def package() -> tuple[str, bytes]:
    return trim_icu.data_symbol(ICU[0].read_bytes())


def test_the_package_is_read_and_written_byte_for_byte(package):
    _symbol, data = package
    header, items = trim_icu.read_package(data)
    assert len(items) > 3000
    assert trim_icu.write_package(header, items) == data


def test_dutch_english_and_the_root_stay_other_languages_go(package):
    _symbol, data = package
    trimmed = trim_icu.trimmed_package(data)
    names = {name.split("/", 1)[1] for name, _ in trim_icu.read_package(trimmed)[1]}
    for kept in ("nl.res", "en.res", "root.res", "coll/nl.res", "coll/root.res",
                 "coll/ucadata.icu", "brkitr/word.brk", "unames.icu", "nfkc.nrm",
                 "ibm-5348_P100-1997.cnv", "supplementalData.res", "curr/pool.res"):  # fmt: skip
        assert kept in names, kept
    for gone in ("de.res", "coll/zh.res", "coll/de__PHONEBOOK.res", "brkitr/cjdict.dict",
                 "translit/root.res", "gb18030.cnv"):  # fmt: skip
        assert gone not in names, gone
    assert len(trimmed) < len(data) / 5


def test_qt_handles_dutch_text_as_with_the_full_data(package, tmp_path):
    symbol, data = package
    small = trim_icu.build_library(
        symbol, trim_icu.trimmed_package(data), ICU[0].name, tmp_path / ICU[0].name
    )
    assert small.stat().st_size < 6_000_000
    with_full, with_trimmed = _qt_text(None), _qt_text(small)
    assert with_trimmed == with_full
    assert "problems: []" in with_trimmed


def test_the_self_test_check_sees_missing_collation_data(package, tmp_path):
    symbol, data = package
    header, items = trim_icu.read_package(data)
    without = [(name, item) for name, item in items if "/coll/" not in name]
    broken = trim_icu.build_library(
        symbol, trim_icu.write_package(header, without), ICU[0].name, tmp_path / ICU[0].name
    )
    assert "niet op alfabet" in _qt_text(broken)
