"""The first switch to the Briefs section leaves loading the brief's machinery (its composer with networkx,
reportlab: a second or more) to the work beside the window: the window's thread never imports it, and
answers between the steps of building the form (it was held for seconds).

Run in a fresh interpreter (this file as a script): in the test process an earlier test has long loaded it.
"""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

DEADLINE_S = 120
HEAVY = ("reportlab", "networkx")
# Processor time of the window's thread between two turns of its event loop (its clock time, on a busy
# machine, counts other programs' turns too): the switch importing the composer took 70 to 80 ms of it
# with the sample; now each step of building the form, and the preview's start, take 10 to 25.
LONGEST_TURN_S = 0.05


@pytest.mark.slow  # a fresh process imports the brief machinery
def test_the_first_switch_to_briefs_loads_the_brief_machinery_beside_the_window():
    run = subprocess.run([sys.executable, __file__], capture_output=True, text=True, timeout=DEADLINE_S)
    assert run.returncode == 0, run.stdout + run.stderr[-2000:]
    loaded, imported, longest = run.stdout.splitlines()[-1].split("; ")
    assert (loaded, imported) == ("loaded beside the window: True", "on the window's thread: []"), run.stdout
    assert float(longest.split(": ")[1]) < LONGEST_TURN_S, run.stdout


def _switch_to_briefs() -> tuple[bool, list[str], float]:
    """Whether reportlab was loaded by the time page 1 showed, what of the heavy packages the window's
    thread loaded, and the most processor time the window's thread spent between two of its turns."""
    import importlib.abc
    import threading
    import time

    window_thread = threading.main_thread()
    on_window_thread: list[str] = []

    class Watch(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name.partition(".")[0] in HEAVY and threading.current_thread() is window_thread:
                on_window_thread.append(name)
            return None  # the usual finders load it

    sys.meta_path.insert(0, Watch())
    from PySide6.QtCore import QEventLoop, QTimer

    from ui.app import application
    from ui.main_window import MainWindow
    from ui.views.briefs import BriefsView

    app = application()
    window = MainWindow()
    window.show()
    window.new_from_sample()
    app.processEvents()
    window.show_section("briefs")
    view = window.current_view()
    assert isinstance(view, BriefsView)
    app.processEvents()  # the section's widgets made and painted (30-45 ms): bench/bench_stall.py times that
    turns = [time.thread_time()]
    ticks = QTimer()
    ticks.setInterval(5)
    ticks.timeout.connect(lambda: turns.append(time.thread_time()))
    ticks.start()
    loop = QEventLoop()
    view.first_pages.finished.connect(lambda _page: loop.quit())
    view.first_pages.failed.connect(lambda _err: loop.quit())
    QTimer.singleShot(DEADLINE_S * 1000 // 2, loop.quit)
    loop.exec()
    ticks.stop()
    longest = max(b - a for a, b in itertools.pairwise(turns))
    loaded = "reportlab" in sys.modules and not view.preview.pixmap().isNull()
    window.close_document(ask=False)
    window.close()
    app.processEvents()
    return loaded, on_window_thread, longest


if __name__ == "__main__":  # with the test's app-data folder (IIP_WORKBENCH_HOME), inherited
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    loaded, names, longest = _switch_to_briefs()
    print(f"loaded beside the window: {loaded}; on the window's thread: {names}; longest turn: {longest:.3f}")
