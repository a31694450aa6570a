"""Every link of the map drawn by one item, from arrays.

One Python graphics item per link made a map of 50,000 links take seconds to open and to repaint: Qt
asked each item for its shape, bounds and style. Here the links are rows of numpy arrays (where each
starts and ends, how it bends, how it looks) and one item draws them: for each look (type, width,
formal) one path built in a single pass from the arrays, stroked with one pen. Zoomed out, links are
plain lines; close enough to read, the part in view gets its type's pattern (workbench.ecosystem.style),
its end marks, and an informal link its hollow. What a paint draws
is bounded by the view's pixels, not by the links (see LinkLayer), and kept for the next repaint.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QByteArray, QDataStream, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap, QTransform

from ui import theme
from ui.views.ecosystem.picture_layer import PictureLayer, blank
from workbench.ecosystem.entities import LinkType
from workbench.ecosystem.style import DASH_PERIOD, DOT, FILLED, LINK_STYLES, RAIL, marker_points

DETAIL_SCALE = 0.3  # below this zoom links are plain lines (dash patterns and end marks cannot be seen)
MARKER = 9.0  # size of an end mark, in scene units
CURVE_PIECES = 8  # a bent link is drawn as this many straight pieces
LINE_INK = 0.2  # at most this many device pixels of line per pixel of view (more is a solid tangle)
DASH_BUDGET = 3000  # more dashes than this in view are drawn as plain lines (a tangle; and slow)
MARK_BUDGET = 2000  # likewise for end marks
SMOOTH_INK = 0.05  # a view with more line than this is drawn without antialiasing (4x faster)
CHUNK = 2048  # pieces cut to the view at a time, until the budget is spent
_ELEMENT = np.dtype([("kind", ">i4"), ("x", ">f8"), ("y", ">f8")])  # one element of a serialised QPainterPath
MOVE, LINE, CURVE, CURVE_DATA = 0, 1, 2, 3


type Laid = tuple[Pieces, QRectF]


def width_tenths(weights: np.ndarray) -> np.ndarray:
    """Line width by weight, in tenths of a pixel, so that links that look alike share one pen."""
    return np.round((0.8 + np.minimum(weights, 10.0) * 0.35) * 10).astype(np.int64)


@dataclass(frozen=True)
class Look:
    link_type: str
    width: float
    formal: bool

    def pens(self, ink: theme.Ink, selected: bool, plain: bool) -> tuple[list[QPen], QPen, QBrush]:
        """The line's pens in the order drawn (an informal link's second pen hollows it), the end-mark
        pen and the end-mark fill, in the theme's colours (high contrast, the stage: one ink for every
        link, told apart by pattern and end mark). Plain: one solid line."""
        style = LINK_STYLES[LinkType(self.link_type)]
        colour = ink.ink if selected else ink.link or QColor(style.colour)
        width = self.width + (2.0 if selected else 0.0)
        hollow = not self.formal and not plain
        lines = [_line_pen(colour, width + 2 * RAIL if hollow else width, () if plain else style.dash)]
        if hollow:
            lines.append(_line_pen(ink.background, width, style.dash))
        fill = QBrush(colour) if style.marker in FILLED else QBrush(Qt.BrushStyle.NoBrush)
        return lines, QPen(colour, 1.4), fill


def _line_pen(colour: QColor, width: float, dash: tuple[float, ...]) -> QPen:
    """A pen of `width` with the pattern `dash` (map units; Qt counts a pattern in pen widths)."""
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)  # round caps on a path of many lines: ~100x slower to fill
    if dash:
        pen.setDashPattern([length / width for length in dash])
    return pen


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


class LinkLayer(PictureLayer):
    """Draws the rows of `routes`, each in its look (`looks[look[row]]`); `selected` rows on top.

    A paint costs what is on screen, never what is on the map: each link is cut to the part in view
    (curves as a few straight pieces), a view with more ink than LINE_INK (device pixels of line per
    pixel of view) shows the heaviest links up to that, and dashes and end marks are drawn only when
    zoomed in to DETAIL_SCALE and few enough to read. The picture is kept per view transform, so a
    repaint that changes no link (a selection elsewhere, a tooltip, an actor's hover) is a copy."""

    def __init__(self):
        super().__init__(z=1)
        self.routes = Routes.empty()
        self.look = np.zeros(0, dtype=np.int64)
        self.looks: list[Look] = []
        self.marker_kinds: list[str] = []
        self.selected: np.ndarray = np.zeros(0, dtype=np.int64)
        self.crowded = False  # the last picture left out links in view (more than a view can show)
        self.smooth = False  # the last picture was antialiased
        self._pieces = Pieces.of(Routes.empty(), *(np.zeros(0, dtype=np.int64),) * 4)

    def draw(
        self, routes: Routes, look: np.ndarray, looks: list[Look], selected: np.ndarray, laid: Laid | None = None
    ) -> None:
        """Draw these rows; `laid` is what `lay_out` made of them beside the window, if it did."""
        self.prepareGeometryChange()
        self.routes, self.look, self.looks, self.selected = routes, look, looks, selected
        self._pieces, self._rect = laid or lay_out(routes, look, looks, selected)
        self.changed()

    def _render(self, transform: QTransform, area: QRect, ratio: float, ink: theme.Ink) -> QPixmap:
        """The links in device rectangle `area` as the view shows them, drawn once into a pixmap."""
        pixmap = blank(area, ratio)
        scale = math.sqrt(abs(transform.determinant())) or 1.0
        view = transform.inverted()[0].mapRect(QRectF(area))
        plan = self.plan(view, scale, area.width() * area.height(), ink)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.smooth)
        painter.translate(-area.left(), -area.top())
        painter.setTransform(transform, combine=True)
        for (pen, brush), path in plan:
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawPath(path)
        painter.end()
        return pixmap

    def plan(
        self, view: QRectF, scale: float, pixels: int, ink: theme.Ink
    ) -> list[tuple[tuple[QPen, QBrush], QPainterPath]]:
        """What to stroke for the part of the map in `view` (scene units) at `scale` device pixels per
        unit, on a view of `pixels` device pixels: paths by look, the selected on top. The pieces are
        cut to the view the selected and the heaviest first, a chunk at a time, until LINE_INK is spent,
        so a crowded view costs its budget, not its links."""
        p = self._pieces
        box = (view.left() - MARKER, view.top() - MARKER, view.right() + MARKER, view.bottom() + MARKER)
        near = np.flatnonzero(
            (p.high[:, 0] >= box[0]) & (p.low[:, 0] <= box[2]) & (p.high[:, 1] >= box[1]) & (p.low[:, 1] <= box[3])
        )
        pieces, a, b, spent = self._cut(near, box, scale, LINE_INK * pixels)
        rows = p.row[pieces]
        ends = p.last[pieces] & _inside(self.routes.end[rows], box)
        dashed = ~p.solid[pieces]
        dashes = (np.hypot(*(b[dashed] - a[dashed]).T) / DASH_PERIOD).sum()
        plain = scale < DETAIL_SCALE or dashes > DASH_BUDGET or ends.sum() > MARK_BUDGET
        self.smooth = scale >= DETAIL_SCALE and spent <= SMOOTH_INK * pixels
        out = []
        for selected in (False, True):
            mine = p.chosen[pieces] == selected
            out += self._layers(rows[mine], a[mine], b[mine], ends[mine], plain, selected, ink)
        return out

    def _cut(self, near: np.ndarray, box: tuple[float, float, float, float], scale: float, budget: float):
        """The pieces `near` the view that fit `budget` (device pixels of line), cut to `box`: their
        indices, cut starts and ends, and the pixels spent. Sets `crowded` when some did not fit."""
        p = self._pieces
        chosen = p.chosen[near]
        order = np.concatenate([near[chosen], near[~chosen]])
        spent, taken = 0.0, [(np.zeros(0, dtype=np.int64), np.zeros((0, 2)), np.zeros((0, 2)))]
        self.crowded = False
        for first in range(0, len(order), CHUNK):
            these = order[first : first + CHUNK]
            a, b = clip(p.start[these], p.end[these], box, DASH_PERIOD)
            seen = np.isfinite(a[:, 0])
            these, a, b = these[seen], a[seen], b[seen]
            total = spent + np.cumsum(np.hypot(*(b - a).T)) * scale
            fits = total <= budget
            taken.append((these[fits], a[fits], b[fits]))
            spent = float(total[fits][-1]) if fits.any() else spent
            if not fits.all():
                self.crowded = True
                break
        pieces, starts, ends = (np.concatenate(parts) for parts in zip(*taken, strict=True))
        return pieces, starts, ends, spent

    def _layers(self, rows, a, b, ends, plain: bool, selected: bool, ink: theme.Ink) -> list:
        """((pen, brush), path) to stroke, by look: the lines, then (close up) their end marks."""
        out: list[tuple[tuple[QPen, QBrush], QPainterPath]] = []
        looks = self.look[rows]
        no_bent = np.zeros(len(rows), dtype=bool)
        for n in np.flatnonzero(np.bincount(looks, minlength=len(self.looks))).tolist():  # (np.unique loads np.ma)
            these = looks == n
            lines, mark, fill = self.looks[n].pens(ink, selected, plain)
            path = lines_path(a[these], b[these], a[these], no_bent[these])
            out += [((line, QBrush(Qt.BrushStyle.NoBrush)), path) for line in lines]
            kind = LINK_STYLES[LinkType(self.looks[n].link_type)].marker
            marked = rows[these & ends]
            if not plain and kind != "none" and len(marked):
                if kind == "dot":  # a point, made round by the pen
                    mark = QPen(mark.color(), 2 * DOT * MARKER)
                    mark.setCapStyle(Qt.PenCapStyle.RoundCap)
                out.append(((mark, fill), marks_path(kind, self.routes.end[marked], self.routes.tip[marked])))
        return out


