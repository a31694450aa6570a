"""Stall probe: the longest time the window could not answer while a scripted user works on the 10k
document (offscreen): opens it, switches to every section, edits, undoes, imports links from a CSV file
and exports the ecosystem.

A heartbeat timer ticks every 5 ms on the window's thread; each gap between two ticks is put down to
the step under way when it ended (what the step left to do a moment later, on the window's thread,
counts as that step's). Between steps the script waits as a user would, long enough for work beside
the window to end. Printed: each step's longest gap as it ends, then the longest of all and where it
happened, against the target. The same is measured first with the window idle, as a reference for
what the machine itself allows. The Briefs section comes last: it may hold the window longest.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import build_document, isolated_home, report

home = isolated_home()

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402

from ui.app import application  # noqa: E402
from workbench.ecosystem.entities import Link  # noqa: E402
from workbench.interchange.csv_io import write_csv  # noqa: E402

HEARTBEAT_MS = 5
PAUSE_MS = 1500  # a user reads the screen between steps; work beside the window ends meanwhile
TARGET = "<= 50 ms"


class Probe:
    """Heartbeats on the window's thread, each gap put down to the step under way."""

    def __init__(self) -> None:
        self.step = "idle"
        self.longest: dict[str, float] = {}
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self.beat)

    def beat(self) -> None:
        now = time.perf_counter()
        gap = max(now - self.last - HEARTBEAT_MS / 1000, 0.0)
        self.last = now
        self.longest[self.step] = max(self.longest.get(self.step, 0.0), gap)

    def run(self, steps: list[tuple[str, Callable[[], object]]]) -> None:
        """Each step in turn from the event loop, PAUSE_MS apart (longer while `busy` says work goes on)."""
        loop = QEventLoop()
        todo = iter(steps)
        previous: list[str] = []

        def next_step() -> None:
            if previous:
                print(f"  {previous[0]}: longest stall {self.longest.get(previous[0], 0) * 1000:.0f} ms", flush=True)
            step = next(todo, None)
            if step is None:
                loop.quit()
                return
            previous[:] = [step[0]]
            self.step = step[0]
            self.last = time.perf_counter()
            step[1]()
            QTimer.singleShot(PAUSE_MS, wait_idle)

        def wait_idle() -> None:
            if busy():
                QTimer.singleShot(100, wait_idle)
            else:
                next_step()

        self.last = time.perf_counter()
        self.timer.start()
        QTimer.singleShot(0, next_step)
        loop.exec()
        self.timer.stop()


_window = None


def busy() -> bool:
    """Work beside the window still under way (an import being checked), so the user waits."""
    view = _window.views.get("ecosystem") if _window is not None else None
    return bool(view is not None and view.importer.running)


def main() -> None:
    global _window
    from ui import dialogs
    from ui.commands import StoreCommand
    from ui.main_window import MainWindow
    from ui.views.ecosystem import interchange
    from ui.views.section_keys import SECTION_KEYS

    path = build_document(home / "doc-10k.iipw", 10_000)
    csv_path = home / "links.csv"
    app = application()
    window = _window = MainWindow()
    window.resize(1400, 900)
    window.show()
    app.processEvents()

    # The dialogs a user answers: the files to import, the plan to import, where to export.
    dialogs.ask_import_paths = lambda *_a, **_k: [csv_path]
    interchange.review = lambda *_a, **_k: interchange.IMPORT
    dialogs.ask_export_path = lambda *_a, **_k: home / "export.csv"
    dialogs.inform = lambda *_a, **_k: None

    idle = Probe()
    idle.run([("the idle window", lambda: None)])
    report("longest stall of the idle window (reference)", max(idle.longest.values()))

    def edit(kind: str, changes: dict) -> Callable[[], object]:
        from db import operations as ops

        def run() -> None:
            assert window.doc is not None
            entity = window.doc.store.all(kind)[0]
            window.doc.run(StoreCommand(ops.update([(kind, entity.id, changes)]), f"Edit {kind}"))

        return run

    def write_import_file() -> None:
        assert window.doc is not None
        actors = window.doc.store.all("actor")
        links = [
            Link.create(source_id=actors[n % len(actors)].id, target_id=actors[(n * 7 + 1) % len(actors)].id)
            for n in range(5_000)
        ]
        csv_path.write_bytes(write_csv(links, "link"))

    sections = [k for k in SECTION_KEYS if k != "briefs"]
    steps: list[tuple[str, Callable[[], object]]] = [("open the 10k document", lambda: window.open_path(path))]
    steps += [(f"switch to {key}", lambda key=key: window.show_section(key)) for key in sections[1:]]
    steps += [
        ("edit an item on the spheres", lambda: (window.show_section("spheres"), edit("item", {"x": 12.5})())),
        (
            "edit an actor on the ecosystem",
            lambda: (window.show_section("ecosystem"), edit("actor", {"name": "Renamed"})()),
        ),
        ("undo", lambda: window.doc.undo_stack.undo()),
        ("import 5,000 links (CSV)", lambda: (write_import_file(), window.views["ecosystem"].import_data())),
        ("export the ecosystem (CSV)", lambda: interchange.export_data(window, window.doc)),
        ("switch to overview", lambda: window.show_section("overview")),
        ("switch to briefs", lambda: window.show_section("briefs")),
    ]
    probe = Probe()
    probe.run(steps)
    worst = max(probe.longest, key=lambda step: probe.longest[step])
    print(f"longest stall: {probe.longest[worst] * 1000:.0f} ms, while: {worst}", flush=True)
    for step, gap in sorted(probe.longest.items(), key=lambda kv: -kv[1]):
        if gap > 0.05:
            print(f"  over the target: {step}: {gap * 1000:.0f} ms", flush=True)
    report("longest stall of the window, scripted user on the 10k document", probe.longest[worst], target=TARGET)
    doc = window.doc
    window.set_document(None)
    if doc is not None:
        doc.close()
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
