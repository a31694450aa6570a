"""Communities of a map by Louvain modularity optimisation (Blondel et al. 2008), on the index arrays.

networkx's louvain_communities would need the map as a networkx graph and networkx itself loaded:
about 20 MB that the window keeps for as long as it runs, for one call. The method is the same: each
actor in turn (in a seeded random order) joins the neighbouring community that raises modularity most,
until a pass moves nobody; then every community becomes one actor of a smaller map (the links inside
it kept as its own weight) and the moving starts again, until a level raises modularity by no more
than THRESHOLD. Actors are visited in the same seeded order and their neighbours weighed in the
same order as there, so the same seed makes the same moves (on random maps of up to 2,000 actors the
communities came out identical, in a third to half of networkx's time). Moving goes actor by actor
over plain lists (each move changes the next one's choice); building the smaller maps and measuring
modularity are array passes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

from workbench.ecosystem.kernels import IndexedGraph

RESOLUTION = 1.0  # modularity as Newman defines it: no bias towards larger or smaller communities
THRESHOLD = 1e-7  # a level that gains less modularity than this is the last


@dataclass(frozen=True)
class _Level:
    """One level's map: actors 0..n-1 (communities of the level below), linked pairs `first`-`second`
    with `weight`, and `inside`, the weight of the links each holds within itself."""

    first: np.ndarray
    second: np.ndarray
    weight: np.ndarray
    inside: np.ndarray

    @property
    def n(self) -> int:
        return len(self.inside)

    def strength(self) -> np.ndarray:
        """Weighted degree; a link inside an actor counts at both its ends."""
        n = self.n
        return (
            np.bincount(self.first, self.weight, minlength=n)
            + np.bincount(self.second, self.weight, minlength=n)
            + 2 * self.inside
        )

    def modularity(self, total: float) -> float:
        """Modularity of the partition whose communities are this level's actors (`total`: all links'
        weight): the share of weight inside communities less what random links would put there."""
        return float(self.inside.sum() / total - RESOLUTION * ((self.strength() / (2 * total)) ** 2).sum())

    def neighbours(self) -> list[list[tuple[int, float]]]:
        """Each actor's (neighbour, weight) pairs, neighbours in index order."""
        starts = np.concatenate([self.first, self.second])
        ends = np.concatenate([self.second, self.first])
        order = np.lexsort((ends, starts))
        bounds = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(np.bincount(starts, minlength=self.n), out=bounds[1:])
        pairs = list(zip(ends[order].tolist(), np.concatenate([self.weight, self.weight])[order].tolist(), strict=True))
        cut = bounds.tolist()
        return [pairs[cut[i] : cut[i + 1]] for i in range(self.n)]

    def merged(self, community: np.ndarray) -> _Level:
        """The level above: each community (numbered 0..k-1) one actor, links between two merged into one."""
        k = int(community.max()) + 1
        a, b = community[self.first], community[self.second]
        within = a == b
        inside = np.bincount(community, self.inside, minlength=k) + np.bincount(
            a[within], self.weight[within], minlength=k
        )
        low, high = np.minimum(a[~within], b[~within]), np.maximum(a[~within], b[~within])
        pairs, where = np.unique(low * k + high, return_inverse=True)
        return _Level(pairs // k, pairs % k, np.bincount(where, self.weight[~within], minlength=len(pairs)), inside)


def louvain(graph: IndexedGraph, seed: int) -> list[list[int]]:
    """Communities of `graph` as lists of actor indices; the same graph and seed give the same ones.
    A map without links is its actors, each alone."""
    total = float(graph.weight.sum())
    if total <= 0:
        return [[i] for i in range(graph.n)]
    level = _Level(graph.first, graph.second, graph.weight, np.zeros(graph.n))
    community_of = np.arange(graph.n)  # each actor's actor on the current level
    rng = random.Random(seed)
    quality = level.modularity(total)
    while True:
        community = _moved(level, total, rng)
        if community is None:
            break
        community_of = community[community_of]
        level = level.merged(community)
        gained = level.modularity(total) - quality
        if gained <= THRESHOLD:
            break
        quality += gained
    groups: dict[int, list[int]] = {}
    for actor, group in enumerate(community_of.tolist()):
        groups.setdefault(group, []).append(actor)
    return list(groups.values())


def _moved(level: _Level, total: float, rng: random.Random) -> np.ndarray | None:
    """Local moving: passes over the actors in a random order, each joining the neighbouring community
    with the largest modularity gain (staying put unless another gains strictly more), until a pass
    moves nobody. Returns the communities numbered 0..k-1, or None when no actor moved at all.

    The gain of joining community c, scaled by 2 x total weight: 2 x total x (weight to c) less
    strength x (strength of c without the actor), the same comparison as networkx makes."""
    neighbours = level.neighbours()
    strength = level.strength().tolist()
    held = list(strength)  # strength of each community, the actor being weighed taken out of its own
    community = list(range(level.n))
    order = list(range(level.n))
    rng.shuffle(order)
    scale, share = 2 * total, RESOLUTION
    moved_any, moved = False, True
    while moved:
        moved = False
        for actor in order:
            own = community[actor]
            toward: dict[int, float] = {}
            for other, weight in neighbours[actor]:
                c = community[other]
                toward[c] = toward.get(c, 0.0) + weight
            k = strength[actor]
            held[own] -= k
            best, best_gain = own, toward.get(own, 0.0) * scale - share * held[own] * k
            for c, weight in toward.items():
                gain = weight * scale - share * held[c] * k
                if gain > best_gain:
                    best, best_gain = c, gain
            held[best] += k
            if best != own:
                community[actor] = best
                moved = moved_any = True
    if not moved_any:
        return None
    return np.unique(np.array(community, dtype=np.int64), return_inverse=True)[1]
