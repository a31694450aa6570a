"""The value chain fits the window without relaying itself out for ever: left to show as needed, the lanes'
scroll bar appeared, the narrower fit no longer needed it, it hid, the view widened, and at 1280x720 the
window froze (the settle sweep timed out on it). The sizes are tried in a child process with a deadline,
so a window that never settles fails the test instead of hanging the suite."""

from __future__ import annotations

import subprocess
import sys

SIZES = [(1600, 1000), (1590, 1000), (1600, 1010), (1280, 720), (1366, 768), (1920, 1080), (1024, 700)]
DEADLINE_S = 60


def test_the_chain_settles_at_every_window_size_with_every_lane_in_reach():
    run = subprocess.run([sys.executable, __file__], capture_output=True, text=True, timeout=DEADLINE_S)
    assert run.returncode == 0, run.stdout + run.stderr[-2000:]
    assert run.stdout.strip().endswith("settled"), run.stdout


def _sweep() -> None:
    """As the settle sweep went: the spheres at every size, then the value chain at every size."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.app import application
    from ui.main_window import MainWindow

    application()
    window = MainWindow()
    window.show()
    window.new_from_sample()
    for key in ("spheres", "value-chain"):
        for size in SIZES:
            window.resize(*size)
            window.show_section(key)
            for _ in range(20):
                QApplication.processEvents()
            if key == "value-chain":
                canvas = window.current_view().canvas
                shown = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
                scene = canvas.sceneRect()
                assert shown.width() >= scene.width() - 1, size  # the stages fit the width
                if canvas.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOn:
                    assert shown.height() >= scene.height() - 1, size  # no bar: every lane is in view
        print(key, flush=True)
    window.doc.session.close()
    print("settled")


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _sweep()
