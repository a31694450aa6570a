"""Graphics items of the ecosystem map: one per actor, found by id (links are drawn together, links.py).

Actors draw themselves once into a device-coordinate cache, so a map of thousands repaints without
running Python. Items mirror the model: a drag is collected by the scene and becomes one undo command
on release.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

from ui import theme
from ui.canvas.cards import CardItem, fitted_lines, font, stage_points, zoom
from ui.markup import escape
from ui.views.ecosystem.model import NAME_WIDTH, RADIUS
from ui.views.ecosystem.style import actor_shape
from workbench.ecosystem.entities import Actor, ActorType
from workbench.ecosystem.style import DOT, FILLED, actor_style, marker_points, text_colour
from workbench.spheres.items import Level

NAME_DETAIL = 0.3  # below this zoom names are left out (2-3 pixel text only clutters)
CODE_PT, NAME_PT = 6.0, 8.0  # on the presentation stage the type's code is written as large as names


class ActorItem(CardItem):
    """An actor: its type's shape, colour and code, and its name below. `scale` follows the metric
    the map is sized by; `unplaced` actors (no position yet) are drawn dashed where the scene puts them."""

    def __init__(self, actor: Actor, unplaced: bool = False, scale: float = 1.0):
        super().__init__(QRectF(), z=10)
        self.actor_id = actor.id
        self.entity = actor
        self.scale_factor = scale
        self.unplaced = unplaced
        self.dimmed = False
        self.cache_zoom = 1.0
        self.update_from(actor)

    @property
    def radius(self) -> float:
        return RADIUS * self.scale_factor

    def update_from(self, actor: Actor) -> None:
        self.entity = actor
        self._layout()
        style = actor_style(actor.actor_type)
        level = Level(actor.level).label.lower()
        where = "no position yet: use Lay out" if self.unplaced else f"{level}"
        self.setToolTip(
            f"<b>{escape(actor.name).replace(chr(10), '<br>')}</b><br>"
            f"{ActorType(actor.actor_type).label} ({style.family}) · {where}"
        )
        self.update()

    def spoken(self) -> tuple[str, str]:
        """Name, type and level for a screen reader (the scene adds the links)."""
        actor = self.entity
        where = ", no position yet" if self.unplaced else ""
        return actor.name, f"{ActorType(actor.actor_type).label}, {Level(actor.level).label.lower()}{where}"

    def set_scale(self, factor: float) -> None:
        if abs(factor - self.scale_factor) > 1e-6:
            self.scale_factor = factor
            self._layout()
            self.cache_at(self.cache_zoom)

    def cache_at(self, zoom: float) -> None:
        """Keep the drawing in the item's own coordinates at `zoom` (device pixels per map unit): a view at
        another zoom scales it instead of painting again, so zooming a map of many actors runs no Python.
        The scene sets `zoom` a step above the view's, so the drawing is never blown up much. That drawing
        is one for every view, so while the stage shows (in a theme of its own) each view keeps its own."""
        self.cache_zoom = zoom
        if theme.presenting():  # the stage and the laptop each draw the item in their own theme
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            return
        size = self.rect().size() * zoom
        self.setCacheMode(
            QGraphicsItem.CacheMode.ItemCoordinateCache, QSize(math.ceil(size.width()), math.ceil(size.height()))
        )

    def theme_changed(self) -> None:
        """Called by ui.canvas.view.redraw: drop the kept drawing, and keep one per view while presenting."""
        self.cache_at(self.cache_zoom)
        self.update()

    def _layout(self) -> None:
        r = self.radius * 1.45
        self.prepareGeometryChange()
        self.setRect(QRectF(-max(r, NAME_WIDTH / 2), -r, max(2 * r, NAME_WIDTH), 2 * r + 34))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        c = theme.ink(widget)
        style = actor_style(self.entity.actor_type)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setOpacity(0.2 if self.dimmed else 1.0)
        r = self.radius
        pen = QPen(c.selected if selected else c.ink, 3.5 if selected else 1.2)
        if self.unplaced:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        fill = c.actor or QColor(style.colour)  # a theme's own actor fill: the type is in the shape and code
        painter.setBrush(QBrush(fill))
        painter.drawPath(actor_shape(style.shape, r))
        if detail * r > 9:  # the code is readable
            points = stage_points(CODE_PT, detail, NAME_PT)
            painter.setFont(font(points, bold=True))
            code = QRectF(-r * 1.3, -r, r * 2.6, r * 2)
            if points > CODE_PT:  # larger than the shape was drawn for (the stage): clear of its outline
                words = painter.fontMetrics().boundingRect(code.toRect(), Qt.AlignmentFlag.AlignCenter, style.code)
                painter.fillRect(words.adjusted(-1, 0, 1, 0), fill)
            painter.setPen(QPen(c.ink if c.actor else QColor(text_colour(style.colour))))
            painter.drawText(code, Qt.AlignmentFlag.AlignCenter, style.code)
        if detail > NAME_DETAIL:  # the name can still be read
            self._paint_name(painter, r * 1.3 + 2, selected, zoom(option, painter), c)

    def name_lines(self, zoom: float = 1.0) -> tuple[float, list[str]]:
        """The font scale and lines of the name under the actor, as the view shows it at `zoom`."""
        return _name_lines(self.entity.name, 1.0 if zoom <= 1.0 else round(zoom, 3))

    def _paint_name(self, painter: QPainter, top: float, selected: bool, zoom: float, c: theme.Ink) -> None:
        scale, lines = self.name_lines(zoom)
        painter.setFont(font(NAME_PT * scale))
        metrics = QFontMetricsF(painter.font())
        width = max(metrics.horizontalAdvance(line) for line in lines) + 8 * scale
        box = QRectF(-width / 2, top, width, metrics.height() * len(lines) + 3 * scale)
        painter.setPen(QPen(c.selected if selected else c.faint, 1.5 if selected else 0.6))
        painter.setBrush(QBrush(c.card))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QPen(c.ink))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "\n".join(lines))


@lru_cache(maxsize=4096)
def _name_lines(name: str, zoom: float) -> tuple[float, list[str]]:
    """Wrapping a name measures it word by word: done once per name and zoom (at 100 % and below the
    lines are the same at every zoom), not at every paint of every actor."""
    scale, lines = fitted_lines(name, NAME_PT, _name_box(), zoom, min_lines=2)
    return scale, lines or [""]


@cache
def _name_box() -> QRectF:
    """Room for two lines of the name at the usual size (font metrics need the application)."""
    return QRectF(0, 0, NAME_WIDTH - 8, 2 * QFontMetricsF(font(NAME_PT)).height())


def end_marker(kind: str, tip: QPointF, dx: float, dy: float, size: float = 9.0) -> QPainterPath:
    """The mark at a link's target end, pointing along (dx, dy) (geometry shared with the brief figure)."""
    path = QPainterPath()
    points = [QPointF(x, y) for x, y in marker_points(kind, (tip.x(), tip.y()), dx, dy, size)]
    if kind == "dot":
        path.addEllipse(points[0], size * DOT, size * DOT)
    elif points:
        path.moveTo(points[0])
        for point in points[1:]:
            path.lineTo(point)
        if kind in FILLED:
            path.closeSubpath()
    return path
