"""Actor outlines as Qt paths; the shapes, codes and colours themselves live in workbench.ecosystem.style,
shared with the brief figure so map and print agree."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

from workbench.ecosystem.style import ELLIPSE, WIDE, corners


def actor_shape(shape: str, r: float) -> QPainterPath:
    """The outline of an actor of radius `r`, centred on the origin."""
    path = QPainterPath()
    if shape == "circle":
        path.addEllipse(QPointF(0, 0), r, r)
    elif shape == "ellipse":
        path.addEllipse(QPointF(0, 0), r * ELLIPSE[0], r * ELLIPSE[1])
    elif shape == "wide":
        half_w, half_h, corner = WIDE
        path.addRoundedRect(QRectF(-r * half_w, -r * half_h, 2 * r * half_w, 2 * r * half_h), r * corner, r * corner)
    else:
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in corners(shape, r)]))
    path.closeSubpath()
    return path
