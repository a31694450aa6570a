"""Stall probe: the longest time the window could not answer while a scripted user works on the 10k
document (offscreen): opens it, switches to every section, goes back to the spheres and the ecosystem and
edits there (the switch and the edit each a step), undoes, imports links from a CSV file and exports the
ecosystem.

A heartbeat timer ticks every 5 ms on the window's thread; each gap between two ticks is put down to
the step under way when it ended (what the step left to do a moment later, on the window's thread,
counts as that step's). While a gap lasts, a watcher thread samples where the window's thread is (the
innermost function of the program's own code), so each step's longest gap also says what held it.
Between steps the script waits as a user would, long enough for work beside the window to end (the
brief's page 1 and page count included).
Printed: each step's longest gap as it ends, then the longest of all and where it happened, against
the target, and the longest garbage collection on the window's thread (a full one scans every object
the program holds, a held window whatever the step). The same is measured first with the window idle,
as a reference for what the machine itself allows. The Briefs section is visited first, right after
opening, when nothing of the brief's machinery (its composer, reportlab) is loaded yet: the first switch
to it is the one a user waits for longest. `python bench_stall.py briefs` measures only that switch.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import build_document, isolated_home, report
from gui_window import close_window

home = isolated_home()

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402

from ui.app import application, warm_up_beside  # noqa: E402
from workbench.ecosystem.entities import Link  # noqa: E402
from workbench.interchange.csv_io import write_csv  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HEARTBEAT_MS = 5
SAMPLE_S = 0.01  # the watcher looks this often; it samples once a gap has lasted LATE_S
LATE_S = 0.03
PAUSE_MS = 1500  # a user reads the screen between steps; work beside the window ends meanwhile
TARGET = "<= 50 ms"


def where(frame) -> str:
    """The innermost frame of the program's own code (not the benchmark's), as 'file:line function'."""
    while frame is not None:
        path = Path(frame.f_code.co_filename)
        if path.is_relative_to(ROOT) and not path.is_relative_to(ROOT / "bench"):
            return f"{path.relative_to(ROOT)}:{frame.f_lineno} {frame.f_code.co_name}"
        frame = frame.f_back
    return "Qt or the interpreter (no frame of the program's own)"


class Probe:
    """Heartbeats on the window's thread, each gap put down to the step under way, and sampled."""

    def __init__(self) -> None:
        self.step = "idle"
        self.longest: dict[str, float] = {}
        self.held_by: dict[str, list[tuple[str, int]]] = {}  # step -> where its longest gap was spent
        self.samples: list[str] = []  # of the gap under way
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self.beat)
        self.stop = threading.Event()
        self.frames: list[dict] = []  # looked at by the watcher, let go of on the window's thread
        self.looking = False  # the watcher holds frames of its own meanwhile

    def beat(self) -> None:
        if not self.looking:
            self.frames.clear()  # the window's thread lets go of what the watcher looked at (see watch)
        now = time.perf_counter()
        gap = max(now - self.last - HEARTBEAT_MS / 1000, 0.0)
        self.last = now
        samples, self.samples = self.samples, []
        if gap > self.longest.get(self.step, -1.0):
            self.longest[self.step] = gap
            self.held_by[self.step] = Counter(samples).most_common(3)

    def watch(self) -> None:
        """On a thread of its own: while the window's thread is late for a beat, note where it is.

        The frames are handed to the window's thread to let go of: a frame whose function has returned
        meanwhile owns its locals, and letting go of the last reference here would delete a widget among
        them on this thread, which crashed Qt (or deadlocked it, this thread holding Qt's lock while
        waiting for Python's)."""
        window_thread = threading.main_thread().ident
        while not self.stop.wait(SAMPLE_S):
            if time.perf_counter() - self.last > LATE_S:
                self.looking = True
                frames = sys._current_frames()
                self.frames.append(frames)
                self.samples.append(where(frames.get(window_thread)))
                del frames
                self.looking = False

    def run(self, steps: list[tuple[str, Callable[[], object]]]) -> None:
        """Each step in turn from the event loop, PAUSE_MS apart (longer while `busy` says work goes on)."""
        loop = QEventLoop()
        todo = iter(steps)
        previous: list[str] = []

        def next_step() -> None:
            if previous:
                step = previous[0]
                held = "; ".join(f"{place} ({n})" for place, n in self.held_by.get(step, []))
                gap = self.longest.get(step, 0) * 1000
                print(f"  {step}: longest stall {gap:.0f} ms" + (f", in: {held}" if held else ""), flush=True)
            upcoming = next(todo, None)
            if upcoming is None:
                loop.quit()
                return
            previous[:] = [upcoming[0]]
            self.step = upcoming[0]
            self.last = time.perf_counter()
            upcoming[1]()
            QTimer.singleShot(PAUSE_MS, wait_idle)

        def wait_idle() -> None:
            if busy():
                QTimer.singleShot(100, wait_idle)
            else:
                next_step()

        self.last = time.perf_counter()
        self.timer.start()
        watcher = threading.Thread(target=self.watch, name="stall-watcher", daemon=True)
        watcher.start()
        QTimer.singleShot(0, next_step)
        loop.exec()
        self.timer.stop()
        self.stop.set()
        watcher.join()


