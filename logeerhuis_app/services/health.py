"""`logeerhuis check`: is the data file whole and consistent? Reads only, never writes data.

The database is opened read-only, without migration or pragmas that write: a check on a
missing directory creates nothing, a check on a newer database leaves it as it is.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..db import schema
from ..db.models import Guest, Night, Room, Stay
from ..domain.dates import format_date
from ..domain.enums import StayStatus
from ..paths import database_path

MAX_LISTED = 10  # problems of one kind are shown one by one up to this many, the rest counted
_COUNTED = (
    ("gasten", Guest.__tablename__),
    ("kamers", Room.__tablename__),
    ("verblijven", Stay.__tablename__),
    ("nachten", Night.__tablename__),
)


@dataclass(frozen=True)
class HealthReport:
    ok: bool
    problems: tuple[str, ...]
    facts: tuple[str, ...]


def check_database(data_dir: Path) -> HealthReport:
    path = database_path(Path(data_dir))
    if not path.is_file():
        return HealthReport(False, (f"Er is nog geen gegevensbestand in {data_dir}.",), ())
    facts = [f"Gegevensbestand: {path}", f"Grootte: {_size(path.stat().st_size)}"]
    problems: list[str] = []
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return HealthReport(False, (f"Het gegevensbestand kan niet worden geopend: {exc}.",), ())
    try:
        _run_checks(conn, facts, problems)
    except sqlite3.DatabaseError as exc:
        problems.append(f"Het gegevensbestand is beschadigd of onleesbaar ({exc}).")
    finally:
        conn.close()
    return HealthReport(not problems, tuple(problems), tuple(facts))


def _run_checks(conn: sqlite3.Connection, facts: list[str], problems: list[str]) -> None:
    integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        problems.append(
            "Het gegevensbestand is beschadigd (integriteitscontrole): " + _listed(integrity)
        )
        return  # a damaged file gives unreliable answers to every further question
    if not _check_revision(_revision(conn), facts, problems):
        return
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        problems.append(
            "Verwijzingen naar iets dat niet bestaat: "
            + _listed(
                [f"tabel {t}, rij {rowid} verwijst naar {parent}" for t, rowid, parent, _ in broken]
            )
        )
    counts = [
        (label, conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for label, table in _COUNTED
    ]
    facts.append("Aantallen: " + ", ".join(f"{n} {label}" for label, n in counts))
    _check_nights(conn, problems)


def _revision(conn: sqlite3.Connection) -> str | None:
    query = "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    if not conn.execute(query).fetchone():
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _check_revision(revision: str | None, facts: list[str], problems: list[str]) -> bool:
    """Notes the schema version; True when this version of the app can check the tables."""
    head = schema.head_revision()
    if revision is None:
        problems.append(
            "Het bestand heeft geen schemaversie; het is geen Logeerhuis-gegevensbestand."
        )
        return False
    if revision == head:
        facts.append(f"Schemaversie: {revision} (de nieuwste)")
        return True
    facts.append(f"Schemaversie: {revision} (dit programma gebruikt {head})")
    if revision in schema.known_revisions():
        problems.append(
            f"De gegevens hebben een oudere schemaversie ({revision}); ze worden bij de "
            "volgende start van Logeerhuis automatisch bijgewerkt."
        )
    else:
        problems.append(
            f"De gegevens zijn gemaakt met een nieuwere versie van Logeerhuis (schemaversie "
            f"{revision}). Installeer de nieuwste versie; deze versie controleert ze niet."
        )
    return False


def _check_nights(conn: sqlite3.Connection, problems: list[str]) -> None:
    outside = conn.execute(
        "SELECT n.id, n.day, s.id, s.arrival, s.departure FROM nights n "
        "JOIN stays s ON s.id = n.stay_id "
        "WHERE n.day < s.arrival OR n.day >= s.departure ORDER BY n.id"
    ).fetchall()
    if outside:
        problems.append(
            "Nachten buiten hun verblijf: "
            + _listed(
                [
                    f"nacht {nid} op {_day(day)} hoort bij verblijf {sid} "
                    f"({_day(arrival)} tot {_day(departure)})"
                    for nid, day, sid, arrival, departure in outside
                ]
            )
        )
    active_cancelled = conn.execute(
        "SELECT n.id, s.id FROM nights n JOIN stays s ON s.id = n.stay_id "
        "WHERE n.active = 1 AND s.status = ? ORDER BY n.id",
        (StayStatus.CANCELLED.value,),
    ).fetchall()
    if active_cancelled:
        problems.append(
            "Nachten van een geannuleerd verblijf die het bed nog bezetten: "
            + _listed([f"nacht {nid} van verblijf {sid}" for nid, sid in active_cancelled])
        )
    doubles = conn.execute(
        "SELECT bed_id, day, group_concat(id, ', ') FROM nights WHERE active = 1 "
        "GROUP BY bed_id, day HAVING count(*) > 1 ORDER BY day, bed_id"
    ).fetchall()
    if doubles:
        problems.append(
            "Twee of meer actieve nachten in één bed op dezelfde datum: "
            + _listed([f"bed {bed} op {_day(day)} (nachten {ids})" for bed, day, ids in doubles])
        )
    empty = conn.execute(
        "SELECT s.id FROM stays s WHERE NOT EXISTS (SELECT 1 FROM nights n WHERE n.stay_id = s.id) "
        "ORDER BY s.id"
    ).fetchall()
    if empty:
        problems.append(
            "Verblijven zonder nachten: " + _listed([f"verblijf {sid}" for (sid,) in empty])
        )


def _listed(items: list[str]) -> str:
    shown = "; ".join(items[:MAX_LISTED])
    if len(items) > MAX_LISTED:
        shown += f"; en nog {len(items) - MAX_LISTED}"
    return shown + "."


def _day(stored: object) -> str:
    try:
        return format_date(date.fromisoformat(str(stored)))
    except ValueError:
        return str(stored)


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
