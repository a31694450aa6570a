"""Work that runs beside the window (layout and analysis of large maps), with progress and cancel.

The work gets plain data only, never a Qt object or the document's database connection (which
belongs to the window's thread); its result comes back through a queued signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
Work = Callable[[Progress, threading.Event], Any]


class Job(QObject):
    """One piece of background work; keep a reference until `finished` or `cancelled` arrives."""

    progressed = Signal(int, int)  # done, total
    finished = Signal(object)  # the work's result
    cancelled = Signal()
    failed = Signal(object)  # the exception

    def __init__(self, work: Work):
        super().__init__()
        self.work = work
        self.stop = threading.Event()
        self.running = False

    def start(self) -> None:
        self.running = True
        self.finished.connect(self._done)
        self.cancelled.connect(self._done)
        self.failed.connect(self._done)
        QThreadPool.globalInstance().start(_Runnable(self))

    def cancel(self) -> None:
        self.stop.set()

    def _done(self, *_args) -> None:
        self.running = False

    def run(self) -> None:
        """Called on a pool thread."""
        try:
            result = self.work(self.progressed.emit, self.stop)
        except Exception as err:  # reported to the window, never lost
            log.exception("Background work failed")
            self.failed.emit(err)
            return
        if self.stop.is_set():
            self.cancelled.emit()
        else:
            self.finished.emit(result)


class _Runnable(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job.run()
