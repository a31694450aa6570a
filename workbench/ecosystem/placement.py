"""Where an actor goes on the ecosystem map when the user has not put it anywhere (map units, y down).

Actors without a saved position are drawn, in a brief, on a ring around the placed ones so the
picture stays the team's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from workbench.ecosystem.entities import Actor

Point = tuple[float, float]

RING = 150.0  # map units between unplaced actors on their ring (the map's spacing of linked actors)


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
