"""The document named on the command line is checked while the window's libraries load.

Checking a file (its lock, its copy into a working copy, its digest, and every row of a file not known
to have passed) waits mostly on the disk and in SQLite, which let Python's other thread run. Started
before PySide loads, it is done or nearly by the time the window asks for it (MainWindow._open). A
check the window never takes is undone when the program ends, as a failed open is (its lock released,
its working copy removed).
"""

from __future__ import annotations

import atexit
import threading
from pathlib import Path
from typing import Any

from db.session import Checked, DocumentSession, held


class _Ahead:
    def __init__(self, path: Path):
        self.path = path
        self.result: Any = None
        self.done = threading.Event()
        self.taken = False
        threading.Thread(target=self._check, name="opening-ahead", daemon=True).start()

    def _check(self) -> None:
        try:
            self.result = DocumentSession.check(self.path)
        except BaseException as err:  # handed to the window, which says what happened
            self.result = err
        finally:
            self.done.set()

    def wait(self) -> Checked:
        self.done.wait()
        if isinstance(self.result, BaseException):
            raise self.result
        return self.result


_started: list[_Ahead] = []


def begin(path: Path) -> None:
    """Start checking `path` (as DocumentSession.check does, opened for editing) beside what follows."""
    _started.append(_Ahead(path))


def take(path: Path) -> _Ahead | None:
    """The check begun for `path`, once: the window waits for its result (`wait`) instead of checking again."""
    for ahead in _started:
        if ahead.path == path and not ahead.taken:
            ahead.taken = True
            return ahead
    return None


@atexit.register
def _let_go() -> None:
    """A check never taken (the window did not start, or opened something else) leaves nothing behind."""
    for ahead in _started:
        if ahead.taken:
            continue
        ahead.taken = True
        if ahead.done.wait(10) and isinstance(ahead.result, Checked):
            with held(DocumentSession.take(ahead.result)):
                pass
