"""Make a PDF, let the user choose where it goes, and open it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ..services.errors import ServiceError
from ..storage.private_files import write_private
from .context import AppContext


def save_pdf(
    context: AppContext, title: str, suggested: str, make: Callable[[], bytes]
) -> Path | None:
    path = context.prompter.save_file(title, suggested, "PDF (*.pdf)")
    if path is None:
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        pdf = make()
        write_private(Path(path), pdf)
    except ServiceError as exc:
        context.prompter.error(f"{title}: niet gemaakt", exc.message)
        return None
    except OSError as exc:
        context.prompter.error(
            f"{title}: niet opgeslagen", f"{path} kan niet worden geschreven: {exc.strerror or exc}"
        )
        return None
    finally:
        QApplication.restoreOverrideCursor()
    context.status(f"{title} opgeslagen: {path}")
    context.prompter.open_document(Path(path))
    return Path(path)
