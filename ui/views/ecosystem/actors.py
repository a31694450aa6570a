"""Every actor of a large map that has no graphics item of its own, drawn by one item from arrays.

Ten thousand actor items made the map take seconds to open, and every zoom repainted each one in
Python. Actors are items only where a user can read and handle them (scene.py: those in view once few
enough are, the selected, the one under the pointer); the rest are drawn here, a path per type built
in one pass: their shapes, or coloured dots (one call per type) once a shape would be a few pixels
across or the shapes in view cover it several times over (a crowd of outlines cannot be told apart,
and filling thousands of them on top of each other held the window for tens of milliseconds). Names
are left to the items (more than a view's worth of names cannot be read anyway). As for the links, the
picture is kept for the next repaint at the same zoom.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shiboken6
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap, QPolygonF, QTransform

from ui import theme
from ui.views.ecosystem.links import _ELEMENT, LINE, MOVE, _path
from ui.views.ecosystem.picture_layer import PictureLayer, blank
from workbench.ecosystem.entities import ActorType
from workbench.ecosystem.style import ELLIPSE, WIDE, actor_style, corners

TYPES = [t.value for t in ActorType]  # an actor's row holds its type's index here
DOT_PX = 3.0  # below this radius on screen an actor is a dot (its shape cannot be told)
CROWD = 3.0  # shapes covering the view this many times over are dots too
ROUND = 16  # corners of a circle or ellipse drawn as a polygon (at a few pixels the same thing)


@dataclass
class Actors:
    """One row per actor: centre, radius (map units), type index, waiting for a place, and `itemised`
    when an item draws it instead."""

    xy: np.ndarray
    radius: np.ndarray
    kind: np.ndarray
    unplaced: np.ndarray
    itemised: np.ndarray

    @classmethod
    def empty(cls) -> Actors:
        return cls(np.zeros((0, 2)), np.zeros(0), np.zeros(0, dtype=np.int64), np.zeros(0, bool), np.zeros(0, bool))

    def same(self, other: Actors) -> bool:
        """Whether `other` draws exactly as these rows do (an actor waiting for a place has NaN for one)."""
        return (
            np.array_equal(self.xy, other.xy, equal_nan=True)
            and np.array_equal(self.radius, other.radius)
            and np.array_equal(self.kind, other.kind)
            and np.array_equal(self.unplaced, other.unplaced)
            and np.array_equal(self.itemised, other.itemised)
        )


def outline(shape: str) -> np.ndarray:
    """An actor's outline at unit radius as polygon corners (curves as ROUND of them)."""
    if shape in ("circle", "ellipse"):
        a, b = (1.0, 1.0) if shape == "circle" else ELLIPSE
        t = np.linspace(0, 2 * np.pi, ROUND, endpoint=False)
        return np.stack([a * np.cos(t), b * np.sin(t)], axis=1)
    if shape == "wide":
        w, h, _corner = WIDE
        return np.array([(-w, -h), (w, -h), (w, h), (-w, h)])
    return np.array(corners(shape, 1.0), dtype=np.float64).reshape(-1, 2)


_OUTLINES = {t: outline(actor_style(t).shape) for t in TYPES}


def points(xy: np.ndarray) -> QPolygonF:
    """Many points as one polygon, copied in one go into the memory Qt keeps them in (not point by point)."""
    polygon = QPolygonF()
    polygon.resize(len(xy))
    if len(xy):
        # data() is the address of the first point (the stubs call it a QPointF); each point is two doubles
        memory = shiboken6.VoidPtr(polygon.data(), len(xy) * 16, True)  # type: ignore[call-arg, arg-type]
        np.frombuffer(memory, dtype=np.float64).reshape(-1, 2)[:] = xy  # type: ignore[call-overload]
    return polygon


