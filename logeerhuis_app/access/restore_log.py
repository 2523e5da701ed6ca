"""The access log across a restore (NEN 7513, decision 0026).

A backup from this morning does not hold the log rows written since. Before the restored file
replaces the live one, the rows of the live (replaced) log that the restored log does not hold
are appended to it, with their own moment, user and text, and then one row that records the
restore itself. Both go through the one append function, so the chain simply goes on.

The ids the replaced file had handed out are never handed out again (sqlite_sequence is raised
to them): a carried row names a guest by id, and a guest made after the restore must not get
the id of one that existed only in the replaced file.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, text

from ..db.base import Base
from ..db.models import AccessLogEntry
from ..domain.access_log import ACTIONS, CHANGE, RESTORE
from ..domain.accounts import CurrentUser
from ..paths import database_path
from ..storage.database import open_database
from .access import log_access

Row = tuple[datetime, str, int | None, str, str]  # at, user name, guest id, action, detail


def log_restore(
    restored_dir: Path,
    replaced: Path | None,
    *,
    backup_name: str,
    moment: datetime | None,
    set_aside_name: str,
    user: CurrentUser | None,
    now: datetime,
) -> int:
    """Open (and migrate) the restored database in `restored_dir`, carry over the replaced
    file's newer log rows and log the restore. Returns the number of rows carried over."""
    found = _read_replaced(replaced) if replaced is not None else ([], {})
    with open_database(restored_dir) as db:
        db.user = user  # the restore row names who did it (None: the command line)
        with db.session() as s:
            carried = 0
            if found is not None:
                rows, sequences = found
                held = Counter(
                    (r.at, r.user_name, r.guest_id, r.action, r.detail)
                    for r in s.scalars(select(AccessLogEntry))
                )
                for row in rows:
                    if held[row] > 0:
                        held[row] -= 1  # already in the restored log (the same history)
                        continue
                    _carry(s, row)
                    carried += 1
                _never_reuse_ids(s, sequences)
            detail = _describe(backup_name, moment, set_aside_name, carried, found is not None)
            log_access(s, RESTORE, detail=detail, now=now)
    conn = sqlite3.connect(database_path(Path(restored_dir)))
    try:
        conn.execute("PRAGMA journal_mode=DELETE")  # one file again: no -wal left beside it
    finally:
        conn.close()
    return carried


def _carry(s, row: Row) -> None:
    at, user_name, guest_id, action, detail = row
    if action not in ACTIONS:  # written by a version with other actions: keep it all the same
        action, detail = CHANGE, f"({action}) {detail}"
    log_access(s, action, guest_id, detail, user_name=user_name, now=at)


def _never_reuse_ids(s, sequences: dict[str, int]) -> None:
    known = set(Base.metadata.tables)
    for name, seq in sequences.items():
        if name not in known:
            continue
        s.execute(
            text("UPDATE sqlite_sequence SET seq = :seq WHERE name = :name AND seq < :seq"),
            {"name": name, "seq": seq},
        )
        s.execute(
            text(
                "INSERT INTO sqlite_sequence (name, seq) SELECT :name, :seq "
                "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = :name)"
            ),
            {"name": name, "seq": seq},
        )


def _read_replaced(path: Path) -> tuple[list[Row], dict[str, int]] | None:
    """The replaced file's log rows (id order) and id counters; None when it cannot be read
    (a damaged file is restored over too: its log then stays in the file set aside)."""
    if not path.exists():
        return [], {}
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        rows: list[Row] = []
        if "access_log" in tables:
            query = "SELECT at, user_name, guest_id, action, detail FROM access_log ORDER BY id"
            for at, user_name, guest_id, action, detail in conn.execute(query):
                rows.append((datetime.fromisoformat(at), user_name, guest_id, action, detail))
        sequences = {}
        if "sqlite_sequence" in tables:
            counters = conn.execute("SELECT name, seq FROM sqlite_sequence")
            sequences = {name: int(seq) for name, seq in counters}
        return rows, sequences
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        conn.close()


def _describe(
    backup_name: str, moment: datetime | None, aside: str, carried: int, read: bool
) -> str:
    when = f" (van {moment:%d-%m-%Y %H:%M})" if moment is not None else ""
    text_ = f"Backup teruggezet: {backup_name}{when}"
    if not aside:
        return text_ + "."
    if not read:
        return (
            f"{text_}; het toegangslog van het vervangen gegevensbestand kon niet worden "
            f"gelezen, het blijft bewaard in {aside}."
        )
    return (
        f"{text_}; {carried} regels van het toegangslog overgenomen uit het vervangen "
        f"gegevensbestand, dat bewaard blijft als {aside}."
    )
