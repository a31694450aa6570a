"""The first switch to the Briefs section leaves loading the brief's layout machinery (reportlab, a second
or more) to the work beside the window: the window's thread never imports it.

Run in a fresh interpreter (this file as a script): in the test process an earlier test has long loaded it.
"""

from __future__ import annotations

import subprocess
import sys

DEADLINE_S = 120


def test_the_first_switch_to_briefs_loads_reportlab_beside_the_window():
    run = subprocess.run([sys.executable, __file__], capture_output=True, text=True, timeout=DEADLINE_S)
    assert run.returncode == 0, run.stdout + run.stderr[-2000:]
    assert run.stdout.splitlines()[-1] == "loaded beside the window: True; on the window's thread: []", run.stdout


def _switch_to_briefs() -> tuple[bool, list[str]]:
    """Whether reportlab was loaded by the time page 1 showed, and what of it the window's thread loaded."""
    import importlib.abc
    import threading

    window_thread = threading.main_thread()
    on_window_thread: list[str] = []

    class Watch(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name.partition(".")[0] == "reportlab" and threading.current_thread() is window_thread:
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
    window.show_section("briefs")
    view = window.current_view()
    assert isinstance(view, BriefsView)
    loop = QEventLoop()
    view.first_pages.finished.connect(lambda _page: loop.quit())
    view.first_pages.failed.connect(lambda _err: loop.quit())
    QTimer.singleShot(DEADLINE_S * 1000 // 2, loop.quit)
    loop.exec()
    loaded = "reportlab" in sys.modules and not view.preview.pixmap().isNull()
    window.close_document(ask=False)
    window.close()
    app.processEvents()
    return loaded, on_window_thread


if __name__ == "__main__":  # with the test's app-data folder (IIP_WORKBENCH_HOME), inherited
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    loaded, names = _switch_to_briefs()
    print(f"loaded beside the window: {loaded}; on the window's thread: {names}")
