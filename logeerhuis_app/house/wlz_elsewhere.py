"""Wlz logeer nights a guest used at other providers, per year: they count toward the 156."""

from __future__ import annotations

from sqlalchemy import select

from ..db.models import Guest, WlzNightsElsewhere
from ..domain.caps import WLZ_NIGHTS_PER_YEAR
from ..services.errors import NotFoundError, ValidationError
from ..storage.database import Database


def nights_elsewhere(db: Database, guest_id: int, year: int) -> int:
    with db.session() as s:
        row = s.scalar(
            select(WlzNightsElsewhere).where(
                WlzNightsElsewhere.guest_id == guest_id, WlzNightsElsewhere.year == year
            )
        )
        return row.nights if row is not None else 0


def set_nights_elsewhere(
    db: Database, guest_id: int, year: int, nights: int, note: str = ""
) -> int:
    if not 0 <= nights <= WLZ_NIGHTS_PER_YEAR * 2:
        raise ValidationError({"nights": f"Vul 0 tot {WLZ_NIGHTS_PER_YEAR * 2} nachten in."})
    if not 2000 <= year <= 2200:
        raise ValidationError({"year": "Vul een geldig jaar in."})
    with db.session() as s:
        if s.get(Guest, guest_id) is None:
            raise NotFoundError("Deze gast bestaat niet (meer).")
        row = s.scalar(
            select(WlzNightsElsewhere).where(
                WlzNightsElsewhere.guest_id == guest_id, WlzNightsElsewhere.year == year
            )
        )
        if row is None:
            row = WlzNightsElsewhere(guest_id=guest_id, year=year, nights=nights, note=note)
            s.add(row)
        else:
            row.nights, row.note = nights, note
            row.version += 1
        return nights
