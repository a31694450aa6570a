"""One item that draws many things of the map (links, actors without items of their own) as one picture.

The picture is drawn for the part of the view it is seen in and kept, with the view transform and the
theme it was drawn for: a repaint that changes neither (a selection elsewhere, a tooltip, a hover) is a
copy of it, and so is one whose view only moved the map by whole pixels (the canvas grew or shrank and
centred it again, or scrolled) as long as the picture covers what is shown. A subclass says what it
covers (`_rect`) and how the picture is drawn (`_render`).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt
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
        kept = self._kept(transform, needed, ink.key)
        if kept is None:
            ratio = device.devicePixelRatioF() if device is not None else 1.0
            self._picture = (transform, area, ink.key, self._render(transform, area, ratio, ink))
            kept = (area, self._picture[3])
        area, pixmap = kept
        painter.save()
        painter.resetTransform()
        ratio = pixmap.devicePixelRatioF()
        source = QRectF(needed.translated(-area.topLeft()))
        painter.drawPixmap(source.translated(QPointF(area.topLeft())), pixmap, _scaled(source, ratio))
        painter.restore()

    def _kept(self, transform: QTransform, needed: QRect, key: str) -> tuple[QRect, QPixmap] | None:
        """The kept picture and where it lies on the device now, if it shows `needed` as `transform` would."""
        if self._picture is None or self._picture[2] != key:
            return None
        drawn_for, area, _key, pixmap = self._picture
        shift = _shift(drawn_for, transform)
        if shift is None or not area.translated(shift).contains(needed):
            return None
        return area.translated(shift), pixmap

    def _render(self, transform: QTransform, area: QRect, ratio: float, ink: theme.Ink) -> QPixmap:
        """The layer in device rectangle `area` as the view shows it (`transform`), drawn once."""
        raise NotImplementedError


def blank(area: QRect, ratio: float) -> QPixmap:
    """A transparent pixmap for device rectangle `area` at `ratio` pixels per device unit."""
    pixmap = QPixmap(QSize(math.ceil(area.width() * ratio), math.ceil(area.height() * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def _shift(before: QTransform, after: QTransform) -> QPoint | None:
    """How many whole device pixels `after` moves the map from where `before` showed it; None when it
    does anything else (a zoom, or a part of a pixel, would blur or shift the copied picture)."""
    dx, dy = after.dx() - before.dx(), after.dy() - before.dy()
    linear = (before.m11(), before.m12(), before.m21(), before.m22())
    if not (before.isAffine() and after.isAffine()) or linear != (after.m11(), after.m12(), after.m21(), after.m22()):
        return None
    if abs(dx - round(dx)) > 1e-6 or abs(dy - round(dy)) > 1e-6:
        return None
    return QPoint(round(dx), round(dy))


def _scaled(rect: QRectF, ratio: float) -> QRectF:
    return QRectF(rect.x() * ratio, rect.y() * ratio, rect.width() * ratio, rect.height() * ratio)
