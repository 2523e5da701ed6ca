"""The layer rules of ARCHITECTURE.md, read from the source with `ast`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "logeerhuis_app"

# layer -> top-level modules (inside or outside the app) it must not import.
FORBIDDEN = {
    "domain": {"PySide6", "sqlalchemy", "alembic", "reportlab", "openpyxl", "lxml",
               "logeerhuis_app.db", "logeerhuis_app.services", "logeerhuis_app.documents",
               "logeerhuis_app.ui"},
    "db": {"PySide6", "reportlab", "openpyxl", "logeerhuis_app.services",
           "logeerhuis_app.documents", "logeerhuis_app.ui"},
    "documents": {"PySide6", "sqlalchemy", "alembic", "logeerhuis_app.db",
                  "logeerhuis_app.services", "logeerhuis_app.ui"},
    "services": {"PySide6", "logeerhuis_app.ui"},
    "ui": {"sqlalchemy", "alembic", "reportlab", "logeerhuis_app.db"},
    "cli": {"PySide6", "logeerhuis_app.ui", "logeerhuis_app.db"},
}  # fmt: skip

# Domain rules may use these pure, I/O-free libraries besides the standard library.
DOMAIN_THIRD_PARTY = {"stdnum"}


def _layer_of(path: Path) -> str | None:
    relative = path.relative_to(PACKAGE)
    if relative.parts[0] in FORBIDDEN:
        return relative.parts[0]
    return "cli" if relative.name in ("cli.py", "cli_mail.py") else None


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
