"""A force-directed layout of the ecosystem map that keeps actors the user placed where they are.

networkx's spring_layout needs SciPy beyond 500 nodes, which the product does not ship, and cannot
report progress; this is the same Fruchterman-Reingold model on numpy, run one step at a time so a
caller can show progress and stop it. Only the actors being laid out move; the others still push
and pull on them. On large maps each step samples the actors that repel (the force is scaled up to
match), which keeps a step linear in the number of actors.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

import numpy as np

SPACING = 150.0  # the preferred distance between linked actors, in map units
REPULSION_SAMPLE = 800  # above this many actors, each step samples this many to repel from
BLOCK = 256  # rows of the repulsion matrix computed at once (bounds memory on large maps)
GRAVITY = 1.0  # a pull that keeps separate groups and isolated actors near the map (see _anchors)

Point = tuple[float, float]


class SpringLayout:
    """Positions for `moving` actors among `nodes`; `placed` holds every known position."""

    def __init__(
        self,
        nodes: Sequence[str],
        edges: Sequence[tuple[str, str]],
        placed: dict[str, Point],
        moving: Sequence[str],
        seed: int = 0,
    ):
        self.nodes = list(nodes)
        index = {n: i for i, n in enumerate(self.nodes)}
        self.moving = np.array(sorted(index[n] for n in set(moving) if n in index), dtype=np.int64)
        pairs = [(index[a], index[b]) for a, b in edges if a in index and b in index and a != b]
        self.u = np.array([a for a, _ in pairs], dtype=np.int64)
        self.v = np.array([b for _, b in pairs], dtype=np.int64)
        self.rng = np.random.default_rng(seed)
        self.pos = self._start(placed, index)
        self.anchor = self._anchors()

    def _start(self, placed: dict[str, Point], index: dict[str, int]) -> np.ndarray:
        """Known positions stay; an unplaced actor starts near its placed partners, else at random."""
        n = len(self.nodes)
        pos = np.zeros((n, 2))
        known = np.zeros(n, dtype=bool)
        for node, xy in placed.items():
            if node in index and xy is not None:
                pos[index[node]] = xy
                known[index[node]] = True
        spread = SPACING * math.sqrt(max(n, 1))
        origin = pos[known].mean(axis=0) if known.any() else np.zeros(2)
        partners: dict[int, list[int]] = {}
        for a, b in zip(self.u.tolist(), self.v.tolist(), strict=True):
            if known[b]:
                partners.setdefault(a, []).append(b)
            if known[a]:
                partners.setdefault(b, []).append(a)
        for i in np.flatnonzero(~known).tolist():
            near = partners.get(i)
            centre = pos[near].mean(axis=0) if near else origin
            scale = SPACING if near else spread / 2
            pos[i] = centre + self.rng.uniform(-scale, scale, 2)
        return pos

    def _anchors(self) -> np.ndarray:
        """Where gravity pulls each moving actor: the middle of its partners that stay put, or the middle
        of the map for an actor with none (so a re-laid selection stays beside its partners)."""
        n = len(self.nodes)
        staying = np.ones(n, dtype=bool)
        staying[self.moving] = False
        centre = self.pos[staying].mean(axis=0) if staying.any() else self.pos.mean(axis=0)
        total = np.zeros((n, 2))
        count = np.zeros(n)
        for a, b in ((self.u, self.v), (self.v, self.u)):
            held = staying[b]
            np.add.at(total, a[held], self.pos[b[held]])
            np.add.at(count, a[held], 1)
        anchor = np.where(count[:, None] > 0, total / np.maximum(count, 1)[:, None], centre)
        return anchor[self.moving]

    def steps(self, iterations: int = 120) -> Iterator[int]:
        """Move the actors one step at a time; yields how many steps are done."""
        if not len(self.moving):
            return
        k2 = SPACING * SPACING
        temperature = SPACING * max(2.0, math.sqrt(len(self.moving)) / 2)
        cooling = temperature / (iterations + 1)
        n = len(self.nodes)
        for step in range(iterations):
            force = np.zeros((n, 2))
            delta = self.pos[self.u] - self.pos[self.v]
            pull = delta * (np.sqrt((delta**2).sum(axis=1)) / SPACING)[:, None]  # attraction d^2 / k
            for axis in (0, 1):
                force[:, axis] -= np.bincount(self.u, pull[:, axis], minlength=n)
                force[:, axis] += np.bincount(self.v, pull[:, axis], minlength=n)
            moving = force[self.moving] + self._repulsion(k2) - GRAVITY * (self.pos[self.moving] - self.anchor)
            length = np.sqrt((moving**2).sum(axis=1))
            limit = np.minimum(length, temperature) / np.maximum(length, 1e-9)
            self.pos[self.moving] += moving * limit[:, None]
            temperature -= cooling
            yield step + 1

    def _repulsion(self, k2: float) -> np.ndarray:
        """k^2 / d pushes from every actor (or a scaled sample of them) on each moving actor."""
        others = self.pos
        weight = 1.0
        if len(self.pos) > REPULSION_SAMPLE:
            others = self.pos[self.rng.choice(len(self.pos), REPULSION_SAMPLE, replace=False)]
            weight = len(self.pos) / REPULSION_SAMPLE
        ox, oy = others[:, 0].astype(np.float32), others[:, 1].astype(np.float32)
        out = np.empty((len(self.moving), 2))
        for start in range(0, len(self.moving), BLOCK):
            rows = self.pos[self.moving[start : start + BLOCK]].astype(np.float32)
            dx = rows[:, :1] - ox
            dy = rows[:, 1:] - oy
            push = dx * dx
            push += dy * dy
            np.maximum(push, 1.0, out=push)
            np.divide(k2 * weight, push, out=push)
            out[start : start + BLOCK, 0] = (dx * push).sum(axis=1)
            out[start : start + BLOCK, 1] = (dy * push).sum(axis=1)
        return out

    def positions(self) -> dict[str, Point]:
        """Where the moving actors are now, rounded to a tenth of a map unit."""
        return {
            self.nodes[i]: (round(float(x), 1), round(float(y), 1))
            for i, (x, y) in zip(self.moving, self.pos[self.moving], strict=True)
        }
