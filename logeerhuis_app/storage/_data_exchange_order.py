"""The order in which an import writes, so that the database's own locks let it through.

Triggers guard what is final: a final invoice refuses new lines (migration 0005), a night in
a closed month refuses any change (migration 0013). An import fills an empty database in the
order the app itself would have: nights before their month is closed, lines before their
invoice gets its number.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table

# Triggers refuse nights in a closed month (migration 0013, decision 0040): the months are
# closed once every night is in, as the app closed them after planning. No table refers to
# month_closures, so it can go last.
_CLOSED_LAST = ("month_closures",)


def insert_order(tables: list[Table]) -> list[Table]:
    """The tables in the order of inserting: parents first, closed months last."""
    return [t for t in tables if t.name not in _CLOSED_LAST] + [
        t for t in tables if t.name in _CLOSED_LAST
    ]


# A final invoice refuses new lines (a trigger), so invoices come in as drafts and get their
# number once their lines are in: the same order in which the app finalises them.
_FINAL_COLUMNS = {"invoices": ("number", "sequence")}


def defer_final_numbers(table: Table, rows: list[dict[str, Any]]) -> tuple[list[Any], list[Any]]:
    columns = _FINAL_COLUMNS.get(table.name)
    if not columns:
        return rows, []
    drafts, later = [], []
    for row in rows:
        values = {c: row[c] for c in columns if row.get(c) is not None}
        drafts.append({**row, **dict.fromkeys(columns)})
        if values:
            # Keep the stored moment: an UPDATE would otherwise stamp updated_at anew.
            values["updated_at"] = row["updated_at"]
            later.append((table, row["id"], values))
    return drafts, later
