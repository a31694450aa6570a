"""What the sections a user is likely to visit need, made ready once a document shows: one step a turn of
the event loop, on the window's thread (where Qt's classes are set up), a moment after the document is on
screen. Done on the first switch instead, the spheres' canvas held the window for 30 to 60 ms on top of
making the section.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from importlib import import_module

from PySide6.QtCore import QObject, QThreadPool, QTimer

from ui.canvas.backlog import Backlog

AFTER_MS = 800  # the document's own first turns go first, and its work beside the window (the overview's findings)


def widget_classes() -> None:
    """The bindings set up every widget class of Qt's (their enumerations: some 70) the first time a widget
    Qt made itself comes back to Python, here a scroll area's viewport; a canvas's was the first, 15 to
    40 ms of its first showing."""
    from PySide6.QtWidgets import QScrollArea  # not at start-up: each class the bindings build costs it

    QScrollArea().viewport()


class Ahead(QObject):
    """Loads the modules it is given, after Qt's widget classes, a step per turn: AFTER_MS after it is given
    them, once no work runs beside the window."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.backlog: Backlog[str, Callable[[], object]] = Backlog(self._run, 1, self)
        self._due: dict[str, Callable[[], object]] = {}
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.setInterval(AFTER_MS)
        self._wait.timeout.connect(self._begin)

    def load(self, modules: Iterable[str]) -> None:
        self._due = {"widget classes": widget_classes} | {m: partial(import_module, m) for m in modules}
        self._wait.start()

    def _begin(self) -> None:
        if QThreadPool.globalInstance().activeThreadCount():
            self._wait.start()
        else:
            self.backlog.add(self._due)

    @staticmethod
    def _run(due: list[tuple[str, Callable[[], object]]]) -> None:
        for _name, step in due:
            step()
