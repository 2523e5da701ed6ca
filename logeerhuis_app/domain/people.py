"""How names of people are shown and sorted (Dutch prefixes such as 'van der')."""

from __future__ import annotations


def display_name(first: str, prefix: str, last: str) -> str:
    """'Jan van der Berg'."""
    return " ".join(part.strip() for part in (first, prefix, last) if part and part.strip())


def sort_name(first: str, prefix: str, last: str) -> str:
    """'Berg, Jan van der': Dutch lists sort on the last name without its prefix."""
    tail = " ".join(part.strip() for part in (first, prefix) if part and part.strip())
    return f"{last.strip()}, {tail}" if tail else last.strip()
