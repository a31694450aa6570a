"""What the graphics items of every canvas share: their fonts, how names fit a card, and the card
the user moves about. Their colours are the theme's (ui.theme.ink)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem

from ui import theme

BOARD_LABEL = 0xB0A  # QGraphicsItem.data() key, true on a label the room must see with the cards (a lane's title)


def font(point_size: float, bold: bool = False) -> QFont:
    """The application's font at a point size that may be fractional (QFont's constructor takes whole points)."""
    f = QFont()
    f.setPointSizeF(point_size)
    f.setBold(bold)
    return f


def stage_points(point_size: float, zoom: float, largest: float) -> float:
    """The size to write a small text (a tag, a number, an amount) at: on the presentation stage large
    enough to show at its minimum (ui.theme.smallest_text) at `zoom`, but never larger than `largest`, the
    board's main text, which the stage zooms to that minimum; elsewhere `point_size` itself."""
    floor = theme.smallest_text()
    if not floor or zoom <= 0:
        return point_size
    return min(max(point_size, floor / zoom), max(point_size, largest))


def zoom(option: QStyleOptionGraphicsItem, painter: QPainter) -> float:
    """How large the view shows the item: 1 at 100 %."""
    return option.levelOfDetailFromTransform(painter.worldTransform())


def fitted_lines(text: str, point_size: float, rect: QRectF, zoom: float, min_lines: int) -> tuple[float, list[str]]:
    """The name of a card in `rect`: its lines and the font scale to write them at.

    At 100 % and below, the usual size, wrapped onto `min_lines` or as many as fit, the rest elided.
    Zoomed in, the largest size at which the whole text fits, but never smaller on screen than at
    100 %, nor on the presentation stage than its minimum (ui.theme.smallest_text), so every name there
    is at least that size: a name cut short on the board is written out in full when one card is framed.
    """
    floor = theme.smallest_text() or point_size  # in points on the screen
    smallest = min(1.0, floor / (point_size * zoom)) if zoom > 0 else 1.0
    whole = " ".join(text.split())
    scale = 1.0
    while True:
        metrics = QFontMetricsF(font(point_size * scale))
        lines = wrap(text, metrics, rect.width(), max(min_lines, int(rect.height() / metrics.height())))
        if " ".join(lines) == whole or scale <= smallest:
            return scale, lines
        scale = max(smallest, scale * 0.85)


def wrap(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Word-wrap onto at most `max_lines` of `width`: a word too long for a line is elided, and so
    are, on the last line, the words that do not fit."""

    def elided(line: str) -> str:
        return metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)

    words = text.split()
    if max_lines <= 1:
        return [elided(" ".join(words))] if words else []
    lines: list[str] = []
    current = ""
    for n, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if not current or metrics.horizontalAdvance(trial) <= width:
            current = trial
            continue
        lines.append(elided(current))
        if len(lines) == max_lines - 1:
            return [*lines, elided(" ".join(words[n:]))]
        current = word
    return [*lines, elided(current)] if current else lines


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

    def update(self, rect: QRectF | None = None) -> None:  # type: ignore[override]
        """Draw the card again in every view. Qt keeps one cached picture per view but forgets that it
        is out of date once the first view has redrawn it, so with the stage showing, the picture kept
        for the other view is dropped too (a decision made on the stage would otherwise never show
        there)."""
        scene = self.scene()
        if scene is not None and len(scene.views()) > 1:
            self.setCacheMode(QGraphicsItem.CacheMode.NoCache)  # drops every view's picture
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        super().update(rect or QRectF())
