"""How actors and links look: a shape, a short code and a colour per actor type, and a colour, line
and end marker per link type. Colours come from the Okabe-Ito palette (safe for colour-blind
readers) and are never the only carrier: every type also has its own shape or end marker."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainterPath, QPolygonF

from workbench.ecosystem import ActorType, LinkType

GOVERNMENT, KNOWLEDGE, BUSINESS, FINANCE, OTHER = "#0072b2", "#009e73", "#e69f00", "#cc79a7", "#999999"


@dataclass(frozen=True)
class ActorStyle:
    shape: str
    code: str  # drawn inside the shape
    colour: str
    family: str


ACTOR_STYLES: dict[str, ActorStyle] = {
    ActorType.MINISTRY: ActorStyle("square", "MIN", GOVERNMENT, "Government"),
    ActorType.AGENCY: ActorStyle("diamond", "AGY", GOVERNMENT, "Government"),
    ActorType.REGIONAL_BODY: ActorStyle("pentagon", "REG", GOVERNMENT, "Government"),
    ActorType.UNIVERSITY: ActorStyle("hexagon", "UNI", KNOWLEDGE, "Knowledge"),
    ActorType.NATIONAL_LAB: ActorStyle("triangle", "LAB", KNOWLEDGE, "Knowledge"),
    ActorType.RTO: ActorStyle("octagon", "RTO", KNOWLEDGE, "Knowledge"),
    ActorType.ACADEMY: ActorStyle("triangle_down", "ACAD", KNOWLEDGE, "Knowledge"),
    ActorType.THINK_TANK: ActorStyle("trapezoid", "THINK", KNOWLEDGE, "Knowledge"),
    ActorType.LARGE_FIRM: ActorStyle("wide", "FIRM", BUSINESS, "Business"),
    ActorType.SME: ActorStyle("circle", "SME", BUSINESS, "Business"),
    ActorType.INDUSTRY_ASSOCIATION: ActorStyle("parallelogram", "ASSN", BUSINESS, "Business"),
    ActorType.INVESTOR: ActorStyle("star", "INV", FINANCE, "Finance"),
    ActorType.OTHER: ActorStyle("ellipse", "OTHER", OTHER, "Other"),
}


@dataclass(frozen=True)
class LinkStyle:
    colour: str
    marker: str  # at the target end: arrow, open_arrow, bar, dot, diamond, none (collaboration has no direction)


LINK_STYLES: dict[str, LinkStyle] = {
    LinkType.FUNDS: LinkStyle("#d55e00", "arrow"),
    LinkType.ADVISES: LinkStyle("#56b4e9", "open_arrow"),
    LinkType.REGULATES: LinkStyle("#000000", "bar"),
    LinkType.COLLABORATES: LinkStyle("#009e73", "none"),
    LinkType.REPRESENTS: LinkStyle("#cc79a7", "diamond"),
    LinkType.REPORTS_TO: LinkStyle("#0072b2", "dot"),
}


def actor_style(actor_type: str) -> ActorStyle:
    return ACTOR_STYLES.get(actor_type, ACTOR_STYLES[ActorType.OTHER])


def text_colour(background: str) -> QColor:
    """Black or white, whichever reads better on `background`."""
    colour = QColor(background)
    luminance = 0.299 * colour.redF() + 0.587 * colour.greenF() + 0.114 * colour.blueF()
    return QColor("#000000" if luminance > 0.55 else "#ffffff")


def actor_shape(shape: str, r: float) -> QPainterPath:
    """The outline of an actor of radius `r`, centred on the origin."""
    path = QPainterPath()
    if shape == "circle":
        path.addEllipse(QPointF(0, 0), r, r)
    elif shape == "ellipse":
        path.addEllipse(QPointF(0, 0), r * 1.35, r * 0.8)
    elif shape == "square":
        path.addRect(QRectF(-r * 0.9, -r * 0.9, r * 1.8, r * 1.8))
    elif shape == "wide":
        path.addRoundedRect(QRectF(-r * 1.4, -r * 0.8, r * 2.8, r * 1.6), r * 0.3, r * 0.3)
    elif shape == "star":
        path.addPolygon(_polygon([(r if i % 2 == 0 else r * 0.5, -90 + 36 * i) for i in range(10)]))
    elif shape in _POLYGONS:
        path.addPolygon(_polygon([(r * scale, angle) for scale, angle in _POLYGONS[shape]]))
    else:
        path.addPolygon(QPolygonF([QPointF(x * r, y * r) for x, y in _QUADS[shape]]))
    path.closeSubpath()
    return path


def _polygon(points: list[tuple[float, float]]) -> QPolygonF:
    corners = [QPointF(d * math.cos(math.radians(a)), d * math.sin(math.radians(a))) for d, a in points]
    return QPolygonF([*corners, corners[0]])


def _regular(sides: int, start: float, scale: float = 1.0) -> list[tuple[float, float]]:
    return [(scale, start + 360 / sides * i) for i in range(sides)]


_POLYGONS = {
    "diamond": _regular(4, -90, 1.15),
    "pentagon": _regular(5, -90, 1.05),
    "hexagon": _regular(6, 0, 1.05),
    "octagon": _regular(8, 22.5, 1.02),
    "triangle": _regular(3, -90, 1.3),
    "triangle_down": _regular(3, 90, 1.3),
}
_QUADS = {
    "trapezoid": [(-1.3, -0.8), (1.3, -0.8), (0.8, 0.8), (-0.8, 0.8)],
    "parallelogram": [(-0.9, -0.8), (1.4, -0.8), (0.9, 0.8), (-1.4, 0.8)],
}
