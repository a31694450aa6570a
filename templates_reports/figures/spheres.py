"""The spheres figure of a brief: the three circles as the canvas shows them, with the item count of
every region.

A reportlab Drawing of the model (vector, so it prints sharp and its words can be found
in the PDF). Colours, label places and the warning mark follow the canvas (ui/views/spheres), so a
minister sees the picture the team worked on.
"""

from __future__ import annotations

import colorsys
import math
from collections.abc import Sequence
from statistics import mean

from reportlab.graphics.shapes import Circle, Drawing, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from templates_reports.figures.label import fit_lines, label, label_width
from templates_reports.fonts import figure_bold, printable, register_fonts
from workbench.spheres.analysis import SpheresAnalysis
from workbench.spheres.entities import Region, Sphere, region_anchors

MAX_HEIGHT = 330.0
FILL_ALPHA = 60 / 255  # as on the canvas
INK = HexColor("#333333")
WARN = HexColor("#a1001c")
FRAME_FILL = Color(235 / 255, 235 / 255, 235 / 255, alpha=120 / 255)
OUTSIDE_TEXT = "Outside IIP (complementary: trade, competition)"
MARK_FILL = HexColor("#fff3a3")  # a sticky note
MARK_ROOM = 80.0  # canvas units kept around a mark, so a note in the parking area stays on the picture


def spheres_drawing(
    spheres: Sequence[Sphere], analysis: SpheresAnalysis, width: float, marks: Sequence[tuple[float, float, str]] = ()
) -> Drawing:
    """`marks` (x, y, label) are drawn as small numbered notes where they sit (a workshop board)."""
    register_fonts()
    radius = mean(s.r for s in spheres)
    left = min([s.cx - s.r for s in spheres] + [x - MARK_ROOM for x, _y, _t in marks]) - 0.9 * radius
    right = max([s.cx + s.r for s in spheres] + [x + MARK_ROOM for x, _y, _t in marks]) + 0.9 * radius
    top = min([s.cy - s.r for s in spheres] + [y - MARK_ROOM for _x, y, _t in marks]) - 0.45 * radius
    bottom = max([s.cy + s.r for s in spheres] + [y + MARK_ROOM for _x, y, _t in marks]) + 0.5 * radius
    scale = min(width / (right - left), MAX_HEIGHT / (bottom - top))
    w, h = (right - left) * scale, (bottom - top) * scale

    def at(x: float, y: float) -> tuple[float, float]:
        return (x - left) * scale, (bottom - y) * scale  # the canvas's y grows downwards, the page's upwards

    drawing = Drawing(w, h, initialFontName=figure_bold())  # the default would pull in Helvetica, unembedded
    drawing.add(
        Rect(
            0.5,
            0.5,
            w - 1,
            h - 1,
            rx=6,
            ry=6,
            fillColor=FRAME_FILL,
            strokeColor=HexColor("#666666"),
            strokeWidth=1,
            strokeDashArray=[4, 3],
        )
    )
    outside = analysis.regions[Region.OUTSIDE].count
    _label(drawing, (w / 2, h - 12), f"{OUTSIDE_TEXT}: {outside}", 8, HexColor("#444444"), w - 12)
    for s in spheres:
        colour = HexColor(s.colour)
        x, y = at(s.cx, s.cy)
        drawing.add(
            Circle(
                x,
                y,
                s.r * scale,
                fillColor=Color(colour.red, colour.green, colour.blue, FILL_ALPHA),
                strokeColor=_darker(colour, 1.3),
                strokeWidth=1.6,
            )
        )
    middle = (mean(s.cx for s in spheres), mean(s.cy for s in spheres))
    for s in spheres:
        _sphere_name(drawing, s, middle, at, w)
    flagged = {g["region"] for g in analysis.gaps if g["severity"] in ("empty", "thin")}
    anchors = region_anchors(spheres)
    for region, stats in analysis.regions.items():
        if region is Region.OUTSIDE:
            continue
        warn = region.value in flagged
        text = f"{'⚠ ' if warn else ''}{stats.count}"  # where it is drawn says which region (no letter codes)
        _label(drawing, at(*anchors[region]), text, 8.5, WARN if warn else INK, 70)
    for x, y, text in marks:
        mx, my = at(x, y)
        size = 7.5
        bold = figure_bold()
        half = stringWidth(text, bold, size) / 2 + 3
        drawing.add(Rect(mx - half, my - 6, 2 * half, 12, fillColor=MARK_FILL, strokeColor=INK, strokeWidth=0.8))
        drawing.add(String(mx, my - 2.6, text, fontName=bold, fontSize=size, fillColor=INK, textAnchor="middle"))
    return drawing


def _sphere_name(drawing: Drawing, s: Sphere, middle: tuple[float, float], at, width: float) -> None:
    """The name just outside the circle, on the side facing away from the others, so names never collide."""
    dx, dy = s.cx - middle[0], s.cy - middle[1]
    length = math.hypot(dx, dy)
    ux, uy = (dx / length, dy / length) if length > 1e-9 else (0.0, -1.0)
    x, y = at(s.cx + ux * s.r * 1.05, s.cy + uy * s.r * 1.05)
    anchor = "end" if ux < -0.35 else "start" if ux > 0.35 else "middle"
    room = {"end": x - 6, "start": width - x - 6}.get(anchor, 2 * min(x, width - x) - 12)
    valign = "top" if uy > 0.35 else "bottom" if uy < -0.35 else "centre"
    colour = _darker(HexColor(s.colour), 1.7)
    _label(drawing, (x, y), f"{s.key}  {s.name}", 9, colour, max(room, 40), anchor=anchor, valign=valign)


def _label(
    drawing: Drawing,
    at: tuple[float, float],
    text: str,
    size: float,
    colour: Color,
    room: float,
    anchor: str = "middle",
    valign: str = "centre",
) -> None:
    """Bold text that fits `room` points: shrunk a little, else on two lines, else on as many as it takes."""
    lines, size = _fit(printable(text), size, room)
    leading = size * 1.2
    x, y = at
    extra = (len(lines) - 1) * leading
    first = {"top": y - size, "bottom": y + extra}.get(valign, y - size / 3 + extra / 2)
    for n, line in enumerate(lines):
        for piece in label(x, first - n * leading, line, figure_bold(), size, anchor, fillColor=colour):
            drawing.add(piece)


def _fit(text: str, size: float, room: float) -> tuple[list[str], float]:
    """Shrunk a little, else on two balanced lines, else on as many as it takes: never cut off."""
    smallest = size - 1.5
    for candidate in ([text], _two_lines(text)):
        at_size = size
        while at_size >= smallest:
            if all(label_width(line, figure_bold(), at_size) <= room for line in candidate):
                return candidate, at_size
            at_size -= 0.5
    return fit_lines(text, figure_bold(), size, room, 2, smallest)


def _two_lines(text: str) -> list[str]:
    """Split at the space nearest the middle (a single long word is cut in half)."""
    spaces = [i for i, c in enumerate(text) if c == " " and text[:i].strip()]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2)) if spaces else len(text) // 2
    return [text[:cut].rstrip(), text[cut:].strip()]


def _darker(colour: Color, factor: float) -> Color:
    """Qt's QColor.darker: the same hue with its value divided by `factor`."""
    h, s, v = colorsys.rgb_to_hsv(colour.red, colour.green, colour.blue)
    return Color(*colorsys.hsv_to_rgb(h, s, v / factor))
