"""Follow one user action from gesture to redraw: the project files it runs code in, and how often
control crosses from one layer (ui, db, workbench, templates_reports) to another.

    QT_QPA_PLATFORM=offscreen python tools/trace_edit.py [rename-sphere] [import-graphml] [export-brief]

A crossing is a call whose nearest project caller lives in another layer; the files are those with
at least one call. Work beside the window (threads) is followed too.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("ui", "db", "workbench", "templates_reports")


def _layer_and_file(filename: str, cache: dict) -> tuple[str | None, str]:
    if filename not in cache:
        try:
            rel = Path(filename).resolve().relative_to(ROOT)
            cache[filename] = (rel.parts[0] if rel.parts[0] in LAYERS else None, str(rel))
        except ValueError:
            cache[filename] = (None, filename)
    return cache[filename]


def traced(action) -> tuple[Counter, Counter, set]:
    """Run `action()`; return (calls per project file, crossing calls per layer pair, crossing points).

    A crossing point is one (calling function, called function) pair in different layers: the places
    in the code where the path changes layer, however often each is taken."""
    files: Counter = Counter()
    pairs: Counter = Counter()
    points: set = set()
    local = threading.local()
    cache: dict = {}

    def profile(frame, event, _arg):
        stack = local.__dict__.setdefault("stack", [])
        if event == "call":
            layer, name = _layer_and_file(frame.f_code.co_filename, cache)
            if layer:
                files[name] += 1
                caller = next((s for s in reversed(stack) if s[0]), None)
                if caller and caller[0] != layer:
                    pairs[f"{caller[0]} -> {layer}"] += 1
                    points.add((caller[1], f"{name}:{frame.f_code.co_name}"))
                stack.append((layer, f"{name}:{frame.f_code.co_name}"))
            else:
                stack.append((None, ""))
        elif event == "return" and stack:
            stack.pop()

    jobs = _job_class()
    original = jobs.__init__

    def init(self, work, *args, **kwargs):  # work beside the window runs on pool threads: follow it there
        def followed(*a, **k):
            sys.setprofile(profile)
            try:
                return work(*a, **k)
            finally:
                sys.setprofile(None)

        original(self, followed, *args, **kwargs)

    jobs.__init__ = init
    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
        jobs.__init__ = original
    return files, pairs, points


def _job_class():
    import importlib

    for name in ("ui.jobs", "ui.views.ecosystem.jobs"):
        try:
            return importlib.import_module(name).Job
        except ImportError:
            continue
    raise ImportError("no job runner found")


def settle(until=lambda: True, timeout: float = 60.0) -> None:
    """Let the window finish what the action started (timers, work beside the window)."""
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < end:
        QApplication.processEvents()
        quiet = quiet + 1 if until() else 0
        if quiet > 50:
            return
        time.sleep(0.01)


def rename_sphere(win, _work):
    win.show_section("spheres")
    settle()
    sphere = win.doc.all("sphere")[0]
    win.doc.select([("sphere", sphere.id)])
    settle()
    editor = win.inspector.forms["sphere"].editors["name"]

    def act():
        editor.setText("Science and research (renamed)")
        editor.commit_typing()
        settle()

    return act


def import_graphml(win, work):
    from ui import dialogs
    from ui.views.ecosystem import interchange

    win.show_section("ecosystem")
    settle()
    view = next(v for v in win.views.values() if hasattr(v, "import_data"))
    target = work / "eco.graphml"
    interchange.export_files(interchange.ecosystem_of(win.doc.session), "graphml", target)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Kestrel Coating Systems", "Kestrel Coating"), encoding="utf-8")
    dialogs.ask_import_paths = lambda *a, **k: [target]
    interchange.review = lambda *a, **k: interchange.IMPORT
    ended = []
    view.importer.ended.connect(ended.append)

    def act():
        view.import_data()
        settle(lambda: bool(ended))
        print(f"   (import ended with {ended[0]!r:.80})" if ended else "   (import did not end)")

    return act


def export_brief(win, work):
    from ui import brief_export

    target = work / "submission.pdf"
    brief_export.reveal_folder = lambda *a, **k: None
    template = "ministerial"

    def answer(parent, doc, chosen_template, folder):
        from templates_reports.catalogue import load_template

        sections = [s.id for s in load_template(template).sections]
        return brief_export.BriefRequest(template, sections, "official", "a4", target, True)

    brief_export.ask_brief_export = answer

    def act():
        win.actions_by_name["actionExportBrief"].trigger()
        settle(lambda: target.exists() and target.stat().st_size > 0)

    return act


SCENARIOS = {"rename-sphere": rename_sphere, "import-graphml": import_graphml, "export-brief": export_brief}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from ui import dialogs
    from ui.app import application
    from ui.main_window import MainWindow

    application()
    dialogs.ask_unsaved = lambda *a, **k: dialogs.Choice.DISCARD
    dialogs.inform = lambda *a, **k: None
    win = MainWindow()
    win.resize(1366, 768)
    win.show()
    win.new_from_sample()
    settle()
    import tempfile

    work = Path(tempfile.mkdtemp())
    for scenario in sys.argv[1:] or list(SCENARIOS):
        act = SCENARIOS[scenario](win, work)
        files, pairs, points = traced(act)
        print(f"## {scenario}: {len(files)} files, {len(points)} crossing points, {sum(pairs.values())} crossing calls")
        for pair, n in sorted(pairs.items()):
            print(f"   {pair}: {n}")
        for caller, callee in sorted(points):
            print(f"   cross  {caller}  ->  {callee}")
        for name, n in sorted(files.items()):
            print(f"   {n:7d}  {name}")
    QApplication.processEvents()


if __name__ == "__main__":
    main()
