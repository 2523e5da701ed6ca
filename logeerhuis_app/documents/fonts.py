"""The fonts shipped with the app (DejaVu Sans), so a PDF never depends on system fonts."""

from __future__ import annotations

from functools import cache
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR, BOLD = "LhSans", "LhSans-Bold"


@cache
def register_fonts() -> tuple[str, str]:
    """Register the bundled fonts once; returns (regular, bold) font names for reportlab."""
    folder = resources.files("logeerhuis_app.resources.fonts")
    for name, file in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        with resources.as_file(folder / file) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
    return REGULAR, BOLD
