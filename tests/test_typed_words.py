"""Billing and claims speak in enums, and a month's bounds come from `Month` (issue 19,
decisions 0050 and 0052). These scans fail when a bare Dutch word or a pair-taking month
helper comes back."""

from __future__ import annotations

import ast
from pathlib import Path

from logeerhuis_app.domain.enums import ClaimKind, InvoiceKind, InvoiceStatus, LineKind

APP = Path(__file__).resolve().parents[1] / "logeerhuis_app"
TYPED_PACKAGES = ("billing", "claims", "demo", "documents", "domain")
# The words of billing's enums; "enums.py" itself is where they are spelled out.
WORDS = {m.value for enum in (InvoiceKind, LineKind, InvoiceStatus, ClaimKind) for m in enum}
KEYWORDS = {"kind", "status"}  # an assignment of one of the words by name


def _strings(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [s for element in node.elts for s in _strings(element)]
    return []


def bare_words(source: str) -> list[tuple[int, str]]:
    """(line, word) for every comparison with, or `kind=`/`status=` assignment of, one of the
    enums' words written as a bare string."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                found += [(node.lineno, s) for s in _strings(side) if s in WORDS]
        elif isinstance(node, ast.keyword) and node.arg in KEYWORDS:
            found += [(node.value.lineno, s) for s in _strings(node.value) if s in WORDS]
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            named = any(isinstance(t, ast.Attribute) and t.attr in KEYWORDS for t in targets)
            if named and node.value is not None:
                found += [(node.lineno, s) for s in _strings(node.value) if s in WORDS]
    return found


def _modules(*packages: str) -> list[Path]:
    return sorted(p for package in packages for p in (APP / package).rglob("*.py"))


def test_the_scan_finds_bare_words_and_passes_enums():
    bad = (
        'if invoice.kind == "credit": pass\n'
        'rows = [r for r in rows if r.kind in ("verblijf", "x")]\n'
        'line = Line(kind="correctie")\n'
        'invoice.status = "concept"\n'
        'ok = claim.kind != "declaratie"\n'
    )
    assert sorted(bare_words(bad)) == [
        (1, "credit"),
        (2, "verblijf"),
        (3, "correctie"),
        (4, "concept"),
        (5, "declaratie"),
    ]
    good = (
        "if invoice.kind == InvoiceKind.CREDIT: pass\n"
        'label = "Verblijf"\n'
        'title = "credit" + number\n'  # a word in a text is not a comparison
        "line = Line(kind=LineKind.CORRECTION)\n"
    )
    assert bare_words(good) == []


def test_billing_and_claims_compare_kinds_and_statuses_as_enums():
    offenders = [
        f"{path.relative_to(APP)}:{line}: {word!r}"
        for path in _modules(*TYPED_PACKAGES)
        if path.name != "enums.py"
        for line, word in bare_words(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "use the enum (domain/enums.py), not the bare word:\n" + "\n".join(
        offenders
    )


def month_helpers(source: str) -> list[tuple[int, str]]:
    """Calls or definitions of month_bounds, and calendar.monthrange: a month's days and
    bounds come from domain.months.Month."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name == "month_bounds":
            found.append((node.lineno, "def month_bounds"))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in ("month_bounds", "monthrange"):
                found.append((node.lineno, name))
    return found


def test_the_month_scan_finds_the_old_helpers():
    source = (
        "first, after = month_bounds(2026, 3)\n"
        "days = calendar.monthrange(2026, 3)[1]\n"
        "def month_bounds(year, month): ...\n"
        "first, after = Month(2026, 3).bounds()\n"
    )
    assert sorted(month_helpers(source)) == [
        (1, "month_bounds"),
        (2, "monthrange"),
        (3, "def month_bounds"),
    ]


def test_month_bounds_are_computed_by_month_only():
    root = APP.parent
    paths = sorted(APP.rglob("*.py")) + sorted((root / "tests").rglob("*.py"))
    offenders = [
        f"{path.relative_to(root)}:{line}: {what}"
        for path in paths
        if path != APP / "domain" / "months.py" and path != Path(__file__).resolve()
        for line, what in month_helpers(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "use domain.months.Month (first, last, bounds()):\n" + "\n".join(
        offenders
    )
