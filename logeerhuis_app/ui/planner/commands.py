"""Undo and redo for planner edits, on Qt's undo stack.

The service call happens before a command is pushed (so a refused edit never enters the
stack); the command's first redo() is therefore skipped. Re-creating an undone stay gives it a
new id, so commands refer to stays through the page's id map. An undo or redo runs through
ui/operations.run like any edit: the pages hear what it changed (decision 0053).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ...services.errors import ServiceError
from .. import operations
from ..context import AppContext


class StayIds:
    """Maps the id a stay had when a command was made to the id it has now."""

    def __init__(self) -> None:
        self._current: dict[int, int] = {}

    def resolve(self, original: int) -> int:
        return self._current.get(original, original)

    def remap(self, original: int, new: int) -> None:
        self._current[original] = new


class ServiceCommand(QUndoCommand):
    def __init__(
        self,
        context: AppContext,
        text: str,
        redo: Callable[[], object],
        undo: Callable[[], object],
        on_refused: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(text)
        self.context = context
        self._redo, self._undo = redo, undo
        self._on_refused = on_refused
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self._redo, "opnieuw worden gedaan")

    def undo(self) -> None:
        self._run(self._undo, "ongedaan worden gemaakt")

    def _run(self, action: Callable[[], object], what: str) -> None:
        def step() -> object:
            try:
                return action()
            except ServiceError as exc:
                # The world changed since (e.g. the bed was taken): drop this step, say why.
                self.setObsolete(True)
                raise ServiceError(f"{self.text()} kan niet {what}: {exc.detail}") from exc

        if operations.run(self.context, step, title="Kan niet") is None:
            self._on_refused()
