"""The institutional ecosystem figure of a brief: every actor where the team placed it on the map, drawn
with the map's shape, code and colour for its type, the links between them (each type in its own line
pattern and marked at the target end as on the map; hollow when informal) and a legend of the types shown.

Actors without a map position sit on a ring around the placed ones, with a dashed outline as on the
map. Names are placed below, above or beside their actor, whichever collides least, so they stay
readable; a map with many actors names only those it is given (the brief names the most connected),
the first placed first.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from reportlab.graphics.shapes import Circle, Drawing, Ellipse, Line, Polygon, PolyLine, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from templates_reports.figures.label import label, wrap_lines
from templates_reports.fonts import figure_bold, figure_font, printable, register_fonts
from workbench.boxes import Box, BoxIndex
from workbench.ecosystem.entities import Actor, ActorType, Link, LinkType
from workbench.ecosystem.placement import map_positions
from workbench.ecosystem.style import (
    DOT,
    ELLIPSE,
    FILLED,
    LINK_STYLES,
    RAIL,
    WIDE,
    actor_style,
    corners,
    marker_points,
    text_colour,
)
from workbench.segments import SegmentIndex

MAX_MAP_HEIGHT = 350.0  # with the legend, caption and findings, the annex fits one page
R = 8.5  # an actor's radius, in points
REACH = R * 1.4  # how far a shape reaches from its centre, for links and names
NAME_SIZE, NAME_WIDTH, LEADING = 5.8, 74.0, 6.8
LEGEND_SIZE, LEGEND_ROW = 6.2, 12.0
INK = HexColor("#333333")
GAP = 2.5  # points kept clear around a name
GAPS = (1, 1 + LEADING, 1 + 2 * LEADING, 1 + 4 * LEADING, 1 + 6 * LEADING)  # how far out a name may sit
LINE_CELL = NAME_WIDTH / 4  # the grid the link lines are filed in, near a name's height
LINE_WIDTH = 2.0  # how wide a link line counts when a number must sit somewhere not clear
PATTERN_SCALE = 0.5  # points per map unit: the map's line patterns and an informal link's rails, in print
_PANEL = {"fillColor": Color(1, 1, 1, alpha=0.85), "strokeColor": None, "strokeWidth": 0}  # behind a name


@dataclass(frozen=True)
class _Pen:
    drawing: Drawing
    font: str = field(default_factory=figure_font)
    bold: str = field(default_factory=figure_bold)

    def text(self, x: float, y: float, text: str, size: float, bold: bool = False, anchor: str = "start") -> None:
        font = self.bold if bold else self.font
        for piece in label(x, y, printable(text), font, size, anchor, fillColor=INK):
            self.drawing.add(piece)


def ecosystem_drawing(
    actors: Sequence[Actor], links: Sequence[Link], width: float, named: Sequence[str] | None = None
) -> Drawing:
    """The map `width` points wide, with the names of every actor, or (on a crowded map) of those in
    `named` that fit, the first placed first; the legend then says how many are named."""
    register_fonts()
    placed = map_layout(actors, links, width, named)
    points, map_h, names = placed.points, placed.height, placed.names
    loose = any(a.x is None or a.y is None for a in actors)
    legend = _legend_items(
        actors, links, loose, figure_font(), width, None if named is None else (len(names), len(actors)), placed.key
    )
    legend_h = (max((row for _, _, row, _ in legend), default=-1) + 1) * LEGEND_ROW + 6
    drawing = Drawing(width, map_h + legend_h, initialFontName=figure_bold())  # the default would pull in Helvetica
    pen = _Pen(drawing)
    drawing.add(Rect(0.5, legend_h + 0.5, width - 1, map_h - 1, fillColor=None, strokeColor=HexColor("#bbbbbb")))
    points = {key: (x, y + legend_h) for key, (x, y) in points.items()}
    for link in links:
        if link.source_id in points and link.target_id in points:
            _link(drawing, link, points[link.source_id], points[link.target_id])
    for actor in actors:
        _actor(pen, actor.actor_type, points[actor.id], R, dashed=actor.x is None or actor.y is None)
    _draw_names(pen, names, legend_h)
    _draw_legend(pen, legend, legend_h)
    return drawing


@dataclass(frozen=True)
class MapLayout:
    """Where everything goes on the map (points from its bottom left, legend not included)."""

    points: dict[str, tuple[float, float]]  # actor id -> centre
    height: float
    segments: list[tuple[tuple[float, float], tuple[float, float]]]  # the link lines
    names: list[tuple[list[str], Box]]  # each name's lines (or its number in the key) and panel
    key: list[str]  # "1  Voltaris Cells": the names too crowded to print by their actor


def map_layout(
    actors: Sequence[Actor], links: Sequence[Link], width: float, named: Sequence[str] | None = None
) -> MapLayout:
    positions = map_positions(actors)
    at, height = _fit(positions, width)
    points = {a.id: at(positions[a.id]) for a in actors}
    segments = [
        (points[link.source_id], points[link.target_id])
        for link in links
        if link.source_id in points and link.target_id in points
    ]
    names, key = _place_names(actors, points, (0, 0, width, height), named, segments)
    return MapLayout(points, height, segments, names, key)


def _fit(positions: dict[str, tuple[float, float]], width: float):
    """Map units to points inside the figure box, keeping the map's proportions; and the box's height."""
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    left, top = NAME_WIDTH / 2 + 2, REACH + 3 * LEADING + 2  # room for a name above or below the edge actors
    span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    scale = min((width - 2 * left) / span_x, (MAX_MAP_HEIGHT - 2 * top) / span_y)
    height = span_y * scale + 2 * top
    low_x, low_y = min(xs), min(ys)
    x0 = (width - (max(xs) - low_x) * scale) / 2
    y0 = (height + (max(ys) - low_y) * scale) / 2

    def at(p: tuple[float, float]) -> tuple[float, float]:
        return x0 + (p[0] - low_x) * scale, y0 - (p[1] - low_y) * scale  # the map's y grows downwards

    return at, height


def _link(drawing: Drawing, link: Link, source: tuple[float, float], target: tuple[float, float]) -> None:
    style = LINK_STYLES.get(link.link_type, LINK_STYLES[LinkType.COLLABORATES])
    width = 0.5 + min(link.weight, 10.0) * 0.12
    _line(drawing, source, target, HexColor(style.colour), style.marker, width, link.formal, style.dash)


def _line(
    drawing, source, target, colour: Color, marker: str, width: float, formal: bool, dash=(), reach: float = REACH
):
    """A line from the source's centre to the edge of the target in the link type's pattern (`dash`, map
    units), hollow when informal (a white line inside it), with the type's end mark."""
    length = math.dist(source, target)
    if length < 2 * reach + 2:
        return
    dx, dy = (target[0] - source[0]) / length, (target[1] - source[1]) / length
    tip = (target[0] - dx * (reach + 1), target[1] - dy * (reach + 1))
    pattern = [d * PATTERN_SCALE for d in dash] or None
    outer = width if formal else width + 2 * RAIL * PATTERN_SCALE
    drawing.add(Line(*source, *tip, strokeColor=colour, strokeWidth=outer, strokeDashArray=pattern))
    if not formal:
        drawing.add(Line(*source, *tip, strokeColor=HexColor("#ffffff"), strokeWidth=width, strokeDashArray=pattern))
    points = marker_points(marker, tip, dx, dy, 5.0)
    if marker == "dot":
        drawing.add(Circle(*points[0], 5.0 * DOT, fillColor=colour, strokeColor=colour, strokeWidth=0.6))
    elif marker in FILLED:
        drawing.add(Polygon(_flat(points), fillColor=colour, strokeColor=colour, strokeWidth=0.6))
    elif points:
        drawing.add(PolyLine(_flat(points), strokeColor=colour, strokeWidth=0.9))


