"""Align and distribute positions of items on a canvas (pure geometry on centre points)."""

from __future__ import annotations

from workbench.errors import WorkbenchError

Positions = dict[str, tuple[float, float]]
ALIGNMENTS = ("left", "hcentre", "right", "top", "vcentre", "bottom")


def align(positions: Positions, how: str) -> Positions:
    """Line items up on the left-most, centre or right-most x (or top, middle, bottom y)."""
    if how not in ALIGNMENTS:
        raise WorkbenchError(f"Unknown alignment {how!r}")
    if len(positions) < 2:
        return dict(positions)
    axis = 0 if how in ("left", "hcentre", "right") else 1
    values = [p[axis] for p in positions.values()]
    target = {"left": min, "top": min, "right": max, "bottom": max}.get(how, lambda v: sum(v) / len(v))(values)
    return {i: (target, p[1]) if axis == 0 else (p[0], target) for i, p in positions.items()}


def distribute(positions: Positions, axis: str) -> Positions:
    """Space items evenly between the two outermost along x ('horizontal') or y ('vertical')."""
    if axis not in ("horizontal", "vertical"):
        raise WorkbenchError(f"Unknown direction {axis!r}")
    if len(positions) < 3:
        return dict(positions)
    k = 0 if axis == "horizontal" else 1
    ordered = sorted(positions.items(), key=lambda kv: (kv[1][k], kv[0]))
    first, last = ordered[0][1][k], ordered[-1][1][k]
    step = (last - first) / (len(ordered) - 1)
    out = {}
    for n, (id_, (x, y)) in enumerate(ordered):
        value = first + n * step
        out[id_] = (value, y) if k == 0 else (x, value)
    return out
