"""How actors and links look, shared by the map (ui) and the brief figure so both tell the same legend:
a shape, a short code and a colour per actor type, and a colour, line pattern and end marker per link
type. Colours come from the Okabe-Ito palette (safe for colour-blind readers) and are never the only
carrier: every actor type has its own shape, every link type its own pattern along the whole line (one
ink on a projector or in high contrast still tells them apart) and its own end marker. An informal
link is drawn hollow: its line in two thin rails. Geometry is in units of an actor's radius, y growing
down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from workbench.ecosystem.entities import ActorType, LinkType

GOVERNMENT, KNOWLEDGE, BUSINESS, FINANCE, OTHER = "#0072b2", "#009e73", "#e69f00", "#cc79a7", "#999999"

Point = tuple[float, float]


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
    dash: tuple[float, ...] = ()  # dash, gap, dash, gap... in map units (a point in print); () is a solid line


DASH_PERIOD = 12.0  # every pattern repeats within this length (map units), so dashes stay put as the map moves
LINK_STYLES: dict[str, LinkStyle] = {
    LinkType.FUNDS: LinkStyle("#d55e00", "arrow", (9.0, 3.0)),  # long dashes
    LinkType.ADVISES: LinkStyle("#56b4e9", "open_arrow", (1.5, 2.5)),  # dots
    LinkType.REGULATES: LinkStyle("#000000", "bar", (6.0, 2.0, 2.0, 2.0)),  # dash and dot
    LinkType.COLLABORATES: LinkStyle("#009e73", "none"),  # solid
    LinkType.REPRESENTS: LinkStyle("#cc79a7", "diamond", (4.0, 2.0, 1.5, 1.5, 1.5, 1.5)),  # dash and two dots
    LinkType.REPORTS_TO: LinkStyle("#0072b2", "dot", (4.0, 2.0)),  # short dashes
}
RAIL = 1.0  # an informal link is hollow: its width in the background's colour between two rails this wide

# The curved shapes, per unit radius: the ellipse's half axes, and the rounded box's half sides and corner.
ELLIPSE = (1.35, 0.8)
WIDE = (1.4, 0.8, 0.3)
FILLED = frozenset({"arrow", "dot", "diamond"})  # link markers drawn solid; the others are lines
DOT = 0.4  # the 'dot' marker's radius, and how far its centre sits back from the tip, per unit marker size


def actor_style(actor_type: str) -> ActorStyle:
    return ACTOR_STYLES.get(actor_type, ACTOR_STYLES[ActorType.OTHER])


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on the `background` colour ('#rrggbb')."""
    red, green, blue = (int(background.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 0.55 else "#ffffff"


def marker_points(kind: str, tip: Point, dx: float, dy: float, size: float) -> list[Point]:
    """The mark at a link's target end pointing along (dx, dy): the corners of its outline (closed when
    the marker is in FILLED, except 'dot', given as its centre; radius DOT * size); none for 'none'."""
    (x, y), back, side = tip, (-dx * size, -dy * size), (-dy * size * 0.5, dx * size * 0.5)

    def at(b: float, s: float) -> Point:
        return x + back[0] * b + side[0] * s, y + back[1] * b + side[1] * s

    return {
        "arrow": [at(1, 1), tip, at(1, -1)],
        "open_arrow": [at(1, 1), tip, at(1, -1)],
        "bar": [at(0, 1.3), at(0, -1.3)],
        "dot": [at(DOT, 0)],
        "diamond": [tip, at(0.6, 1), at(1.2, 0), at(0.6, -1)],
    }.get(kind, [])


def corners(shape: str, r: float) -> list[Point]:
    """The corners of a polygonal actor shape of radius `r` centred on the origin (not circle, ellipse, wide)."""
    if shape == "square":
        return [(-r * 0.9, -r * 0.9), (r * 0.9, -r * 0.9), (r * 0.9, r * 0.9), (-r * 0.9, r * 0.9)]
    if shape == "star":
        return _polar([(r if i % 2 == 0 else r * 0.5, -90 + 36 * i) for i in range(10)])
    if shape in _POLYGONS:
        return _polar([(r * scale, angle) for scale, angle in _POLYGONS[shape]])
    return [(x * r, y * r) for x, y in _QUADS[shape]]


def _polar(points: list[tuple[float, float]]) -> list[Point]:
    return [(d * math.cos(math.radians(a)), d * math.sin(math.radians(a))) for d, a in points]


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