def _flat(points: list[tuple[float, float]]) -> list[float]:
    return [v for p in points for v in p]


def _actor(pen: _Pen, actor_type: str, at: tuple[float, float], r: float, dashed: bool = False, code: bool = True):
    """The shape in the type's colour with its code inside, as on the map (the legend gives the code beside)."""
    style = actor_style(actor_type)
    x, y = at
    look = {
        "fillColor": HexColor(style.colour),
        "strokeColor": INK,
        "strokeWidth": 0.6,
        "strokeDashArray": [1.5, 1] if dashed else None,
    }
    if style.shape == "circle":
        shape = Circle(x, y, r, **look)
    elif style.shape == "ellipse":
        shape = Ellipse(x, y, r * ELLIPSE[0], r * ELLIPSE[1], **look)
    elif style.shape == "wide":
        w, h, corner = WIDE
        shape = Rect(x - r * w, y - r * h, 2 * r * w, 2 * r * h, rx=r * corner, ry=r * corner, **look)
    else:
        shape = Polygon(_flat([(x + cx, y - cy) for cx, cy in corners(style.shape, r)]), **look)
    pen.drawing.add(shape)
    if not code:
        return
    size = min(r * 0.55, 1.8 * r / stringWidth(style.code, pen.bold, 1))
    label = String(x, y - size * 0.35, style.code, fontName=pen.bold, fontSize=size, textAnchor="middle")
    label.fillColor = HexColor(text_colour(style.colour))
    pen.drawing.add(label)


