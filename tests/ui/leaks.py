"""What a GUI test may not leave behind: an open document, a section view, a working copy.

Closing a window or a document must release all three; a reference kept by a lambda on a signal that
outlives them, or a close that skips the session, shows up here as the test that caused it, rather
than as memory and app-data folders growing for as long as the program runs.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from PySide6.QtTest import QTest

from db.session import working_copies_removed
from ui.document import OpenDocument
from ui.views.base import SectionView

# A test that keeps one of these on purpose says so, with the reason: @pytest.mark.keeps_alive("why").
MARKER = "keeps_alive"
SETTLE_SECONDS = 2.0


def alive() -> set[int]:
    """The ids of the documents and views alive now."""
    return {id(obj) for obj in [*OpenDocument.alive, *SectionView.alive]}


def _still_alive(before: set[int]) -> list[str]:
    return sorted(type(obj).__name__ for obj in [*OpenDocument.alive, *SectionView.alive] if id(obj) not in before)


def _let_work_end() -> None:
    """Work beside the window (an analysis, a preview) keeps what it reports to until its end is
    delivered, a moment after its document closed: let it end and deliver before judging."""
    QThreadPool.globalInstance().waitForDone(30_000)
    QCoreApplication.sendPostedEvents()  # the queued reports of the work that just ended
    QCoreApplication.processEvents()  # and the turns already due (a step of a write in turns holds its document)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _settled(before: set[int]) -> list[str]:
    """What is still alive once work beside the window, and the turns it starts as it reports, have
    ended: work may start more work as it reports, and a timer due a moment later holds what it will
    work on. A real leak outlives this; a busy machine only takes longer to get there."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        _let_work_end()
        gc.collect()  # only here: a full collection costs more than most tests
        found = _still_alive(before)
        if not found or time.monotonic() > deadline:
            return found
        QTest.qWait(20)  # timers fall due meanwhile


def leftovers(home: Path, before: set[int]) -> list[str]:
    """What is left: documents and views made since `before` that are still alive, and working copies in
    the app-data folder `home`, in plain words; empty when everything was released."""
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what deleteLater() asked for
    found = _still_alive(before)
    if found:
        found = _settled(before)
    working_copies_removed()  # (closing leaves that to a thread beside)
    working = home / "working"
    copies = sorted(p.name for p in working.iterdir()) if working.is_dir() else []
    return [f"{name} still alive" for name in found] + [f"working copy {name} left in app data" for name in copies]
