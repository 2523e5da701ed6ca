"""Start-up benchmark: from process start to the main window, and to the planner painted.

Builds a fresh demo house once (`logeerhuis --data-dir DIR demo`, in a temporary directory),
then starts, in fresh processes and interleaved (off-screen, QT_QPA_PLATFORM=offscreen):

  floor 1  a bare PySide6 window: import, create, show, process events, quit;
  floor 2  the same window, then SQLAlchemy (ORM) opening the demo's SQLite file and reading
           a row through a mapped class;
  source   the app from this checkout: `logeerhuis --data-dir DIR --startup-probe` (the user's
           start without the sign-in; it prints when the window was shown and when the first
           page, the planner, had painted, then stops);
  frozen   the PyInstaller app dist/logeerhuis/logeerhuis the same way, if it is built;
  baseline with --baseline DIR, another checkout of the app the same way (before/after).

Each round starts with another kind. Besides medians, each round's app time is divided by the
same round's floor (side by side, under the same load): on a shared machine those ratios are
the figures to trust.

Each time is measured from just before the process is spawned to the moment the child prints
(its wall clock, time.time()); the whole run until the process has exited is shown too. The
peak resident memory of every child comes from os.wait4. Then it measures the peak memory of
`--self-test` on the demo house, and the size of the frozen folder and of any installer or
archive in dist/.

Usage:  python bench/startup_bench.py [--runs 15] [--frozen PATH] [--json FILE] [--baseline DIR]

Budgets (issue 8): the planner painted in under 1 s and at most 1.3 x floor 2; the window
shown at about floor 1 (goal: at most 1.3 x floor 1); --self-test at most 200 MB peak RSS;
the frozen folder under 120 MB. MB here is 10^6 bytes. A measurement, not a test: it prints
the figures with PASS/FAIL and exits 0 unless something crashes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FROZEN = ROOT / "dist" / "logeerhuis" / "logeerhuis"
RUNS = 15
SELF_TEST_RUNS = 3
TIMEOUT_S = 60
BUDGET_PLANNER_MS = 1000.0
BUDGET_FLOOR2_RATIO = 1.3
GOAL_FLOOR1_RATIO = 1.3
BUDGET_RSS_MB = 200.0
BUDGET_SIZE_MB = 120.0
PROBE = "startup-probe: "
PACKAGES = (".tar.gz", ".tgz", ".tar.xz", ".zip", ".exe", ".deb", ".AppImage", ".dmg", ".msi")

FLOOR1 = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("floor")
window.resize(1280, 800)
window.show()
app.processEvents()
print(f"startup-probe: window shown at {time.time():.6f}", flush=True)
window.close()
app.quit()
"""

FLOOR2 = (
    FLOOR1.replace("window.close()\napp.quit()\n", "")
    + """
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
class Base(DeclarativeBase):
    pass
class Room(Base):
    __tablename__ = "rooms"
    id: Mapped[int] = mapped_column(primary_key=True)
engine = create_engine("sqlite:///" + sys.argv[1])
with Session(engine) as session:
    row = session.scalars(select(Room).limit(1)).first()
assert row is not None
print(f"startup-probe: row read at {time.time():.6f}", flush=True)
engine.dispose()
window.close()
app.quit()
"""
)


