"""An existing stay opened in the planner: the stay dialog's typed choice, carried out.

The dialog says what to do as a value (planner/stay_choices.py); this module matches on its
type. Every service runs through ui/operations.run with the dialog as the place for a
refusal, so a refused step keeps the dialog open with what was typed.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ...domain.dates import format_date
from ...domain.enums import StayStatus
from ...intake.intake import IntakeGateError, override
from ...planning import planning
from ...planning.series import SeriesResult, change_later
from ...planning.stays import StayData
from .. import operations
from ..document_actions import save_pdf
from . import edits
from .cap_confirm import with_cap_choice
from .stay_choices import (
    CancelStay,
    ChangeSeriesLater,
    ChangeStatus,
    DocumentKind,
    MoveStay,
    OpenIntake,
    SaveDocument,
    StatusStep,
)
from .stay_dialog import StayDialog

if TYPE_CHECKING:
    from ...planning.planner_view import PlannerStay
    from .page import PlannerPage


def open_stay(page: PlannerPage, stay_id: int) -> None:
    """The stay's dialog; after a document or the intake it opens again, freshly read."""
    stay = page.grid.stay_by_id(stay_id)
    while stay is not None:
        dialog = StayDialog(page.context, page.grid.beds, stay=stay, parent=page)
        if not _carry_out(page, stay, dialog):
            return
        stay = page.grid.stay_by_id(stay_id)


def _carry_out(page: PlannerPage, stay: PlannerStay, dialog: StayDialog) -> bool:
    """Run the dialog until its choice is done or it is closed; True: open it again."""
    while page.context.prompter.run_dialog(dialog):
        match dialog.choice:
            case MoveStay() as move:
                done = _move(page, stay, move, dialog)
            case ChangeSeriesLater() as later:
                done = change_series_later(page, stay, later, dialog)
            case CancelStay():
                done = edits.cancel_stay(page, stay.id, shown_in=dialog)
            case ChangeStatus() as change:
                done = change_status(page, stay, change, dialog)
            case SaveDocument(kind=kind):
                save_document(page, stay, kind)
                return True
            case OpenIntake():
                open_intake(page, stay.id, stay.guest_name)
                return True
            case _:
                return False
        if done:
            return False
    return False


def _move(page: PlannerPage, stay: PlannerStay, move: MoveStay, dialog: StayDialog) -> bool:
    if (move.bed_id, move.arrival, move.departure) == (stay.bed_id, stay.arrival, stay.departure):
        return True  # nothing to move
    who = planning.WhoAsked(move.asked_by or "medewerker", move.channel)
    return edits.move_stay(
        page, stay.id, move.bed_id, move.arrival, move.departure, who=who, shown_in=dialog
    )


def change_series_later(
    page: PlannerPage, stay: PlannerStay, later: ChangeSeriesLater, dialog: StayDialog
) -> bool:
    """This and all later weeks of a series move to the weekday, length and room chosen."""
    room_id = page.room_of_bed(later.bed_id)
    outcome = operations.run(
        page.context,
        lambda: with_cap_choice(
            page.context,
            lambda name: change_later(
                page.context.db,
                stay.id,
                room_id=room_id,
                arrival_weekday=later.arrival.weekday(),
                nights=(later.departure - later.arrival).days,
                cap_accepted_by=name,
            ),
        ),
        shown_in=dialog,
        done=lambda value: _series_changed(later, value[0]),
    )
    return outcome is not None


def _series_changed(later: ChangeSeriesLater, result: SeriesResult) -> str:
    skipped = len(result.skipped)
    return f"Reeks aangepast vanaf {format_date(later.arrival)}: {len(result.created)} weken" + (
        f", {skipped} overgeslagen." if skipped else "."
    )


def change_status(
    page: PlannerPage, stay: PlannerStay, change: ChangeStatus, dialog: StayDialog
) -> bool:
    """Confirm, check in or check out; an open intake may be passed by a coordinator."""

    def step() -> StayData:
        try:
            return _apply(page, stay.id, change)
        except IntakeGateError as exc:
            if not (exc.overridable and _override(page, stay.id, exc)):
                raise
            return _apply(page, stay.id, change)

    done = f"{stay.guest_name}: {change.step.value}."
    return operations.run(page.context, step, shown_in=dialog, done=done) is not None


def _apply(page: PlannerPage, stay_id: int, change: ChangeStatus) -> StayData:
    db, when = page.context.db, change.when or datetime.now()
    match change.step:
        case StatusStep.CONFIRM:
            return planning.set_status(db, stay_id, StayStatus.CONFIRMED)
        case StatusStep.CHECK_IN:
            return planning.check_in(db, stay_id, when=when)
        case StatusStep.CHECK_OUT:
            return planning.check_out(db, stay_id, when=when)


def _override(page: PlannerPage, stay_id: int, error: IntakeGateError) -> bool:
    """Offer a coordinator to let the stay pass with a written reason; a refused override
    raises (and is shown where the step was refused)."""
    prompter = page.context.prompter
    if not prompter.confirm(
        "Intake niet compleet",
        f"{error.message}\n\nWilt u als coördinator toch doorgaan? U schrijft dan op waarom.",
    ):
        return False
    reason = prompter.ask_text("Reden", "Waarom mag de gast toch komen?")
    if not reason:
        return False
    override(
        page.context.db,
        stay_id,
        error.gate,
        reason=reason,
        given_by=page.context.who("coördinator"),
        now=datetime.now(),
    )
    return True


def save_document(page: PlannerPage, stay: PlannerStay, kind: DocumentKind) -> None:
    from ...intake.intake_documents import departure_checklist_pdf, evaluation_letter_pdf

    make = departure_checklist_pdf if kind is DocumentKind.DEPARTURE else evaluation_letter_pdf
    slug = "-".join(stay.guest_name.lower().split())
    save_pdf(
        page.context,
        kind.value,
        f"{kind.file_prefix}-{slug}.pdf",
        lambda: make(page.context.db, stay.id),
    )


def open_intake(page: PlannerPage, stay_id: int, guest_name: str) -> None:
    """The checklist saves through operations.run itself: the planner hears the change."""
    from .intake_dialog import IntakeDialog

    page.context.prompter.run_dialog(IntakeDialog(page.context, stay_id, guest_name, page))
