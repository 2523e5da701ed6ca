"""Bestand > Alle gegevens exporteren: the complete data set as a JSON file (read it in at
the first start of another PC, ui/first_start.py, or with `logeerhuis import-data`)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from . import operations
from .context import AppContext

JSON_FILTER = "Logeerhuis-gegevens (*.json)"


def export_all(context: AppContext) -> bool:
    from ..storage.data_exchange import export_to_file

    suggested = f"logeerhuis-gegevens-{date.today().isoformat()}.json"
    path = context.prompter.save_file("Alle gegevens exporteren", suggested, JSON_FILTER)
    if path is None:
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        written = operations.run(
            context,
            lambda: export_to_file(context.db, path),
            title="Export mislukt",
            done=lambda summary: (
                f"Alle gegevens geschreven naar {path} ({sum(summary.counts.values())} regels)."
            ),
        )
    finally:
        QApplication.restoreOverrideCursor()
    return written is not None
