"""A grid of scene items that count how often Qt asks for their extent (once for each item a search of the
scene looks at), so a test can tell an index that narrows a search from one that does not."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene

CORNER = QRectF(200, 200, 30, 30)  # holds 4 items of the grid, and of what stays of it


class Looked(QGraphicsRectItem):
    at = 0

    def boundingRect(self) -> QRectF:
        Looked.at += 1
        return super().boundingRect()


def looked_grid() -> tuple[QGraphicsScene, list[Looked]]:
    """2,500 small items 20 px apart on an indexed scene 1000 px square (the first 500 are its top rows)."""
    scene = QGraphicsScene()
    scene.setSceneRect(QRectF(0, 0, 1000, 1000))
    scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
    items = [Looked(QRectF(n % 50 * 20.0, n // 50 * 20.0, 8, 8)) for n in range(2500)]
    for item in items:
        scene.addItem(item)
    return scene, items


def looked_at_by_a_small_search(scene: QGraphicsScene) -> int:
    """How many items a search of CORNER looks at (once the index is in use)."""
    assert len(scene.items(CORNER)) == 4
    Looked.at = 0
    assert len(scene.items(CORNER)) == 4
    return Looked.at
