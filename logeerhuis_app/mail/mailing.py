"""Versturen per e-mail: check and build the message, send it, keep a copy and log it.

Three steps so a window can send from a worker thread: `prepare` and `record_sent` use the
database (in the window's thread), `mail_transport.deliver` only the network. `send` does
the last two in one go for the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate, make_msgid
from pathlib import Path

from ..access.access import log_access
from ..domain.access_log import MAIL
from ..domain.mail import MAX_MESSAGE_BYTES, eml_name, join_recipients, parse_recipients
from ..domain.validation import InvalidValue
from ..services.errors import ServiceError, ValidationError
from ..storage.database import Database
from ..storage.private_files import private_dir, write_private
from .mail_drafts import MailDraft
from .mail_recipients import remember
from .mail_settings import NOT_CONFIGURED, MailSettings, get_mail_settings
from .mail_transport import MailError, Progress, deliver

SENT_FOLDER = "verzonden-mail"


@dataclass(frozen=True)
class PreparedMail:
    draft: MailDraft
    settings: MailSettings
    to: tuple[str, ...]
    data: bytes  # the message exactly as it is sent and kept

    @property
    def needs_password(self) -> bool:
        return bool(self.settings.user)


@dataclass(frozen=True)
class SentMail:
    to: tuple[str, ...]  # the recipients the server took
    refused: tuple[str, ...]  # those it refused while taking the others
    copy: Path | None  # the kept .eml, None when it could not be written
    warning: str = ""


def prepare(db: Database, draft: MailDraft, to_text: str) -> PreparedMail:
    """The message ready to send; Dutch errors for missing settings, a wrong address or a
    message too large for e-mail, before any connection is made."""
    settings = get_mail_settings(db)
    if not settings.configured:
        raise ServiceError(NOT_CONFIGURED)
    try:
        to = parse_recipients(to_text)
    except InvalidValue as exc:
        raise ValidationError({"to": exc.message}, exc.message) from None
    data = build_message(settings, draft, to).as_bytes()
    if len(data) > MAX_MESSAGE_BYTES:
        from ..domain.mail import too_large

        raise MailError(too_large(len(data), MAX_MESSAGE_BYTES))
    return PreparedMail(draft, settings, to, data)


def build_message(settings: MailSettings, draft: MailDraft, to: tuple[str, ...]) -> EmailMessage:
    message = EmailMessage(policy=SMTP)
    message["From"] = formataddr(
        (settings.sender_name or draft.house_name, settings.sender_address)
    )
    message["To"] = join_recipients(to)
    message["Subject"] = draft.subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.sender_address.rpartition("@")[2])
    message.set_content(draft.body)
    for attachment in draft.attachments:
        maintype, subtype = attachment.mime.split("/", 1)
        message.add_attachment(
            attachment.data, maintype=maintype, subtype=subtype, filename=attachment.name
        )
    return message


def send(
    db: Database,
    data_dir: Path,
    prepared: PreparedMail,
    password: str | None,
    *,
    progress: Progress | None = None,
) -> SentMail:
    refused = transmit(prepared, password, progress=progress)
    return record_sent(db, data_dir, prepared, refused)


def transmit(
    prepared: PreparedMail, password: str | None, *, progress: Progress | None = None
) -> tuple[str, ...]:
    """The network part (no database): safe to run in a worker thread."""
    settings = prepared.settings
    return deliver(
        settings, password, settings.sender_address, prepared.to, prepared.data,
        progress=progress,
    )  # fmt: skip


def record_sent(
    db: Database,
    data_dir: Path,
    prepared: PreparedMail,
    refused: tuple[str, ...] = (),
    *,
    now: datetime | None = None,
) -> SentMail:
    """After a send: the .eml copy in the data folder, the access log, the recipients."""
    now = now or datetime.now()
    taken = tuple(a for a in prepared.to if a not in refused)
    copy, warning = _keep_copy(Path(data_dir), prepared, now)
    detail = f"{prepared.draft.what.capitalize()} per e-mail aan {join_recipients(taken)}"
    with db.session() as s:
        log_access(s, MAIL, prepared.draft.guest_id, detail, now=now)
        remember(s, prepared.draft.owner, taken)
    if refused:
        warning = (
            f"Niet bezorgd bij: {join_recipients(refused)} (geweigerd door de e-mailserver). "
            + warning
        ).strip()
    return SentMail(taken, refused, copy, warning)


def _keep_copy(data_dir: Path, prepared: PreparedMail, now: datetime) -> tuple[Path | None, str]:
    try:
        folder = private_dir(data_dir / SENT_FOLDER)
        name = eml_name(now, prepared.draft.what)
        path, number = folder / name, 2
        while path.exists():  # two sends in one second: never overwrite a copy
            path = folder / name.replace(".eml", f"-{number}.eml")
            number += 1
        write_private(path, prepared.data)
    except OSError as exc:
        return None, (
            f"De e-mail is verstuurd, maar de kopie kon niet worden bewaard in {SENT_FOLDER} "
            f"({exc.strerror or exc})."
        )
    return path, ""
