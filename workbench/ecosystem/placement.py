"""Where an actor goes on the ecosystem map when the user has not put it anywhere (map units, y down).

A new actor lands near where the user is looking but never on top of another. Actors without a saved
position (imported, say) wait on the map in columns beside the placed ones until laid out or dragged;
in a brief they are drawn on a ring around the placed ones so the picture stays the team's.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from workbench.ecosystem.entities import Actor

Point = tuple[float, float]

CLEARANCE = 60.0  # map units: a new actor keeps this far from the centre of every other
SPIRAL_STEP = 48.0  # map units; the n-th spot is SPIRAL_STEP * sqrt(n) from the centre
GOLDEN_ANGLE = 2.4  # radians between spots, so they fill the disc evenly (a sunflower's seeds)
SPOTS = 200  # spots tried before giving up and using the centre
PARKING_GAP = 70.0  # map units between actors waiting for a place
RING = 150.0  # map units between unplaced actors on their ring (the map's spacing of linked actors)


def free_spot(centre: Point, taken: Iterable[Point]) -> Point:
    """The centre, or the nearest spot on a spiral around it that no actor covers (rounded to 0.1)."""
    taken = list(taken)
    for n in range(SPOTS):
        angle, distance = n * GOLDEN_ANGLE, SPIRAL_STEP * math.sqrt(n)
        x, y = centre[0] + distance * math.cos(angle), centre[1] + distance * math.sin(angle)
        if all((x - a) ** 2 + (y - b) ** 2 > CLEARANCE**2 for a, b in taken):
            return round(x, 1), round(y, 1)
    return round(centre[0], 1), round(centre[1], 1)


def parking_spots(actors: Sequence[Actor]) -> dict[str, Point]:
    """Where actors without a position wait: in columns left of the placed ones, in name order."""
    waiting = sorted((a for a in actors if a.x is None or a.y is None), key=lambda a: a.name.lower())
    placed = [(a.x, a.y) for a in actors if a.x is not None and a.y is not None]
    left = min((x for x, _y in placed), default=0.0) - 3 * PARKING_GAP
    top = min((y for _x, y in placed), default=0.0)
    per_column = max(8, int(len(waiting) ** 0.5))
    return {
        a.id: (left - (n // per_column) * PARKING_GAP * 2, top + (n % per_column) * PARKING_GAP)
        for n, a in enumerate(waiting)
    }


def map_positions(actors: Sequence[Actor]) -> dict[str, Point]:
    """Saved map positions; actors without one evenly on a ring around the placed ones."""
    placed = {a.id: (a.x, a.y) for a in actors if a.x is not None and a.y is not None}
    loose = [a.id for a in actors if a.id not in placed]
    if not loose:
        return placed
    xs, ys = [p[0] for p in placed.values()] or [0.0], [p[1] for p in placed.values()] or [0.0]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    around = math.hypot(max(xs) - min(xs), max(ys) - min(ys)) / 2 + RING if placed else 0.0
    radius = max(around, RING * len(loose) / (2 * math.pi))
    ring = {
        i: (cx + radius * math.cos(2 * math.pi * n / len(loose) - math.pi / 2),
            cy + radius * math.sin(2 * math.pi * n / len(loose) - math.pi / 2))
        for n, i in enumerate(loose)
    }  # fmt: skip
    return {**placed, **ring}
