"""Messages read from municipalities and the answers made to them (WMO302): kept in the
database (so every PC lists them and the month export carries them) and as a file in the
'berichten' folder of the data folder, owner-only (decision 0044)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access.access import log_access
from ..db.models import ReceivedMessage
from ..domain.access_log import EXPORT
from ..domain.months import Month
from ..services.errors import NotFoundError, ServiceError
from ..storage.database import Database
from ..storage.private_files import private_dir, write_private

MESSAGES_DIRNAME = "berichten"
PROCESSED, REFUSED = "verwerkt", "afgekeurd"


@dataclass(frozen=True)
class MessageAnswer:
    """An answer made for a message, before or after it is kept."""

    kind: str  # of the message answered: WMO301
    sender: str
    identification: str
    dated: date
    sha256: str
    outcome: str  # PROCESSED or REFUSED
    codes: tuple[str, ...]
    summary: str
    name: str  # the file name: numbers and codes only, never a name or BSN
    data: bytes


class MessageRefused(ServiceError):
    """The message was not read in; nothing changed. `answer` is the WMO302 with the
    retourcodes, when the message was readable enough to answer (decision 0044)."""

    def __init__(self, message: str, answer: MessageAnswer | None = None) -> None:
        super().__init__(message)
        self.answer = answer


@dataclass(frozen=True)
class AnswerInfo:
    id: int
    kind: str
    sender: str
    identification: str
    dated: date
    read_at: datetime
    read_by: str
    outcome: str
    codes: str
    summary: str
    name: str


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def answer_name(answer_kind: str, sender: str, identification: str, outcome: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9]", "_", identification)
    tail = "-afgekeurd" if outcome == REFUSED else ""
    return f"{answer_kind}-{sender}-{safe}{tail}.xml"


def answer_identification(sender: str, identification: str, outcome: str) -> str:
    """IdentificatieRetour: 12 characters, the same for the same message and outcome."""
    digest = hashlib.sha256(f"{sender}/{identification}/{outcome}".encode()).hexdigest()
    return "R" + digest[:11].upper()


def messages_dir(data_dir: Path) -> Path:
    return private_dir(Path(data_dir) / MESSAGES_DIRNAME)


def processed_before(s: Session, sender: str, identification: str) -> ReceivedMessage | None:
    """The earlier message with this identification that was read in (refused ones do not
    count: the municipality may send the same message again after the house fixed its side)."""
    return s.scalar(
        select(ReceivedMessage)
        .where(
            ReceivedMessage.sender == sender,
            ReceivedMessage.identification == identification,
            ReceivedMessage.outcome == PROCESSED,
        )
        .order_by(ReceivedMessage.id)
        .limit(1)
    )


def store_answer(
    s: Session, answer: MessageAnswer, *, guest_id: int | None, by: str, now: datetime
) -> ReceivedMessage:
    row = ReceivedMessage(
        kind=answer.kind, sender=answer.sender, identification=answer.identification,
        dated=answer.dated, sha256=answer.sha256, outcome=answer.outcome,
        return_codes=",".join(answer.codes), summary=answer.summary[:1000], guest_id=guest_id,
        read_at=now.replace(microsecond=0), read_by=by, answer_name=answer.name,
        answer=answer.data,
    )  # fmt: skip
    s.add(row)
    s.flush()
    return row


def write_answer_file(data_dir: Path, answer: MessageAnswer) -> Path:
    """The answer in the 'berichten' folder, to send back through the municipality's portal."""
    path = messages_dir(data_dir) / answer.name
    try:
        write_private(path, answer.data)
    except OSError as exc:
        raise ServiceError(
            f"Het antwoordbericht kon niet worden geschreven in {path.parent}: "
            f"{exc.strerror or exc}. Het staat wel in de gegevens (Declaraties)."
        ) from exc
    return path


def keep_refusal(db: Database, refused: MessageRefused, *, data_dir: Path, by: str,
                 now: datetime) -> Path | None:  # fmt: skip
    """Keep the answer to a refused message (the user asked for it); nothing else changes."""
    answer = refused.answer
    if answer is None:
        return None
    with db.session() as s:
        kept = s.scalar(
            select(ReceivedMessage.id).where(
                ReceivedMessage.sha256 == answer.sha256, ReceivedMessage.outcome == REFUSED
            )
        )
        if kept is None:
            store_answer(s, answer, guest_id=None, by=by, now=now)
    return write_answer_file(data_dir, answer)


def list_answers(db: Database, month: Month) -> list[AnswerInfo]:
    """The messages read in a month (by the day they were read), newest first."""
    first, after = month.bounds()
    with db.session(write=False) as s:
        rows = s.scalars(
            select(ReceivedMessage)
            .where(ReceivedMessage.read_at >= datetime.combine(first, datetime.min.time()),
                   ReceivedMessage.read_at < datetime.combine(after, datetime.min.time()))
            .order_by(ReceivedMessage.read_at.desc(), ReceivedMessage.id.desc())
        )  # fmt: skip
        return [
            AnswerInfo(r.id, r.kind, r.sender, r.identification, r.dated, r.read_at, r.read_by,
                       r.outcome, r.return_codes, r.summary, r.answer_name)
            for r in rows
        ]  # fmt: skip


def answer_file(db: Database, answer_id: int) -> tuple[str, bytes]:
    """The name and bytes of a kept answer, for 'bewaren als'; noted in the access log."""
    with db.session() as s:
        row = s.get(ReceivedMessage, answer_id)
        if row is None:
            raise NotFoundError("Dit antwoordbericht bestaat niet (meer).")
        log_access(s, EXPORT, row.guest_id, f"Antwoordbericht {row.answer_name} bewaard")
        return row.answer_name, bytes(row.answer)


def month_answers(db: Database, month: Month) -> list[tuple[str, bytes]]:
    """The answers of a month for the month export: (name, bytes)."""
    first, after = month.bounds()
    with db.session(write=False) as s:
        rows = s.execute(
            select(ReceivedMessage.answer_name, ReceivedMessage.answer)
            .where(ReceivedMessage.read_at >= datetime.combine(first, datetime.min.time()),
                   ReceivedMessage.read_at < datetime.combine(after, datetime.min.time()))
            .order_by(ReceivedMessage.id)
        ).all()  # fmt: skip
        return [(name, bytes(data)) for name, data in rows]
