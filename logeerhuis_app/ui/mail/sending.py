"""Send a document by e-mail from any page: the dialog, the password (kept or asked), then the
network part in a worker thread behind a progress dialog, so the window keeps painting.

Only `transmit` (no database) runs in the thread; preparing, keeping the copy and logging
happen here in the window's thread (a SQLAlchemy session stays with its thread).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ...services.errors import ServiceError
from .. import operations
from ..context import AppContext
from .send_dialog import MailDialog

if TYPE_CHECKING:
    from ...mail.mail_drafts import MailDraft
    from ...mail.mailing import PreparedMail, SentMail


class _Delivery(QThread):
    step = Signal(int, str)

    def __init__(self, prepared: PreparedMail, password: str | None) -> None:
        super().__init__()
        self.prepared, self.password = prepared, password
        self.refused: tuple[str, ...] = ()
        self.error: ServiceError | None = None

    def run(self) -> None:
        from ...mail.mailing import transmit

        try:
            self.refused = transmit(self.prepared, self.password, progress=self.step.emit)
        except ServiceError as exc:
            self.error = exc
        except Exception as exc:  # never let a thread die silently
            self.error = ServiceError(f"Versturen is mislukt ({type(exc).__name__}).")


def mail_document(
    context: AppContext,
    parent: QWidget | None,
    title: str,
    make_draft: Callable[[], MailDraft],
    *,
    note: str = "",
) -> SentMail | None:
    """Ask for the recipients and send; every problem is shown in Dutch. Returns what was
    sent, or None (cancelled or failed)."""
    from ...mail.mail_settings import NOT_CONFIGURED, get_mail_settings
    from ...mail.mailing import prepare

    db = context.db
    if not get_mail_settings(db).configured:
        context.prompter.error(title, NOT_CONFIGURED)
        return None
    made = operations.run(context, make_draft, title=title)
    if made is None:
        return None
    draft = made.value
    dialog = MailDialog(context, draft, lambda to: prepare(db, draft, to), note, parent)
    if not context.prompter.run_dialog(dialog) or dialog.prepared is None:
        return None
    prepared = dialog.prepared
    password = _password(context, prepared) if prepared.needs_password else None
    if prepared.needs_password and not password:
        return None
    delivery = _deliver(parent, prepared, password)
    if delivery.error is not None:  # the network part ran in a thread, not as a run
        operations.show_error(context, delivery.error, title=f"{title}: niet verstuurd")
        return None
    return _after(context, title, prepared, delivery.refused)


def _password(context: AppContext, prepared: PreparedMail) -> str | None:
    from ...mail.mail_secret import stored_password

    settings = prepared.settings
    return stored_password(settings) or context.prompter.ask_password(
        "Wachtwoord e-mailserver",
        f"Wachtwoord voor {settings.user} op {settings.host}\n"
        "(niet bewaard op deze computer; het wordt alleen voor deze verzending gebruikt):",
    )


def _deliver(parent: QWidget | None, prepared: PreparedMail, password: str | None) -> _Delivery:
    from ...mail.mail_transport import STEPS

    progress = QProgressDialog("Verbinden…", "", 0, STEPS, parent)
    progress.setWindowTitle("Versturen per e-mail")
    progress.setCancelButton(None)  # a send cannot be taken back halfway; a time limit ends it
    progress.setMinimumDuration(0)
    progress.setValue(0)
    delivery = _Delivery(prepared, password)

    def show(done: int, text: str) -> None:
        progress.setLabelText(text)
        progress.setValue(done)

    delivery.step.connect(show)
    loop = QEventLoop()
    delivery.finished.connect(loop.quit)  # queued: it quits the loop below, never too early
    delivery.start()
    loop.exec()
    delivery.wait()
    progress.close()
    return delivery


def _after(
    context: AppContext, title: str, prepared: PreparedMail, refused: tuple[str, ...]
) -> SentMail | None:
    from ...domain.mail import join_recipients
    from ...mail.mailing import record_sent

    def record() -> SentMail:
        try:
            return record_sent(context.db, context.data_dir, prepared, refused)
        except ServiceError as exc:  # the mail went; only the copy or the log row failed
            raise ServiceError(f"De e-mail is verstuurd, maar: {exc.detail}") from exc

    recorded = operations.run(context, record, title=title)
    if recorded is None:
        return None
    sent = recorded.value
    context.status(f"{prepared.draft.subject}: verstuurd aan {join_recipients(sent.to)}.")
    if sent.warning:
        context.prompter.error(title, sent.warning)
    return sent
