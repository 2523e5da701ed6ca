"""Planner benchmark: a house that has used the app for ten years, opened on the quarter view.

Builds (once, cached) a data set of 10 rooms (one with 2 beds, so 11 beds), 600 guests and
about 12,000 stays over the 10 years that end 3 months after today, then measures the real
PlannerPage off-screen (QT_QPA_PLATFORM=offscreen) at 1366x768 on the 'kwartaal' zoom:

  (a) first paint: creating the page, loading the quarter (page.refresh -> load_planner),
      showing it and processing events until the grid has painted; 7 fresh pages;
  (b) a week's scroll: page.scroll_days(+-7) and a synchronous page.grid.repaint(); 100 steps
      (50 weeks forward, then 50 back, over weeks that hold data);
  (c) load_planner alone for a quarter;
  (d) the peak RSS of the measuring process (the data set is built in a child process).

Usage:  python bench/planner_bench.py [--data-dir DIR] [--keep] [--json FILE] [--profile]
                                      [--no-none-guard]

It is a measurement, not a test: it prints a table with PASS/FAIL against the budgets and
exits 0 unless something crashes.
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable from a checkout without installing the package
    sys.path.insert(0, str(ROOT))
# Qt reads this when the QApplication is made; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GENERATOR_VERSION = 1  # bump when the data set changes, so old caches are not reused
SEED = 2026
GUESTS = 600
TARGET_STAYS = 12_000
YEARS = 10
WIDTH, HEIGHT = 1366, 768
ZOOM = "kwartaal"
FIRST_PAINT_RUNS = 7
SCROLL_WEEKS = 50  # forward, then the same number back: 100 steps
LOAD_RUNS = 20
BUDGET_FIRST_PAINT_MS = 150.0
BUDGET_SCROLL_MS = 16.0
MARKER = "planner_bench.json"

# name, beds, environment, hoist, ground floor, wheelchair accessible
ROOMS = (
    ("Kamer 1 Linde", 2, "beschut", False, True, True),
    ("Kamer 2 Eik", 1, "beschermd", True, True, True),
    ("Kamer 3 Beuk", 1, "beschermd", False, True, False),
    ("Kamer 4 Kastanje", 1, "beschut", False, False, False),
    ("Kamer 5 Esdoorn", 1, "beschut", True, False, True),
    ("Kamer 6 Berk", 1, "beschermd", False, False, False),
    ("Kamer 7 Wilg", 1, "beschut", False, True, True),
    ("Kamer 8 Els", 1, "beschut", False, False, False),
    ("Kamer 9 Hazelaar", 1, "beschermd", True, True, True),
    ("Kamer 10 Iep", 1, "beschut", False, False, True),
)
# Funding routes (keys of demo_house's contracts) and their share of the guests; None: no
# allocation recorded (the planner warns about those stays).
ROUTES = (
    ("wmo:0307", 20), ("wmo:0327", 10), ("wmo:0342", 10), ("wlz_vv", 15), ("wlz", 10),
    ("pgb", 15), ("private", 15), (None, 5),
)  # fmt: skip
LENGTHS = (1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 7)  # nights
GAPS = (0, 0, 0, 0, 0, 0, 0, 1, 1, 2)  # free days between two stays in a bed
CANCEL_REASONS = ("Gast ziek", "Opgenomen in het ziekenhuis", "Familie vangt zelf op")


# -- the data set ---------------------------------------------------------------------------------
def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def dataset_key(today: date) -> str:
    return f"{today.isoformat()}-v{GENERATOR_VERSION}-seed{SEED}"


def read_marker(data_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((data_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@dataclass
class _Guest:
    index: int
    start: date  # first day the guest may arrive
    end: date  # last day the guest may leave
    route: str | None
    hoist: bool
    ground: bool
    wheelchair: bool
    busy: set[int] = field(default_factory=set)  # ordinals of booked nights
    allocation_id: int | None = None
    id: int = 0


@dataclass
class _Plan:
    guest: _Guest
    room: int  # index in ROOMS
    bed: int  # index among the room's beds
    arrival: date
    departure: date
    cancelled: bool = False


def _plan_guests(rng: random.Random, start: date, end: date) -> list[_Guest]:
    weights = [w for _r, w in ROUTES]
    guests = []
    span = (end - start).days
    for index in range(GUESTS):
        first = start + timedelta(days=rng.randint(-730, span - 180))
        last = first + timedelta(days=rng.randint(2 * 365, 6 * 365))
        hoist = rng.random() < 0.08
        guests.append(
            _Guest(
                index=index,
                start=max(first, start),
                end=min(last, end),
                route=rng.choices([r for r, _w in ROUTES], weights)[0],
                hoist=hoist,
                ground=hoist or rng.random() < 0.15,
                wheelchair=hoist or rng.random() < 0.1,
            )
        )
    return guests


def _suits(guest: _Guest, room: int) -> bool:
    _name, _beds, _env, hoist, ground, wheelchair = ROOMS[room]
    return (
        (hoist or not guest.hoist)
        and (ground or not guest.ground)
        and (wheelchair or not guest.wheelchair)
    )


def _plan_stays(
    rng: random.Random,
    guests: list[_Guest],
    start: date,
    end: date,
    closures: list[tuple[int, date, date]],
) -> list[_Plan]:
    """Fill every bed from start to end with short stays of guests who are free and (nearly
    always) suit the room; then add cancelled stays up to TARGET_STAYS."""
    block_days = 28
    blocks: list[list[_Guest]] = [[] for _ in range((end - start).days // block_days + 1)]
    for guest in guests:
        first = (guest.start - start).days // block_days
        last = (guest.end - start).days // block_days
        for block in range(first, last + 1):
            blocks[block].append(guest)

    def pick(room: int, arrival: date, departure: date, *, free: bool = True) -> _Guest | None:
        pool = blocks[(arrival - start).days // block_days]
        nights = range(arrival.toordinal(), departure.toordinal())
        for _try in range(40):
            guest = rng.choice(pool)
            if guest.start > arrival or guest.end < departure:
                continue
            if free and any(n in guest.busy for n in nights):
                continue
            if _suits(guest, room) or rng.random() < 0.03:  # a few misfits get a warning
                return guest
        return None

    plans: list[_Plan] = []
    for room, (_name, beds, *_rest) in enumerate(ROOMS):
        closed = [(a, b) for r, a, b in closures if r == room]
        for bed in range(beds):
            day = start
            while True:
                day += timedelta(days=rng.choice(GAPS))
                departure = min(day + timedelta(days=rng.choice(LENGTHS)), end)
                if departure <= day:
                    break
                clash = next((b for a, b in closed if a < departure and b > day), None)
                if clash is not None:  # a closed room takes no stays
                    day = clash
                    continue
                guest = pick(room, day, departure)
                if guest is None:
                    day += timedelta(days=1)
                    continue
                guest.busy.update(range(day.toordinal(), departure.toordinal()))
                plans.append(_Plan(guest, room, bed, day, departure))
                day = departure
    span = (end - start).days
    while len(plans) < TARGET_STAYS:
        arrival = start + timedelta(days=rng.randrange(span - 7))
        departure = arrival + timedelta(days=rng.choice(LENGTHS))
        room = rng.randrange(len(ROOMS))
        guest = pick(room, arrival, departure, free=False)
        if guest is not None:
            bed = rng.randrange(ROOMS[room][1])
            plans.append(_Plan(guest, room, bed, arrival, departure, cancelled=True))
    plans.sort(key=lambda p: (p.arrival, p.room, p.bed))
    return plans


def _status(today: date, plan: _Plan, rng: random.Random) -> str:
    if plan.cancelled:
        return "geannuleerd"
    if plan.departure <= today:
        return "vertrokken"
    if plan.arrival <= today:
        return "aanwezig"
    if (plan.arrival - today).days > 28 and rng.random() < 0.3:
        return "optie"
    return "bevestigd"


def build_dataset(data_dir: Path, today: date) -> dict[str, Any]:
    """Fill an empty data directory; services for the few master records, then ORM objects
    and executemany inserts in one unit of work for guests, allocations, stays and nights."""
    from dataclasses import fields as dc_fields

    from sqlalchemy import insert

    from logeerhuis_app.db.models import (
        Allocation,
        Carer,
        Guest,
        Night,
        RoomClosure,
        Stay,
        StayRequest,
    )
    from logeerhuis_app.demo.house import (
        save_demo_contracts,
        save_demo_funders,
        save_demo_provider,
    )
    from logeerhuis_app.demo.people import TOWNS, make_guest
    from logeerhuis_app.domain.enums import Grondslag
    from logeerhuis_app.house.guests import GuestData, validate_guest
    from logeerhuis_app.house.rooms import RoomData, save_room
    from logeerhuis_app.storage.database import open_database

    started = time.perf_counter()
    rng = random.Random(SEED)
    end = add_months(today, 3)
    start = add_months(end, -12 * YEARS)
    db = open_database(data_dir)
    try:
        if not db.is_empty:
            raise SystemExit(f"{data_dir} already holds data; give an empty or new directory.")
        save_demo_provider(db)
        funders = save_demo_funders(db)
        contracts = save_demo_contracts(db, funders, today)
        rooms = [
            save_room(
                db,
                RoomData(
                    name=name,
                    beds=beds,
                    environment=env,
                    has_hoist=hoist,
                    ground_floor=ground,
                    wheelchair_accessible=wheel,
                    sort_order=order,
                ),
            )
            for order, (name, beds, env, hoist, ground, wheel) in enumerate(ROOMS, start=1)
        ]
        guests = _plan_guests(rng, start, end)
        closures = []
        for year in range(YEARS):
            first = start + timedelta(days=365 * year + rng.randint(30, 300))
            closures.append(
                (rng.randrange(len(ROOMS)), first, first + timedelta(rng.randint(5, 14)))
            )
        soon = today + timedelta(days=30)  # one closure inside the quarter on screen
        closures.append((3, soon, soon + timedelta(days=7)))
        plans = _plan_stays(rng, guests, start, end, closures)

        towns = list(TOWNS.values())
        used_bsns: set[str] = set()
        guest_fields = [
            f.name for f in dc_fields(GuestData) if f.name not in ("id", "version", "carers")
        ]
        with db.session() as s:
            rows = []
            for guest in guests:
                data = validate_guest(
                    make_guest(rng, rng.choice(towns), used_bsns, grondslag=Grondslag.OTHER)
                )
                row = Guest(version=1, **{name: getattr(data, name) for name in guest_fields})
                row.needs_hoist = guest.hoist
                row.needs_ground_floor = guest.ground
                row.needs_wheelchair_access = guest.wheelchair
                row.active = guest.end >= today
                row.carers = [
                    Carer(name=c.name, relation=c.relation, phone=c.phone, email=c.email,
                          is_primary=c.is_primary)
                    for c in data.carers
                ]  # fmt: skip
                rows.append(row)
            s.add_all(rows)
            s.flush()
            for guest, row in zip(guests, rows, strict=True):
                guest.id = row.id
            allocations = []
            for guest in guests:
                if guest.route is None:
                    continue
                contract = contracts[guest.route]
                wlz = guest.route.startswith("wlz")
                wmo = guest.route.startswith("wmo:")
                kind = {"pgb": "pgb", "private": "particulier"}.get(
                    guest.route, "indicatie" if wlz else "toewijzing"
                )
                allocation = Allocation(
                    version=1,
                    guest_id=guest.id,
                    funder_id=contract.funder_id,
                    contract_id=contract.id,
                    kind=kind,
                    reference=f"B-{guest.id:05d}",
                    start_date=guest.start - timedelta(days=rng.randint(7, 60)),
                    end_date=guest.end + timedelta(days=rng.randint(14, 120)) if wmo else None,
                    volume=200 if wmo else None,
                    care_profile=("5VV" if guest.route == "wlz_vv" else "5VG") if wlz else "",
                )
                allocations.append((guest, allocation))
            s.add_all([a for _g, a in allocations])
            s.add_all(
                RoomClosure(room_id=rooms[room].id, start_date=a, end_date=b, reason="Onderhoud")
                for room, a, b in closures
            )
            s.flush()
            for guest, allocation in allocations:
                guest.allocation_id = allocation.id

            stay_rows, night_rows = [], []
            for stay_id, plan in enumerate(plans, start=1):
                status = _status(today, plan, rng)
                room = rooms[plan.room]
                bed_id = room.bed_ids[plan.bed]
                checked_in = checked_out = cancelled_at = None
                if status in ("aanwezig", "vertrokken"):
                    checked_in = datetime.combine(plan.arrival, datetime.min.time()).replace(
                        hour=14
                    )
                if status == "vertrokken":
                    checked_out = datetime.combine(plan.departure, datetime.min.time()).replace(
                        hour=11
                    )
                if plan.cancelled:
                    latest = datetime.combine(today - timedelta(days=1), datetime.min.time())
                    notice = timedelta(days=rng.choice((0, 1, 2, 3, 7, 14)), hours=-9)
                    cancelled_at = min(
                        datetime.combine(plan.arrival, datetime.min.time()) - notice, latest
                    )
                stay_rows.append(
                    {
                        "id": stay_id,
                        "guest_id": plan.guest.id,
                        "room_id": room.id,
                        "bed_id": bed_id,
                        "allocation_id": plan.guest.allocation_id,
                        "arrival": plan.arrival,
                        "departure": plan.departure,
                        "status": status,
                        "notes": "Graag de kamer aan de tuinkant" if rng.random() < 0.1 else "",
                        "cancelled_at": cancelled_at,
                        "cancel_reason": rng.choice(CANCEL_REASONS) if plan.cancelled else "",
                        "cancelled_by": "mantelzorger" if plan.cancelled else "",
                        "cancel_late": False,
                        "series_id": None,
                        "checked_in_at": checked_in,
                        "checked_out_at": checked_out,
                        "version": 1,
                    }
                )
                for offset in range((plan.departure - plan.arrival).days):
                    night_rows.append(
                        {
                            "stay_id": stay_id,
                            "bed_id": bed_id,
                            "day": plan.arrival + timedelta(days=offset),
                            "allocation_id": plan.guest.allocation_id,
                            "active": not plan.cancelled,
                        }
                    )
            s.execute(insert(Stay.__table__), stay_rows)
            s.execute(insert(Night.__table__), night_rows)

            # Requests: most were handled long ago; a dozen wait in the lane beside the grid.
            request_rows = []
            for index in range(3000):
                plan = plans[(index * 4) % len(plans)]
                request_rows.append(_request(plan.guest.id, plan.arrival, plan.departure,
                                             rng.choice(("geplaatst", "geplaatst", "afgewezen",
                                                         "ingetrokken"))))  # fmt: skip
            active = [g for g in guests if g.end > today + timedelta(days=30)]
            for _index in range(12):
                arrival = today + timedelta(days=rng.randint(7, 80))
                request_rows.append(
                    _request(rng.choice(active).id, arrival,
                             arrival + timedelta(days=rng.choice(LENGTHS)),
                             rng.choice(("nieuw", "in_behandeling")))
                )  # fmt: skip
            s.execute(insert(StayRequest.__table__), request_rows)
        summary = {
            "key": dataset_key(today),
            "today": today.isoformat(),
            "start": start.isoformat(),
            "end": end.isoformat(),
            "rooms": len(rooms),
            "beds": sum(len(r.bed_ids) for r in rooms),
            "guests": len(guests),
            "stays": len(stay_rows),
            "cancelled_stays": sum(p.cancelled for p in plans),
            "nights": len(night_rows),
            "active_nights": sum(1 for n in night_rows if n["active"]),
            "requests": len(request_rows),
            "closures": len(closures),
            "build_seconds": round(time.perf_counter() - started, 1),
        }
    finally:
        db.close()
    (data_dir / MARKER).write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary


def _request(guest_id: int, arrival: date, departure: date, status: str) -> dict[str, Any]:
    return {
        "guest_id": guest_id,
        "requester_kind": "mantelzorger",
        "requester_name": "Mantelzorger",
        "channel": "telefoon",
        "received_on": arrival - timedelta(days=21),
        "wished_arrival": arrival,
        "wished_departure": departure,
        "flexibility": "",
        "funder_id": None,
        "allocation_id": None,
        "status": status,
        "reject_reason": "Geen plek" if status == "afgewezen" else "",
        "notes": "",
        "stay_id": None,
        "version": 1,
    }


def ensure_dataset(data_dir: Path | None, today: date, keep: bool) -> tuple[Path, dict[str, Any]]:
    """The data directory, built in a child process when needed (so that process's memory does
    not count in the peak RSS measured here)."""
    if data_dir is None:
        data_dir = Path(tempfile.gettempdir()) / "logeerhuis-planner-bench"
    marker = read_marker(data_dir)
    if marker is not None and (marker.get("key") == dataset_key(today) or keep):
        return data_dir, marker
    if data_dir.exists() and any(data_dir.iterdir()):
        if marker is None:
            raise SystemExit(
                f"{data_dir} holds files but no {MARKER}: not a benchmark data set, left alone."
            )
        shutil.rmtree(data_dir)  # an older benchmark data set (another day or version)
    data_dir.mkdir(parents=True, exist_ok=True)
    print(f"Building the data set in {data_dir} ...", flush=True)
    subprocess.run(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--data-dir",
            str(data_dir),
            "--build-only",
        ],
        check=True,
    )
    marker = read_marker(data_dir)
    if marker is None:
        raise SystemExit("The data set was not built.")
    return data_dir, marker


# -- measuring ------------------------------------------------------------------------------------
def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(values),
        "p95": _p95(values),
        "max": max(values),
        "min": min(values),
        "n": len(values),
    }


def peak_rss_mib() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def load_average() -> float:
    """The 1-minute load average: other processes on this machine skew the figures."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows
        return float("nan")


