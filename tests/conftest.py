"""Shared fixtures: every test gets its own app-data folder and offscreen Qt."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")


@pytest.fixture(autouse=True)
def app_home(tmp_path, monkeypatch):
    """Isolate working copies, backups and logs of each test in its own folder."""
    home = tmp_path / "app-home"
    monkeypatch.setenv("IIP_WORKBENCH_HOME", str(home))
    return home
