"""What the graphics items of every canvas share: their fonts and the card the user moves about."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem


def font(point_size: float, bold: bool = False) -> QFont:
    """The application's font at a point size that may be fractional (QFont's constructor takes whole points)."""
    f = QFont()
    f.setPointSizeF(point_size)
    f.setBold(bold)
    return f


class CardItem(QGraphicsRectItem):
    """A card the user selects, drags and tabs to: an actor, a placed item, a sticky note.

    Geometry (bounding rect, shape) stays in C++ (a rect item with no outline of its own; the card
    paints itself) and the drawing is cached as a pixmap, so thousands of cards repaint without
    calling Python.
    """

    def __init__(self, rect: QRectF, z: float):
        super().__init__(rect)
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
        )
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(z)
