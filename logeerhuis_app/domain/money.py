"""Amounts are whole cents (int) everywhere; this module reads and writes them the Dutch way."""

from __future__ import annotations

import re

from .validation import InvalidValue


def format_amount(cents: int) -> str:
    """1234.56 euro as '1.234,56' (no currency sign), negative with a leading minus."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(int(cents)), 100)
    grouped = f"{euros:,}".replace(",", ".")
    return f"{sign}{grouped},{rest:02d}"


def format_cents(cents: int) -> str:
    """With the euro sign and a non-breaking space: '€ 1.234,56'."""
    return f"€\u00a0{format_amount(cents)}"


_AMOUNT = re.compile(r"^(-)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$", re.ASCII)
_LARGEST_CENTS = 10_000_000_00


def parse_euro(text: str) -> int:
    """Read '1.234,56', '1234,5', '€ 12' or '12.50' (a lone point with 2 decimals) into cents."""
    raw = (text or "").replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    if not raw:
        raise InvalidValue("Vul een bedrag in, bijvoorbeeld 123,45.")
    if re.fullmatch(r"-?\d+\.\d{1,2}", raw, re.ASCII):
        raw = raw.replace(".", ",")
    match = _AMOUNT.match(raw)
    if not match:
        raise InvalidValue("Vul een bedrag in, bijvoorbeeld 1.234,56.")
    sign, whole, decimals = match.groups()
    whole = whole.replace(".", "").lstrip("0")
    if len(whole) > len(str(_LARGEST_CENTS)):  # int() refuses thousands of digits
        raise InvalidValue("Dit bedrag is te groot.")
    cents = int(whole or "0") * 100 + int((decimals or "0").ljust(2, "0"))
    if cents > _LARGEST_CENTS:
        raise InvalidValue("Dit bedrag is te groot.")
    return -cents if sign else cents
