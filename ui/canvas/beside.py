"""What a canvas section shows, read from the document beside the window when the document is large (ui.jobs),
as the ecosystem map is, and taken over in one step; at once when small. Edits made while it is read are
held and followed once it is in.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ui import dialogs
from ui.jobs import Job
from workbench.changes import Change, net


class ReadBeside[T](QObject):
    """`shown(found, held)` is called once what was read is in, with the edits made while it was read
    (none when it was read at once)."""

    def __init__(self, view: QWidget, shown: Callable[[T, list[Change]], object]):
        super().__init__(view)
        self.view = view
        self.shown = shown
        self.job: Job | None = None
        self.held: list[Change] = []

    @property
    def busy(self) -> bool:
        return self.job is not None

    def now(self, found: T) -> None:
        """What was read at once (a small document)."""
        self.cancel()
        self.shown(found, [])

    def beside(self, read: Callable[[], T]) -> None:
        """Read with `read` beside the window (plain data only: no Qt object, no database connection of
        the window's)."""
        self.cancel()
        job = Job(lambda _progress, _stop: read())
        job.finished.connect(self._read)
        job.failed.connect(self._failed)
        self.job = job
        job.start()

    def hold(self, changes: list[Change]) -> bool:
        """Keep these edits for when what is read is in (True), or leave them to follow now (False)."""
        if self.job is None:
            return False
        self.held += changes
        return True

    def cancel(self) -> None:
        """What is being read is not wanted any more (the section let go of what it showed)."""
        if self.job is not None:
            self.job.cancel()  # it may fail as its document goes away: it ends as cancelled
        self.job, self.held = None, []

    def _read(self, found: T) -> None:
        if self.sender() is not self.job:
            return
        held = net(self.held) if self.held else []
        self.job, self.held = None, []
        self.shown(found, held)

    def _failed(self, err: Exception) -> None:
        if self.sender() is self.job:
            self.job, self.held = None, []
            dialogs.show_error(self.view, err)
