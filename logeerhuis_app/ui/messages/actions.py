"""The flow behind Bestand > Bericht inlezen…: choose the file, read it, show the preview,
apply on confirm; a refusal is said in Dutch and its answer (WMO302) kept when asked."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QWidget

from ...claims.read_message import (
    AppliedMessage,
    MessageRefused,
    apply_message,
    read_message,
    read_message_file,
)
from ...claims.received_messages import keep_refusal
from ...services.errors import ServiceError
from .. import operations
from ..context import AppContext
from .read_dialog import ReadMessageDialog

FILE_FILTER = "iWmo-berichten (*.xml);;Alle bestanden (*)"


def read_message_from_file(context: AppContext, parent: QWidget | None = None) -> bool:
    """True when the message was read in and changed something."""
    path = context.prompter.open_file("Bericht inlezen", FILE_FILTER)
    if path is None:
        return False
    try:
        preview = read_message(context.db, read_message_file(path), today=date.today())
    except MessageRefused as refused:
        _refused(context, refused)
        return False
    except ServiceError as exc:  # e.g. the database could not be read
        operations.show_error(context, exc, title="Bericht niet ingelezen")
        return False
    dialog = ReadMessageDialog(preview, parent)
    if not context.prompter.run_dialog(dialog) or not preview.changes:
        return False

    def apply() -> AppliedMessage | MessageRefused:
        try:
            return apply_message(
                context.db, preview, data_dir=context.data_dir,
                accept_offer=dialog.offer_accepted(), by=context.who(), now=datetime.now(),
            )  # fmt: skip
        except MessageRefused as refused:  # something changed in between: read again
            return refused
        except ServiceError as exc:
            raise ServiceError(f"{exc.detail}\n\nEr is niets veranderd.") from exc

    outcome = operations.run(context, apply, title="Bericht niet ingelezen")
    if outcome is None:
        return False
    applied = outcome.value
    if isinstance(applied, MessageRefused):
        _refused(context, applied)
        return False
    lines = list(applied.lines)
    lines += [f"Let op: {w}" for w in applied.warnings]
    if applied.answer_path is not None:
        lines.append(f"\nHet antwoordbericht (WMO302) staat in {applied.answer_path}; stuur het "
                     "via het portaal van de gemeente terug.")  # fmt: skip
    context.prompter.info("Bericht ingelezen", "\n".join(lines))
    context.status("Bericht ingelezen: " + "; ".join(applied.lines))
    return applied.changed


def _refused(context: AppContext, refused: MessageRefused) -> None:
    if refused.answer is None:
        context.prompter.error("Bericht niet ingelezen", refused.message)
        return
    keep = context.prompter.confirm(
        "Bericht afgekeurd",
        f"{refused.message}\n\nHet antwoordbericht (WMO302) met de afkeuring bewaren, om aan de "
        "gemeente terug te sturen?",
    )
    if not keep:
        return
    operations.run(
        context,
        lambda: keep_refusal(context.db, refused, data_dir=context.data_dir, by=context.who(),
                             now=datetime.now()),
        title="Niet bewaard",
        done=lambda path: f"Antwoordbericht met de afkeuring bewaard: {path}",
    )  # fmt: skip