def lay_out(routes: Routes, look: np.ndarray, looks: list[Look], selected: np.ndarray) -> Laid:
    """The links as pieces, heaviest first, and the rectangle they cover: what a LinkLayer draws from
    (no Qt object, so a large map's is made beside the window)."""
    widths = np.array([x.width for x in looks])[look] if len(looks) else np.zeros(len(look))
    solid = np.array([not LINK_STYLES[LinkType(x.link_type)].dash for x in looks], dtype=bool)
    solid = solid[look] if len(looks) else np.zeros(len(look), bool)
    rank = np.empty(len(look), dtype=np.int64)
    rank[np.lexsort((np.arange(len(look)), -widths))] = np.arange(len(look))  # heaviest first
    pieces = Pieces.of(routes, rank, widths, solid, selected)
    shown = routes.shown
    if not shown.any():
        return pieces, QRectF()
    points = np.concatenate([routes.start[shown], routes.end[shown], routes.control[shown]])
    (left, top), (right, bottom) = points.min(axis=0), points.max(axis=0)
    return pieces, QRectF(left, top, right - left, bottom - top).adjusted(-MARKER, -MARKER, MARKER, MARKER)


@dataclass(frozen=True)
class Pieces:
    """Every shown link as straight pieces (a curve as CURVE_PIECES of them), the heaviest links first,
    with their bounds, so a paint can pick and cut the pieces in view without touching the rest.
    `last` marks a link's last piece (where its end mark goes); `width` is its pen's, `chosen` whether
    it is selected, `solid` whether its type's line has no pattern."""

    start: np.ndarray
    end: np.ndarray
    row: np.ndarray
    last: np.ndarray
    low: np.ndarray
    high: np.ndarray
    width: np.ndarray
    chosen: np.ndarray
    solid: np.ndarray

    @classmethod
    def of(cls, r: Routes, rank: np.ndarray, width: np.ndarray, solid: np.ndarray, chosen: np.ndarray) -> Pieces:
        rows = np.flatnonzero(r.shown)
        rows = rows[np.argsort(rank[rows], kind="stable")]
        straight, bent = ~r.bent[rows], r.bent[rows]
        t = np.linspace(0.0, 1.0, CURVE_PIECES + 1)[:, None, None]
        s, c, e = r.start[rows[bent]], r.control[rows[bent]], r.end[rows[bent]]
        along = ((1 - t) ** 2 * s + 2 * (1 - t) * t * c + t**2 * e).transpose(1, 0, 2)  # link, point, xy
        count = np.where(bent, CURVE_PIECES, 1)
        row = np.repeat(rows, count)
        start, end = np.empty((len(row), 2)), np.empty((len(row), 2))
        first = np.cumsum(count) - count  # where each link's pieces begin
        start[first[straight]], end[first[straight]] = r.start[rows[straight]], r.end[rows[straight]]
        curve_at = (first[bent][:, None] + np.arange(CURVE_PIECES)).ravel()
        start[curve_at], end[curve_at] = along[:, :-1].reshape(-1, 2), along[:, 1:].reshape(-1, 2)
        last = np.zeros(len(row), dtype=bool)
        last[first + count - 1] = True
        chosen_row = np.zeros(len(r.shown), dtype=bool)
        chosen_row[chosen] = True
        low, high = np.minimum(start, end), np.maximum(start, end)
        return cls(start, end, row, last, low, high, width[row] + 2.0 * chosen_row[row], chosen_row[row], solid[row])


