"""PySide's question of every module (does its source name PySide6?) answered from the file's bytes, the
same answer as its own (ui.feature_check)."""

from __future__ import annotations

import importlib
import sys

from ui import feature_check

MODULES = ("ui.main_window", "ui.feature_check", "workbench.document", "db.session", "json", "sys", "_sqlite3")


def test_every_module_gets_the_answer_pyside_itself_gives(monkeypatch):
    feature = sys.modules["PySide6.support.feature"]
    own = feature._mod_uses_pyside
    monkeypatch.setattr(feature, "_mod_uses_pyside", getattr(own, "__wrapped__", own))
    original = feature._mod_uses_pyside
    feature_check.install()
    faster = feature._mod_uses_pyside
    assert faster is not original and faster.reads_bytes
    modules = [importlib.import_module(name) for name in MODULES]
    assert (
        [faster(m) for m in modules]
        == [original(m) for m in modules]
        == [True, True, False, False, False, False, False]
    )
    feature_check.install()  # once is enough: it does not wrap itself
    assert feature._mod_uses_pyside is faster
