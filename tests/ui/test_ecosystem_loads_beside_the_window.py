"""Opening a large ecosystem map leaves loading the graph libraries (networkx: a second or two) to the
analysis beside the window: the window's thread never imports them on the way to the map.

Run in a fresh interpreter (this file as a script): in the test process an earlier test has long loaded them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

DEADLINE_S = 120


@pytest.mark.slow
def test_opening_a_large_map_loads_the_graph_libraries_beside_the_window():
    run = subprocess.run([sys.executable, __file__], capture_output=True, text=True, timeout=DEADLINE_S)
    assert run.returncode == 0, run.stdout + run.stderr[-2000:]
    assert run.stdout.splitlines()[-1] == "analysed: True; on the window's thread: []", run.stdout


def _open_the_map() -> tuple[bool, list[str]]:
    """Whether the map was analysed, and which graph libraries the window's thread imported meanwhile."""
    import importlib.abc
    import threading

    window_thread = threading.main_thread()
    on_window_thread: list[str] = []

    class Watch(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name.split(".")[0] in ("networkx", "rustworkx") and threading.current_thread() is window_thread:
                on_window_thread.append(name)
            return None

    sys.meta_path.insert(0, Watch())
    from PySide6.QtCore import QCoreApplication

    from ui.app import application
    from ui.main_window import MainWindow
    from ui.views.ecosystem import view as view_module

    view_module.SYNC_ENTITIES = view_module.SYNC_ACTORS = 10  # the sample counts as a large map
    app = application()
    window = MainWindow()
    window.show()
    window.new_from_sample()
    window.show_section("ecosystem")
    view = window.current_view()
    for _ in range(3000):
        if view.analysis is not None:
            break
        QCoreApplication.processEvents()
        threading.Event().wait(0.01)
    analysed = view.analysis is not None
    window.close_document(ask=False)
    window.close()
    app.processEvents()
    return analysed, sorted(set(on_window_thread))


if __name__ == "__main__":
    analysed, names = _open_the_map()
    print(f"analysed: {analysed}; on the window's thread: {names}")