@dataclass
class Run:
    marks: dict[str, float]  # ms from spawn to each printed mark
    total_ms: float  # spawn to exit
    rss_mb: float
    notes: list[str] = field(default_factory=list)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("LOGEERHUIS_DATA_DIR", None)
    # As installed: Python keeps the compiled modules (__pycache__, written in the uncounted
    # warm-up round). With PYTHONDONTWRITEBYTECODE set, as in some shells here, every start of
    # the source checkout compiled the app's modules again (about 0.2 s); the frozen app and
    # the floors' libraries were never affected.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _spawn(command: list[str], env: dict[str, str], cwd: Path | None = None) -> Run:
    """One fresh process; the marks it prints as 'startup-probe: WHAT at EPOCH ...'."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.time()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        deadline = start + TIMEOUT_S
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.time() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.002)
        end = time.time()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} stopped with {process.returncode}:\n{stdout}\n{stderr}"
        )
    marks: dict[str, float] = {}
    notes: list[str] = []
    for line in stdout.splitlines():
        if not line.startswith(PROBE) or " at " not in line:
            if line.startswith(PROBE + "heavy modules"):
                notes.append(line[len(PROBE) :])
            continue
        what, _, rest = line[len(PROBE) :].partition(" at ")
        try:
            wall = float(rest.split()[0])
        except (IndexError, ValueError):
            continue
        if what.startswith("page painted"):
            notes.append(what)
            what = "page painted"
        marks[what] = 1000 * (wall - start)
    return Run(marks, 1000 * (end - start), usage.ru_maxrss * 1024 / 1e6, notes)


def _baseline(checkout: Path, env: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """Another checkout of the app (say `git worktree add /tmp/base main`), run by this
    Python with that checkout first on the path (before the current folder, which `-m` would
    put first): the same machine, the same rounds."""
    if not (checkout / "logeerhuis_app" / "__init__.py").is_file():
        raise SystemExit(f"--baseline {checkout}: geen logeerhuis_app in die map")
    start = (
        f"import runpy, sys; sys.path.insert(0, {str(checkout.resolve())!r}); "
        "runpy.run_module('logeerhuis_app', run_name='__main__', alter_sys=True)"
    )
    return [sys.executable, "-c", start], env


def _source_command() -> list[str]:
    script = Path(sys.executable).with_name("logeerhuis")  # what a user of the venv runs
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "logeerhuis_app"]


def _build_demo(data: Path, env: dict[str, str]) -> None:
    subprocess.run(
        [*_source_command(), "--data-dir", str(data), "demo"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _probe(command: list[str], data: Path, env: dict[str, str]) -> Run:
    (data / "venster.ini").unlink(missing_ok=True)  # a first start: the planner, default size
    return _spawn([*command, "--data-dir", str(data), "--startup-probe"], env)


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p90 = statistics.quantiles(ordered, n=10, method="inclusive")[8] if len(ordered) > 1 else 0
    return {
        "median": statistics.median(ordered),
        "p90": p90 if len(ordered) > 1 else ordered[0],
        "min": ordered[0],
        "max": ordered[-1],
    }


def _folder_size(folder: Path) -> tuple[int, list[tuple[int, str]]]:
    """Total bytes of the files (not following links), and the largest parts: the entries of
    the top folder and of its _internal folder (PyInstaller 6), and the largest files."""
    sizes: dict[Path, int] = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            sizes[path] = path.stat().st_size
    total = sum(sizes.values())
    parts: dict[str, int] = {}
    for path, size in sizes.items():
        relative = path.relative_to(folder).parts
        if relative[0] == "_internal" and len(relative) > 2:
            key = "/".join(relative[:2])  # a package folder
        elif relative[0] == "_internal":
            key = f"_internal/{relative[1]}"  # a library or file of its own
        else:
            key = relative[0]  # the executable (with the bundled Python modules)
        parts[key] = parts.get(key, 0) + size
    largest = sorted(((size, name) for name, size in parts.items()), reverse=True)[:12]
    return total, largest


def _mb(size: float) -> str:
    return f"{size / 1e6:.1f} MB"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "**FAIL**"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--frozen", type=Path, default=DEFAULT_FROZEN)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument(
        "--baseline", type=Path, help="also measure this checkout of the app (before/after)"
    )
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    env = _environment()
    source = _source_command()
    frozen = args.frozen if args.frozen.is_file() and os.access(args.frozen, os.X_OK) else None

    size: tuple[int, list[tuple[int, str]]] | None = None
    size_source = ""
    archives = sorted(ROOT.glob("dist/*.tar.gz"), key=lambda p: p.stat().st_mtime)
    archive = archives[-1] if archives else None
    work = Path(tempfile.mkdtemp(prefix="logeerhuis-startup-bench-"))
    try:
        if frozen is not None:  # a copy, so that a build running meanwhile does not disturb it
            copy = work / "frozen"
            try:
                shutil.copytree(frozen.parent, copy, symlinks=True)
            except (OSError, shutil.Error) as exc:  # it changed under our feet
                print(f"frozen app not usable ({exc}); a build running?")
                frozen = None
            else:
                frozen = copy / frozen.name
                size, size_source = _folder_size(copy), str(args.frozen.parent)
        elif archive is not None:  # only the archive is there: unpack it and measure that
            unpacked = work / "unpacked"
            with tarfile.open(archive) as tar:
                tar.extractall(unpacked, filter="data")
            candidate = unpacked / args.frozen.parent.name / args.frozen.name
            if candidate.is_file():
                print(f"frozen app: unpacked from {archive.name}")
                frozen, size = candidate, _folder_size(candidate.parent)
                size_source = f"unpacked from {archive.name}"
        data = work / "demo"
        print(f"Demo-logeerhuis maken in {data} ...", flush=True)
        _build_demo(data, env)
        database = data / "logeerhuis.sqlite3"
        kinds: dict[str, tuple[list[str], dict[str, str]]] = {
            "floor 1": ([sys.executable, "-c", FLOOR1], env),
            "floor 2": ([sys.executable, "-c", FLOOR2, str(database)], env),
            "source": (source, env),
        }
        if frozen is not None:
            kinds["frozen"] = ([str(frozen)], env)
            try:
                _probe(kinds["frozen"][0], data, env)
            except (OSError, RuntimeError) as exc:
                print(f"frozen app does not start with --startup-probe, left out:\n{exc}")
                del kinds["frozen"]
                frozen = None
        if args.baseline is not None:
            kinds["baseline"] = _baseline(args.baseline, env)
        runs: dict[str, list[Run]] = {kind: [] for kind in kinds}
        order = list(kinds)
        for round_ in range(args.runs + 1):  # round 0 warms the disk cache; not counted
            # Each round starts with another kind, so that none always follows the same one.
            for kind in order[round_ % len(order) :] + order[: round_ % len(order)]:
                command, kind_env = kinds[kind]
                if kind.startswith("floor"):
                    run = _spawn(command, kind_env)
                else:
                    run = _probe(command, data, kind_env)
                if round_:
                    runs[kind].append(run)
            print(f"  ronde {round_}/{args.runs}", end="\r", flush=True)
        print()

        self_tests: dict[str, list[Run]] = {"source": []}
        if frozen is not None:
            self_tests["frozen"] = []
        for kind in self_tests:
            command = source if kind == "source" else [str(frozen)]
            for _ in range(SELF_TEST_RUNS):
                self_tests[kind].append(
                    _spawn([*command, "--data-dir", str(data), "--self-test"], env)
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    figures: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "load_average": os.getloadavg(),
        "runs": args.runs,
        "load_average_before": load_before,
        "source_command": source,
        "frozen": str(frozen) if frozen else None,
        "baseline": str(args.baseline) if args.baseline else None,
    }
    print(
        f"\n{figures['date']}  {figures['machine']}, load (1 min) {load_before[0]:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after"
    )
    print(f"{args.runs} runs of each, interleaved, fresh processes, QT_QPA_PLATFORM=offscreen\n")
    header = f"{'':44} {'median':>8} {'p90':>8} {'min':>8} {'max':>8}  budget"
    print(header)
    print("-" * len(header))

    def row(label: str, values: list[float], budget: str = "", key: str = "") -> dict[str, float]:
        s = _stats(values)
        print(
            f"{label:44} {s['median']:8.0f} {s['p90']:8.0f} {s['min']:8.0f} {s['max']:8.0f}"
            f"  {budget}"
        )
        if key:
            figures[key] = {**s, "runs": values}
        return s

    f1 = row(
        "floor 1: bare window shown (ms)",
        [r.marks["window shown"] for r in runs["floor 1"]],
        key="floor1_shown",
    )
    row("  floor 1: process exited", [r.total_ms for r in runs["floor 1"]], key="floor1_total")
    row("  floor 1: peak RSS (MB)", [r.rss_mb for r in runs["floor 1"]], key="floor1_rss")
    row(
        "floor 2: window shown",
        [r.marks["window shown"] for r in runs["floor 2"]],
        key="floor2_shown",
    )
    f2 = row(
        "floor 2: + SQLAlchemy, row read (ms)",
        [r.marks["row read"] for r in runs["floor 2"]],
        key="floor2_row",
    )
    row("  floor 2: process exited", [r.total_ms for r in runs["floor 2"]], key="floor2_total")
    row("  floor 2: peak RSS (MB)", [r.rss_mb for r in runs["floor 2"]], key="floor2_rss")

    shown_goal = GOAL_FLOOR1_RATIO * f1["median"]
    painted_budget = min(BUDGET_PLANNER_MS, BUDGET_FLOOR2_RATIO * f2["median"])
    verdicts: dict[str, str] = {}
    for kind in ("source", "frozen", "baseline"):
        if kind == "baseline" and kind not in runs:
            continue
        if kind not in runs:
            print(f"{kind}: not built or not usable ({args.frozen})")
            figures[kind] = "not built"
            continue
        pages = sorted({note for r in runs[kind] for note in r.notes})
        shown = row(
            f"{kind}: window shown (ms)",
            [r.marks["window shown"] for r in runs[kind]],
            f"goal <= {shown_goal:.0f} (1.3 x floor 1)",
            key=f"{kind}_shown",
        )
        painted = row(
            f"{kind}: planner painted (ms)",
            [r.marks["page painted"] for r in runs[kind]],
            f"< {BUDGET_PLANNER_MS:.0f} and <= "
            f"{BUDGET_FLOOR2_RATIO * f2['median']:.0f} (1.3 x floor 2)",
            key=f"{kind}_painted",
        )
        row(f"  {kind}: process exited", [r.total_ms for r in runs[kind]], key=f"{kind}_total")
        row(f"  {kind}: peak RSS (MB)", [r.rss_mb for r in runs[kind]], key=f"{kind}_rss")
        print(f"  ({kind}: {', '.join(pages)})")
        if kind != "baseline":  # the checkout compared against is not judged
            verdicts[f"{kind} window shown <= 1.3 x floor 1 (goal)"] = _verdict(
                shown["median"] <= shown_goal
            )
            verdicts[f"{kind} planner painted < 1 s"] = _verdict(
                painted["median"] < BUDGET_PLANNER_MS
            )
            verdicts[f"{kind} planner painted <= 1.3 x floor 2"] = _verdict(
                painted["median"] <= BUDGET_FLOOR2_RATIO * f2["median"]
            )
        figures[f"{kind}_ratio_floor2"] = painted["median"] / f2["median"]
        figures[f"{kind}_ratio_floor1"] = shown["median"] / f1["median"]
        print(
            f"  {kind}: planner painted = {painted['median'] / f2['median']:.2f} x floor 2, "
            f"window shown = {shown['median'] / f1['median']:.2f} x floor 1; budget for "
            f"the planner: {painted_budget:.0f} ms"
        )
        # Paired: each round's app against the same round's floors (they ran side by side,
        # under the same load), and the fastest against the fastest.
        paired2 = _stats(
            [a.marks["page painted"] / b.marks["row read"]
             for a, b in zip(runs[kind], runs["floor 2"], strict=True)]
        )  # fmt: skip
        paired1 = _stats(
            [a.marks["window shown"] / b.marks["window shown"]
             for a, b in zip(runs[kind], runs["floor 1"], strict=True)]
        )  # fmt: skip
        best2 = painted["min"] / f2["min"]
        figures[f"{kind}_paired_ratio_floor2"] = paired2
        figures[f"{kind}_paired_ratio_floor1"] = paired1
        figures[f"{kind}_min_ratio_floor2"] = best2
        print(
            f"  {kind}: per round, planner / floor 2: median {paired2['median']:.2f}, "
            f"min {paired2['min']:.2f}, max {paired2['max']:.2f}; fastest / fastest "
            f"{best2:.2f}; window / floor 1: median {paired1['median']:.2f}, "
            f"min {paired1['min']:.2f}"
        )

    print()
    for kind, tests in self_tests.items():
        peak = [r.rss_mb for r in tests]
        figures[f"{kind}_self_test_rss"] = peak
        figures[f"{kind}_self_test_ms"] = [r.total_ms for r in tests]
        verdicts[f"{kind} --self-test peak RSS <= {BUDGET_RSS_MB:.0f} MB"] = _verdict(
            max(peak) <= BUDGET_RSS_MB
        )
        print(
            f"{kind} --self-test peak RSS: median {statistics.median(peak):.0f} MB, max "
            f"{max(peak):.0f} MB over {len(peak)} runs (budget {BUDGET_RSS_MB:.0f} MB); "
            f"whole self-test {statistics.median(figures[f'{kind}_self_test_ms']):.0f} ms"
        )

    print()
    folder = args.frozen.parent
    if size is None:
        print(f"frozen folder: not built ({folder}, no archive in dist/)")
        figures["frozen_size"] = "not built"
    else:
        total, largest = size
        figures["frozen_size"] = {"bytes": total, "largest": largest}
        verdicts[f"frozen folder < {BUDGET_SIZE_MB:.0f} MB"] = _verdict(
            total < BUDGET_SIZE_MB * 1e6
        )
        print(
            f"frozen folder ({size_source}): {_mb(total)} (budget < {BUDGET_SIZE_MB:.0f} MB); "
            "largest parts:"
        )
        for size, name in largest:
            print(f"  {_mb(size):>10}  {name}")
    dist = ROOT / "dist"
    packages = (
        sorted(p for p in dist.glob("*") if p.is_file() and p.name.endswith(PACKAGES))
        if dist.is_dir()
        else []
    )
    figures["packages"] = {p.name: p.stat().st_size for p in packages}
    for package in packages:
        print(f"package {package.name}: {_mb(package.stat().st_size)}")
    if not packages:
        print("installer / archive in dist/: not built")

    print()
    for what, verdict in verdicts.items():
        print(f"{verdict:>10}  {what}")
    if args.json:
        figures["verdicts"] = verdicts
        args.json.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
