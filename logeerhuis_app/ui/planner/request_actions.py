"""Requests and series from the planner: register or change a request, place one from the
waiting lane on a bed, plan a weekly series.

The dialogs save through ui/operations.run themselves and say what they saved in the status
bar; placing a dropped request has no dialog, so a refusal is a message box with the Dutch
reason (the bed taken meanwhile names who took it, issue 19).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ...planning.requests import get_request, place_request
from .. import operations
from .cap_confirm import with_cap_choice
from .request_dialog import RequestDialog
from .series_dialog import SeriesDialog

if TYPE_CHECKING:
    from .page import PlannerPage


def new_series(page: PlannerPage) -> None:
    page.context.prompter.run_dialog(SeriesDialog(page.context, page.grid.beds, page))


def open_request(page: PlannerPage, request_id: int | None) -> None:
    request = get_request(page.context.db, request_id) if request_id is not None else None
    page.context.prompter.run_dialog(RequestDialog(page.context, request, page))


def place_dropped_request(page: PlannerPage, request_id: int, bed_id: int, day: date) -> None:
    """Book the request from `day` on this bed for the nights it asks."""
    requests = page.view.requests if page.view is not None else ()
    request = next((r for r in requests if r.id == request_id), None)
    if request is None:
        return
    departure = day + timedelta(days=request.nights)
    problem = page.grid.problem_for(None, page.grid._rows.get(bed_id, -1), day, departure)
    if problem:  # what the planner shows already rules it out
        page.refused(problem)
        return
    room_id = page.room_of_bed(bed_id)
    operations.run(
        page.context,
        lambda: with_cap_choice(
            page.context,
            lambda name: place_request(
                page.context.db,
                request_id,
                room_id=room_id,
                bed_id=bed_id,
                arrival=day,
                departure=departure,
                cap_accepted_by=name,
            ),
        ),
        title="Aanvraag niet geplaatst",
        done=f"Aanvraag van {request.guest_name} geplaatst.",
    )
