"""Starting the window with a document: what it loads to show, what it loads to be whole, and what it
leaves behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from db.session import DocumentSession
from tests.db.support import as_received
from workbench.sample import sample_entities

# Loaded on first use, never to show the window: each costs start-up time a user would wait through.
# Nor, except workbench.attention, to make the window whole (the overview's findings worked out beside it).
NOT_AT_START = (
    "sqlalchemy",
    "pyqtgraph",
    "networkx",
    "numpy",
    "reportlab",
    "logging.handlers",
    "html",  # ui.markup escapes without it (html.entities is large)
    "ui.presentation",
    "ui.project_dialog",
    "ui.views.register",
    "ui.views.spheres.view",
    # workbench.registers.entities loads when the document holds register entries: opening checks every row
    # against its kind's own field declarations before the document is used (db.trust_boundary).
    "workbench.workshop.entities",  # the sample holds no workshop entries, so none are checked
    "workbench.attention",  # the overview's findings come a moment after the window shows, worked out beside it
    "workbench.interchange",  # imports and exports load when used (the command line's parser names their options)
    "db.snapshot",  # the overview's first look takes the rows opening has just read, not a second reading
    "secrets",
)
# When the window says "shown" (its first paint): has PySide built the `Qt` namespace (94 enums at once, ~15 ms), or
# the Python types of the dialogs, QStyle, QIcon, QAccessible or what the focus ring paints with (a few ms each)? None
# is needed to show the window, nor Qt to make it whole ("ready").
START = (
    "import builtins, json, sys\n"
    "state = {}\n"
    "def overview_text():\n"
    "    from PySide6.QtWidgets import QApplication\n"
    "    return next(w for w in QApplication.allWidgets() if w.objectName() == 'overviewText').toPlainText()\n"
    "def note_ready(*args, _print=builtins.print, **kwargs):\n"
    "    if args == ('shown',):\n"
    "        state['shown'] = sorted(sys.modules)\n"
    "        state['qt'] = 'Qt' in sys.modules['PySide6.QtCore'].__dict__\n"
    "        state['bytes_read'] = sys.modules['PySide6.support.feature']._mod_uses_pyside.reads_bytes\n"
    "        built = {**sys.modules['PySide6.QtGui'].__dict__, **sys.modules['PySide6.QtWidgets'].__dict__}\n"
    "        named = ('QMessageBox', 'QFileDialog', 'QStyle', 'QIcon', 'QAccessible')\n"
    "        named += ('QPainter', 'QPixmap', 'QRegion')\n"
    "        state['built'] = [c for c in named if c in built]\n"
    "        built.update(sys.modules['PySide6.QtCore'].__dict__)\n"
    "        state['events'] = sorted(c for c in built if c.endswith('Event'))\n"
    "        state['overview_shown'] = overview_text()\n"
    "    if args == ('ready',):\n"
    "        state['qt_when_ready'] = 'Qt' in sys.modules['PySide6.QtCore'].__dict__\n"
    "        state['whole'] = sorted(sys.modules)\n"
    "        state['overview'] = overview_text()\n"
    "    _print(*args, **kwargs)\n"
    "builtins.print = note_ready\n"
    "from ui.cli import main\n"
    "code = main([sys.argv[1]])\n"
    "from ui.collector import collecting\n"
    "print(json.dumps({'code': code, 'modules': sorted(sys.modules), 'gc': collecting(), **state}))\n"
)


def sample_start(tmp_path, app_home) -> tuple:
    """The sample saved in `tmp_path`, and the environment of a window that quits once it is whole."""
    path = tmp_path / "sample.iipw"
    session = DocumentSession.new(sample_entities(), title="Sample")
    session.save_as(path)
    session.close()
    env = dict(os.environ, IIP_WORKBENCH_HOME=str(app_home), QT_QPA_PLATFORM="offscreen")
    env["IIP_WORKBENCH_EXIT_WHEN_READY"] = "1"
    return path, env


def start_window(path, env) -> dict:
    """What a start of the window on `path` loaded and showed (START)."""
    out = subprocess.run(
        [sys.executable, "-c", START, str(path)], capture_output=True, text=True, env=env, timeout=120, check=True
    )
    shown, ready, report = out.stdout.splitlines()[-3:]
    assert (shown, ready) == ("shown", "ready")
    return json.loads(report)


def test_the_window_opens_a_document_without_loading_what_it_does_not_show(tmp_path, app_home):
    path, env = sample_start(tmp_path, app_home)
    result = start_window(as_received(path), env)
    assert result["code"] == 0
    assert result["gc"]  # the collector, off while starting, is back on: on the window's thread
    modules = set(result["shown"])
    assert "ui.main_window" in modules and "ui.views.overview" in modules  # it did start, on the overview
    assert sorted(m for m in NOT_AT_START if m in modules) == []
    whole = set(result["modules"])  # once the overview is complete, only its findings have been added
    assert sorted(m for m in NOT_AT_START if m in whole) == ["workbench.attention"]
    assert result["built"] == []  # see README, Start-up time
    # Only the events the window's own handlers take become Python objects: a Python event filter over widgets
    # that take many kinds of event (the inspector's content) built 53 event types as the window was laid out.
    assert result["events"] == ["QEvent", "QHideEvent", "QMoveEvent", "QResizeEvent", "QShowEvent"]
    assert result["bytes_read"]  # PySide asks whether each module names it of its bytes (ui.feature_check)
    assert result["qt"] is False  # docks come from a saved layout, shortcuts via setShortcuts (ui/window_layout.py)
    assert result["qt_when_ready"] is False  # nor to paint the window whole: the focus ring on the overview included
    # Closed cleanly: the lock is released and the working copy is gone.
    assert not (tmp_path / ".~lock.sample.iipw#").exists()
    assert list((app_home / "working").iterdir()) == []


def test_a_file_opened_here_before_shows_whole_at_once_the_same_day(tmp_path, app_home):
    """Its bytes passed every check, and its findings were worked out: neither is done again (db.known_files)."""
    path, env = sample_start(tmp_path, app_home)
    first = start_window(as_received(path), env)
    again = start_window(path, env)
    assert again["code"] == 0 and again["overview"] == first["overview"]
    assert "valley of death" in again["overview"] and "Looking at the project" not in again["overview"]
    assert again["overview_shown"] == again["overview"]  # whole on its first paint, not a moment after
    # What works out the findings, and the declarations of the kinds of rows checked (the sample has register entries).
    for loaded in ("workbench.attention", "workbench.registers.entities"):
        assert loaded in first["whole"] and loaded not in again["whole"], loaded
    assert "db.snapshot" not in again["whole"]  # nor are the rows read for the findings
    path.write_bytes(path.read_bytes())  # the same bytes, written again: still known
    assert "workbench.attention" not in start_window(path, env)["whole"]


# What a start had compiled of the dataclasses' methods when the window was whole, and what it ran
# (ui.compiled_methods); the modules compiled from their source (PySide's own support modules), and the patterns.
COMPILED = (
    "import builtins, json, re, sys\n"
    "modules, patterns = [], []\n"
    "def parsed(pattern, *args, _parse=re._parser.parse, **kwargs):\n"
    "    patterns.append(str(pattern))\n"
    "    return _parse(pattern, *args, **kwargs)\n"
    "re._parser.parse = parsed\n"
    "def compiled(source, filename, mode, *args, _compile=builtins.compile, **kwargs):\n"
    "    if mode == 'exec' and str(filename).endswith('.py'):\n"
    "        modules.append(str(filename))\n"
    "    return _compile(source, filename, mode, *args, **kwargs)\n"
    "builtins.compile = compiled\n"
    "from ui import compiled_methods\n"
    "state = {}\n"
    "def note_ready(*args, _print=builtins.print, **kwargs):\n"
    "    if args == ('ready',):\n"
    "        methods = compiled_methods._installed\n"
    "        state.update(compiled=methods.compiled, used=len(methods.used), modules=list(modules), parsed=patterns)\n"
    "        state['kept_patterns'] = [str(key[1]) for key in methods.used if len(key) == 2]\n"
    "    _print(*args, **kwargs)\n"
    "builtins.print = note_ready\n"
    "from ui.cli import main\n"
    "code = main([sys.argv[1]])\n"
    "print(json.dumps({'code': code, **state}))\n"
)


def test_a_second_start_compiles_none_of_the_methods_modules_or_patterns_the_first_kept(tmp_path, app_home):
    """Python compiles the methods of every dataclass at every start: 40 to 60 ms of starting the window;
    PySide compiles its support modules from the source it carries, 20 ms more, and their patterns, 12 ms."""
    from ui.compiled_methods import kept_path

    path, env = sample_start(tmp_path, app_home)

    def start() -> dict:
        command = [sys.executable, "-c", COMPILED, str(as_received(path))]  # both starts on the same path
        out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=True)
        return json.loads(out.stdout.splitlines()[-1])

    first = start()
    kept = kept_path()
    written = kept.stat().st_mtime_ns
    second = start()
    assert first["code"] == second["code"] == 0
    assert first["used"] > 50 and second["used"] == first["used"]
    assert second["compiled"] == 0 and kept.stat().st_mtime_ns == written  # nothing new: nothing written
    assert any("shibokensupport" in module for module in first["modules"]) and second["modules"] == []
    assert first["kept_patterns"] and not set(first["kept_patterns"]) & set(second["parsed"])
