"""A WMO325 (declaratie-antwoord) through Bestand > Bericht inlezen… and `read-message`: the
preview names the declaration it answers and how many lines were rejected; applying it is
`claim_answers.read_wmo325`, which matches every line and changes nothing on a mismatch."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ..documents.claims.wmo325 import AnswerFileError, parse_wmo325
from ..domain.dates import format_date
from ..house.municipalities import municipality_label
from ..storage.database import Database
from .claim_answers import read_wmo325
from .received_messages import MessageRefused
from .wmo301 import AppliedMessage, MessagePreview

KIND = "WMO325"


def preview_wmo325(db: Database, data: bytes, *, today: date) -> MessagePreview:
    try:
        answer = parse_wmo325(data)
    except AnswerFileError as exc:
        raise MessageRefused(f"Het bestand is niet ingelezen: {exc.args[0]}") from None
    which = answer.declaration_number or answer.declaration_identification
    lines = [f"Antwoord op declaratie {which}, van {format_date(answer.answered_on)}."]
    if answer.refused_whole:
        lines.append("De gemeente wijst de hele declaratie af (" +
                     ", ".join(answer.refused_whole) + ").")  # fmt: skip
    elif answer.lines:
        lines.append(f"{len(answer.lines)} regel(s) afgewezen; de andere zijn toegekend.")
    else:
        lines.append("Alle regels zijn toegekend.")
    lines.append("Inlezen legt per regel vast of hij is toegekend of afgewezen (met de reden).")
    sender = f"{municipality_label(answer.sender)} ({answer.sender})"
    return MessagePreview(KIND, data, f"Declaratie-antwoord (WMO325) van {sender}", tuple(lines))


def apply_wmo325(db: Database, preview: MessagePreview, *, data_dir: Path, accept_offer: bool,
                 by: str, now: datetime) -> AppliedMessage:  # fmt: skip
    result = read_wmo325(db, preview.data, by=by, now=now)
    return AppliedMessage((result.summary,), changed=not result.already_read)
