"""What a reader of a printed figure trips over, measured on its reportlab drawing: a label over another
label, over a node or bar it does not sit inside, crossed by a line, outside the figure, or cut short."""

from __future__ import annotations

import itertools

from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from workbench.boxes import Box
from workbench.segments import inside

SLACK = 0.3  # points: pieces of one label touch end to end, and a card's edge may touch its text's box
ELLIPSIS = "…"


def shapes(drawing: Drawing):
    """Every shape of the drawing, groups opened (figures here are drawn unscaled)."""
    stack = list(drawing.contents)
    while stack:
        node = stack.pop(0)
        if isinstance(node, Group):
            stack[:0] = node.contents
        else:
            yield node


def text_box(s: String) -> Box:
    width = stringWidth(s.text, s.fontName, s.fontSize)
    left = s.x - {"start": 0.0, "middle": width / 2, "end": width}.get(s.textAnchor, 0.0)
    return (left, s.y - 0.21 * s.fontSize, left + width, s.y + 0.72 * s.fontSize)


def shape_box(node: Rect | Polygon) -> Box:
    if isinstance(node, Rect):
        return (node.x, node.y, node.x + node.width, node.y + node.height)
    xs, ys = node.points[0::2], node.points[1::2]
    return (min(xs), min(ys), max(xs), max(ys))


def meet(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > SLACK and min(a[3], b[3]) - max(a[1], b[1]) > SLACK


def within(a: Box, b: Box) -> bool:
    return a[0] >= b[0] - SLACK and a[1] >= b[1] - SLACK and a[2] <= b[2] + SLACK and a[3] <= b[3] + SLACK


def crosses(box: Box, a: tuple[float, float], b: tuple[float, float]) -> bool:
    return inside(box, (a, b)) > 0


def segments(node: Line | PolyLine) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    if isinstance(node, Line):
        return [((node.x1, node.y1), (node.x2, node.y2))]
    points = list(zip(node.points[0::2], node.points[1::2], strict=True))
    return list(itertools.pairwise(points))


def shrunk(box: Box) -> Box:
    return (box[0] + SLACK, box[1] + SLACK, box[2] - SLACK, box[3] - SLACK)


def problems(drawing: Drawing) -> list[str]:
    """Each place a label is hard to read, in words; none for a clean figure."""
    every = list(shapes(drawing))
    labels = [(s.text, text_box(s)) for s in every if isinstance(s, String) and s.text.strip()]
    nodes = [shape_box(n) for n in every if isinstance(n, (Rect, Polygon))]
    lines = [seg for n in every if isinstance(n, (Line, PolyLine)) for seg in segments(n)]
    found = []
    for (a, first), (b, second) in itertools.combinations(labels, 2):
        if meet(first, second):
            found.append(f"label {a!r} over label {b!r}")
    for text, box in labels:
        if text.endswith(ELLIPSIS):
            found.append(f"label {text!r} cut short")
        if box[0] < -SLACK or box[1] < -SLACK or box[2] > drawing.width + SLACK or box[3] > drawing.height + SLACK:
            found.append(f"label {text!r} cut off at the figure's edge")
        holders = [n for n in nodes if within(box, n)]
        found += [f"label {text!r} over a node or bar" for n in nodes if meet(box, n) and not within(box, n)]
        crossing = [seg for seg in lines if crosses(shrunk(box), *seg)]
        # lines drawn inside the node holding the label (a bar's hatching) are the label's background
        found += [
            f"label {text!r} crossed by a line"
            for a, b in crossing
            if not any(within((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])), n) for n in holders)
        ]
    return found
