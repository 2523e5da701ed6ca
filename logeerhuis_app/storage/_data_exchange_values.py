"""Column values to and from the JSON data file, chosen by the column's SQL type.

Dates and moments become ISO strings, binary data (a logo) base64, booleans true/false.
Every refusal is a Dutch sentence naming the table, the row and the column.
"""

from __future__ import annotations

import base64
import binascii
import math
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Integer, LargeBinary, String, Table
from sqlalchemy.exc import IntegrityError

from ..services.errors import DataError

# SQLite stores whole numbers in 8 bytes: a bigger one cannot be stored at all.
SMALLEST_INTEGER, LARGEST_INTEGER = -(2**63), 2**63 - 1


def value_to_json(column: Column[Any], value: Any) -> Any:
    """A database value as a JSON value."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    if isinstance(kind, DateTime | Date):
        return value.isoformat()
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, Integer):
        return int(value)
    if isinstance(kind, Float):
        return float(value)
    if isinstance(kind, String):
        return str(value)
    raise DataError(
        f"Kolom {column.table.name}.{column.name} heeft een type ({kind}) dat niet kan worden "
        "uitgevoerd."
    )


def value_from_json(column: Column[Any], value: Any) -> Any:
    """A JSON value as a database value; ValueError with a Dutch reason when it does not fit."""
    if value is None:
        if not column.nullable:
            raise ValueError("de waarde ontbreekt (null), maar is verplicht")
        return None
    kind = column.type
    if isinstance(kind, LargeBinary):
        if not isinstance(value, str):
            raise ValueError("verwacht base64-tekst")
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("is geen geldige base64-tekst") from None
    if isinstance(kind, DateTime):
        return _moment(value)
    if isinstance(kind, Date):
        return _date(value)
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError(f"verwacht true of false, gevonden {_show(value)}")
        return value
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"verwacht een geheel getal, gevonden {_show(value)}")
        if not SMALLEST_INTEGER <= value <= LARGEST_INTEGER:
            raise ValueError("het getal is te groot om op te slaan")
        return value
    if isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"verwacht een getal, gevonden {_show(value)}")
        try:
            number = float(value)
        except OverflowError:
            raise ValueError("het getal is te groot om op te slaan") from None
        if not math.isfinite(number):
            raise ValueError(f"verwacht een eindig getal, gevonden {_show(value)}")
        return number
    if isinstance(kind, String):
        if not isinstance(value, str):
            raise ValueError(f"verwacht tekst, gevonden {_show(value)}")
        if kind.length is not None and len(value) > kind.length:
            raise ValueError(f"de tekst is langer dan {kind.length} tekens")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate ("\ud800") is no character at all
            raise ValueError("de tekst bevat een ongeldig teken") from None
        return value
    raise ValueError(f"het kolomtype {kind} wordt niet ondersteund")


def _date(value: Any) -> date:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"verwacht een datum als JJJJ-MM-DD, gevonden {_show(value)}")


def _moment(value: Any) -> datetime:
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is None:
            return moment
    raise ValueError(f"verwacht een tijdstip als JJJJ-MM-DDTUU:MM:SS, gevonden {_show(value)}")


def _show(value: Any) -> str:
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # an int of thousands of digits, or deep nesting
        return "een te grote waarde"
    return text if len(text) <= 40 else text[:37] + "..."


def rows_to_json(table: Table, rows: list[Any]) -> dict[str, Any]:
    """One table's section of the file: its column names and rows as lists."""
    columns = list(table.columns)
    return {
        "columns": [c.name for c in columns],
        "rows": [[value_to_json(c, row._mapping[c]) for c in columns] for row in rows],
    }


def rows_from_json(table: Table, section: Any) -> list[dict[str, Any]]:
    """One table's section of the file as insertable rows; DataError naming what is wrong."""
    name = table.name
    if not isinstance(section, dict) or set(section) != {"columns", "rows"}:
        raise DataError(f"Tabel {name}: verwacht precies de onderdelen 'columns' en 'rows'.")
    columns, rows = section["columns"], section["rows"]
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise DataError(f"Tabel {name}: 'columns' moet een lijst met kolomnamen zijn.")
    known = [c.name for c in table.columns]
    unknown = [c for c in columns if c not in known]
    missing = [c for c in known if c not in columns]
    if unknown or missing or len(columns) != len(set(columns)):
        parts = []
        if unknown:
            parts.append("onbekende kolommen: " + ", ".join(unknown))
        if missing:
            parts.append("ontbrekende kolommen: " + ", ".join(missing))
        if not parts:
            parts.append("een kolom staat er dubbel in")
        raise DataError(f"Tabel {name} past niet bij deze versie ({'; '.join(parts)}).")
    if not isinstance(rows, list):
        raise DataError(f"Tabel {name}: 'rows' moet een lijst zijn.")
    converted = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, list) or len(row) != len(columns):
            raise DataError(
                f"Tabel {name}, rij {number}: verwacht een lijst met {len(columns)} waarden "
                f"(één per kolom)."
            )
        values: dict[str, Any] = {}
        for column_name, value in zip(columns, row, strict=True):
            try:
                values[column_name] = value_from_json(table.columns[column_name], value)
            except ValueError as exc:
                raise DataError(
                    f"Tabel {name}, rij {number}, kolom {column_name}: {exc}."
                ) from None
        converted.append(values)
    return converted


def sequences_from_json(sequences: Any, tables: list[Table]) -> dict[str, int]:
    """The AUTOINCREMENT counters from the file, checked: known tables, whole numbers >= 0."""
    known = {t.name for t in tables}
    if not isinstance(sequences, dict):
        raise DataError("Het onderdeel 'sequences' moet tabelnamen aan getallen koppelen.")
    for name, value in sequences.items():
        if name not in known:
            raise DataError(f"Het onderdeel 'sequences' noemt een onbekende tabel: {name}.")
        if isinstance(value, bool) or not isinstance(value, int):
            raise DataError(f"Het onderdeel 'sequences' heeft geen geldig getal voor {name}.")
        if not 0 <= value <= LARGEST_INTEGER:
            raise DataError(f"Het onderdeel 'sequences' heeft geen geldig getal voor {name}.")
    return sequences


def constraint_reason(table: Table, exc: IntegrityError) -> str:
    """The database's refusal of a row (SQLite's English) as a Dutch reason."""
    message = str(exc.orig)
    if table.name == "nights" and "UNIQUE" in message and "bed_id" in message:
        return "twee actieve nachten in hetzelfde bed op dezelfde datum"
    if "UNIQUE" in message:
        return f"deze waarde komt al voor ({message.split(':', 1)[-1].strip()})"
    if "FOREIGN KEY" in message:
        return "de regel verwijst naar iets dat niet (meer) bestaat"
    if "NOT NULL" in message:
        return f"een verplichte waarde ontbreekt ({message.split(':', 1)[-1].strip()})"
    if "CHECK" in message:
        return f"een waarde voldoet niet aan de regel {message.split(':', 1)[-1].strip()}"
    return message