def clip(a: np.ndarray, b: np.ndarray, box: tuple[float, float, float, float], period: float | np.ndarray):
    """Each segment a->b cut to `box` (left, top, right, bottom), its cut start moved back to a whole
    dash `period` from `a` so that dashes stay put as the view moves; NaN rows lie outside the box."""
    d = b - a
    with np.errstate(divide="ignore", invalid="ignore"):
        x1, x2 = (box[0] - a[:, 0]) / d[:, 0], (box[2] - a[:, 0]) / d[:, 0]
        y1, y2 = (box[1] - a[:, 1]) / d[:, 1], (box[3] - a[:, 1]) / d[:, 1]
        t0 = np.fmax(np.fmax(np.fmin(x1, x2), np.fmin(y1, y2)), 0.0)
        t1 = np.fmin(np.fmin(np.fmax(x1, x2), np.fmax(y1, y2)), 1.0)
        length = np.hypot(d[:, 0], d[:, 1])
        t0 = np.where(length > 0, np.floor(t0 * length / period) * period / length, 0.0)
        start, end = a + d * t0[:, None], a + d * t1[:, None]
    start[~(t0 < t1)] = np.nan
    return start, end


def _inside(points: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    x, y = points[:, 0], points[:, 1]
    return (x >= box[0]) & (x <= box[2]) & (y >= box[1]) & (y <= box[3])
