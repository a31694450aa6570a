"""Laying out the map beside the window: a progress row with Cancel while the layout runs.

The layout works on a copy of the positions and links; when it finishes the view turns the new
positions into one undo command, so a layout is undone in one step like any other move.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.jobs import Job, JobProgress, Progress
from workbench.ecosystem.layout import Point, SpringLayout

STEPS = 120


class LayoutRunner(JobProgress):
    """Hidden until a layout runs; then shows what is being laid out, progress and Cancel."""

    finished = Signal(object)  # {actor id: (x, y)} for the actors that were laid out

    def __init__(self, parent: QWidget | None = None):
        super().__init__("layoutProgress", "Layout progress", "Stop the layout; nothing moves (Esc)", parent)

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def start(
        self, nodes: Sequence[str], edges: Sequence[tuple[str, str]], placed: dict[str, Point], moving: Sequence[str]
    ) -> None:
        self.cancel()
        nodes, edges, placed, moving = list(nodes), list(edges), dict(placed), list(moving)

        def work(progress: Progress, stop: threading.Event) -> dict[str, Point] | None:
            layout = SpringLayout(nodes, edges, placed, moving)
            for done in layout.steps(STEPS):
                if stop.is_set():
                    return None
                if done % 4 == 0:
                    progress(done, STEPS, "steps")
            return layout.positions()

        job = Job(work)
        job.finished.connect(self._finished)  # a method of this widget: not called once it is gone
        self.destroyed.connect(job.cancel)  # the document closed: stop working for nobody
        # Asked for by the user and always long enough to see: shown at once.
        self.follow(job, f"Laying out {len(moving):,} actor{'s' if len(moving) != 1 else ''}", show_after_ms=0)
        job.start()

    def _finished(self, positions: dict[str, Point]) -> None:
        self.finished.emit(positions)
