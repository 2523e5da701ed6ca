"""A smaller ICU data library for the Linux build: Dutch, English and the root only.

Qt's Linux wheels link ICU 73, whose data library (libicudata.so.73) carries 32 MB: every
language's locale data, collations, dictionaries for Thai, Khmer and Chinese word breaks,
transliterations and CJK code pages. Qt itself formats dates and numbers from its own CLDR
tables; it asks ICU for collation (QCollator, e.g. the file dialog's sorting), case mapping
per locale and code-page conversions. Logeerhuis is used in Dutch, so the data it needs are
the root, Dutch and English locales of every kind, the Unicode properties and normalisation,
collation's root table, the break rules and the single-byte code pages (windows-1252,
ISO 8859, ...); left out are the other languages, the word-break dictionaries (Chinese, Thai,
Khmer, ...), transliteration and the multi-byte (CJK) code pages. About 5 MB instead of 32.

    python installer/trim_icu.py PATH/TO/libicudata.so.73 OUT_DIR

writes OUT_DIR/libicudata.so.73 with the same symbol and soname (made with the C compiler:
an assembler file that includes the data). installer/logeerhuis.spec puts it in place of the
wheel's library; the frozen app's --self-test checks Dutch sorting and case mapping through
Qt (decision 0035). Windows uses the icu.dll of Windows itself, so this is for Linux only.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LOCALES = re.compile(r"^(root|nl|en)(_[A-Za-z0-9]*)*\.res$")
LOCALE_FILE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")  # de.res, de__PHONEBOOK.res
PAD = b"\xaa"  # what ICU's own packager fills the gaps with
SHARED = {"res_index.res", "pool.res"}  # each tree's index and its shared strings
ALIGN = 16


def keep_item(name: str, item: bytes) -> bool:
    """Whether the data item (`name` inside the package, e.g. 'coll/nl.res') stays."""
    tree, _, base = name.rpartition("/")
    if tree == "translit" or base.endswith(".dict"):
        return False  # transliteration, word-break dictionaries (CJK, Thai, ...)
    if base.endswith(".cnv"):
        return _max_bytes_per_char(item) == 1  # single-byte code pages only
    if base in SHARED:
        return True
    if LOCALE_FILE.match(base):
        return bool(KEEP_LOCALES.match(base))
    return True  # properties, normalisation, break rules, zones, plurals, ...


def _max_bytes_per_char(converter: bytes) -> int:
    """From a .cnv item: its UConverterStaticData follows the data header (structSize,
    name[60], codepage, platform, conversionType, minBytesPerChar, maxBytesPerChar, ...)."""
    (header_size,) = struct.unpack_from("<H", converter, 0)
    return converter[header_size + 71]


# -- the ELF library: where its data symbol lies -----------------------------------------------
def data_symbol(library: bytes) -> tuple[str, bytes]:
    """The name (icudtNN_dat) and the bytes of the ICU common data in a 64-bit ELF library."""
    if library[:4] != b"\x7fELF" or library[4] != 2 or library[5] != 1:
        raise ValueError("geen 64-bits little-endian ELF-bibliotheek")
    (shoff,) = struct.unpack_from("<Q", library, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", library, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", library, shoff + i * shentsize) for i in range(shnum)
    ]  # name, type, flags, addr, offset, size, link, info, addralign, entsize
    for _name, kind, _f, _a, offset, size, link, _i, _al, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strings_offset = sections[link][4]
        for pos in range(offset, offset + size, entsize):
            st_name, _info, _other, shndx, value, length = struct.unpack_from(
                "<IBBHQQ", library, pos
            )
            end = library.index(b"\0", strings_offset + st_name)
            symbol = library[strings_offset + st_name : end].decode()
            if re.fullmatch(r"icudt\d+_dat", symbol) and length:
                section = sections[shndx]
                start = value - section[3] + section[4]
                return symbol, library[start : start + length]
    raise ValueError("geen ICU-datasymbool (icudtNN_dat) gevonden")


# -- the ICU common data package ---------------------------------------------------------------
def read_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header and the (name, bytes) items of an ICU common data package ('CmnD')."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != (0xDA, 0x27) or data[12:16] != b"CmnD":
        raise ValueError("geen ICU-datapakket")
    toc = data[header_size:]
    (count,) = struct.unpack_from("<I", toc, 0)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(entries):
        name = toc[name_at : toc.index(b"\0", name_at)].decode("ascii")
        end = entries[i + 1][1] if i + 1 < count else len(toc)
        items.append((name, toc[data_at:end]))
    return data[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The same layout as ICU's own: a sorted table of names (ICU searches it by halves),
    then the items, each starting on a 16-byte boundary."""
    items = sorted(items)
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    table_size = 4 + 8 * len(items)
    data_start = _aligned(table_size + len(names))
    table = [struct.pack("<I", len(items))]
    name_at, data_at = table_size, data_start
    body = []
    for name, item in items:
        table.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        padded = item + PAD * (_aligned(len(item)) - len(item))
        body.append(padded)
        data_at += len(padded)
    head = b"".join(table) + names
    return header + head + PAD * (data_start - len(head)) + b"".join(body)


def _aligned(size: int) -> int:
    return (size + ALIGN - 1) // ALIGN * ALIGN


def trimmed_package(data: bytes) -> bytes:
    header, items = read_package(data)
    prefix = items[0][0].split("/", 1)[0] + "/"  # e.g. icudt73l/
    kept = [(name, item) for name, item in items if keep_item(name[len(prefix) :], item)]
    return write_package(header, kept)


# -- a new library ---------------------------------------------------------------------------
def build_library(symbol: str, package: bytes, soname: str, out: Path, cc: str = "cc") -> Path:
    """A shared library exporting `symbol` with the package as its contents."""
    if shutil.which(cc) is None:
        raise RuntimeError(f"de C-compiler {cc!r} ontbreekt (Debian: apt-get install gcc)")
    with tempfile.TemporaryDirectory() as work:
        dat = Path(work) / "icudata.dat"
        dat.write_bytes(package)
        asm = Path(work) / "icudata.S"
        asm.write_text(
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n"
            f"\t.type {symbol}, @object\n"
            "\t.balign 16\n"
            f"{symbol}:\n"
            f'\t.incbin "{dat}"\n'
            f"\t.size {symbol}, . - {symbol}\n"
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [cc, "-shared", "-nostdlib", "-s", f"-Wl,-soname,{soname}", "-o", str(out), str(asm)],
            check=True,
        )
    return out


def trim(library: Path, out_dir: Path) -> Path:
    symbol, data = data_symbol(library.read_bytes())
    return build_library(symbol, trimmed_package(data), library.name, out_dir / library.name)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    written = trim(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{written}: {written.stat().st_size / 1e6:.1f} MB")
