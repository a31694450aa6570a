"""Paint the first page of a brief from the layout's own drawing operations (templates_reports.picture).

The shipped DejaVu fonts are registered with Qt too, so the preview uses the typeface the PDF embeds.
"""

from __future__ import annotations

import functools
from importlib import resources

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QImage, QPainter, QPainterPath, QPen

from templates_reports.fonts import BOLD, ITALIC
from templates_reports.picture import Path, Picture, Text

DOTS_PER_METRE_AT_72_DPI = round(72 / 0.0254)  # so a font's point size equals the page's points


@functools.cache
def _family() -> str:
    folder = resources.files("resources").joinpath("fonts")
    families = []
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        font_id = QFontDatabase.addApplicationFontFromData(folder.joinpath(name).read_bytes())
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else "DejaVu Sans"


def page_image(picture: Picture, width: int) -> QImage:
    """The page, `width` pixels wide, white paper."""
    scale = width / picture.width
    image = QImage(width, round(picture.height * scale), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(DOTS_PER_METRE_AT_72_DPI)
    image.setDotsPerMeterY(DOTS_PER_METRE_AT_72_DPI)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    family = _family()
    for item in picture.items:
        if isinstance(item, Text):
            _text(painter, item, picture.height, family)
        else:
            _path(painter, item, picture.height)
    painter.end()
    return image


def _text(painter: QPainter, item: Text, height: float, family: str) -> None:
    font = QFont(family)
    font.setPointSizeF(item.size)
    font.setBold(item.font == BOLD)
    font.setItalic(item.font == ITALIC)
    painter.setFont(font)
    painter.setPen(QColor.fromRgbF(*item.colour))
    painter.drawText(QPointF(item.x, height - item.y), item.text)


def _path(painter: QPainter, item: Path, height: float) -> None:
    path = QPainterPath()
    for op, *values in item.segments:
        points = [QPointF(values[i], height - values[i + 1]) for i in range(0, len(values), 2)]
        if op == "m":
            path.moveTo(points[0])
        elif op == "l":
            path.lineTo(points[0])
        elif op == "c":
            path.cubicTo(*points)
        else:
            path.closeSubpath()
    if item.stroke is None:
        painter.setPen(Qt.PenStyle.NoPen)
    else:
        pen = QPen(QColor.fromRgbF(*item.stroke), item.width)
        if item.dash and item.width:
            pen.setDashPattern([d / item.width for d in item.dash])
        painter.setPen(pen)
    painter.setBrush(QBrush(QColor.fromRgbF(*item.fill)) if item.fill else Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
