"""Work on a large scene done a slice per turn of the event loop, so the window answers between slices
and the view paints what is ready (a scene of thousands of cards shows the first at once, the rest within
a moment). What the user reaches for before its turn is done at once (`now`), and a picture of the whole
scene waits for all of it (`finish`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice

from PySide6.QtCore import QObject, QTimer, Signal


class Backlog[K, V](QObject):
    """Keys waiting for `work`, each with what the work needs; `work` gets at most `per_turn` of them
    at a time, in the order they came. `done` says the work has caught up (other work that should not
    share the slices' turns may follow)."""

    done = Signal()

    def __init__(self, work: Callable[[list[tuple[K, V]]], object], per_turn: int, parent: QObject | None = None):
        super().__init__(parent)
        self.work = work
        self.per_turn = per_turn
        self.waiting: dict[K, V] = {}
        self._turn = QTimer(self)
        self._turn.setSingleShot(True)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._slice)

    def add(self, waiting: dict[K, V]) -> None:
        """Queue these (the first slice is done at the next turn of the event loop)."""
        self.waiting.update(waiting)
        if self.waiting:
            self._turn.start()

    def now(self, keys: Iterable[K]) -> None:
        """Do the work of these keys at once, if they still wait."""
        due = [(k, self.waiting.pop(k)) for k in keys if k in self.waiting]
        if due:
            self._do(due)

    def finish(self) -> None:
        """Do all that waits, now."""
        due, self.waiting = list(self.waiting.items()), {}
        self._turn.stop()
        if due:
            self._do(due)

    def clear(self) -> None:
        """Forget what waits (the scene let go of everything)."""
        self.waiting = {}
        self._turn.stop()

    def _do(self, due: list[tuple[K, V]]) -> None:
        self.work(due)
        if not self.waiting:
            self.done.emit()

    def _slice(self) -> None:
        keys = list(islice(self.waiting, self.per_turn))
        self.now(keys)
        if self.waiting:
            self._turn.start()
