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
