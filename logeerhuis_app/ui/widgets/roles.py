"""Widgets that only a coordinator may use: disabled for others, the reason as tooltip.

The service refuses the action as well (decision 0014); this only keeps a medewerker from
trying what would be refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ...storage.database import Database


def coordinator_only(widgets: Iterable[QWidget], db: Database, reason: str) -> bool:
    """Enable the widgets for a coordinator (or the system user), else disable them with
    `reason` as their tooltip. Returns whether they are allowed."""
    from ...access.access import may

    allowed = may(db)
    for widget in widgets:
        widget.setEnabled(allowed)
        widget.setToolTip("" if allowed else reason)
    return allowed
