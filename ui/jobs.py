"""Work that runs beside the window (layout, analysis of large maps, import), with progress and cancel.

The work gets plain data only, never a Qt object or the document's database connection (which
belongs to the window's thread); its result comes back through a queued signal.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from workbench.errors import WorkbenchError

log = logging.getLogger(__name__)
SHOW_AFTER_MS = 300  # work that ends sooner shows no progress row, so the window does not jump


class Progress(Protocol):
    """How far the work is: `done` of `total`, and what is counted ("files read")."""

    def __call__(self, done: int, total: int, what: str = "") -> None: ...


Work = Callable[[Progress, threading.Event], Any]


class _CollectorHold:
    """Python's cyclic garbage collector runs on whichever thread happens to allocate. On a pool
    thread it could delete Qt objects that belong to the window's thread (the widgets of a closed
    document), which crashes Qt; so it pauses while any work runs beside the window."""

    def __init__(self):
        self.lock = threading.Lock()
        self.holders = 0
        self.was_enabled = False

    def __enter__(self) -> None:
        with self.lock:
            if self.holders == 0:
                self.was_enabled = gc.isenabled()
                gc.disable()
            self.holders += 1

    def __exit__(self, *_exc) -> None:
        with self.lock:
            self.holders -= 1
            if self.holders == 0 and self.was_enabled:
                gc.enable()


_collector_held = _CollectorHold()


class Job(QObject):
    """One piece of background work; keep a reference until `finished` or `cancelled` arrives."""

    progressed = Signal(int, int, str)  # done, total, what is counted
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

    def _progress(self, done: int, total: int, what: str = "") -> None:
        self.progressed.emit(done, total, what)

    def run(self) -> None:
        """Called on a pool thread."""
        with _collector_held:
            try:
                result = self.work(self._progress, self.stop)
            except WorkbenchError as err:  # a problem the user can put right (a bad file): shown, not a fault
                self.failed.emit(err)
                return
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


class JobProgress(QWidget):
    """A row that follows one job: what it does, how far it is, and Cancel; hidden otherwise."""

    def __init__(self, name: str, title: str, cancel_tip: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setObjectName(f"{name}Bar")
        self.bar.setAccessibleName(title)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName(f"{name}Cancel")
        self.cancel_button.setToolTip(cancel_tip)
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.job: Job | None = None
        self.text = ""
        self.hide()

    def follow(self, job: Job, text: str, show_after_ms: int = SHOW_AFTER_MS) -> None:
        """Show `job` as `text` until it ends, once it has run for `show_after_ms`; Cancel stops it."""
        self.job, self.text = job, text
        self.label.setText(f"{text}…")
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.cancel_button.setEnabled(True)
        job.progressed.connect(self._progressed)
        for signal in (job.finished, job.cancelled, job.failed):
            signal.connect(self._ended)
        if show_after_ms:
            QTimer.singleShot(show_after_ms, self, lambda: self.setVisible(self.job is job))
        else:
            self.show()

    def hold(self, step: str) -> None:
        """Say what the window itself does with the job's result, which Cancel can no longer stop;
        painted at once, as the window is busy until the job's end hides the row."""
        self.label.setText(f"{self.text}: {step}…")
        self.cancel_button.setEnabled(False)
        self.repaint()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
        self._drop()

    def _progressed(self, done: int, total: int, what: str) -> None:
        if self.sender() is self.job:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
            self.label.setText(f"{self.text}: {done:,} of {total:,} {what}")

    def _ended(self, *_args) -> None:
        if self.sender() is self.job:
            self._drop()

    def _drop(self) -> None:
        self.job = None
        self.hide()
