"""Dutch municipalities by CBS code: the names of the public CBS list that ships with the
program (resources/cbs_gemeenten_2026.csv, its origin in resources/README.md)."""

from __future__ import annotations

import csv
from datetime import date
from functools import cache
from importlib import resources

MUNICIPALITY_LIST_DATE = date(2026, 1, 1)
_LIST_FILE = "cbs_gemeenten_2026.csv"


@cache
def municipality_names() -> dict[str, str]:
    """CBS code (4 digits) -> the municipality's name as CBS writes it, e.g. '0308' -> 'Baarn'.
    Read once, on first use (not at import)."""
    text = (resources.files("logeerhuis_app.resources") / _LIST_FILE).read_text(encoding="utf-8")
    rows = csv.reader(line for line in text.splitlines() if not line.startswith("#"))
    next(rows)  # the header: code,naam
    return {code: name for code, name in rows}


def municipality_name(code: str) -> str | None:
    """The name for a CBS code, or None when the code is not a municipality on the list date."""
    return municipality_names().get((code or "").strip())


def municipality_label(code: str) -> str:
    """What a user reads for a code: the name, or 'CBS-code 0123' for a code not on the list
    (a municipality merged away before the list date, or a typing error)."""
    return municipality_name(code) or f"CBS-code {code}"
