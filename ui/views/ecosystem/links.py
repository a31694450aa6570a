"""Every link of the map drawn by one item, from arrays.

One Python graphics item per link made a map of 50,000 links take seconds to open and to repaint: Qt
asked each item for its shape, bounds and style. Here the links are rows of numpy arrays (where each
starts and ends, how it bends, how it looks) and one item draws them: for each look (type, width,
formal) one path built in a single pass from the arrays, stroked with one pen. Zoomed out, links are
plain lines; close enough to read, the part in view gets its dashes and end marks. Qt caches what the
item drew in device pixels, so repainting (a selection, a tooltip) costs a copy until the zoom changes.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QByteArray, QDataStream, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from workbench.ecosystem.entities import LinkType
from workbench.ecosystem.style import DOT, FILLED, LINK_STYLES, marker_points

DETAIL_SCALE = 0.3  # below this zoom links are plain lines (dash patterns and end marks cannot be seen)
MARKER = 9.0  # size of an end mark, in scene units
LINK_SELECTED = QColor("#1a1a1a")
_ELEMENT = np.dtype([("kind", ">i4"), ("x", ">f8"), ("y", ">f8")])  # one element of a serialised QPainterPath
MOVE, LINE, CURVE, CURVE_DATA = 0, 1, 2, 3


def width_tenths(weights: np.ndarray) -> np.ndarray:
    """Line width by weight, in tenths of a pixel, so that links that look alike share one pen."""
    return np.round((0.8 + np.minimum(weights, 10.0) * 0.35) * 10).astype(np.int64)


@dataclass(frozen=True)
class Look:
    link_type: str
    width: float
    formal: bool

    def pens(self, selected: bool, plain: bool) -> tuple[QPen, QPen, QBrush]:
        """The line pen, end-mark pen and end-mark fill."""
        style = LINK_STYLES[LinkType(self.link_type)]
        colour = LINK_SELECTED if selected else QColor(style.colour)
        line = QPen(colour, self.width + (2.0 if selected else 0.0))
        line.setCapStyle(Qt.PenCapStyle.RoundCap)
        if not self.formal and not plain:
            line.setStyle(Qt.PenStyle.DashLine)
        fill = QBrush(colour) if style.marker in FILLED else QBrush(Qt.BrushStyle.NoBrush)
        return line, QPen(colour, 1.4), fill


@dataclass
class Routes:
    """Where each link is drawn, one row per link: from `start` to `end`, through the quadratic control
    point `control` where `bent`; `tip` is the direction it arrives in (for the end mark). Rows that
    are not `shown` (a deleted link, or ends too close to draw) are skipped."""

    start: np.ndarray
    end: np.ndarray
    control: np.ndarray
    bent: np.ndarray
    tip: np.ndarray
    shown: np.ndarray

    @classmethod
    def empty(cls) -> Routes:
        points = np.zeros((0, 2))
        return cls(points, points.copy(), points.copy(), np.zeros(0, bool), points.copy(), np.zeros(0, bool))


def route(
    source: np.ndarray, target: np.ndarray, source_r: np.ndarray, target_r: np.ndarray, bend: np.ndarray
) -> Routes:
    """From the edge of each source actor to the edge of its target (a little short of it, for the end
    mark), bowed sideways by `bend` so several links between one pair can each be seen and clicked."""
    line = target - source
    length = np.hypot(line[:, 0], line[:, 1])
    shown = np.isfinite(length) & (length >= source_r + target_r + 2)
    unit = line / np.where(shown, length, 1.0)[:, None]
    start = source + unit * source_r[:, None]
    end = target - unit * (target_r + 2)[:, None]
    side = np.stack([-unit[:, 1], unit[:, 0]], axis=1)
    control = (start + end) / 2 + side * bend[:, None]
    bent = bend != 0
    arriving = np.where(bent[:, None], end - control, unit)
    tip = arriving / np.maximum(np.hypot(arriving[:, 0], arriving[:, 1]), 1e-9)[:, None]
    return Routes(start, end, control, bent, tip, shown)


def lines_path(start: np.ndarray, end: np.ndarray, control: np.ndarray, bent: np.ndarray) -> QPainterPath:
    """One path of many separate links, made in a single pass (Qt reads a path from its serialised
    form: a count, then each element as kind, x, y), instead of two or four calls per link."""
    straight, curved = ~bent, bent
    parts = []
    if straight.any():
        rows = np.empty((int(straight.sum()), 2), dtype=_ELEMENT)
        rows["kind"] = (MOVE, LINE)
        rows["x"] = np.stack([start[straight, 0], end[straight, 0]], axis=1)
        rows["y"] = np.stack([start[straight, 1], end[straight, 1]], axis=1)
        parts.append(rows.ravel())
    if curved.any():
        s, c, e = start[curved], control[curved], end[curved]
        first, second = s + (c - s) * (2 / 3), e + (c - e) * (2 / 3)  # the quadratic as a cubic
        rows = np.empty((len(s), 4), dtype=_ELEMENT)
        rows["kind"] = (MOVE, CURVE, CURVE_DATA, CURVE_DATA)
        rows["x"] = np.stack([s[:, 0], first[:, 0], second[:, 0], e[:, 0]], axis=1)
        rows["y"] = np.stack([s[:, 1], first[:, 1], second[:, 1], e[:, 1]], axis=1)
        parts.append(rows.ravel())
    return _path(np.concatenate(parts) if parts else np.empty(0, dtype=_ELEMENT))


def marks_path(kind: str, tip_point: np.ndarray, direction: np.ndarray) -> QPainterPath:
    """The end marks of one kind at many link ends, from the shared marker geometry (style.py) turned
    to each link's direction; a dot is a point, drawn round by a wide round pen."""
    template = np.array(marker_points(kind, (0.0, 0.0), 1.0, 0.0, MARKER), dtype=np.float64).reshape(-1, 2)
    if not len(template) or not len(tip_point):
        return QPainterPath()
    across = np.stack([-direction[:, 1], direction[:, 0]], axis=1)
    points = (
        tip_point[:, None, :]
        + template[None, :, 0:1] * direction[:, None, :]
        + template[None, :, 1:2] * across[:, None, :]
    )
    closed = kind in FILLED and kind != "dot"
    corners = points.shape[1] + (1 if closed or kind == "dot" else 0)
    rows = np.empty((len(points), corners), dtype=_ELEMENT)
    rows["kind"] = LINE
    rows["kind"][:, 0] = MOVE
    outline = np.concatenate([points, points[:, :1]], axis=1) if corners > points.shape[1] else points
    rows["x"], rows["y"] = outline[:, :, 0], outline[:, :, 1]
    return _path(rows.ravel())


