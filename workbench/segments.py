"""Line segments bucketed by the grid cells they pass through, so asking which lines cross a box tests
only the few lines near it.

Placing a map's names keeps every name off every link line: tested against a plain list (or a line cut
into many small boxes) each spot tried costs every line on the map, and a crowded map's names cost the
square of its size. Here a spot costs the lines in its own cells, and a yes/no question stops at the
first line that crosses.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

from workbench.boxes import Box

Point = tuple[float, float]
Segment = tuple[Point, Point]


def inside(box: Box, segment: Segment) -> float:
    """The share (0 to 1) of `segment` that runs through the inside of `box` (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = segment
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q <= 0:
                return 0.0
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return 0.0
    return high - low


class SegmentIndex:
    """Segments filed under every grid cell they pass through; `cell` near the size of the boxes asked about."""

    def __init__(self, segments: Iterable[Segment] = (), cell: float = 1.0):
        self.cell = cell
        self.segments: list[Segment] = []
        self.cells: dict[tuple[int, int], list[int]] = {}
        for segment in segments:
            self.add(segment)

    def add(self, segment: Segment) -> None:
        """File `segment` under every cell it passes through, column by column: a long diagonal line
        costs its length in cells, not the area of its bounding box."""
        number = len(self.segments)
        self.segments.append(segment)
        for key in self._cells(segment):
            self.cells.setdefault(key, []).append(number)

    def _cells(self, segment: Segment) -> Iterator[tuple[int, int]]:
        (x0, y0), (x1, y1) = sorted(segment)
        c = self.cell
        for i in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            if x1 > x0:  # where the segment enters and leaves column i (shares of its run: never infinite)
                ya = y0 + (y1 - y0) * ((max(x0, i * c) - x0) / (x1 - x0))
                yb = y0 + (y1 - y0) * ((min(x1, (i + 1) * c) - x0) / (x1 - x0))
            else:
                ya, yb = y0, y1
            for j in range(math.floor(min(ya, yb) / c), math.floor(max(ya, yb) / c) + 1):
                yield i, j

    def _keys(self, box: Box) -> Iterator[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                yield i, j

    def near(self, box: Box) -> Iterator[Segment]:
        """Each segment filed in a cell `box` touches, once, cell by cell (so a caller may stop early)."""
        seen: set[int] = set()
        for key in self._keys(box):
            for n in self.cells.get(key, ()):
                if n not in seen:
                    seen.add(n)
                    yield self.segments[n]

    def crosses(self, box: Box) -> bool:
        """Whether any segment runs through the inside of `box`."""
        return any(inside(box, segment) > 0 for segment in self.near(box))

    def length_inside(self, box: Box) -> float:
        """How much line, in all, runs through the inside of `box`."""
        return sum(inside(box, segment) * math.dist(*segment) for segment in self.near(box))
