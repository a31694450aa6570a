"""The window settles at every size: no section may keep relaying itself out on its own.

At 1600x1000 the spheres froze the window: fitting on resize made a scroll bar appear, the refit
made it disappear, and the two never agreed, inside one event. The sweep runs in a child process
with a deadline, so a window that never settles fails the test instead of hanging the suite.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

SIZES = [(1600, 1000), (1590, 1000), (1600, 1010), (1280, 720), (1366, 768), (1920, 1080), (1024, 700)]
DEADLINE_S = 180  # a busy machine lays out every brief preview too; a window that never settles fails


@pytest.mark.slow  # every section at every window size
def test_every_section_settles_at_every_size():
    run = subprocess.run([sys.executable, __file__], capture_output=True, text=True, timeout=DEADLINE_S)
    assert run.returncode == 0, run.stdout + run.stderr[-2000:]
    assert run.stdout.strip().endswith("settled"), run.stdout


def _sweep() -> list[str]:
    """Show each section at each size; once the size's events are handled, no resize may follow."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject
    from PySide6.QtWidgets import QApplication

    from ui.app import application
    from ui.main_window import MainWindow
    from ui.views.sections import SECTIONS

    class ResizeCounter(QObject):
        count = 0

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Resize:
                self.count += 1
            return False

    app = application()
    window = MainWindow()
    window.show()
    window.new_from_sample()
    counter = ResizeCounter()
    QApplication.instance().installEventFilter(counter)
    failures = []
    for section in [s.key for s in SECTIONS]:
        for width, height in SIZES:
            window.resize(width, height)
            window.show_section(section)
            view = window.current_view()
            while getattr(view, "busy", False):  # work still under way (a form built a step at a time) grows it
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            for _ in range(10):
                app.processEvents()
            counter.count = 0
            for _ in range(10):
                app.processEvents()
            if counter.count:
                failures.append(f"{section} keeps resizing at {width}x{height}")
        print(section, flush=True)
    window.doc.session.close()
    return failures


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    problems = _sweep()
    print("\n".join(problems) or "settled")
    sys.exit(1 if problems else 0)