def polygons_path(centres: np.ndarray, sizes: np.ndarray, template: np.ndarray):
    """One path of a closed polygon per centre: `template` scaled by each size, built in one pass."""
    points = centres[:, None, :] + sizes[:, None, None] * template[None, :, :]
    points = np.concatenate([points, points[:, :1]], axis=1)
    rows = np.empty(points.shape[:2], dtype=_ELEMENT)
    rows["kind"] = LINE
    rows["kind"][:, 0] = MOVE
    rows["x"], rows["y"] = points[:, :, 0], points[:, :, 1]
    return _path(rows.ravel())


def within(xy: np.ndarray, rect: QRectF) -> np.ndarray:
    """Which points lie in `rect` (NaN, an actor with no place, never does)."""
    x, y = xy[:, 0], xy[:, 1]
    return (x >= rect.left()) & (x <= rect.right()) & (y >= rect.top()) & (y <= rect.bottom())


class ActorLayer(PictureLayer):
    """Draws the rows of `actors` not itemised; the picture is kept per view transform and theme."""

    def __init__(self):
        super().__init__(z=5)  # over the links, under the actor items
        self.actors = Actors.empty()

    def draw(self, actors: Actors, reach: QRectF) -> None:
        """Draw these rows; `reach` is what they cover (the scene works it out with the names' room). Rows
        that draw as the shown ones do keep the picture (a large map's links arrive with its actors again)."""
        if reach == self._rect and actors.same(self.actors):
            self.actors = actors  # the scene edits the rows in place from now on
            return
        self.prepareGeometryChange()
        self.actors, self._rect = actors, QRectF(reach)
        self.changed()

    def _render(self, transform: QTransform, area: QRect, ratio: float, ink: theme.Ink) -> QPixmap:
        pixmap = blank(area, ratio)
        scale = math.sqrt(abs(transform.determinant())) or 1.0
        view = transform.inverted()[0].mapRect(QRectF(area))
        painter = QPainter(pixmap)
        painter.translate(-area.left(), -area.top())
        painter.setTransform(transform, combine=True)
        for pen, brush, shapes in self.plan(view, scale, ink):
            painter.setPen(pen)
            painter.setBrush(brush)
            if isinstance(shapes, QPolygonF):
                painter.drawPoints(shapes)
            else:
                painter.drawPath(shapes)
        painter.end()
        return pixmap

    def plan(self, view: QRectF, scale: float, ink: theme.Ink) -> list:
        """(pen, brush, path) for the actors in `view` at `scale` device pixels per map unit: a path per
        type (and per placed or waiting), as dots when too small or too crowded to tell the shapes apart."""
        a = self.actors
        reach = a.radius * 1.5
        x, y = a.xy[:, 0], a.xy[:, 1]
        shown = (
            ~a.itemised
            & (x + reach >= view.left())
            & (x - reach <= view.right())
            & (y + reach >= view.top())
            & (y - reach <= view.bottom())
        )
        radius = a.radius[shown]
        covered = math.pi * float(np.dot(radius, radius))  # map units, as the view's area
        dots = float(radius.max(initial=0.0)) * scale < DOT_PX or covered > CROWD * view.width() * view.height()
        out = []
        for n in np.flatnonzero(np.bincount(a.kind[shown], minlength=len(TYPES))).tolist():  # (np.unique loads np.ma)
            style = actor_style(TYPES[n])
            fill = QBrush(ink.actor or QColor(style.colour))
            for waiting in (False, True):
                rows = shown & (a.kind == n) & (a.unplaced == waiting)
                if not rows.any():
                    continue
                if dots:  # a square of the actor's size, at least a pixel and a half across
                    dot = QPen(fill.color(), max(1.5, 2 * float(a.radius[rows].mean()) * scale))
                    dot.setCosmetic(True)
                    dot.setCapStyle(Qt.PenCapStyle.SquareCap)
                    out.append((dot, QBrush(), points(a.xy[rows])))
                    continue
                pen = QPen(ink.ink, 1.2)
                if waiting:
                    pen.setStyle(Qt.PenStyle.DashLine)
                out.append((pen, fill, polygons_path(a.xy[rows], a.radius[rows], _OUTLINES[TYPES[n]])))
        return out
