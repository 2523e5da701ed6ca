"""How a room is named in a sentence."""

from __future__ import annotations


def room_label(name: str) -> str:
    """'Kamer Linde' for a room called 'Linde'; a name that already says 'Kamer' stays as is."""
    name = name.strip()
    return name if name.lower().startswith("kamer") else f"Kamer {name}"
