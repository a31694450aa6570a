"""Items a hidden section lets go of, a slice per turn of the event loop (ui.canvas.backlog), so leaving a
section of thousands of cards never holds the window: the first slice goes at once, the rest on the next
turns. The scene's index is put aside until the last has gone (taking each out of it cost more than the
rest of letting go of it; nobody looks at a hidden scene) and made again for what stays. The section calls
`finish` before it shows again, so none of them is ever seen.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from ui.canvas.backlog import Backlog
from ui.canvas.mirror import index_again

LEAVING_PER_TURN = 250  # items taken off the scene (and deleted) per turn of the event loop


class Leaving(QObject):
    """What `scene` is letting go of; each item is deleted once off the scene (nothing else holds it)."""

    def __init__(self, scene: QGraphicsScene, per_turn: int = LEAVING_PER_TURN):
        super().__init__(scene)
        self.scene = scene
        self.backlog: Backlog[int, QGraphicsItem] = Backlog(self._go, per_turn, self)
        self._index: QGraphicsScene.ItemIndexMethod | None = None  # the scene's own, while put aside

    @property
    def waiting(self) -> int:
        """How many are still on the scene."""
        return len(self.backlog.waiting)

    def add(self, items: Iterable[QGraphicsItem]) -> None:
        """Let go of these: the first slice now, the rest a slice per turn. Those selected are unselected
        now: leaving later, they would change the scene's selection when nobody expects it."""
        due = {id(item): item for item in items}
        if not due:
            return
        for item in self.scene.selectedItems():
            if id(item) in due:
                item.setSelected(False)
        if self._index is None:
            self._index = self.scene.itemIndexMethod()
            self.scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.backlog.add(due)
        self.backlog.now(list(due)[: self.backlog.per_turn])

    def finish(self) -> None:
        """Let go of all that is left, now (the section shows again)."""
        self.backlog.finish()

    def _go(self, due: list[tuple[int, QGraphicsItem]]) -> None:
        for _key, item in due:
            if item.scene() is self.scene:  # not gone with a parent let go of before it
                self.scene.removeItem(item)
        if not self.backlog.waiting and self._index is not None:
            index_again(self.scene, self._index)
            self._index = None
