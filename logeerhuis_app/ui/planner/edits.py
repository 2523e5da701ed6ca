"""The planner's edits that can be undone: plan a stay, move or resize it, cancel it.

Each runs its service through ui/operations.run, so a refusal is shown one way (in the open
dialog when there is one, else a message box with the Dutch reason) and the changes are
announced: the page reloads because it listens, not because an edit asks it to. A done edit
is pushed on the undo stack; its undo and redo run the same way (planner/commands.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from ...domain.dates import format_date
from ...domain.enums import StayStatus
from ...planning import planning
from ...planning.series import cancel_occurrences
from ...planning.stays import NewStay, StayData, create_stay
from .. import operations
from ..operations import ShowsErrors
from .cap_confirm import with_cap_choice
from .commands import ServiceCommand
from .stay_dialog import StayDialog

if TYPE_CHECKING:
    from ...planning.planner_view import PlannerStay
    from .page import PlannerPage

PLANNED = (StayStatus.OPTION, StayStatus.CONFIRMED)


def push(page: PlannerPage, text: str, redo: Callable[[], object], undo: Callable[[], object]):
    """Put a done edit on the undo stack; a refused undo or redo shows the planning as it is."""
    page.undo_stack.push(ServiceCommand(page.context, text, redo, undo, page.refresh))


def create_stay_at(page: PlannerPage, bed_id: int, arrival: date, departure: date) -> None:
    """The new-stay dialog, filled in with the dragged bed and days, until it is saved."""
    dialog = StayDialog(
        page.context,
        page.grid.beds,
        bed_id=bed_id,
        arrival=arrival,
        departure=departure,
        parent=page,
    )
    while page.context.prompter.run_dialog(dialog):
        match dialog.choice:
            case NewStay() as new:
                if plan_stay(page, new, shown_in=dialog):
                    return
            case _:
                return


def plan_stay(page: PlannerPage, new: NewStay, *, shown_in: ShowsErrors | None = None) -> bool:
    db = page.context.db

    def save(name: str) -> StayData:
        return create_stay(db, replace(new, cap_accepted_by=name))

    outcome = operations.run(
        page.context,
        lambda: with_cap_choice(page.context, save),
        shown_in=shown_in,
        done=f"Verblijf gepland ({format_date(new.arrival)})",
    )
    if outcome is None:
        return False
    created, accepted = outcome.value
    again = replace(new, cap_accepted_by=accepted)  # a redo repeats the choice
    original = created.id

    def redo() -> None:
        page.ids.remap(original, create_stay(db, again).id)

    def undo() -> None:
        planning.delete_planned(db, page.ids.resolve(original))

    push(page, f"Verblijf gepland ({format_date(new.arrival)})", redo, undo)
    page.grid.selected_stay = created.id
    return True


def move_stay(
    page: PlannerPage,
    stay_id: int,
    bed_id: int,
    arrival: date,
    departure: date,
    *,
    who: planning.WhoAsked | None = None,
    shown_in: ShowsErrors | None = None,
) -> bool:
    """Move or resize (a drag, a key, the dialog); False when it was refused."""
    stay = page.grid.stay_by_id(stay_id)
    if stay is None:
        return True
    db, room_id = page.context.db, page.room_of_bed(bed_id)
    text = f"{stay.guest_name} verplaatst"
    outcome = operations.run(
        page.context,
        lambda: with_cap_choice(
            page.context,
            lambda name: planning.move_stay(
                db,
                stay_id,
                room_id=room_id,
                bed_id=bed_id,
                arrival=arrival,
                departure=departure,
                who=who or planning.WhoAsked("medewerker"),
                cap_accepted_by=name,
            ),
        ),
        shown_in=shown_in,
        done=text,
    )
    if outcome is None:
        return False
    _moved, accepted = outcome.value
    old = (stay.room_id, stay.bed_id, stay.arrival, stay.departure)

    def redo() -> None:
        planning.move_stay(
            db,
            page.ids.resolve(stay_id),
            room_id=room_id,
            bed_id=bed_id,
            arrival=arrival,
            departure=departure,
            cap_accepted_by=accepted,
        )

    def undo() -> None:
        planning.move_stay(
            db,
            page.ids.resolve(stay_id),
            room_id=old[0],
            bed_id=old[1],
            arrival=old[2],
            departure=old[3],
        )

    push(page, text, redo, undo)
    return True


def cancel_stay(page: PlannerPage, stay_id: int, *, shown_in: ShowsErrors | None = None) -> bool:
    """Ask the reason (and for a series whether the later weeks go too), then cancel; False
    when it was refused."""
    stay = page.grid.stay_by_id(stay_id)
    if stay is None or stay.status not in PLANNED:
        page.refused("Alleen een optie of een bevestigd verblijf kan worden geannuleerd.")
        return True
    reason = page.context.prompter.ask_text(
        "Verblijf annuleren", f"Reden van de annulering van {stay.guest_name}:"
    )
    if not reason:
        return True
    if stay.series_id and page.context.prompter.confirm(
        "Reeks", "Dit verblijf hoort bij vaste logeerdagen. Ook alle volgende keren annuleren?"
    ):
        return _cancel_series_from(page, stay, reason, shown_in)
    db, who = page.context.db, page.context.who()

    def cancel() -> None:
        planning.cancel(
            db, page.ids.resolve(stay_id), reason=reason, cancelled_by=who, when=datetime.now()
        )

    text = f"Verblijf van {stay.guest_name} geannuleerd"
    if operations.run(page.context, cancel, shown_in=shown_in, done=text) is None:
        return False

    def undo() -> None:
        status = StayStatus(stay.status)
        with_cap_choice(
            page.context,
            lambda name: planning.reinstate(
                db, page.ids.resolve(stay_id), status, cap_accepted_by=name
            ),
        )

    push(page, text, cancel, undo)
    return True


def _cancel_series_from(
    page: PlannerPage, stay: PlannerStay, reason: str, shown_in: ShowsErrors | None
) -> bool:
    """This week and every later planned week; not undone from the stack (as before)."""
    outcome = operations.run(
        page.context,
        lambda: cancel_occurrences(
            page.context.db,
            stay.id,
            and_later=True,
            reason=reason,
            cancelled_by=page.context.who(),
            when=datetime.now(),
        ),
        shown_in=shown_in,
        done=lambda count: (
            f"{count} verblijven van {stay.guest_name} geannuleerd (deze en volgende)."
        ),
    )
    return outcome is not None
