"""Security settings of the house: after how many idle minutes the app locks."""

from __future__ import annotations

from ..db.models import Setting
from ..services.errors import ValidationError
from ..storage.database import Database
from .access import require_role

IDLE_KEY = "security.idle_minutes"
DEFAULT_IDLE_MINUTES = 5
MIN_IDLE, MAX_IDLE = 1, 60


def idle_minutes(db: Database) -> int:
    with db.session() as s:
        row = s.get(Setting, IDLE_KEY)
        try:
            value = int(row.value) if row is not None else DEFAULT_IDLE_MINUTES
        except ValueError:  # a hand-edited value: fall back to the safe default
            return DEFAULT_IDLE_MINUTES
    return min(max(value, MIN_IDLE), MAX_IDLE)


def set_idle_minutes(db: Database, minutes: int) -> None:
    require_role(db)  # a medewerker must not be able to switch the lock off (60 minutes)
    if not MIN_IDLE <= minutes <= MAX_IDLE:
        raise ValidationError(
            {"idle_minutes": f"Kies een vergrendeltijd van {MIN_IDLE} tot {MAX_IDLE} minuten."}
        )
    with db.session() as s:
        row = s.get(Setting, IDLE_KEY)
        if row is None:
            s.add(Setting(key=IDLE_KEY, value=str(minutes)))
        else:
            row.value = str(minutes)
