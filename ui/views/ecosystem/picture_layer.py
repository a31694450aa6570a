"""One item that draws many things of the map (links, actors without items of their own) as one picture.

The picture is drawn for the part of the view it is seen in and kept, with the view transform and the
theme it was drawn for: a repaint that changes neither (a selection elsewhere, a tooltip, a hover) is a
copy of it. A subclass says what it covers (`_rect`) and how the picture is drawn (`_render`).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ui import theme


class PictureLayer(QGraphicsItem):
    def __init__(self, z: float):
        super().__init__()
        self.setZValue(z)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # paint gets the exposed part
        self._rect = QRectF()
        self._picture: tuple[QTransform, QRect, str, QPixmap] | None = None  # (transform, area, theme, image)

    def changed(self) -> None:
        """What the layer draws changed: the kept picture goes."""
        self._picture = None
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        transform = painter.worldTransform()
        device = painter.device()
        screen = QRect(0, 0, device.width(), device.height()) if device is not None else QRect()
        wanted = transform.mapRect(option.exposedRect).toAlignedRect()
        area = transform.mapRect(self._rect).toAlignedRect()  # the layer's part of the device
        area = area.intersected(screen if not screen.isEmpty() else wanted)
        needed = wanted.intersected(area)
        if needed.isEmpty():
            return
        ink = theme.ink(widget)
        picture = self._picture
        if picture is None or picture[0] != transform or not picture[1].contains(needed) or picture[2] != ink.key:
            ratio = device.devicePixelRatioF() if device is not None else 1.0
            picture = self._picture = (transform, area, ink.key, self._render(transform, area, ratio, ink))
        _transform, area, _key, pixmap = picture
        painter.save()
        painter.resetTransform()
        ratio = pixmap.devicePixelRatioF()
        source = QRectF(needed.translated(-area.topLeft()))
        painter.drawPixmap(source.translated(QPointF(area.topLeft())), pixmap, _scaled(source, ratio))
        painter.restore()

    def _render(self, transform: QTransform, area: QRect, ratio: float, ink: theme.Ink) -> QPixmap:
        """The layer in device rectangle `area` as the view shows it (`transform`), drawn once."""
        raise NotImplementedError


def blank(area: QRect, ratio: float) -> QPixmap:
    """A transparent pixmap for device rectangle `area` at `ratio` pixels per device unit."""
    pixmap = QPixmap(QSize(math.ceil(area.width() * ratio), math.ceil(area.height() * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def _scaled(rect: QRectF, ratio: float) -> QRectF:
    return QRectF(rect.x() * ratio, rect.y() * ratio, rect.width() * ratio, rect.height() * ratio)
