"""Modules stay small and say what they own (ARCHITECTURE.md: past 400 lines, split it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "logeerhuis_app"
LIMIT = 400


def _modules() -> list[Path]:
    """Every module of the app except the migrations (generated, one revision each)."""
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.relative_to(PACKAGE).parts
    )


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def too_long(path: Path) -> bool:
    return line_count(path) > LIMIT


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_module_is_at_most_400_lines(path: Path) -> None:
    assert not too_long(path), (
        f"{_name(path)} has {line_count(path)} lines (limit {LIMIT}): split it into modules "
        "with one job each"
    )


@pytest.mark.parametrize("path", [p for p in _modules() if p.name != "__init__.py"], ids=_name)
def test_module_says_what_it_owns(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{_name(path)} has no docstring saying what it owns"


def test_the_check_sees_a_long_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(f"{__name__}.PACKAGE", tmp_path)
    long = tmp_path / "services" / "long.py"
    long.parent.mkdir()
    long.write_text('"""Too long."""\n' + "x = 1\n" * LIMIT, encoding="utf-8")
    short = tmp_path / "services" / "short.py"
    short.write_text('"""Just right."""\n' + "x = 1\n" * (LIMIT - 1), encoding="utf-8")
    migration = tmp_path / "db" / "migrations" / "versions" / "0001_big.py"
    migration.parent.mkdir(parents=True)
    migration.write_text("x = 1\n" * (LIMIT + 1), encoding="utf-8")

    assert line_count(long) == LIMIT + 1
    assert too_long(long)
    assert not too_long(short)
    assert migration not in _modules()
