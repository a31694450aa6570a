"""Graphics items of the ecosystem map: one per actor and one per link, found by id.

Actors draw themselves once into a device-coordinate cache; links are path items painted by Qt
itself, so a map of thousands repaints without running Python. Items mirror the model: a drag is
collected by the scene and becomes one undo command on release.
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QStyle, QStyleOptionGraphicsItem, QWidget

from ui import theme
from ui.canvas.cards import CardItem, fitted_lines, font, zoom
from ui.markup import escape
from ui.views.ecosystem.style import actor_shape
from workbench.ecosystem.entities import Actor, ActorType, Link, LinkType
from workbench.ecosystem.style import DOT, FILLED, LINK_STYLES, actor_style, marker_points, text_colour
from workbench.spheres.items import Level

RADIUS = 18.0
NAME_WIDTH = 150.0
NAME_DETAIL = 0.3  # below this zoom names are left out (2-3 pixel text only clutters)
CODE_FONT, NAME_PT = font(6.0, bold=True), 8.0


class ActorItem(CardItem):
    """An actor: its type's shape, colour and code, and its name below. `scale` follows the metric
    the map is sized by; `unplaced` actors (no position yet) are drawn dashed where the scene puts them."""

    def __init__(self, actor: Actor):
        super().__init__(QRectF(), z=10)
        self.actor_id = actor.id
        self.entity = actor
        self.scale_factor = 1.0
        self.unplaced = False
        self.dimmed = False
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
            painter.setFont(CODE_FONT)
            painter.setPen(QPen(c.ink if c.actor else QColor(text_colour(style.colour))))
            painter.drawText(QRectF(-r * 1.3, -r, r * 2.6, r * 2), Qt.AlignmentFlag.AlignCenter, style.code)
        if detail > NAME_DETAIL:  # the name can still be read
            self._paint_name(painter, r * 1.3 + 2, selected, zoom(option, painter), c)

    def name_lines(self, zoom: float = 1.0) -> tuple[float, list[str]]:
        """The font scale and lines of the name under the actor, as the view shows it at `zoom`."""
        scale, lines = fitted_lines(self.entity.name, NAME_PT, _name_box(), zoom, min_lines=2)
        return scale, lines or [""]

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


@cache
def _name_box() -> QRectF:
    """Room for two lines of the name at the usual size (font metrics need the application)."""
    return QRectF(0, 0, NAME_WIDTH - 8, 2 * QFontMetricsF(font(NAME_PT)).height())


class LinkItem(QGraphicsPathItem):
    """A link from one actor to another: colour and end marker by type, width by weight, dashed when
    informal. Links are selected by the scene (not by Qt), so Qt paints them without a selection box."""

    def __init__(self, link: Link):
        super().__init__()
        self.link_id = link.id
        self.entity = link
        self.bend = 0.0  # sideways offset, so two links between the same pair do not overlap
        self.selected = False
        self.compact = False  # far zoomed out: solid lines, no end marks (dashes and marks cost most to draw)
        self.marker = QGraphicsPathItem(self)
        self.setZValue(1)
        self.update_from(link)

    def update_from(self, link: Link) -> None:
        self.entity = link
        self._restyle()
        kind = LinkType(link.link_type).label
        formal = "formal" if link.formal else "informal"
        note = f"<br>{escape(link.notes).replace('\n', '<br>')}" if link.notes else ""
        self.setToolTip(f"<b>{kind}</b> ({formal}), weight {link.weight:g}{note}")

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self._restyle()

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            self.marker.setVisible(not compact)
            self._restyle()

    def theme_changed(self) -> None:
        """Called when the theme changes (ui.canvas.view.redraw): Qt paints links with the pens set here."""
        self._restyle()

    def _restyle(self) -> None:
        link = self.entity
        width = round(0.8 + min(link.weight, 10.0) * 0.35 + (2.0 if self.selected else 0.0), 1)
        line, mark, fill = link_pens(theme.ink().key, link.link_type, width, link.formal, self.selected, self.compact)
        self.setPen(line)
        self.marker.setPen(mark)
        self.marker.setBrush(fill)

    def route(self, source: QPointF, target: QPointF, source_r: float, target_r: float) -> None:
        """Draw from the edge of the source actor to the edge of the target actor."""
        line = QLineF(source, target)
        if line.length() < source_r + target_r + 2:
            self.setPath(QPainterPath())
            self.marker.setPath(QPainterPath())
            return
        unit = line.unitVector()
        dx, dy = unit.dx(), unit.dy()
        start = source + QPointF(dx, dy) * source_r
        end = target - QPointF(dx, dy) * (target_r + 2)
        path = QPainterPath(start)
        if self.bend:
            middle = (start + end) / 2 + QPointF(-dy, dx) * self.bend
            path.quadTo(middle, end)
            tangent = QLineF(middle, end).unitVector()
            dx, dy = tangent.dx(), tangent.dy()
        else:
            path.lineTo(end)
        self.setPath(path)
        self.marker.setPath(end_marker(LINK_STYLES[LinkType(self.entity.link_type)].marker, end, dx, dy))

    def distance_to(self, point: QPointF) -> float:
        """How far `point` is from the drawn link (for clicking on a link)."""
        path = self.path()
        if path.isEmpty():
            return math.inf
        return min(QLineF(point, path.pointAtPercent(t / 20)).length() for t in range(21))


@cache
def link_pens(
    key: str, link_type: str, width: float, formal: bool, selected: bool, compact: bool
) -> tuple[QPen, QPen, QBrush]:
    """The line pen, end-mark pen and end-mark fill of a link in theme `key`; shared by every link that
    looks the same (widths in tenths of a pixel: a map of 50,000 links has a few hundred looks, and
    building pens for each link was a third of the time to draw it)."""
    style = LINK_STYLES[LinkType(link_type)]
    c = theme.ink_of(key)
    colour = c.ink if selected else c.link or QColor(style.colour)
    line = QPen(colour, width)
    line.setCapStyle(Qt.PenCapStyle.RoundCap)
    if not formal and not compact:
        line.setStyle(Qt.PenStyle.DashLine)
    fill = QBrush(colour) if style.marker in FILLED else QBrush(Qt.BrushStyle.NoBrush)
    return line, QPen(colour, 1.4), fill


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
