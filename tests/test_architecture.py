"""The layer rules of ARCHITECTURE.md, read from the source with `ast`."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "logeerhuis_app"

# The feature packages (decision 0051): each owns its use cases; a module whose name starts with
# `_` is private to its package. `services/` is only the shared kernel (errors, field checks).
FEATURES = ("planning", "intake", "billing", "claims", "house", "access", "storage", "mail")
KERNEL = {"__init__", "changes", "errors", "field_check"}


def _app(*names: str) -> set[str]:
    return {f"logeerhuis_app.{name}" for name in names}


_CLIENTS = _app(
    "ui", "demo", "app", "cli", "cli_data", "cli_mail", "cli_messages", "cli_month", "cli_support"
)

# layer -> top-level modules (inside or outside the app) it must not import.
FORBIDDEN = {
    "domain": {"PySide6", "sqlalchemy", "alembic", "reportlab", "openpyxl", "lxml"}
              | _app("db", "services", "documents", *FEATURES) | _CLIENTS,
    "db": {"PySide6", "reportlab", "openpyxl"}
          | _app("services", "documents", *FEATURES) | _CLIENTS,
    "documents": {"PySide6", "sqlalchemy", "alembic"}
                 | _app("db", "services", *FEATURES) | _CLIENTS,
    "services": {"PySide6", "sqlalchemy", "alembic", "reportlab"}
                | _app("db", "documents", *FEATURES) | _CLIENTS,
    **{feature: {"PySide6"} | _CLIENTS for feature in FEATURES},
    "demo": {"PySide6"} | _app("ui", "app", "cli", "cli_data", "cli_mail", "cli_messages",
                                "cli_month", "cli_support"),
    "ui": {"sqlalchemy", "alembic", "reportlab"} | _app("db"),
    "cli": {"PySide6"} | _app("ui", "db"),
}  # fmt: skip
CLI_MODULES = (
    "cli.py",
    "cli_data.py",
    "cli_mail.py",
    "cli_messages.py",
    "cli_month.py",
    "cli_support.py",
)

# Domain rules may use these pure, I/O-free libraries besides the standard library.
DOMAIN_THIRD_PARTY = {"stdnum"}


def _layer_of(path: Path) -> str | None:
    relative = path.relative_to(PACKAGE)
    if relative.parts[0] in FORBIDDEN:
        return relative.parts[0]
    return "cli" if relative.name in CLI_MODULES else None


def _module_name(path: Path) -> str:
    parts = ["logeerhuis_app", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    """Absolute names of every module imported anywhere in the file (also inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = (
        _module_name(path) if path.name == "__init__.py" else _module_name(path).rsplit(".", 1)[0]
    )
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.append(module)
            names.extend(f"{module}.{alias.name}" for alias in node.names)
    return names


def _source_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def _violates(name: str, forbidden: set[str]) -> bool:
    return any(name == f or name.startswith(f + ".") for f in forbidden)


@pytest.mark.parametrize("path", _source_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_respects_its_layer(path: Path) -> None:
    layer = _layer_of(path)
    if layer is None:
        return
    bad = sorted({n for n in _imports(path) if _violates(n, FORBIDDEN[layer])})
    assert not bad, f"{path.relative_to(PACKAGE)} ({layer}) imports {bad}"


def test_domain_uses_only_the_standard_library() -> None:
    import sys

    for path in (PACKAGE / "domain").rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top in ("logeerhuis_app", "__future__") or top in DOMAIN_THIRD_PARTY:
                continue
            assert top in sys.stdlib_module_names, f"{path.name} imports {name}"


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    """Guard against a rule test that can never fail."""
    fake = PACKAGE / "domain" / "_probe_for_test.py"
    fake.write_text("from ..db.models import Guest\nimport PySide6.QtCore\n", encoding="utf-8")
    try:
        names = _imports(fake)
    finally:
        fake.unlink()
    assert _violates("logeerhuis_app.db.models", FORBIDDEN["domain"])
    assert "logeerhuis_app.db.models" in names and "PySide6.QtCore" in names


# --- Feature packages and their private modules (issue 19, decision 0051) ---------------------
def _packages() -> set[str]:
    """The app's packages, without resources/ (data files, no code)."""
    return {p.parent.name for p in PACKAGE.glob("*/__init__.py")} - {"resources"}


def test_every_package_of_the_app_has_its_layer() -> None:
    """A new top-level package must be given its place (and its rules) here first."""
    assert _packages() == set(FORBIDDEN) - {"cli"}


def test_the_shared_kernel_holds_only_shared_plumbing() -> None:
    """Use cases live in the feature packages; services/ keeps the errors and field checks."""
    assert {p.stem for p in (PACKAGE / "services").iterdir() if p.suffix == ".py"} == KERNEL
    assert not [p for p in (PACKAGE / "services").iterdir() if p.is_dir() and p.name[0] != "_"]


@pytest.mark.parametrize("package", [*FEATURES, "demo", "services"])
def test_each_package_says_what_it_owns_and_imports_nothing(package: str) -> None:
    """The docstring names what the package owns; an import in __init__ would slow the start."""
    tree = ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{package}/__init__.py says nothing about what it owns"
    assert not _imports(PACKAGE / package / "__init__.py"), f"{package}/__init__.py imports"


def _private_owner(name: str) -> str | None:
    """The package a private module (`_name.py`, or a `_name/` package) in `name` belongs to."""
    parts = name.split(".")
    if parts[0] != "logeerhuis_app":
        return None
    for i in range(1, len(parts)):
        where = PACKAGE.joinpath(*parts[1 : i + 1])
        if not (where.with_suffix(".py").is_file() or (where / "__init__.py").is_file()):
            return None  # past the modules: a name inside a module
        if parts[i].startswith("_") and not parts[i].startswith("__"):
            return ".".join(parts[:i])
    return None


def private_imports(importer: str, names: list[str]) -> list[str]:
    """The names that reach into a private module of a package `importer` is not part of."""
    bad = []
    for name in names:
        owner = _private_owner(name)
        if owner is not None and not importer.startswith(owner + "."):
            bad.append(name)
    return sorted(set(bad))


@pytest.mark.parametrize("path", _source_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_another_packages_private_module(path: Path) -> None:
    bad = private_imports(_module_name(path), _imports(path))
    assert not bad, f"{path.relative_to(PACKAGE)} imports private modules of another package {bad}"


def test_the_package_rules_see_a_forbidden_import() -> None:
    """Guard against a rule test that can never fail."""
    reach_in = ["logeerhuis_app.planning._bed_choice", "logeerhuis_app.planning._bed_choice.x"]
    assert private_imports("logeerhuis_app.billing.invoicing", reach_in) == reach_in
    assert private_imports("logeerhuis_app.planning.stay_writer", reach_in) == []
    assert (
        private_imports("logeerhuis_app.demo.builder", ["logeerhuis_app.demo._model._Plan"]) == []
    )
    public = ["logeerhuis_app.planning.stays", "logeerhuis_app.planning.stays._private_function"]
    assert private_imports("logeerhuis_app.billing.months", public) == []
    assert _violates("logeerhuis_app.ui.planner.page", FORBIDDEN["billing"])
    assert _violates("logeerhuis_app.demo.builder", FORBIDDEN["storage"])
    assert _violates("logeerhuis_app.ui", FORBIDDEN["demo"])
    assert _violates("logeerhuis_app.planning.stays", FORBIDDEN["services"])
    assert not _violates("logeerhuis_app.planning.stays", FORBIDDEN["claims"])
    assert _layer_of(PACKAGE / "claims" / "claims.py") == "claims"
    assert _layer_of(PACKAGE / "cli_messages.py") == "cli"


# --- One writer for stays (issue 19, decision 0040) -------------------------------------------
# Only planning/stay_writer.py writes Night rows or changes a stay's status, so the closed-month
# lock and the lifecycle table (domain/stay_lifecycle.py) hold on every path. The data import
# (storage/data_exchange.py) writes every table alike with `table.insert()` into an empty
# database, in an order the triggers accept; it names no table and is not a writer of stays.
STAY_WRITER = "planning/stay_writer.py"
_COLLECTION_CHANGES = {"append", "extend", "remove", "clear", "pop", "insert"}
_NIGHT_FIELDS = {"active", "bed_id", "day", "stay_id", "allocation_id"}
_RAW_SQL = re.compile(
    r"\b(insert\s+into|update|delete\s+from)\s+nights\b|\bupdate\s+stays\s+set\b[^;]*\bstatus\b",
    re.IGNORECASE,
)


def _name_of(node: ast.AST) -> str:
    """The last name in `a.b.c` or `c`; '' for anything else."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def stay_writes(source: str) -> list[str]:
    """What in this source writes nights or a stay's status, one line each."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Call):
            func, args = node.func, node.args
            name = _name_of(func)
            if name == "Night":
                found.append(f"{line}: Night(...)")
            if name in ("insert", "update", "delete") and args:
                if _name_of(args[0]) in ("Night", "Stay"):
                    found.append(f"{line}: {name}({_name_of(args[0])})")
                elif name == "delete" and "stay" in _name_of(args[0]).lower():
                    found.append(f"{line}: session.delete of a stay")
            changes = isinstance(func, ast.Attribute) and name in _COLLECTION_CHANGES
            if changes and _name_of(func.value) == "nights":  # type: ignore[attr-defined]
                found.append(f"{line}: .nights.{name}()")
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            for part in target.elts if isinstance(target, ast.Tuple) else [target]:
                if not isinstance(part, ast.Attribute):
                    continue
                owner = _name_of(part.value).lower()
                value = ast.unparse(node.value) if node.value is not None else ""
                if part.attr == "nights" and "stay" in owner:  # not WlzNightsElsewhere.nights
                    found.append(f"{line}: .nights = ...")
                if part.attr == "status" and ("stay" in owner or "StayStatus" in value):
                    found.append(f"{line}: {owner}.status = ...")
                if part.attr in _NIGHT_FIELDS and "night" in owner:
                    found.append(f"{line}: {owner}.{part.attr} = ...")
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _RAW_SQL.search(node.value)
        ):
            found.append(f"{line}: SQL that writes nights or a stay's status")
    return found


def test_only_the_stay_writer_writes_nights_or_a_stays_status() -> None:
    writers = {}
    for path in _source_files():
        relative = path.relative_to(PACKAGE).as_posix()
        if relative == STAY_WRITER or relative.startswith("db/"):
            continue  # the writer itself; db/ declares the tables
        found = stay_writes(path.read_text(encoding="utf-8"))
        if found:
            writers[relative] = found
    assert writers == {}, f"only {STAY_WRITER} may write nights or a stay's status"


def test_the_stay_writer_rule_sees_every_kind_of_writer() -> None:
    """Guard against a rule test that can never fail, and against a writer that it misses."""
    assert stay_writes((PACKAGE / STAY_WRITER).read_text(encoding="utf-8"))
    probes = [
        "s.add(Night(stay_id=1, bed_id=1, day=d, active=True))",
        "stay.nights.append(night)",
        "stay.nights = []",
        "night.active = False",
        "night.bed_id, night.day = 2, d",
        "stay.status = 'geannuleerd'",
        "row.status = StayStatus.DEPARTED.value",
        "s.execute(update(Stay).values(status='vertrokken'))",
        "s.execute(delete(Night).where(Night.day < d))",
        "s.delete(stay)",
        "conn.exec_driver_sql('UPDATE nights SET active = 0')",
        "conn.execute(text('DELETE FROM nights WHERE id = 1'))",
        "conn.execute(text('update stays set notes = 1, status = 2'))",
    ]
    for probe in probes:
        assert stay_writes(probe), probe
    innocent = [
        "row.status = RequestStatus.PLACED.value",
        "bed.active = False",
        "row.nights, row.note = 12, ''",
        "s.delete(row)",
        "s.scalar(select(Night.day).where(Night.active.is_(True)))",
        "text('SELECT n.id FROM nights n JOIN stays s ON s.id = n.stay_id')",
    ]
    for line in innocent:
        assert not stay_writes(line), line
