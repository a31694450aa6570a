"""Typing in a brief: the longest stall of the window's event loop while the user types in a section
of the sample's ministerial submission (offscreen).

A heartbeat timer ticks every 5 ms on the window's thread; keys arrive as a person types them (words
of a few letters, a pause now and then long enough for the preview to follow and the text to be
stored). The figure is the longest time the window could not answer: the largest gap between two
heartbeats, less the heartbeat's own interval. The same is measured first with the window idle, as a
reference for what the machine itself allows (another program's load shows there too).
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import isolated_home, report
from gui_window import close_window, sample_in_briefs

isolated_home()

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from ui.app import application  # noqa: E402

HEARTBEAT_MS = 5
KEY_MS = 110  # a steady typist
WORDS = ["the", "plant", "needs", "grid", "capacity", "before", "the", "second", "line", "opens"]
PAUSE_EVERY = 3  # words, then a pause long enough for the preview (and the store) to follow
PAUSE_MS = 1000


def keystrokes() -> list[tuple[int, str]]:
    """(delay before the key in ms, the key) for the whole session."""
    out: list[tuple[int, str]] = []
    for n, word in enumerate(WORDS, 1):
        out += [(KEY_MS, c) for c in " " + word]
        if n % PAUSE_EVERY == 0:
            out.append((PAUSE_MS, ""))
    return out


def longest_stall(drive: Callable[[Callable[[], None]], None]) -> float:
    """The largest gap between heartbeats, less their interval, while `drive(quit)` runs the window."""
    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    loop = QEventLoop()
    heartbeat.start()
    QTimer.singleShot(0, lambda: drive(loop.quit))
    loop.exec()
    heartbeat.stop()
    gaps = sorted(b - a for a, b in itertools.pairwise(beats))
    print(
        f"{len(beats)} heartbeats over {beats[-1] - beats[0]:.1f} s; longest gaps (ms): "
        f"{[round(g * 1000) for g in gaps[-5:]]}",
        flush=True,
    )
    return max(gaps[-1] - HEARTBEAT_MS / 1000, 0.0)


def main() -> None:
    app = application()
    window, view = sample_in_briefs()
    editor = view.form.text_editors["background"]
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    while view.pages == 0:  # the first preview, before the clock starts
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)

    idle = longest_stall(lambda quit: QTimer.singleShot(2000, quit))
    report("longest stall of the idle window (reference)", idle)
    keys = iter(keystrokes())

    def type_keys(quit) -> None:
        step = next(keys, None)
        if step is None:
            QTimer.singleShot(PAUSE_MS, quit)  # the last preview and store follow
            return
        delay, key = step
        if key:
            QTest.keyClick(editor, key)
        QTimer.singleShot(delay, lambda: type_keys(quit))

    stall = longest_stall(type_keys)
    assert WORDS[-1] in editor.toPlainText(), "the keys did not reach the section's editor"
    print(f"{sum(1 for _, key in keystrokes() if key)} keys typed", flush=True)
    report("longest stall of the window while typing in a brief section", stall, target="<= 50 ms")
    while getattr(view, "previews", None) is not None and view.previews.busy:  # no work left beside the window
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    close_window(app, window)


if __name__ == "__main__":
    main()