def _path(elements: np.ndarray) -> QPainterPath:
    path = QPainterPath()
    if len(elements):
        body = elements.astype(_ELEMENT, copy=False).tobytes()  # (numpy may have made it native-endian)
        data = struct.pack(">i", len(elements)) + body + struct.pack(">ii", 0, 0)  # then start, fill rule
        QDataStream(QByteArray(data)) >> path
    return path


class LinkLayer(QGraphicsItem):
    """Draws the rows of `routes`, each in its look (`looks[look[row]]`); `selected` rows on top."""

    def __init__(self):
        super().__init__()
        self.setZValue(1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # paint gets the exposed part
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.routes = Routes.empty()
        self.look = np.zeros(0, dtype=np.int64)
        self.looks: list[Look] = []
        self.marker_kinds: list[str] = []
        self.selected: np.ndarray = np.zeros(0, dtype=np.int64)
        self._rect = QRectF()
        self._whole: dict[bool, list] = {}  # plain or not -> paths of every link, until the routes change

    def draw(self, routes: Routes, look: np.ndarray, looks: list[Look], selected: np.ndarray) -> None:
        self.prepareGeometryChange()
        self.routes, self.look, self.looks, self.selected = routes, look, looks, selected
        self._whole = {}
        shown = routes.shown
        if shown.any():
            points = np.concatenate([routes.start[shown], routes.end[shown], routes.control[shown]])
            (left, top), (right, bottom) = points.min(axis=0), points.max(axis=0)
            self._rect = QRectF(left, top, right - left, bottom - top).adjusted(-MARKER, -MARKER, MARKER, MARKER)
        else:
            self._rect = QRectF()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        plain = option.levelOfDetailFromTransform(painter.worldTransform()) < DETAIL_SCALE
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, not plain)
        rows = self._rows_in(option.exposedRect)
        if len(rows) == int(self.routes.shown.sum()):
            if plain not in self._whole:
                self._whole[plain] = self._layers(rows, plain, selected=False)
            layers = self._whole[plain]
        else:
            layers = self._layers(rows, plain, selected=False)
        layers = layers + self._layers(np.intersect1d(rows, self.selected), plain, selected=True)
        for pen, path in layers:
            painter.setPen(pen[0])
            painter.setBrush(pen[1])
            painter.drawPath(path)

    def _rows_in(self, rect: QRectF) -> np.ndarray:
        """The links that may cross `rect`: those whose ends and bend are not all on one side of it."""
        r = self.routes
        points = np.stack([r.start, r.end, r.control])
        xs, ys = points[:, :, 0], points[:, :, 1]
        inside = (
            (xs.max(axis=0) >= rect.left() - MARKER)
            & (xs.min(axis=0) <= rect.right() + MARKER)
            & (ys.max(axis=0) >= rect.top() - MARKER)
            & (ys.min(axis=0) <= rect.bottom() + MARKER)
        )
        return np.flatnonzero(inside & r.shown)

    def _layers(self, rows: np.ndarray, plain: bool, selected: bool) -> list:
        """((pen, brush), path) to stroke, by look: the lines, then (close up) their end marks."""
        out: list[tuple[tuple[QPen, QBrush], QPainterPath]] = []
        if not len(rows):
            return out
        r = self.routes
        looks = self.look[rows]
        for n in np.unique(looks).tolist():
            these = rows[looks == n]
            line, mark, fill = self.looks[n].pens(selected, plain)
            out.append(
                (
                    (line, QBrush(Qt.BrushStyle.NoBrush)),
                    lines_path(r.start[these], r.end[these], r.control[these], r.bent[these]),
                )
            )
            kind = LINK_STYLES[LinkType(self.looks[n].link_type)].marker
            if not plain and kind != "none":
                if kind == "dot":  # a point, made round by the pen
                    mark = QPen(mark.color(), 2 * DOT * MARKER)
                    mark.setCapStyle(Qt.PenCapStyle.RoundCap)
                out.append(((mark, fill), marks_path(kind, r.end[these], r.tip[these])))
        return out
