"""A cheaper form of the check PySide6 runs on every module imported after it.

For its optional `from __feature__ import snake_case` (never used in Logeerhuis), PySide6
replaces Python's import and asks of each newly imported module whether its source mentions
"PySide6", through `inspect.getsource`, which also scans all loaded modules on every call.
The start imports SQLAlchemy, the services and the planner after Qt (the window comes first,
decision 0007), so several hundred modules pay that check. `lighten_feature_check()` puts in
the same test on the module's own source file, read directly (decision 0034); it gives the
same answers (tests/ui/test_pyside_imports.py) and changes nothing when PySide6 has no such
check (another version).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

# PySide6's own check, once replaced (tests compare the two).
replaced: Callable[[ModuleType], bool] | None = None


def uses_pyside(module: ModuleType) -> bool:
    """True when the module's source file mentions PySide6; False for a module without one
    (built in, an extension, or compiled into the frozen app's archive), as PySide6 says."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def lighten_feature_check() -> bool:
    """Replace PySide6's per-import check (after PySide6 is imported); False if it has none."""
    global replaced
    feature = sys.modules.get("PySide6.support.feature")
    if feature is None:
        return False
    current = getattr(feature, "_mod_uses_pyside", None)
    if not callable(current):
        return False
    if current is not uses_pyside:
        replaced = current
        feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]  # private hook
    return True
