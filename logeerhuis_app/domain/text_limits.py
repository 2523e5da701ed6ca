"""How long a free text may be (decision 0028): long enough for any real note, short enough
that a pasted file or a runaway script cannot fill the database (a 100 MB note was accepted).
"""

from __future__ import annotations

NOTE_MAX_LENGTH = 10_000  # about three printed pages: a care note, a remark, a reason
LETTER_MAX_LENGTH = 20_000  # the house's own letter texts (conditions, evaluation)


def too_long(limit: int, label: str = "Deze tekst") -> str:
    """The Dutch refusal, with the limit written the Dutch way (10.000)."""
    return f"{label} is te lang (hoogstens {limit:,} tekens).".replace(",", ".")
