"""An indicator's trajectory: its measurements against the straight path from baseline to target, as a
reportlab vector drawing in the brief's fonts.

The path is a dashed line between its two ends, each labelled with its value and date; the measurements
are joined by a solid line, each drawn with the status's shape (circle on track, triangle at risk,
square off track) and the status written above the chart, so it is never told by colour alone.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from templates_reports.fonts import figure_bold, figure_font, printable, register_fonts
from workbench.briefs.blocks import TrajectoryDiagram
from workbench.briefs.format import short_date
from workbench.segments import inside

STANDALONE_WIDTH = 480.0
HEIGHT = 150.0
INK, MUTED, GRID = HexColor("#1a1a1a"), HexColor("#555555"), HexColor("#d0d0d0")
STATUS_COLOUR = {  # Okabe-Ito hues; the shape and the words carry the status as well
    "on_track": HexColor("#009e73"),
    "at_risk": HexColor("#e69f00"),
    "off_track": HexColor("#a1001c"),
}
LEFT, RIGHT, TOP, BOTTOM = 44.0, 12.0, 30.0, 34.0
SIZE = 8.0  # points, as printed (the chart is never scaled): the least a reader of a 12 pt brief can read
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)  # years between labelled ticks, the fewest that keep them apart


def trajectory_drawing(diagram: TrajectoryDiagram, width: float = STANDALONE_WIDTH) -> Drawing:
    register_fonts()
    d = Drawing(width, HEIGHT, initialFontName=figure_font())
    points = [*diagram.path, *diagram.measurements]
    days = [_day(iso) for iso, _v in points]
    values = [v for _iso, v in points]
    first, last = min(days), max(days)
    low, high = _range(values)
    span_days = max((last - first).days, 1)
    plot_w, plot_h = width - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def at(iso: str, value: float) -> tuple[float, float]:
        return (
            LEFT + plot_w * (_day(iso) - first).days / span_days,
            BOTTOM + plot_h * (value - low) / (high - low),
        )

    _axes(d, width, low, high, first, last, diagram.unit)
    colour = STATUS_COLOUR.get(diagram.status, MUTED)
    _text(d, LEFT, HEIGHT - 12, printable(diagram.words), colour=INK, font=figure_bold(), size=8.0)
    _text(d, width - RIGHT, HEIGHT - 12, "- - - straight path from baseline to target     —— measured", "end")
    if len(diagram.path) == 2:
        (start, baseline), (end, target) = diagram.path
        x0, y0 = at(start, baseline)
        x1, y1 = at(end, target)
        d.add(Line(x0, y0, x1, y1, strokeColor=MUTED, strokeWidth=0.8, strokeDashArray=[3, 2]))
        for x, y in ((x0, y0), (x1, y1)):
            d.add(Circle(x, y, 1.8, fillColor=white, strokeColor=MUTED, strokeWidth=0.8))
        ends = f"Baseline {_number(baseline)} on {short_date(start)}; target {_number(target)} by {short_date(end)}"
        _text(d, LEFT, 3, printable(f"{ends} ({diagram.unit})" if diagram.unit else ends))
    marks = [at(iso, value) for iso, value in diagram.measurements]
    if len(marks) > 1:
        d.add(PolyLine([c for xy in marks for c in xy], strokeColor=colour, strokeWidth=1.2))
    for n, (x, y) in enumerate(marks):
        _mark(d, diagram.status, x, y, 4.5 if n == len(marks) - 1 else 3.0, colour)
    if diagram.measurements:
        iso, value = diagram.measurements[-1]
        words = f"{_number(value)} ({short_date(iso)})"
        x, y = _clear_spot(d, marks[-1], stringWidth(words, figure_font(), SIZE), width)
        _text(d, x, y, words, colour=INK)
    return d


def _clear_spot(d: Drawing, mark: tuple[float, float], w: float, width: float) -> tuple[float, float]:
    """Where the latest measurement's label starts: beside its mark, on the first side no line of the chart
    crosses and within the plot; right and above if none is clear."""
    x, y = mark
    lines = [seg for node in d.contents for seg in _segments(node)]
    spots = [
        (x + 7, y + 4),
        (x + 7, y - 11),
        (x - 7 - w, y + 4),
        (x - 7 - w, y - 11),
        (x + 7, y + 12),
        (x - 7 - w, y + 12),
    ]
    for left, base in spots:
        box = (left, base - 0.21 * SIZE, left + w, base + 0.72 * SIZE)
        within = box[0] >= LEFT and box[2] <= width - 2 and box[1] >= BOTTOM and box[3] <= HEIGHT - TOP
        if within and not any(inside(box, line) for line in lines):
            return left, base
    return spots[0]


def _segments(node: object) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    if isinstance(node, Line):
        return [((node.x1, node.y1), (node.x2, node.y2))]
    if isinstance(node, PolyLine):
        points = list(zip(node.points[0::2], node.points[1::2], strict=True))
        return list(itertools.pairwise(points))
    return []


def _number(value: float) -> str:
    """3,000 and 24,000 (never 2.4e+04), 7.5 and 0.2."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def _text(
    d: Drawing, x: float, y: float, text: str, anchor: str = "start", colour: Color = MUTED, font: str = "",
    size: float = SIZE,
) -> None:  # fmt: skip
    font = font or figure_font()
    d.add(String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor))


