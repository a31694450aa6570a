"""Work that runs beside the window (layout, analysis of large maps, import, a brief), with progress and cancel.

The work gets plain data only, never a Qt object or the document's database connection (which
belongs to the window's thread). The thread it runs on touches no Qt object either: what it reports
travels through one mailbox that lives as long as the program, and the window's thread keeps each
`Job` until its end has been delivered. So a job is always let go of on the window's thread, even
when its owner dropped it long before (a superseded preview, a cancelled analysis): Qt objects may
only be deleted on the thread they belong to.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ui import collector
from workbench.errors import WorkbenchError

log = logging.getLogger(__name__)
SHOW_AFTER_MS = 300  # work that ends sooner shows no progress row, so the window does not jump
# How long a thread waits for the interpreter lock before the one holding it must let go (Python's
# default: 5 ms). The window's thread gives the lock up at every sqlite step and many Qt calls; with
# work beside it, each time costs it this wait. 5 ms made a stored edit take 5 times longer.
SWITCH_INTERVAL_S = 0.0002


class Progress(Protocol):
    """How far the work is: `done` of `total`, and what is counted ("files read")."""

    def __call__(self, done: int, total: int, what: str = "") -> None: ...


Work = Callable[[Progress, threading.Event], Any]


class Cancelled(Exception):
    """Raised by work that stops because it was asked to (from deep inside a callback, say)."""


class Job(QObject):
    """One piece of background work; keep a reference for as long as you want to hear from it."""

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
        _post_office().send(self)

    def cancel(self) -> None:
        self.stop.set()

    def _end(self, kind: str, payload: object) -> None:
        self.running = False
        if kind == "finished":
            self.finished.emit(payload)
        elif kind == "failed":
            self.failed.emit(payload)
        else:
            self.cancelled.emit()


def _run(number: int, work: Work, stop: threading.Event, send: Callable[[tuple], None]) -> None:
    """Called on a pool thread, with plain Python objects only."""

    def post(message: tuple) -> None:
        try:
            send(message)
        except RuntimeError:  # the program is ending and its window's thread gone: nobody to tell
            stop.set()

    def progress(done: int, total: int, what: str = "") -> None:
        post((number, "progressed", (done, total, what)))

    try:
        result = work(progress, stop)
    except Cancelled:
        post((number, "cancelled", None))
        return
    except Exception as err:
        if stop.is_set():  # asked to stop, it may fail as what it read goes away (its document closed)
            post((number, "cancelled", None))
            return
        if not isinstance(err, WorkbenchError):  # a problem the user can put right (a bad file) is no fault
            log.exception("Background work failed")
        post((number, "failed", err))  # reported to the window, never lost
        return
    post((number, "cancelled", None) if stop.is_set() else (number, "finished", result))


class _PostOffice(QObject):
    """Starts jobs and carries their reports to the window's thread (the one QObject a pool thread uses;
    made there once and never deleted)."""

    delivered = Signal(object)  # (job number, what happened, its data)

    def __init__(self):
        super().__init__()
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        self.numbers = itertools.count(1)
        self.jobs: dict[int, Job] = {}  # kept here until their end is delivered
        self.delivered.connect(self._deliver)  # queued: emitted on pool threads, received on this one
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._stop_all)
        atexit.register(self._stop_all)  # a script that never ran the event loop (render, a test) ends too

    def send(self, job: Job) -> None:
        collector.collect_on_window_thread()
        number = next(self.numbers)
        self.jobs[number] = job
        work, stop, post = job.work, job.stop, self.delivered.emit
        QThreadPool.globalInstance().start(lambda: _run(number, work, stop, post))

    def _stop_all(self) -> None:
        """The program ends: what runs beside the window stops, before the Qt it may still use is gone."""
        for job in self.jobs.values():
            job.cancel()
        QThreadPool.globalInstance().waitForDone()

    def _deliver(self, message: tuple) -> None:
        number, kind, payload = message
        if kind == "progressed":
            job = self.jobs.get(number)
            if job is not None:
                job.progressed.emit(*payload)
            return
        job = self.jobs.pop(number, None)
        if job is not None:
            job._end(kind, payload)


_office: _PostOffice | None = None


def _post_office() -> _PostOffice:
    global _office
    if _office is None:
        _office = _PostOffice()
    return _office


def running() -> bool:
    """Whether work runs beside the window now (or its end is still to be delivered)."""
    return _office is not None and bool(_office.jobs)


def wait_for(job: Job) -> Any:
    """Start `job` and return its result (or raise its error) once it ends, the window's event loop turning
    meanwhile: it paints (and shows the progress of whatever follows the job), while what the user types
    or clicks waits until the work is done, as the caller's next step depends on it (an open or an
    import's write, neither of which may be started twice at once)."""
    ended: list[tuple[str, object]] = []
    loop = QEventLoop()
    job.finished.connect(lambda result: ended.append(("finished", result)))
    job.failed.connect(lambda err: ended.append(("failed", err)))
    job.cancelled.connect(lambda: ended.append(("cancelled", None)))
    for signal in (job.finished, job.failed, job.cancelled):
        signal.connect(loop.quit)
    job.start()
    while not ended:  # (the loop may be asked to quit before the job's end is delivered)
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    kind, payload = ended[0]
    if kind == "failed":
        assert isinstance(payload, BaseException)
        raise payload
    if kind == "cancelled":
        raise Cancelled
    return payload


class Latest(QObject):
    """Follows a stream of requests (a preview as the user types): one job at a time, a newer request
    cancels the one under way and replaces any still waiting, so results arrive in order and the last
    one delivered is the newest request's."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.job: Job | None = None
        self.waiting: Work | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None or self.waiting is not None

    def request(self, work: Work) -> None:
        self.waiting = work
        if self.job is None:
            self._next()
        else:
            self.job.cancel()

    def cancel(self) -> None:
        """Nothing more is delivered of what was asked so far."""
        self.waiting = None
        if self.job is not None:
            self.job.cancel()
            self.job = None  # whatever it still reports goes unheard

    def _next(self) -> None:
        work, self.waiting = self.waiting, None
        if work is None:
            return
        self.job = Job(work)
        self.job.finished.connect(self._finished)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(self._cancelled)
        self.job.start()

    def _finished(self, result: object) -> None:
        if self._ended():
            self.finished.emit(result)

    def _failed(self, err: Exception) -> None:
        if self._ended() and not self.busy:  # a newer request may well succeed
            self.failed.emit(err)

    def _cancelled(self) -> None:
        self._ended()

    def _ended(self) -> bool:
        """The current job ended (True), or one that was let go of (False); the next request starts."""
        if self.sender() is not self.job:
            return False
        self.job = None
        self._next()
        return True


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
        self.cancel_button.setAccessibleName(f"Cancel: {title}")  # a section may show several of these rows
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
