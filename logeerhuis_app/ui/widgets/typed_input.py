"""Has the user typed in a panel since it was loaded? Then a reload must not overwrite it.

A page with several panels that each save on their own (Instellingen) reloads when any of them
saved; a panel with unsaved input keeps it (never lose what the user typed).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from .raw_value import raw_value


def input_state(root: QWidget) -> tuple[object, ...]:
    """Everything a user can type or tick in `root`, as typed (a spin box through the line
    edit inside it), to compare before and after."""
    return tuple(raw_value(widget) for widget in root.findChildren(QWidget))


class RemembersLoadedInput:
    """For a panel: call remember_input() after loading and after saving."""

    _loaded_input: tuple[object, ...] | None = None

    def remember_input(self) -> None:
        assert isinstance(self, QWidget)
        self._loaded_input = input_state(self)

    def typed_since_load(self) -> bool:
        assert isinstance(self, QWidget)
        return self._loaded_input is not None and input_state(self) != self._loaded_input
