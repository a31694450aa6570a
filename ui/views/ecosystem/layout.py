"""Laying out the map beside the window: a progress row with Cancel while the layout runs.

The layout works on a copy of the positions and links; when it finishes the view turns the new
positions into one undo command, so a layout is undone in one step like any other move.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ui.views.ecosystem.jobs import Job, Progress
from workbench.ecosystem_layout import Point, SpringLayout

STEPS = 120


class LayoutRunner(QWidget):
    """Hidden until a layout runs; then shows what is being laid out, progress and Cancel."""

    finished = Signal(dict)  # actor id -> (x, y) for the actors that were laid out

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("layoutProgress")
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setObjectName("layoutProgressBar")
        self.bar.setAccessibleName("Layout progress")
        self.bar.setRange(0, STEPS)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelLayout")
        self.cancel_button.setToolTip("Stop the layout; nothing moves (Esc)")
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.job: Job | None = None
        self.hide()

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def start(
        self, nodes: Sequence[str], edges: Sequence[tuple[str, str]], placed: dict[str, Point], moving: Sequence[str]
    ) -> None:
        self.cancel()
        self.label.setText(f"Laying out {len(moving):,} actor{'s' if len(moving) != 1 else ''}…")
        self.bar.setValue(0)
        nodes, edges, placed, moving = list(nodes), list(edges), dict(placed), list(moving)

        def work(progress: Progress, stop: threading.Event) -> dict[str, Point] | None:
            layout = SpringLayout(nodes, edges, placed, moving)
            for done in layout.steps(STEPS):
                if stop.is_set():
                    return None
                if done % 4 == 0:
                    progress(done, STEPS)
            return layout.positions()

        job = Job(work)
        # Bound methods of this widget, so nothing is called once it is gone.
        job.progressed.connect(self._progressed)
        job.finished.connect(self._finished)
        job.cancelled.connect(self.hide)
        job.failed.connect(self.hide)
        self.destroyed.connect(job.cancel)  # the document closed: stop working for nobody
        self.job = job
        self.show()
        job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
        self.hide()

    def _progressed(self, done: int, _total: int) -> None:
        self.bar.setValue(done)

    def _finished(self, positions: dict[str, Point]) -> None:
        self.hide()
        self.finished.emit(positions)