def _place_names(
    actors: Sequence[Actor],
    points: dict[str, tuple[float, float]],
    frame: Box,
    named: Sequence[str] | None,
    segments: Sequence[tuple[tuple[float, float], tuple[float, float]]] = (),
) -> tuple[list[tuple[list[str], Box]], list[str]]:
    """Each name below, above, beside or diagonally off its actor, a little further out if need be: the
    first place that hits nothing (no actor, no link line, no other name). Every actor when `named` is
    None, top to bottom: one whose name finds no clear place gets a number, and the key under the map
    (the second list) gives its name. Else those named, in that order, each only where it hits nothing:
    on a crowded map a name printed over another, or over an actor or a line, helps no one."""
    if named is None:
        order = sorted(actors, key=lambda a: (-points[a.id][1], points[a.id][0]))
    else:
        by_id = {a.id: a for a in actors}
        order = [by_id[i] for i in dict.fromkeys(named) if i in by_id]
    obstacles = _Obstacles(BoxIndex(cell=NAME_WIDTH / 2), SegmentIndex(segments, cell=LINE_CELL), frame)
    own = {a.id: obstacles.taken.add(_reach(points[a.id])) for a in actors}
    placed: list[tuple[list[str], Box]] = []
    key: list[str] = []
    for actor in order:
        name = printable(actor.name)
        lines = name_lines(name, figure_font(), NAME_SIZE, NAME_WIDTH)
        box = obstacles.clear_spot(lines, points[actor.id], own[actor.id])
        if box is None and named is not None:
            continue
        if box is None:  # a number instead, in the least bad place if none is clear
            lines = [str(len(key) + 1)]
            box = obstacles.clear_spot(lines, points[actor.id], own[actor.id])
            box = box or obstacles.least_bad_spot(lines, points[actor.id], own[actor.id])
            key.append(f"{lines[0]}  {name}")
        obstacles.taken.add(box)
        placed.append((lines, box))
    return placed, key


def _reach(at: tuple[float, float]) -> Box:
    x, y = at
    return (x - REACH, y - REACH, x + REACH, y + REACH)


@dataclass(frozen=True)
class _Obstacles:
    """What a name must keep clear of: the actors and the names placed (`taken`), the link lines, and
    the frame's edge. A spot costs the few obstacles in its grid cells, and a clear spot is known at
    the first thing it hits."""

    taken: BoxIndex
    lines: SegmentIndex
    frame: Box

    def clear_spot(self, lines: list[str], at: tuple[float, float], own: int) -> Box | None:
        """The first clear place for a label of `lines` around the actor at `at`, if any."""
        return next((box for box in _places(lines, at) if self._clear(_padded(box), own)), None)

    def least_bad_spot(self, lines: list[str], at: tuple[float, float], own: int) -> Box:
        """The place where a label of `lines` covers the least of other things."""
        return min(_places(lines, at), key=lambda box: self._clash(_padded(box), own))

    def _clear(self, box: Box, own: int) -> bool:
        left, low, right, high = self.frame
        inside = left <= box[0] and low <= box[1] and box[2] <= right and box[3] <= high
        return inside and not self.taken.overlaps(box, leave_out=own) and not self.lines.crosses(box)

    def _clash(self, box: Box, own: int) -> float:
        """Area overlapping other names and actors, and link lines (as strokes `LINE_WIDTH` wide), and
        (weighted heavily) area outside the frame; the actor's own shape (numbered `own`) does not count."""
        area = (box[2] - box[0]) * (box[3] - box[1])
        covered = sum(_overlap(box, b) for b in self.taken.near(box, leave_out=own))
        return covered + LINE_WIDTH * self.lines.length_inside(box) + 10 * (area - _overlap(box, self.frame))


def _places(lines: list[str], at: tuple[float, float]) -> Iterator[Box]:
    """Where a label of `lines` may go around the actor at `at`, nearest first (at most `len(GAPS) * 8`)."""
    w = max(stringWidth(line, figure_font(), NAME_SIZE) for line in lines) + 3
    h = len(lines) * LEADING + 1.5
    x, y = at
    for gap in GAPS:  # the box's corner nearest the actor `gap` beyond its reach, towards (sx, sy)
        for sx, sy in ((0, -1), (0, 1), (1, 0), (-1, 0), (0.7, -0.7), (-0.7, -0.7), (0.7, 0.7), (-0.7, 0.7)):
            px, py = x + sx * (REACH + gap) - w * _side(sx), y + sy * (REACH + gap) - h * _side(sy)
            yield (px, py, px + w, py + h)


def _padded(box: Box) -> Box:
    """A name's box with `GAP` all round, so two names never read as one."""
    return (box[0] - GAP, box[1] - GAP, box[2] + GAP, box[3] + GAP)


