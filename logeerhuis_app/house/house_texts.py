"""Texts the house writes itself (conditions of the stay, evaluation letter), kept as settings."""

from __future__ import annotations

from ..access.access import require_role
from ..db.models import Setting
from ..domain.text_limits import LETTER_MAX_LENGTH, too_long
from ..services.errors import ValidationError
from ..storage.database import Database

CONDITIONS = "texts.conditions"
EVALUATION = "texts.evaluation"
MAX_LENGTH = LETTER_MAX_LENGTH


def get_text(db: Database, key: str) -> str:
    """The stored text, or '' (the documents then use their default)."""
    with db.session() as s:
        row = s.get(Setting, key)
        return row.value if row is not None else ""


def set_text(db: Database, key: str, text: str) -> None:
    if key not in (CONDITIONS, EVALUATION):
        raise ValueError(key)
    require_role(db)
    if len(text) > MAX_LENGTH:
        raise ValidationError({key: too_long(MAX_LENGTH)})
    with db.session() as s:
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=text.strip()))
        else:
            row.value = text.strip()
