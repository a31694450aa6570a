"""The sections' code loads while the window is idle, a module per turn of the event loop, so the first
switch to a section makes its view without first importing it (up to 40 ms of imports on a 2 GHz laptop,
the window held meanwhile, for the Briefs section alone).

A module is imported only once all it imports at its top is loaded: the project's own modules are walked
first (their source read for its top-level imports, not run), each in a turn of its own. A module that
needs a library not loaded yet (the charts', the brief's PDF machinery: a second to import) is left for
its section to load as it does now, beside the window; so is any module that depends on it. The first
step, before any module, has the bindings set up Qt's widget classes (see `widget_classes`).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import import_module
from itertools import chain
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ui import jobs

ROOT = Path(__file__).resolve().parent.parent  # where the program's own packages are
AGAIN_AFTER_MS = 1500  # after a switch: the section shown is made and drawn by then
BESIDE_MS = 50  # how often it looks again while work runs beside the window
SHARED = ("PySide6",)  # loaded at start: its modules not yet loaded are quick to load on a turn of their own


@cache
def source_of(name: str) -> Path | None:
    """The file of the program's own module `name` (a package's __init__), None for any other module."""
    base = ROOT.joinpath(*name.split("."))
    if not (ROOT / name.partition(".")[0] / "__init__.py").is_file():
        return None
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


@cache
def top_imports(path: Path) -> list[str]:
    """The modules `path` imports when it loads: its top-level import statements (not those in a function,
    or under `if TYPE_CHECKING`), with the parent packages a dotted name loads first. `from a import b`
    names a.b too when a.b is one of the program's modules."""
    names: list[str] = []
    for node in ast.parse(path.read_bytes(), str(path)).body:
        if isinstance(node, ast.Import):
            found = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level and node.module != "__future__":
            found = [node.module]
            found += [f"{node.module}.{a.name}" for a in node.names if source_of(f"{node.module}.{a.name}")]
        else:
            continue
        for name in found:
            parts = name.split(".")
            names += [".".join(parts[:n]) for n in range(1, len(parts) + 1)]
    return list(dict.fromkeys(names))


def loaded(name: str) -> bool:
    """`name` is imported, whole: one still being imported (a library loading beside the window) is in
    sys.modules already, and importing what needs it would wait for it, the window held meanwhile."""
    module = sys.modules.get(name)
    return module is not None and not getattr(module.__spec__, "_initializing", False)


def _loadable(name: str) -> bool:
    """A module this may import on a turn of its own: quick to load, as it loads nothing heavy with it."""
    top = name.partition(".")[0]
    return loaded(name) or top in sys.stdlib_module_names or (top in SHARED and loaded(top))


def walk(targets: Iterable[str]) -> Iterator[str | None]:
    """Import `targets` and what they import, leaves first, a module per step: yields each module's name
    once imported, and None after reading a module's source (a step of its own). Walking loads nothing
    of what a library not yet loaded would need."""
    blocked: set[str] = set()
    done: set[str] = set()

    def visit(name: str) -> Iterator[str | None]:
        done.add(name)
        if name in sys.modules:  # with all it imports
            if not loaded(name):
                blocked.add(name)
            return
        path = source_of(name)
        if path is None:
            if not _loadable(name):
                blocked.add(name)
            else:
                import_module(name)
                yield name
            return
        needs = top_imports(path)
        yield None
        for need in needs:
            if need not in done:
                yield from visit(need)
        if any(need in blocked for need in needs):
            blocked.add(name)
        elif name not in sys.modules:  # a package loads with its first module
            import_module(name)
            yield name

    for target in targets:
        if target not in done:
            yield from visit(target)


def widget_classes() -> Iterator[None]:
    """One step: the bindings set up Qt's widget classes (their enumerations, some 70) the first time a
    widget Qt made itself comes back to Python, here a scroll area's viewport; a canvas's viewport did it
    on the first switch to a canvas section, 11 to 40 ms of that switch's turn."""
    from PySide6.QtWidgets import QScrollArea  # here: the start-up path never needs it

    QScrollArea().viewport()
    yield None


class LoadAhead(QObject):
    """Walks `targets` (ui.load_ahead.walk) a step per turn of the event loop, once started; started again,
    it walks what is left (a library those waited for may have loaded since)."""

    def __init__(self, targets: Iterable[str], parent: QObject | None = None):
        super().__init__(parent)
        self.targets = list(targets)
        self.steps: Iterator[str | None] | None = None
        self.loaded: list[str] = []  # by this, in order
        # A timer of its own, not QTimer.singleShot(0): that posts an event handled before the window's own
        # timers and input, so every step would come before anything the user does.
        self.turn = QTimer(self)
        self.turn.setSingleShot(True)
        self.turn.timeout.connect(self.step)
        self.later = QTimer(self)
        self.later.setSingleShot(True)
        self.later.setInterval(AGAIN_AFTER_MS)
        self.later.timeout.connect(self.start)

    @property
    def running(self) -> bool:
        return self.turn.isActive()

    def start(self) -> None:
        """Walk what is not loaded yet, a step per turn, unless a walk is under way."""
        if not self.running:
            first = widget_classes() if self.steps is None else iter(())
            self.steps = chain(first, walk(name for name in self.targets if name not in sys.modules))
            self.turn.start(0)

    def again(self) -> None:
        """Walk what is left a while from now, once the section just shown is made and drawn (its first
        turns are its heaviest), if a walk has begun."""
        if self.steps is not None:
            self.later.start()

    def step(self) -> None:
        """The next step, unless work runs beside the window: that goes first (an import here would share
        the interpreter with it, or wait for a module it is importing)."""
        assert self.steps is not None
        if jobs.running():
            self.turn.start(BESIDE_MS)
            return
        loaded = next(self.steps, StopIteration)
        if loaded is StopIteration:
            return
        if isinstance(loaded, str):
            self.loaded.append(loaded)
        self.turn.start(0)
