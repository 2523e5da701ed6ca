"""Only ui/operations.py tells the pages what changed (issue 19, decision 0053): a page that
announced by hand would guess again, and forget as it did before (closing a month announced
nothing)."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "logeerhuis_app" / "ui"
ALLOWED = {"operations.py", "context.py"}  # the one announcer, and the signal it emits


def announces(source: str) -> list[int]:
    """The lines that call `.announce(...)`/`.announce_all(...)` or emit `data_changed`."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("announce", "announce_all"):
                lines.append(node.lineno)
            owner = node.func.value
            if (
                node.func.attr == "emit"
                and isinstance(owner, ast.Attribute)
                and owner.attr == "data_changed"
            ):
                lines.append(node.lineno)
    return lines


def test_no_page_announces_by_hand() -> None:
    found = {
        str(path.relative_to(UI)): announces(path.read_text(encoding="utf-8"))
        for path in sorted(UI.rglob("*.py"))
        if path.name not in ALLOWED or path.parent != UI
    }
    assert {k: v for k, v in found.items() if v} == {}


def test_the_rule_sees_an_announce() -> None:
    assert announces("self.context.announce(TOPIC_STAYS)") == [1]
    assert announces("context.announce_all(['stays'])") == [1]
    assert announces("context.data_changed.emit('stays')") == [1]
    assert announces("operations.run(context, op)") == []
