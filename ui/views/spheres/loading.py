"""Opening the board of the spheres (and of the workshop, which draws on them): a small one at once; a
large one read and worked out beside the window (ui.jobs), as the ecosystem map is, the scene taking it
over in one step. Edits made meanwhile are held and followed once it is in.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ui import dialogs
from ui.document import OpenDocument
from ui.jobs import Job
from ui.views.spheres.model import KINDS, board_at, build
from ui.views.spheres.scene import CARDS_AT_ONCE, SpheresScene
from workbench.changes import Change, net


class BoardLoader(QObject):
    """Loads `scene` from the document; `shown(held)` is called once the board is in, with the edits
    made while it was read (none when it was read at once)."""

    def __init__(
        self, doc: OpenDocument, scene: SpheresScene, shown: Callable[[list[Change]], object], parent: QWidget
    ):
        super().__init__(parent)
        self.view = parent
        self.doc = doc
        self.scene = scene
        self.shown = shown
        self.job: Job | None = None
        self.held: list[Change] = []

    @property
    def busy(self) -> bool:
        return self.job is not None

    def load(self) -> None:
        store = self.doc.store
        if store.counts(["item"]).get("item", 0) <= CARDS_AT_ONCE:
            self.scene.adopt(build(*(store.all(kind) for kind in KINDS)))  # type: ignore[arg-type]
            self.shown([])
            return
        path = store.path
        job = Job(lambda _progress, _stop: board_at(path))
        job.finished.connect(self._read)
        job.failed.connect(self._failed)
        self.job = job
        job.start()

    def hold(self, changes: list[Change]) -> bool:
        """Keep these edits for when the board is in (True), or leave them to follow now (False)."""
        if self.job is None:
            return False
        self.held += changes
        return True

    def cancel(self) -> None:
        """The board is let go of: what is being read is not wanted any more."""
        self.job, self.held = None, []

    def _read(self, board) -> None:
        if self.sender() is not self.job:
            return
        self.job = None
        self.scene.adopt(board)
        held, self.held = self.held, []
        self.shown(net(held) if held else [])

    def _failed(self, err: Exception) -> None:
        if self.sender() is self.job:
            self.job = None
            dialogs.show_error(self.view, err)
