#!/usr/bin/env python3
"""Write logeerhuis_app/resources/cbs_gemeenten_2026.csv: the CBS code and name of every Dutch
municipality on 1 January 2026, from the public CBS list "Gemeentelijke indeling op 1 januari
2026" (the workbook gemeenten-alfabetisch-2026.xlsx on cbs.nl, sheet Gemeenten_alfabetisch:
Gemeentecode, GemeentecodeGM, Gemeentenaam, Provinciecode, ...).

    .venv/bin/python scripts/make_cbs_municipalities.py --xlsx gemeenten-alfabetisch-2026.xlsx
    .venv/bin/python scripts/make_cbs_municipalities.py --tsv lijst.tsv

--tsv reads a tab-separated copy of the same two columns (GemeentecodeGM, Gemeentenaam), for
a machine that cannot download the workbook. The result is checked: 342 municipalities for
2026, four-digit codes, each code and name once. Run it again for a new year with --year and
--expect (CBS says how many there are), and update MUNICIPALITY_LIST_DATE in
house/municipalities.py.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = (
    "CBS, Gemeentelijke indeling op 1 januari {year} (gemeenten-alfabetisch-{year}.xlsx), "
    "https://www.cbs.nl/nl-nl/onze-diensten/methoden/classificaties/overig/"
    "gemeentelijke-indelingen-per-jaar/indeling-per-jaar/gemeentelijke-indeling-op-1-januari-{year}"
)


def from_xlsx(path: Path) -> list[tuple[str, str]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True, data_only=True)["Gemeenten_alfabetisch"]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        code, gm_code, name = (str(cell or "").strip() for cell in row[:3])
        if code.isdigit() and gm_code.startswith("GM"):  # the header and notes are skipped
            rows.append((gm_code, name))
    return rows


def from_tsv(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row[0].strip(), row[1].strip()) for row in csv.reader(handle, delimiter="\t")]


def checked(rows: list[tuple[str, str]], expect: int) -> list[tuple[str, str]]:
    result = []
    for gm_code, name in rows:
        code = gm_code.removeprefix("GM")
        if len(code) != 4 or not code.isdigit() or not name:
            raise SystemExit(f"Onleesbare regel: {gm_code!r} {name!r}")
        result.append((code, name))
    if len(result) != expect:
        raise SystemExit(f"{len(result)} gemeenten gelezen, {expect} verwacht.")
    for what, values in (("code", [c for c, _ in result]), ("naam", [n for _, n in result])):
        if len(set(values)) != len(values):
            raise SystemExit(f"Een {what} komt twee keer voor.")
    return result


def write(rows: list[tuple[str, str]], out: Path, year: int, how: str) -> None:
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            f"# Gemeenten in Nederland op 1 januari {year}: CBS-gemeentecode en naam.\n"
            f"# Bron: {SOURCE.format(year=year)}\n"
            f"# Gemaakt met scripts/make_cbs_municipalities.py {how}; niet met de hand wijzigen.\n"
            f"# {len(rows)} gemeenten, in de volgorde van de CBS-lijst.\n"
        )
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "naam"])
        writer.writerows(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--xlsx", type=Path, help="the CBS workbook")
    source.add_argument("--tsv", type=Path, help="GM code and name, tab-separated")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--expect", type=int, default=342, help="number of municipalities")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows = from_xlsx(args.xlsx) if args.xlsx else from_tsv(args.tsv)
    out = args.out or ROOT / "logeerhuis_app" / "resources" / f"cbs_gemeenten_{args.year}.csv"
    write(checked(rows, args.expect), out, args.year, "--xlsx" if args.xlsx else "--tsv")
    print(f"{args.expect} gemeenten geschreven naar {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