def git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}{' (with uncommitted changes)' if dirty else ''}"


def none_refs_per_void_call() -> float:
    """How much one void Qt call changes None's reference count (0 when the binding is sound).

    PySide6 6.12.0 on Python 3.11 returns None from every void method without taking a
    reference: each call drops None's count by one and the process aborts ("none_dealloc")
    once it reaches zero. Python 3.12+ has an immortal None and is not affected.
    """
    from PySide6.QtGui import QFont

    font = QFont()
    before = sys.getrefcount(None)
    for _call in range(100):
        font.setBold(True)
    return (sys.getrefcount(None) - before) / 100


def pad_none_refcount() -> None:
    """Give None 2**40 extra references (its count is the first field of the object in a
    CPython release build), so the leak above cannot abort the measurement."""
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


def quiet_qt_messages() -> None:
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind, _context, message: str) -> None:  # type: ignore[no-untyped-def]
        if "propagateSizeHints" not in message:  # the off-screen plugin says this per window
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def measure(data_dir: Path, profile: bool, none_guard: bool) -> dict[str, Any]:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QEvent, QObject, qVersion
    from PySide6.QtWidgets import QApplication

    from logeerhuis_app.planning.planner_view import load_planner
    from logeerhuis_app.storage.database import open_database
    from logeerhuis_app.ui.context import AppContext
    from logeerhuis_app.ui.planner.geometry import ZOOMS
    from logeerhuis_app.ui.planner.page import PlannerPage, monday_of
    from logeerhuis_app.ui.widgets.prompter import RecordingPrompter

    load_before = load_average()
    quiet_qt_messages()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    none_leak = none_refs_per_void_call()
    none_refs_at_start = sys.getrefcount(None)
    guarded = False
    if none_leak < 0 and none_guard and sys.version_info < (3, 12):
        pad_none_refcount()
        guarded = True
    db = open_database(data_dir)
    context = AppContext(db, RecordingPrompter(), data_dir)
    zoom_index = list(ZOOMS).index(ZOOM)

    class PaintCounter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    def dispose(page: PlannerPage) -> None:
        page.close()
        page.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()

    forced_repaints = 0

    def open_page() -> tuple[PlannerPage, float]:
        """A fresh page as the main window shows it, timed until the grid has painted."""
        nonlocal forced_repaints
        started = time.perf_counter()
        page = PlannerPage(context)
        counter = PaintCounter()
        page.grid.installEventFilter(counter)
        page.resize(WIDTH, HEIGHT)
        page.zoom_box.setCurrentIndex(zoom_index)  # -> page.refresh() -> load_planner
        if page.view is None:
            page.refresh()
        page.show()
        app.processEvents()  # layout, resize, expose and the paint itself
        if counter.count == 0:  # the platform did not paint yet: force it synchronously
            forced_repaints += 1
            page.grid.repaint()
        elapsed = time.perf_counter() - started
        page.grid.removeEventFilter(counter)
        return page, elapsed

    first_paints = []
    stays_on_screen = 0
    none_drift_paint = []
    for _run in range(FIRST_PAINT_RUNS):
        before = sys.getrefcount(None)
        page, elapsed = open_page()
        none_drift_paint.append(sys.getrefcount(None) - before)
        first_paints.append(_ms(elapsed))
        stays_on_screen = len(page.view.stays) if page.view else 0
        dispose(page)

    # A week's scroll: from a year back, 50 weeks forward and 50 back, all over weeks with data.
    page, _elapsed = open_page()
    page.first_day -= timedelta(weeks=SCROLL_WEEKS + 2)
    page.refresh()
    page.grid.repaint()
    app.processEvents()
    steps, refreshes, repaints, settles = [], [], [], []
    none_before = sys.getrefcount(None)
    for days in [7] * SCROLL_WEEKS + [-7] * SCROLL_WEEKS:
        t0 = time.perf_counter()
        page.scroll_days(days)
        t1 = time.perf_counter()
        page.grid.repaint()
        t2 = time.perf_counter()
        app.processEvents()  # whatever the step left for the event loop, timed apart
        t3 = time.perf_counter()
        steps.append(_ms(t2 - t0))
        refreshes.append(_ms(t1 - t0))
        repaints.append(_ms(t2 - t1))
        settles.append(_ms(t3 - t2))

    none_drift_step = (sys.getrefcount(None) - none_before) / (2 * SCROLL_WEEKS)
    repaint_only = []
    for _run in range(LOAD_RUNS):
        t0 = time.perf_counter()
        page.grid.repaint()
        repaint_only.append(_ms(time.perf_counter() - t0))

    first_day = monday_of(date.today()) - timedelta(days=7)
    end = first_day + timedelta(days=ZOOMS[ZOOM][1])
    loads = []
    for _run in range(LOAD_RUNS):
        t0 = time.perf_counter()
        load_planner(db, first_day, end)
        loads.append(_ms(time.perf_counter() - t0))

    rss = peak_rss_mib()  # before profiling, which adds its own memory
    profiles = run_profiles(app, page, open_page, dispose) if profile else None
    dispose(page)
    db.close()
    return {
        "first_paint": _summary(first_paints),
        "first_paint_runs": first_paints,
        "forced_repaints": forced_repaints,
        "scroll_step": _summary(steps),
        "scroll_refresh": _summary(refreshes),
        "scroll_repaint": _summary(repaints),
        "scroll_settle": _summary(settles),
        "repaint_only": _summary(repaint_only),
        "load_planner": _summary(loads),
        "peak_rss_mib": rss,
        "stays_on_screen": stays_on_screen,
        "qt_platform": app.platformName(),
        "pyside6": pyside_version,
        "qt": qVersion(),
        "profiles": profiles,
        "none_refs_per_void_call": none_leak,
        "none_refs_at_start": none_refs_at_start,
        "none_refs_per_first_paint": statistics.median(none_drift_paint),
        "none_refs_per_scroll_step": none_drift_step,
        "none_guard": guarded,
        "load_before": load_before,
        "load_after": load_average(),
        "commit": git_commit(),
    }