def _overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _draw_names(pen: _Pen, names: list[tuple[list[str], Box]], lift: float) -> None:
    """Each name on a white panel, `lift` points up (above the legend)."""
    for lines, (left, low, right, high) in names:
        pen.drawing.add(Rect(left, low + lift, right - left, high - low, **_PANEL))
        for n, line in enumerate(lines):
            pen.text((left + right) / 2, high + lift - (n + 1) * LEADING + 1.2, line, NAME_SIZE, anchor="middle")


def _side(direction: float) -> float:
    """The share of a name's width (or height) on the actor's side of its anchor: none when it lies
    towards +`direction`, all when towards -`direction`, half when centred (0)."""
    return 0.5 - math.copysign(0.5, direction) if direction else 0.5


def name_lines(name: str, font: str, size: float, width: float) -> list[str]:
    """A name on as many lines of `width` points as it takes, broken between words: never cut off."""
    return wrap_lines(name, font, size, width)


def _legend_items(
    actors: Sequence[Actor],
    links: Sequence[Link],
    loose: bool,
    font: str,
    width: float,
    named: tuple[int, int] | None,
    key: Sequence[str] = (),
):
    """(kind, key, row, x) for the actor types and link types on this map, flowed into rows; when only
    some actors are named, how many of how many (`named`); and the numbered names of the `key`, one too
    long for a row wrapped onto rows of its own (never cut short)."""
    types = [t.value for t in ActorType if any(a.actor_type == t.value for a in actors)]
    kinds = [t.value for t in LinkType if any(link.link_type == t.value for link in links)]
    entries = [("actor", t) for t in types] + [("link", k) for k in kinds]
    entries += [("informal", "")] if any(not link.formal for link in links) else []
    entries += [("loose", "")] if loose else []
    entries += [("named", f"names: {named[0]:,} of {named[1]:,} actors (the most connected that fit)")] if named else []
    entries += [("key", entry) for entry in key]
    items, row, x = [], 0, 4.0
    for kind, key in entries:
        w = 26 + stringWidth(_legend_text(kind, key), font, LEGEND_SIZE) + 10
        if kind == "key" and w > width:  # a name too long for a row: whole, on rows of its own
            row = row + 1 if x > 4 else row
            lines = _key_lines(key, font, width - 8)
            items += [("key", line, row + n, 4.0 + indent) for n, (line, indent) in enumerate(lines)]
            row, x = row + len(lines) - 1, width
            continue
        if x + w > width and x > 4:
            row, x = row + 1, 4.0
        items.append((kind, key, row, x))
        x += w
    return items


def _key_lines(entry: str, font: str, room: float) -> list[tuple[str, float]]:
    """A numbered name of the key wrapped to `room` points: each line with how far in it starts (the
    lines after the first under the name, clear of its number)."""
    number, name = entry.split("  ", 1)
    indent = stringWidth(f"{number}  ", font, LEGEND_SIZE)
    lines = wrap_lines(name, font, LEGEND_SIZE, room - indent)
    return [(f"{number}  {lines[0]}", 0.0), *((line, indent) for line in lines[1:])]


def _legend_text(kind: str, key: str) -> str:
    if kind == "actor":
        code, name = actor_style(key).code, ActorType(key).label
        return name if code.casefold() == name.casefold() else f"{code}  {name}"  # "SME", not "SME  SME"
    if kind == "link":
        return LinkType(key).label
    if kind in ("named", "key"):
        return key
    return "informal link" if kind == "informal" else "no map position yet"


def _draw_legend(pen: _Pen, items, height: float) -> None:
    for kind, key, row, x in items:
        y = height - 4 - (row + 0.5) * LEGEND_ROW
        if kind == "key":  # a numbered name: the number is on the map
            pen.text(x + 2, y - LEGEND_SIZE * 0.35, key, LEGEND_SIZE)
            continue
        if kind == "actor":
            _actor(pen, key, (x + 8, y), 5.0, code=False)
        elif kind == "loose":
            _actor(pen, ActorType.OTHER.value, (x + 8, y), 5.0, dashed=True, code=False)
        elif kind == "named":
            pen.drawing.add(Rect(x + 2, y - 4, 22, 8, fillColor=HexColor("#ffffff"), strokeColor=INK, strokeWidth=0.4))
            pen.text(x + 13, y - 2, "Name", NAME_SIZE * 0.8, anchor="middle")
        else:
            style = LINK_STYLES[key] if kind == "link" else None
            colour = HexColor(style.colour) if style else INK
            marker, dash = (style.marker, style.dash) if style else ("none", ())
            _line(pen.drawing, (x, y), (x + 26, y), colour, marker, 1.0, kind == "link", dash, 0)
        pen.text(x + 26 + 2, y - LEGEND_SIZE * 0.35, _legend_text(kind, key), LEGEND_SIZE)