def _axes(d: Drawing, width: float, low: float, high: float, first: dt.date, last: dt.date, unit: str) -> None:
    right, top = width - RIGHT, HEIGHT - TOP
    d.add(Line(LEFT, BOTTOM, right, BOTTOM, strokeColor=MUTED, strokeWidth=0.6))
    d.add(Line(LEFT, BOTTOM, LEFT, top, strokeColor=MUTED, strokeWidth=0.6))
    for share in (0.0, 0.5, 1.0):
        y = BOTTOM + share * (top - BOTTOM)
        d.add(Line(LEFT, y, right, y, strokeColor=GRID, strokeWidth=0.3))
        _text(d, LEFT - 3, y - 3, _number(low + share * (high - low)), "end")
    if unit:
        _text(d, 4, top + 8, printable(unit))
    per_year = (right - LEFT) * 365.25 / max((last - first).days, 1)
    step = next((k for k in YEAR_STEPS if k * per_year >= stringWidth("2030", figure_font(), SIZE) + 6), YEAR_STEPS[-1])
    for year in range(first.year + (first > dt.date(first.year, 1, 1)), last.year + 1):
        if year % step:
            continue
        x = LEFT + (right - LEFT) * (dt.date(year, 1, 1) - first).days / max((last - first).days, 1)
        d.add(Line(x, BOTTOM, x, BOTTOM - 3, strokeColor=MUTED, strokeWidth=0.5))
        _text(d, x, BOTTOM - 12, str(year), "middle")


def _mark(d: Drawing, status: str, x: float, y: float, r: float, colour: Color) -> None:
    """The status's shape, as the words and the inspector give it: ● on track, ▲ at risk, ■ off track."""
    style = {"fillColor": colour, "strokeColor": white, "strokeWidth": 0.6}
    if status == "at_risk":
        d.add(Polygon([x - r, y - r * 0.8, x + r, y - r * 0.8, x, y + r], **style))
    elif status == "off_track":
        d.add(Rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7, **style))
    else:
        d.add(Circle(x, y, r, **style))


def _range(values: list[float]) -> tuple[float, float]:
    """The value axis: from zero when nothing is below it (so a change is not exaggerated) to a round top."""
    low, high = min(values), max(values)
    if low >= 0:
        return 0.0, _round_up(high) if high > 0 else 1.0
    if high == low:
        return low - 1.0, high + 1.0
    pad = (high - low) * 0.08
    return low - pad, high + pad


def _round_up(value: float) -> float:
    """The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 or 10 times a power of ten that is at least `value`."""
    magnitude = 10 ** math.floor(math.log10(value))
    return next(m * magnitude for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * magnitude >= value)


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)