def run_profiles(app, page, open_page, dispose) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """cProfile of one first paint and of 20 scroll steps (after the timed runs)."""
    import cProfile
    import io
    import pstats

    def report(profiler: cProfile.Profile) -> str:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs()
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(20)
        return out.getvalue()

    profiler = cProfile.Profile()
    profiler.enable()
    fresh, _elapsed = open_page()
    profiler.disable()
    dispose(fresh)
    first = report(profiler)
    profiler = cProfile.Profile()
    profiler.enable()
    for days in [7] * 10 + [-7] * 10:
        page.scroll_days(days)
        page.grid.repaint()
    profiler.disable()
    app.processEvents()
    return {"first_paint": first, "scroll_20_steps": report(profiler)}


# -- reporting ------------------------------------------------------------------------------------
def print_report(meta: dict[str, Any], result: dict[str, Any]) -> None:
    import sqlalchemy

    def row(name: str, s: dict[str, float], budget: float | None, *, p95: bool = True) -> str:
        p95_text = f"{s['p95']:8.1f}" if p95 else f"{'':>8}"
        verdict = ""
        if budget is not None:
            verdict = "PASS" if s["median"] < budget else "FAIL"
        budget_text = f"< {budget:.0f} ms" if budget is not None else ""
        return (
            f"{name:<38} {s['median']:8.1f} {p95_text} {s['min']:8.1f} {s['max']:8.1f} "
            f"{budget_text:>9}  {verdict}"
        )

    now = datetime.now().strftime("%Y-%m-%d %H:%M")
    print()
    print(f"Planner benchmark, {now}")
    print(
        f"Python {platform.python_version()}, PySide6 {result['pyside6']} (Qt {result['qt']}), "
        f"SQLAlchemy {sqlalchemy.__version__}, Qt platform '{result['qt_platform']}'"
    )
    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, load average "
        f"{result['load_before']:.2f} before, {result['load_after']:.2f} after; "
        f"commit {result['commit']}"
    )
    print(
        f"Data: {meta['rooms']} rooms / {meta['beds']} beds, {meta['guests']} guests, "
        f"{meta['stays']} stays ({meta['cancelled_stays']} cancelled), {meta['nights']} nights, "
        f"{meta['start']} to {meta['end']} (built for {meta['today']})"
    )
    print(f"Page {WIDTH}x{HEIGHT}, zoom '{ZOOM}' ({result['stays_on_screen']} stays in the view)")
    print()
    print(
        f"{'figure (ms)':<38} {'median':>8} {'p95':>8} {'min':>8} {'max':>8} {'budget':>9}  result"
    )
    print("-" * 91)
    print(
        row(
            f"(a) first paint, {FIRST_PAINT_RUNS} fresh pages",
            result["first_paint"],
            BUDGET_FIRST_PAINT_MS,
            p95=False,
        )
    )
    cold = result["first_paint_runs"][0]
    cold_verdict = "PASS" if cold < BUDGET_FIRST_PAINT_MS else "FAIL"
    print(
        f"{'    the first of them (cold process)':<38} {cold:8.1f} {'':>8} {'':>8} {'':>8} "
        f"{f'< {BUDGET_FIRST_PAINT_MS:.0f} ms':>9}  {cold_verdict}"
    )
    print(row(f"(b) scroll a week + repaint, {2 * SCROLL_WEEKS}x", result["scroll_step"],
              BUDGET_SCROLL_MS))  # fmt: skip
    print(row("      of which page.scroll (refresh)", result["scroll_refresh"], None))
    print(row("      of which grid.repaint()", result["scroll_repaint"], None))
    print(row("    events after a step (not in b)", result["scroll_settle"], None))
    print(row(f"(c) load_planner, a quarter, {LOAD_RUNS}x", result["load_planner"], None))
    print(row(f"    grid.repaint() alone, {LOAD_RUNS}x", result["repaint_only"], None))
    rss = result["peak_rss_mib"]
    print(f"{'(d) peak RSS (MiB)':<38} {rss if rss is None else round(rss, 1):>8}")
    if result["none_refs_per_void_call"] < 0:
        per_paint = -result["none_refs_per_first_paint"]
        per_step = -result["none_refs_per_scroll_step"]
        start = result["none_refs_at_start"]
        print()
        print(
            f"WARNING: this PySide6 loses a reference to None on every void Qt call "
            f"({result['none_refs_per_void_call']:+.0f} per call): {per_paint:.0f} per first "
            f"paint, {per_step:.0f} per scroll step."
        )
        print(
            f"With None's count at {start} after start-up, the app aborts (none_dealloc) after "
            f"about {start / max(per_step, 1):.0f} week scrolls on this view."
        )
        if result["none_guard"]:
            print("The benchmark padded None's count to measure anyway (--no-none-guard: off).")
    runs = ", ".join(f"{v:.0f}" for v in result["first_paint_runs"])
    print()
    print(f"first paint per run (ms): {runs}")
    if result["forced_repaints"]:
        print(f"({result['forced_repaints']} first paints needed a forced grid.repaint())")
    for name, text in (result.get("profiles") or {}).items():
        print()
        print(f"==== cProfile: {name} ====")
        print(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="where the data set is built and cached (default: a folder in the temp dir)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="reuse the cached data set even when it was built on another day "
        "(by default it is rebuilt once a day, since its dates are relative to today)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--profile", action="store_true", help="print cProfile reports too")
    parser.add_argument(
        "--no-none-guard",
        action="store_true",
        help="do not pad None's reference count against the PySide6 6.12.0 leak (aborts)",
    )
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    today = date.today()
    if args.build_only:
        summary = build_dataset(args.data_dir, today)
        print(f"Built {summary['stays']} stays in {summary['build_seconds']} s.")
        return 0
    data_dir, meta = ensure_dataset(args.data_dir, today, args.keep)
    result = measure(data_dir, args.profile, not args.no_none_guard)
    print_report(meta, result)
    if args.json:
        payload = {k: v for k, v in result.items() if k != "profiles"}
        payload["dataset"] = meta
        payload["date"] = datetime.now().isoformat(timespec="seconds")
        payload["python"] = platform.python_version()
        payload["platform"] = platform.platform()
        payload["cpus"] = os.cpu_count()
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
