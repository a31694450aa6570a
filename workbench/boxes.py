"""Boxes bucketed by grid cell, so asking what lies near a box looks at its neighbours only.

Placing labels (the spheres' region names, the ecosystem figure's actor names) asks, for every spot
tried, which boxes it would cover: against a plain list that is every box placed so far, and the work
grows with the square of the labels. A box is (low x, low y, high x, high y) in whichever direction
the caller's y grows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

Box = tuple[float, float, float, float]


class BoxIndex:
    """Boxes filed under every grid cell they touch; `cell` near the size of the boxes asked about."""

    def __init__(self, boxes: Iterable[Box] = (), cell: float = 1.0):
        self.cell = cell
        self.boxes: list[Box] = []
        self.cells: dict[tuple[int, int], list[int]] = {}
        for box in boxes:
            self.add(box)

    def add(self, box: Box) -> int:
        """File `box`; its number (for `near(..., leave_out=)`)."""
        number = len(self.boxes)
        self.boxes.append(box)
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(number)
        return number

    def _keys(self, box: Box) -> Iterator[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                yield i, j

    def near(self, box: Box, leave_out: int = -1) -> list[Box]:
        """Every box filed in a cell `box` touches (each once), but the one numbered `leave_out`."""
        numbers = {n for key in self._keys(box) for n in self.cells.get(key, ())}
        numbers.discard(leave_out)
        return [self.boxes[n] for n in sorted(numbers)]  # in filing order: sums come out the same every run

    def overlaps(self, box: Box, leave_out: int = -1) -> bool:
        """Whether `box` overlaps any box but the one numbered `leave_out`: stops at the first, cell by cell."""
        left, low, right, high = box
        for key in self._keys(box):
            for n in self.cells.get(key, ()):
                b = self.boxes[n]
                if n != leave_out and b[0] < right and left < b[2] and b[1] < high and low < b[3]:
                    return True
        return False
