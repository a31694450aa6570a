"""The sections' code loads while the window is idle, a module per turn (ui.load_ahead): the first switch to
a section then imports none of the program's modules on the window's thread (the Briefs section's took
30 to 40 ms of the switch's turn), and nothing of a library the program loads beside the window (the
charts', the brief's PDF machinery) is loaded by it.

The window's part runs in a fresh interpreter (this file as a script): in the test process earlier tests
have long loaded every section.
"""

from __future__ import annotations

import importlib.abc
import subprocess
import sys
import threading
import types
from importlib.machinery import ModuleSpec
from pathlib import Path

import pytest

from ui import load_ahead
from ui.jobs import Job
from ui.load_ahead import LoadAhead, loaded, top_imports

DEADLINE_S = 120
BESIDE = ("pyqtgraph", "reportlab", "networkx")  # loaded beside the window by the sections needing them
PROGRAM = ("ui", "workbench", "db", "templates_reports")


def test_a_module_still_being_imported_is_not_loaded(monkeypatch):
    """Importing what needs a library that a thread beside the window is still importing would wait for it."""
    module = types.ModuleType("half_imported")
    module.__spec__ = ModuleSpec("half_imported", None)
    module.__spec__._initializing = True  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "half_imported", module)
    assert not loaded("half_imported")
    module.__spec__._initializing = False  # type: ignore[attr-defined]
    assert loaded("half_imported")


def test_top_imports_are_what_a_module_imports_as_it_loads(tmp_path: Path):
    source = tmp_path / "view.py"
    source.write_text(
        "from __future__ import annotations\n"
        "import json\n"
        "from typing import TYPE_CHECKING\n"
        "from ui import collector, dialogs\n"
        "from ui.views.base import SectionView\n"
        "if TYPE_CHECKING:\n"
        "    from ui.views.value_chain.charts import ChartsPanel\n"
        "def export():\n"
        "    from templates_reports.pdf import build_pdf\n"
    )
    assert top_imports(source) == [
        "json",
        "typing",
        "ui",
        "ui.collector",
        "ui.dialogs",
        "ui.views",
        "ui.views.base",
    ]


def test_nothing_loads_ahead_while_work_runs_beside_the_window(qtbot, monkeypatch):
    monkeypatch.delitem(sys.modules, "tabnanny", raising=False)  # a module of the standard library
    done = threading.Event()
    job = Job(lambda _progress, _stop: done.wait(10))
    job.start()
    ahead = LoadAhead(["tabnanny"])
    ahead.start()
    qtbot.wait(200)
    assert "tabnanny" not in sys.modules
    done.set()
    qtbot.waitUntil(lambda: "tabnanny" in sys.modules)
    assert ahead.loaded == ["tabnanny"]


def test_the_first_walk_begins_with_qts_widget_classes_and_sets_them_up_once(qtbot, monkeypatch):
    made: list[bool] = []  # whether the module was loaded when the classes were set up

    def widget_classes():
        made.append("tabnanny" in sys.modules)
        yield None

    monkeypatch.setattr(load_ahead, "widget_classes", widget_classes)
    monkeypatch.delitem(sys.modules, "tabnanny", raising=False)
    ahead = LoadAhead(["tabnanny"])
    ahead.start()
    qtbot.waitUntil(lambda: ahead.loaded == ["tabnanny"])
    monkeypatch.delitem(sys.modules, "tabnanny")
    ahead.start()  # walked again
    qtbot.waitUntil(lambda: ahead.loaded == ["tabnanny", "tabnanny"])
    assert made == [False]  # first, and once


def test_setting_up_the_widget_classes_is_one_step():
    assert list(load_ahead.widget_classes()) == [None]


@pytest.mark.slow  # a fresh process loads every section's code
def test_an_idle_window_loads_the_sections_code_a_module_per_turn():
    run = subprocess.run([sys.executable, __file__], capture_output=True, text=True, timeout=DEADLINE_S)
    assert run.returncode == 0, run.stdout + run.stderr[-2000:]
    ahead, beside, switch = run.stdout.splitlines()[-3:]
    assert ahead == "loaded ahead: True", run.stdout
    assert beside == "loaded of what loads beside the window: []", run.stdout
    assert switch == "imported by the first switch to briefs: []", run.stdout


class WindowThreadImports(importlib.abc.MetaPathFinder):
    """While it is on sys.meta_path: the program's modules imported on the window's thread."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def find_spec(self, name, path, target=None):
        if name.partition(".")[0] in PROGRAM and threading.current_thread() is threading.main_thread():
            self.names.append(name)
        return None  # the usual finders load it


def _idle_window() -> None:
    """Open the sample, let the window idle until the sections' code is loaded, then switch to Briefs."""
    from PySide6.QtCore import QEventLoop, QTimer

    from ui.app import application
    from ui.main_window import MainWindow

    app = application()
    window = MainWindow()
    window.show()
    window.new_from_sample()
    loop = QEventLoop()
    waiting = QTimer()
    waiting.setInterval(20)
    waiting.timeout.connect(lambda: window.load_ahead.loaded and not window.load_ahead.running and loop.quit())
    waiting.start()
    QTimer.singleShot(DEADLINE_S * 1000 // 2, loop.quit)
    loop.exec()
    print(f"loaded ahead: {'ui.views.briefs' in sys.modules}")
    print(f"loaded of what loads beside the window: {[name for name in BESIDE if name in sys.modules]}")
    watch = WindowThreadImports()
    sys.meta_path.insert(0, watch)
    window.show_section("briefs")
    sys.meta_path.remove(watch)  # what the section then loads beside the window is its own
    print(f"imported by the first switch to briefs: {watch.names}")
    window.close_document(ask=False)
    window.close()
    app.processEvents()


if __name__ == "__main__":  # with the test's app-data folder (IIP_WORKBENCH_HOME), inherited
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _idle_window()
