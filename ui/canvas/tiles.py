"""Cards held by the square of the scene they stand on, so an edit costs Qt the same on any board.

After any change Qt walks the scene's top-level items (each one, to find those waiting to be drawn
again): with thousands of cards on the scene itself, every edit walked all of them. Held by a tile (an
invisible item at the scene's origin, so a card's position stays its place in the scene), a card is
one of the few cards of its tile, and the tiles are few. Tiles are squares, not batches, so a repaint
of one spot walks only the cards of the tiles there.

Qt stacks a tile's cards in the order they came to it, and the tiles in the order they were made. A card
added or moved to another tile after the board was made comes on top: its tile is raised above the others.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

TILE_SIDE = 64.0  # scene units: a spheres board spans about a hundred of them
RAISE_STEP = 1e-6  # a raised tile stays below what stacks a whole step above the cards


class Tile(QGraphicsItem):
    """Holds the cards of one square; draws nothing and takes no click."""

    def __init__(self, z: float):
        super().__init__()
        self.setZValue(z)  # its cards stack with what they stacked with on the scene itself
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        """Nothing of its own (Qt asks only of an item with contents)."""


class Tiles:
    """The tiles of `scene`, made as cards come to stand on them."""

    def __init__(self, scene: QGraphicsScene, z: float):
        self.scene = scene
        self.z = z
        self.tiles: dict[tuple[int, int], Tile] = {}
        self.raised = 0

    def hold(self, card: QGraphicsItem, on_top: bool = False) -> None:
        """Put `card` on the scene, or keep it there, in the tile where it stands now; `on_top` (an edit,
        not the board being made) stacks it above every card if it came to the tile now."""
        key = (math.floor(card.x() / TILE_SIDE), math.floor(card.y() / TILE_SIDE))
        tile = self.tiles.get(key)
        if tile is None:
            tile = self.tiles[key] = Tile(self.z)
            self.scene.addItem(tile)
        if card.parentItem() is not tile:
            card.setParentItem(tile)
            if on_top:
                self.raised += 1
                tile.setZValue(self.z + self.raised * RAISE_STEP)
                self.scene.update(tile.childrenBoundingRect())  # where its cards now stack otherwise
