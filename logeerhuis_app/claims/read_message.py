"""Bestand > Bericht inlezen… and `logeerhuis read-message`: one entry for every message a
funder sends, dispatched by the kind the file says it is.

To read a new kind, add a `Reader` to READERS (the kind as in 'WMO325'): a function that
returns a MessagePreview or raises MessageRefused, and one that applies a preview. Anything
else gets a Dutch refusal naming what the file is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..documents.claims.iwmo_reading import MAX_MESSAGE_BYTES, MessageFormatError, message_kind
from ..documents.claims.iwmo_reading import parse_message as _parse
from ..storage.database import Database
from .received_messages import MessageRefused
from .wmo301 import AppliedMessage, MessagePreview, apply_wmo301, read_wmo301
from .wmo325_message import apply_wmo325, preview_wmo325

__all__ = ["AppliedMessage", "MessagePreview", "MessageRefused", "apply_message",
           "read_message", "read_message_file"]  # fmt: skip


@dataclass(frozen=True)
class Reader:
    read: Callable[..., MessagePreview]  # (db, data, *, today)
    apply: Callable[..., AppliedMessage]  # (db, preview, *, data_dir, accept_offer, by, now)


def _apply_wmo301(db: Database, preview: MessagePreview, *, data_dir: Path, accept_offer: bool,
                  by: str, now: datetime) -> AppliedMessage:  # fmt: skip
    return apply_wmo301(db, preview, data_dir=data_dir, create_guest=accept_offer, by=by, now=now)


READERS: dict[str, Reader] = {
    "WMO301": Reader(read_wmo301, _apply_wmo301),
    "WMO325": Reader(preview_wmo325, apply_wmo325),
}
KIND_LABELS = {
    "WMO301": "toewijzing", "WMO302": "antwoord op een toewijzing", "WMO305": "start zorg",
    "WMO306": "antwoord op een startbericht", "WMO307": "stop zorg",
    "WMO308": "antwoord op een stopbericht", "WMO315": "verzoek om toewijzing",
    "WMO316": "antwoord op een verzoek om toewijzing", "WMO317": "verzoek om wijziging",
    "WMO318": "antwoord op een verzoek om wijziging", "WMO319": "antwoord op een verzoek",
    "WMO320": "retour van een antwoordbericht", "WMO323": "declaratie",
    "WMO325": "declaratie-antwoord",
}  # fmt: skip


def read_message_file(path: Path) -> bytes:
    """The file's bytes, refused unread when it is larger than any message."""
    try:
        size = path.stat().st_size
        if size > MAX_MESSAGE_BYTES:
            raise MessageRefused(
                f"{path.name} is te groot voor een iWmo-bericht ({size // 1000} kB; hoogstens "
                f"{MAX_MESSAGE_BYTES // 1000} kB). Er is niets ingelezen."
            )
        with path.open("rb") as handle:
            return handle.read(MAX_MESSAGE_BYTES + 1)
    except OSError as exc:
        raise MessageRefused(
            f"{path} kan niet worden gelezen: {exc.strerror or exc}. Er is niets ingelezen."
        ) from exc


def read_message(db: Database, data: bytes, *, today: date) -> MessagePreview:
    """What the message would do; MessageRefused (Dutch) when it is not read in."""
    try:
        kind = message_kind(_parse(data))
    except MessageFormatError as exc:
        raise MessageRefused(f"Het bestand is niet ingelezen. {exc}") from None
    reader = READERS.get(kind)
    if reader is None:
        what = KIND_LABELS.get(kind, "onbekend soort bericht")
        known = ", ".join(f"{k} ({KIND_LABELS.get(k, '')})" for k in READERS)
        raise MessageRefused(
            f"Dit is een {kind}-bericht ({what}). Logeerhuis leest alleen: {known}. "
            "Er is niets ingelezen."
        )
    return reader.read(db, data, today=today)


def apply_message(
    db: Database, preview: MessagePreview, *, data_dir: Path, accept_offer: bool, by: str,
    now: datetime,
) -> AppliedMessage:  # fmt: skip
    reader = READERS[preview.kind]
    return reader.apply(db, preview, data_dir=data_dir, accept_offer=accept_offer, by=by, now=now)
