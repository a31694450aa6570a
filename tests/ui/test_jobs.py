"""Work beside the window (ui.jobs): Qt objects are let go of, and garbage collected, on the window's
thread only; a stream of requests shows the newest."""

from __future__ import annotations

import gc
import threading
import weakref

from ui.jobs import Job, Latest, _post_office


class Node:
    """Garbage that only the cyclic collector can free (it refers to itself)."""

    def __init__(self):
        self.me = self


def test_garbage_made_beside_the_window_is_collected_on_the_window_thread(qtbot):
    """Collected on a pool thread, a closed document's widgets would be deleted off the window's thread;
    held back until the work ended, the garbage of long work would pile up."""
    freed: list[threading.Thread] = []
    collected = threading.Event()

    def work(_progress, _stop) -> bool:
        garbage = Node()
        weakref.finalize(garbage, lambda: (freed.append(threading.current_thread()), collected.set()))
        del garbage
        for _ in range(gc.get_threshold()[0] * 3):  # enough allocation to fill the youngest generation
            Node()
        return collected.wait(10)

    job = Job(work)
    with qtbot.waitSignal(job.finished, timeout=30_000) as ended:
        job.start()
    assert ended.args == [True] and freed == [threading.main_thread()]


def test_a_job_its_owner_let_go_of_is_deleted_on_the_window_thread(qtbot):
    """A superseded preview or a cancelled analysis is dropped while its work still runs; a QObject may only
    be deleted on its own thread."""
    release = threading.Event()
    job = Job(lambda _progress, _stop: release.wait(10))
    deleted: list[threading.Thread] = []
    weakref.finalize(job, lambda: deleted.append(threading.current_thread()))
    job.start()
    del job
    release.set()
    qtbot.waitUntil(lambda: bool(deleted), timeout=30_000)
    assert deleted == [threading.main_thread()]


def test_a_stream_of_requests_delivers_in_order_and_ends_with_the_newest(qtbot):
    latest = Latest()
    first_started, release = threading.Event(), threading.Event()
    ran: list[str] = []

    def work(name: str, hold: bool = False):
        def run(_progress, stop: threading.Event) -> str:
            ran.append(name)
            if hold:
                first_started.set()
                release.wait(10)
            return name

        return run

    delivered: list[str] = []
    latest.finished.connect(delivered.append)
    latest.request(work("first", hold=True))
    assert first_started.wait(10)
    latest.request(work("second"))  # waits, then is replaced before it starts
    latest.request(work("third"))
    assert latest.busy
    release.set()
    qtbot.waitUntil(lambda: not latest.busy, timeout=30_000)
    assert ran == ["first", "third"] and delivered == ["third"]  # the first was cancelled while it ran


def test_what_was_asked_before_a_cancel_is_never_delivered(qtbot):
    """A picture of the brief view lays out at once, then must not be replaced by an older page."""
    latest = Latest()
    delivered: list[str] = []
    latest.finished.connect(delivered.append)
    returned = threading.Event()

    def old(_progress, _stop) -> str:
        returned.set()
        return "old"

    latest.request(old)
    assert returned.wait(10)  # its result is on its way to the window's thread
    latest.cancel()
    latest.request(lambda _progress, _stop: "new")
    qtbot.waitUntil(lambda: not _post_office().jobs, timeout=30_000)  # every end delivered
    assert delivered == ["new"]


def test_a_read_whose_document_closed_meanwhile_ends_as_cancelled_not_as_a_fault(qtbot, caplog):
    """A large board read beside the window when its section let go of it (the document closed, its
    working file gone) fails as the file goes away: that is the end of unwanted work, not a fault to log
    with a traceback, and nothing is shown to the user."""
    import sqlite3

    from PySide6.QtWidgets import QWidget

    from ui.canvas.beside import ReadBeside

    view = QWidget()
    shown: list[object] = []
    reader: ReadBeside[object] = ReadBeside(view, lambda found, _held: shown.append(found))
    reader._failed = lambda err: shown.append(err)  # type: ignore[method-assign]  # would be a dialog
    started, gone = threading.Event(), threading.Event()

    def read() -> object:
        started.set()
        gone.wait(10)
        raise sqlite3.OperationalError("unable to open database file")

    reader.beside(read)
    job = reader.job
    assert job is not None and started.wait(10)
    ends: list[str] = []
    job.cancelled.connect(lambda: ends.append("cancelled"))
    job.failed.connect(lambda _err: ends.append("failed"))
    reader.cancel()  # the section lets go of what it showed
    gone.set()
    qtbot.waitUntil(lambda: bool(ends), timeout=30_000)
    assert ends == ["cancelled"] and shown == []
    assert "Background work failed" not in caplog.text
