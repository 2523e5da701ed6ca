"""Undo and redo for planner edits, on Qt's undo stack.

The service call happens before a command is pushed (so a refused edit never enters the
stack); the command's first redo() is therefore skipped. Re-creating an undone stay gives it a
new id, so commands refer to stays through the page's id map.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ...services.errors import ServiceError


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
        text: str,
        redo: Callable[[], object],
        undo: Callable[[], object],
        on_error: Callable[[str], None],
        after: Callable[[], None],
    ) -> None:
        super().__init__(text)
        self._redo, self._undo = redo, undo
        self._on_error, self._after = on_error, after
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, action: Callable[[], object]) -> None:
        try:
            action()
        except ServiceError as exc:
            # The world changed since (e.g. the bed was taken): drop this step, say why.
            self.setObsolete(True)
            self._on_error(f"{self.text()} kan niet ongedaan worden gemaakt: {exc.message}")
        self._after()
