"""Make a PDF, let the user choose where it goes, and open it; writing a chosen file with a
full or read-only disk said in Dutch, so operations.run shows it like any refusal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ..services.errors import DataError
from ..storage.private_files import write_private
from . import operations
from .context import AppContext


def write_file(path: Path, data: bytes) -> None:
    """Write a file the user chose; a disk that refuses becomes a Dutch DataError."""
    try:
        write_private(path, data)
    except OSError as exc:
        raise DataError(f"{path} kan niet worden geschreven: {exc.strerror or exc}") from exc


def save_pdf(
    context: AppContext, title: str, suggested: str, make: Callable[[], bytes]
) -> Path | None:
    chosen = context.prompter.save_file(title, suggested, "PDF (*.pdf)")
    if chosen is None:
        return None
    path = Path(chosen)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        made = operations.run(context, make, title=f"{title}: niet gemaakt")
        saved = made is not None and operations.run(
            context, lambda: write_file(path, made.value), title=f"{title}: niet opgeslagen"
        )
    finally:
        QApplication.restoreOverrideCursor()
    if not saved:
        return None
    context.status(f"{title} opgeslagen: {path}")
    context.prompter.open_document(path)
    return path
