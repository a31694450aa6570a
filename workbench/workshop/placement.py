"""Where a freshly captured note lands: the next free slot of a parking grid beside the spheres.

Notes typed in quick succession line up in columns to the right of the spheres instead of piling on
one spot; the room then drags each one into the region it belongs to.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from workbench.spheres.entities import Sphere

NOTE_W, NOTE_H = 132.0, 72.0
GAP = 12.0
MARGIN = 230.0  # clear of the 'outside IIP' frame drawn around the spheres


def parking_slots(spheres: Sequence[Sphere]) -> tuple[float, float, int]:
    """(x of the first column's centre, y of the first row's centre, rows per column)."""
    if not spheres:
        return 0.0, 0.0, 8
    right = max(s.cx + s.r for s in spheres)
    top = min(s.cy - s.r for s in spheres)
    bottom = max(s.cy + s.r for s in spheres)
    rows = max(1, math.floor((bottom - top + GAP) / (NOTE_H + GAP)))
    return right + MARGIN + NOTE_W / 2, top + NOTE_H / 2, rows


def slot_position(index: int, spheres: Sequence[Sphere]) -> tuple[float, float]:
    x0, y0, rows = parking_slots(spheres)
    column, row = divmod(index, rows)
    return round(x0 + column * (NOTE_W + GAP), 1), round(y0 + row * (NOTE_H + GAP), 1)


def next_free_slot(taken: Iterable[tuple[float, float]], spheres: Sequence[Sphere]) -> tuple[float, float]:
    """The first parking slot with no note on it (a note within half a note of its centre occupies it)."""
    x0, y0, rows = parking_slots(spheres)
    occupied = set()
    for x, y in taken:
        column = round((x - x0) / (NOTE_W + GAP))
        row = round((y - y0) / (NOTE_H + GAP))
        if column >= 0 and 0 <= row < rows:
            sx, sy = x0 + column * (NOTE_W + GAP), y0 + row * (NOTE_H + GAP)
            if abs(x - sx) <= NOTE_W / 2 and abs(y - sy) <= NOTE_H / 2:
                occupied.add(column * rows + row)
    index = next(i for i in range(len(occupied) + 1) if i not in occupied)
    return slot_position(index, spheres)


Box = tuple[float, float, float, float]  # left, top, right, bottom


def clear_of(
    x: float, y: float, obstacles: Sequence[Box], step: float = GAP, reach: float = 400.0
) -> tuple[float, float]:
    """The point nearest (x, y) where a note centred there covers none of `obstacles` (the item cards and
    region labels of the spheres), so a note dropped on the board never hides them; (x, y) itself when
    it covers none, or when nothing free lies within `reach`."""

    def free(cx: float, cy: float) -> bool:
        left, top, right, bottom = cx - NOTE_W / 2, cy - NOTE_H / 2, cx + NOTE_W / 2, cy + NOTE_H / 2
        return all(right <= o[0] or left >= o[2] or bottom <= o[1] or top >= o[3] for o in obstacles)

    if free(x, y):
        return x, y
    rings = int(reach // step)
    for ring in range(1, rings + 1):
        candidates = [
            (x + dx * step, y + dy * step)
            for dx in range(-ring, ring + 1)
            for dy in range(-ring, ring + 1)
            if max(abs(dx), abs(dy)) == ring
        ]
        candidates.sort(key=lambda p: (p[0] - x) ** 2 + (p[1] - y) ** 2)
        for cx, cy in candidates:
            if free(cx, cy):
                return round(cx, 1), round(cy, 1)
    return x, y
