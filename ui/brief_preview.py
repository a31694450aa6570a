"""The preview of a brief: laid out beside the window, its first page painted from the layout's own
drawing operations (templates_reports.picture).

Laying out the sample takes half a second or more, too long for the window's thread while the user
types: `preview_work` takes a snapshot of the document on the window's thread and returns the work
that composes, lays out and paints it on a pool thread (ui.jobs). The shipped DejaVu fonts are
registered with Qt too (on the window's thread, once), so the preview uses the typeface the PDF embeds.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from dataclasses import dataclass
from importlib import resources

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QImage, QPainter, QPainterPath, QPen

from templates_reports.fonts import BOLD, ITALIC
from templates_reports.picture import Path, Picture, Text, first_page
from ui.brief_export import laying_out
from ui.jobs import Cancelled, Progress, Work
from workbench.briefs.compose import compose
from workbench.briefs.spec import TemplateSpec
from workbench.document import Document

DOTS_PER_METRE_AT_72_DPI = round(72 / 0.0254)  # so a font's point size equals the page's points


@functools.cache
def _family() -> str:
    folder = resources.files("resources").joinpath("fonts")
    families = []
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        font_id = QFontDatabase.addApplicationFontFromData(folder.joinpath(name).read_bytes())
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else "DejaVu Sans"


@dataclass(frozen=True)
class Preview:
    image: QImage  # the first page (a QImage, not a QPixmap: made beside the window)
    pages: int  # of the whole brief


def preview_work(document: Document, spec: TemplateSpec, page_size: str, width: int) -> Work:
    """The work of previewing `document` (a snapshot the caller gives away) as `spec`, `width` pixels wide.

    Called on the window's thread, which registers the fonts with Qt; the work stops between its steps when
    cancelled."""
    today, family = dt.date.today(), _family()

    def work(_progress: Progress, stop: threading.Event) -> Preview:
        with laying_out(stop):
            picture = first_page(compose(document, spec, today=today), page_size=page_size)
        if stop.is_set():
            raise Cancelled
        return Preview(page_image(picture, width, family), picture.pages)

    return work


def page_image(picture: Picture, width: int, family: str | None = None) -> QImage:
    """The page, `width` pixels wide, white paper, in `family` (the brief's own typeface when not given,
    which only the window's thread may ask Qt for the first time)."""
    scale = width / picture.width
    image = QImage(width, round(picture.height * scale), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(DOTS_PER_METRE_AT_72_DPI)
    image.setDotsPerMeterY(DOTS_PER_METRE_AT_72_DPI)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    family = family or _family()
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
