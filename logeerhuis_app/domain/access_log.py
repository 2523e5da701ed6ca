"""The access log's hash chain (NEN 7513): each row seals the row before it.

A row's hash is sha256 over the previous row's hash followed by the row's canonical text, so
a changed, removed or inserted row breaks the chain from that row on.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

VIEW = "bekijken"
CHANGE = "wijzigen"
PRINT = "afdrukken"
EXPORT = "exporteren"
SIGN_IN = "inloggen"
SIGN_IN_FAILED = "inloggen mislukt"
ACCOUNTS = "accountbeheer"
RESTORE = "terugzetten"  # a backup became the live database (its rows say which, by whom)
MAIL = "e-mailen"  # a document left the house by e-mail (to whom is in the detail)
ACTIONS = (VIEW, CHANGE, PRINT, EXPORT, SIGN_IN, SIGN_IN_FAILED, ACCOUNTS, RESTORE, MAIL)

GENESIS = ""  # the prev_hash of the very first row


@dataclass(frozen=True)
class LogRow:
    id: int
    at: datetime
    user_name: str
    guest_id: int | None
    action: str
    detail: str
    prev_hash: str
    hash: str


def canonical_text(
    at: datetime, user_name: str, guest_id: int | None, action: str, detail: str
) -> str:
    """The row as one unambiguous text: JSON of the fields, the moment to the second."""
    fields = [at.isoformat(timespec="seconds"), user_name, guest_id, action, detail]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def row_hash(
    prev_hash: str, at: datetime, user_name: str, guest_id: int | None, action: str, detail: str
) -> str:
    text = prev_hash + canonical_text(at, user_name, guest_id, action, detail)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chain_problems(rows: list[LogRow]) -> list[str]:
    """Dutch descriptions of every break in the chain (rows in id order); empty when intact."""
    problems: list[str] = []
    previous = GENESIS
    for row in rows:
        if row.prev_hash != previous:
            problems.append(
                f"Regel {row.id} sluit niet aan op de regel ervoor: er is een regel verwijderd, "
                "ingevoegd of gewijzigd."
            )
        expected = row_hash(
            row.prev_hash, row.at, row.user_name, row.guest_id, row.action, row.detail
        )
        if row.hash != expected:
            problems.append(f"Regel {row.id} is na het vastleggen gewijzigd.")
        previous = row.hash
    return problems
