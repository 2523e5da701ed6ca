"""Stays and their nights: what the planner's rules promise about every stored night."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Connection, and_, exists, or_, select

from ...db.models import Night, Stay
from ...domain.enums import StayStatus
from .findings import Findings, day

_n, _s = Night.__table__.c, Stay.__table__.c


def check_nights(conn: Connection, found: Findings) -> None:
    outside = conn.execute(
        select(_n.id, _n.day, _s.id, _s.arrival, _s.departure)
        .join_from(Night.__table__, Stay.__table__, _s.id == _n.stay_id)
        .where(or_(_n.day < _s.arrival, _n.day >= _s.departure))
        .order_by(_n.id)
    ).all()
    found.add(
        "Nachten buiten hun verblijf",
        [
            f"nacht {nid} op {day(night)} hoort bij verblijf {sid} "
            f"({day(arrival)} tot {day(departure)})"
            for nid, night, sid, arrival, departure in outside
        ],
    )
    active_cancelled = conn.execute(
        select(_n.id, _s.id)
        .join_from(Night.__table__, Stay.__table__, _s.id == _n.stay_id)
        .where(and_(_n.active.is_(True), _s.status == StayStatus.CANCELLED.value))
        .order_by(_n.id)
    ).all()
    found.add(
        "Nachten van een geannuleerd verblijf die het bed nog bezetten",
        [f"nacht {nid} van verblijf {sid}" for nid, sid in active_cancelled],
    )
    found.add("Twee of meer actieve nachten in één bed op dezelfde datum", _doubles(conn))
    empty = conn.execute(
        select(_s.id).where(~exists().where(_n.stay_id == _s.id)).order_by(_s.id)
    ).scalars()
    found.add("Verblijven zonder nachten", [f"verblijf {sid}" for sid in empty])


def _doubles(conn: Connection) -> list[str]:
    rows = conn.execute(
        select(_n.bed_id, _n.day, _n.id).where(_n.active.is_(True)).order_by(_n.day, _n.bed_id)
    )
    beds: dict[tuple[date, int], list[int]] = defaultdict(list)
    for bed, night, nid in rows:
        beds[(night, bed)].append(nid)
    return [
        f"bed {bed} op {day(night)} (nachten {', '.join(map(str, sorted(ids)))})"
        for (night, bed), ids in beds.items()
        if len(ids) > 1
    ]
