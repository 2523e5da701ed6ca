"""The last guard on text length, in every unit of work (decision 0028).

The services check the fields they know by name (with a label); this catches every other
text on its way into the database: a `String(n)` column takes at most n characters (SQLite
would store any length, PostgreSQL refuses with a raw error), a `Text` column at most the
note limit (the house's letter texts in `settings`: the letter limit). The refusal is a
ValidationError keyed by the attribute, so a form shows it beside the field of that name.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from sqlalchemy import String, event
from sqlalchemy import inspect as inspect_
from sqlalchemy.orm import Mapper, Session, sessionmaker

from ..domain.text_limits import LETTER_MAX_LENGTH, NOTE_MAX_LENGTH, too_long
from ..services.errors import ValidationError

_LONG_TEXT_TABLES = {"settings"}
_limits_by_mapper: dict[Mapper[Any], tuple[tuple[str, int], ...]] = {}


def guard_text_lengths(sessions: sessionmaker[Session]) -> None:
    event.listen(sessions, "before_flush", _refuse_overlong)


def _refuse_overlong(session: Session, _context: object, _instances: object) -> None:
    problems: dict[str, str] = {}
    for obj in chain(session.new, session.dirty):
        for key, limit in _limits(inspect_(obj).mapper):
            value = getattr(obj, key, None)
            if isinstance(value, str) and len(value) > limit:
                problems.setdefault(key, too_long(limit))
    if problems:
        raise ValidationError(problems, "Niet opgeslagen: een tekst is te lang.")


def _limits(mapper: Mapper[Any]) -> tuple[tuple[str, int], ...]:
    found = _limits_by_mapper.get(mapper)
    if found is None:
        pairs = []
        for attr in mapper.column_attrs:
            column = attr.columns[0]
            if not isinstance(column.type, String):
                continue
            table = getattr(column, "table", None)
            unbounded = (
                LETTER_MAX_LENGTH
                if table is not None and table.name in _LONG_TEXT_TABLES
                else NOTE_MAX_LENGTH
            )
            pairs.append((attr.key, column.type.length or unbounded))
        found = _limits_by_mapper[mapper] = tuple(pairs)
    return found