class Collections:
    """The longest garbage collection of each generation on the window's thread, and the step under way
    (gc.callbacks), with how many objects the youngest generation held and how many it freed. A full
    one (generation 2) scans every object the program has not set aside."""

    def __init__(self, probe: Probe) -> None:
        self.probe = probe
        self.started = self.processor = 0.0
        self.young = 0
        self.longest: dict[int, tuple[float, str]] = {}
        gc.callbacks.append(self.note)

    def note(self, phase: str, info: dict) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        now = time.perf_counter()
        generation = info["generation"]
        if phase == "start":
            self.started, self.processor, self.young = now, time.thread_time(), gc.get_count()[0]
        elif now - self.started > self.longest.get(generation, (0.0, ""))[0]:
            processor = (time.thread_time() - self.processor) * 1000  # the rest: other programs' turns
            what = f"{self.probe.step}; {self.young:,} young objects, {info['collected']:,} freed, {processor:.0f} ms"
            what += " of processor time"
            self.longest[generation] = (now - self.started, what)


_window = None


def busy() -> bool:
    """Work beside the window still under way (an import being checked, the map being read or analysed,
    the brief laid out), so the user waits."""
    views = _window.views if _window is not None else {}
    ecosystem, briefs = views.get("ecosystem"), views.get("briefs")
    mapping = ecosystem is not None and bool(
        ecosystem.importer.running or getattr(ecosystem.scene, "loading", False) or ecosystem.analysis_job is not None
    )
    return mapping or bool(briefs is not None and briefs.isVisible() and briefs.busy)


def write_import_file(document: Path, target: Path) -> Path:
    """5,000 links between the document's actors, as a CSV file a user would import."""
    from db.session import DocumentSession

    session = DocumentSession.open(document, read_only=True)
    try:
        actors = session.store.all("actor")
    finally:
        session.close()
    links = [
        Link.create(source_id=actors[n % len(actors)].id, target_id=actors[(n * 7 + 1) % len(actors)].id)
        for n in range(5_000)
    ]
    target.write_bytes(write_csv(links, "link"))
    return target


def main(briefs_only: bool = False) -> None:
    global _window
    from ui import dialogs
    from ui.commands import StoreCommand
    from ui.main_window import MainWindow
    from ui.views.ecosystem import interchange
    from ui.views.section_keys import SECTION_KEYS

    path = build_document(home / "doc-10k.iipw", 10_000)
    csv_path = write_import_file(path, home / "links.csv")  # the user's file, made before the clock starts
    app = application()
    window = _window = MainWindow()
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    warm_up_beside()  # as the program does once its window shows (ui.app.run_gui)

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

    def type_in_brief() -> None:
        view = window.views["briefs"]
        view.form.text_editors["issue"].insertPlainText("A sentence typed into the issue. ")

    sections = [k for k in SECTION_KEYS if k != "briefs"]
    steps: list[tuple[str, Callable[[], object]]] = [
        ("open the 10k document", lambda: window.open_path(path)),
        ("switch to briefs (the first time)", lambda: window.show_section("briefs")),
    ]
    if briefs_only:
        steps.append(("type in the brief", type_in_brief))
    else:
        steps += [(f"switch to {key}", lambda key=key: window.show_section(key)) for key in sections[1:]]
        steps += [
            ("switch to spheres again", lambda: window.show_section("spheres")),
            ("edit an item on the spheres", edit("item", {"x": 12.5})),
            ("switch to ecosystem again", lambda: window.show_section("ecosystem")),
            ("edit an actor on the ecosystem", edit("actor", {"name": "Renamed"})),
            ("undo", lambda: window.doc.undo_stack.undo()),
            ("import 5,000 links (CSV)", lambda: window.views["ecosystem"].import_data()),
            ("undo the import", lambda: window.doc.undo_stack.undo()),
            ("redo the import", lambda: window.doc.undo_stack.redo()),
            ("export the ecosystem (CSV)", lambda: interchange.export_data(window, window.doc)),
            ("switch to overview", lambda: window.show_section("overview")),
            ("switch to briefs", lambda: window.show_section("briefs")),
            ("type in the brief", type_in_brief),
        ]
    probe = Probe()
    collections = Collections(probe)
    probe.run(steps)
    worst = max(probe.longest, key=lambda step: probe.longest[step])
    held = "; ".join(f"{place} ({n})" for place, n in probe.held_by.get(worst, []))
    print(f"longest stall: {probe.longest[worst] * 1000:.0f} ms, while: {worst}, in: {held}", flush=True)
    for step, gap in sorted(probe.longest.items(), key=lambda kv: -kv[1]):
        if gap > 0.05:
            print(f"  over the target: {step}: {gap * 1000:.0f} ms", flush=True)
    for generation, name in enumerate(("young", "middle", "full")):  # each a pause of the window
        took, step = collections.longest.get(generation, (0.0, "none ran"))
        report(f"longest {name} garbage collection on the window's thread (while: {step})", took, target=TARGET)
    first = "switch to briefs (the first time)"
    report(f"longest stall of the window, {first}", probe.longest[first], target=TARGET)
    report("longest stall of the window, scripted user on the 10k document", probe.longest[worst], target=TARGET)
    close_window(app, window)


if __name__ == "__main__":
    main(briefs_only=sys.argv[1:] == ["briefs"])
