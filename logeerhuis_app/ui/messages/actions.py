"""The flow behind Bestand > Bericht inlezen…: choose the file, read it, show the preview,
apply on confirm; a refusal is said in Dutch and its answer (WMO302) kept when asked."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QWidget

from ...claims.read_message import (
    MessageRefused,
    apply_message,
    read_message,
    read_message_file,
)
from ...claims.received_messages import keep_refusal
from ...services.errors import ServiceError
from ..context import TOPIC_ALLOCATIONS, TOPIC_GUESTS, AppContext
from .read_dialog import ReadMessageDialog

TOPIC_CLAIMS = "claims"  # the Declaraties page lists the answers
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
    dialog = ReadMessageDialog(preview, parent)
    if not context.prompter.run_dialog(dialog) or not preview.changes:
        return False
    try:
        applied = apply_message(
            context.db, preview, data_dir=context.data_dir,
            accept_offer=dialog.offer_accepted(), by=context.who(), now=datetime.now(),
        )  # fmt: skip
    except MessageRefused as refused:  # something changed in between: read again
        _refused(context, refused)
        return False
    except ServiceError as exc:
        context.prompter.error("Bericht niet ingelezen", f"{exc.message}\n\nEr is niets veranderd.")
        return False
    for topic in (TOPIC_GUESTS, TOPIC_ALLOCATIONS, TOPIC_CLAIMS):
        context.announce(topic)
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
    try:
        path = keep_refusal(context.db, refused, data_dir=context.data_dir, by=context.who(),
                            now=datetime.now())  # fmt: skip
    except ServiceError as exc:
        context.prompter.error("Niet bewaard", exc.message)
        return
    context.announce(TOPIC_CLAIMS)
    context.status(f"Antwoordbericht met de afkeuring bewaard: {path}")
