"""The lighter form of PySide6's per-import check (ui/pyside_imports.py) answers as PySide6's
own check does, and PySide6 uses it for the modules imported after it."""

from __future__ import annotations

import sys

import pytest

from logeerhuis_app.ui import pyside_imports


@pytest.fixture
def feature():
    import PySide6.QtCore  # noqa: F401  (installs PySide6's import hook)

    module = sys.modules.get("PySide6.support.feature")
    if module is None or not hasattr(module, "_mod_uses_pyside"):
        pytest.skip("this PySide6 has no per-import feature check")
    return module


def test_it_answers_as_pyside_does_for_every_loaded_module(feature):
    from logeerhuis_app.ui.registry import page_classes

    page_classes()  # the app's screens, services, models, SQLAlchemy, reportlab, ...
    original = pyside_imports.replaced or feature._mod_uses_pyside
    assert original is not pyside_imports.uses_pyside
    modules = [m for m in list(sys.modules.values()) if m is not None]
    assert len(modules) > 300
    answers = {m.__name__: pyside_imports.uses_pyside(m) for m in modules}
    assert answers == {m.__name__: original(m) for m in modules}
    assert answers["logeerhuis_app.ui.planner.page"] is True
    assert answers["sqlalchemy.orm.session"] is False
    assert answers["sys"] is False


def test_modules_imported_after_it_are_told_apart(feature, tmp_path, monkeypatch):
    assert pyside_imports.lighten_feature_check()
    assert feature._mod_uses_pyside is pyside_imports.uses_pyside
    (tmp_path / "h20_with_qt.py").write_text("import PySide6.QtCore\n", encoding="utf-8")
    (tmp_path / "h20_without_qt.py").write_text("import json\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("h20_with_qt", "h20_without_qt"):
        feature.pyside_feature_dict.pop(name, None)
        __import__(name)  # the import statement, which PySide6 hooks
        monkeypatch.delitem(sys.modules, name)
    assert feature.pyside_feature_dict.pop("h20_with_qt") == 0  # uses PySide: switchable
    assert feature.pyside_feature_dict.pop("h20_without_qt") == -1  # ignored
