"""One way for a page to run a use case: errors shown alike everywhere, changes announced.

`run(context, op, on_success)` runs `op` through `Database.run`, so the result says which
subjects the unit of work wrote (decision 0053); the pages that show those subjects reload. A
refusal is shown the same way on every page:
- inside a form (`shown_in`): under the fields it concerns, the rest as the form's message;
- otherwise: a message box with the Dutch text, the field messages spelled out (a box has no
  fields to mark), and the same text in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from ..services.changes import Change, Outcome
from ..services.errors import ServiceError
from .context import AppContext

T = TypeVar("T")


class ShowsErrors(Protocol):
    """A dialog or panel with fields that shows a refusal itself (FormDialog, StayDialog…)."""

    def show_error(self, error: ServiceError) -> None: ...


def run(
    context: AppContext,
    op: Callable[[], T],
    on_success: Callable[[Outcome[T]], object] | None = None,
    *,
    title: str = "Niet gelukt",
    shown_in: ShowsErrors | None = None,
    done: str | Callable[[T], str] | None = None,
    also: Iterable[Change] = (),
) -> Outcome[T] | None:
    """Run `op`; on success announce what changed, put `done` in the status bar and call
    `on_success`; on a ServiceError show it and return None. `also` names changes the
    database cannot see (another database was opened)."""
    try:
        outcome = context.db.run(op)
    except ServiceError as exc:
        announce_changes(context, exc.changed)  # the steps saved before the refusal
        show_error(context, exc, title=title, shown_in=shown_in)
        return None
    if also:
        outcome = Outcome(outcome.value, outcome.changed | frozenset(also))
    announce_changes(context, outcome.changed)
    if done is not None:
        context.status(done if isinstance(done, str) else done(outcome.value))
    if on_success is not None:
        on_success(outcome)
    return outcome


def show_error(
    context: AppContext,
    error: ServiceError,
    *,
    title: str = "Niet gelukt",
    shown_in: ShowsErrors | None = None,
) -> None:
    """Show a refusal the one way: in the form when there is one, else a message box."""
    if shown_in is not None:
        shown_in.show_error(error)
        return
    context.status(error.detail)
    context.prompter.error(title, error.detail)


def announce_changes(context: AppContext, changed: Iterable[Change]) -> None:
    """Tell the pages (each visible one reloads once); after another database was opened,
    every page reloads."""
    changed = set(changed)
    if not changed:
        return
    if Change.EVERYTHING in changed:
        context.announce_all([Change.EVERYTHING.value])
        return
    context.announce_all([change.value for change in sorted(changed)])
