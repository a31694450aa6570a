"""The map's graph held as index arrays, and the measures the analysis needs computed on them.

networkx stores a graph as dicts of dicts and runs every step of every algorithm in Python: on 10,000
actors and 50,000 links its betweenness and label propagation took seconds (3.5-5x igraph on the same
graph). Here the graph is numpy arrays (one row per linked pair, plus a compressed adjacency), exact
betweenness and connected components come from rustworkx's compiled core, and the rest (sampled
betweenness, group bridges, label propagation, distances) are level-by-level or round-by-round numpy
passes, each a handful of array operations per level rather than per actor. Results agree with the
networkx calls they replace; tests/workbench/test_ecosystem_kernels.py compares them on random graphs.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import rustworkx as rx

if TYPE_CHECKING:
    import networkx as nx  # imported where used: the measures themselves do without it

LPA_ROUNDS = 100  # label propagation stops here at the latest (it settles in a few dozen rounds)
# Actors per distance level below which a search visits them one by one: each level's array pass costs
# tens of microseconds however few it holds, so on a long, thin map (a chain of 2,000 suppliers: 1,000
# levels of two actors) the passes took 40 times longer than the walk.
THIN_LEVELS = 32


@dataclass(frozen=True, eq=False)
class IndexedGraph:
    """Actors 0..n-1 (`ids` names them); one row of `first`, `second`, `weight` per linked pair, and
    `links`, how many links the pair merges."""

    ids: list[str]
    first: np.ndarray
    second: np.ndarray
    weight: np.ndarray
    links: np.ndarray

    @classmethod
    def of(cls, ids: Sequence[str], links: Iterable[tuple[str, str, float]]) -> IndexedGraph:
        """Links between the same two actors, either way, become one pair with their weights summed;
        links naming an actor not in `ids`, or the same actor at both ends, join nobody."""
        ids = list(ids)
        n = len(ids)
        index = {id_: i for i, id_ in enumerate(ids)}
        links = list(links)
        a = np.array([index.get(link[0], -1) for link in links], dtype=np.int64)
        b = np.array([index.get(link[1], -1) for link in links], dtype=np.int64)
        w = np.array([link[2] for link in links], dtype=np.float64)
        keep = (a >= 0) & (b >= 0) & (a != b)
        a, b, w = a[keep], b[keep], w[keep]
        low, high = np.minimum(a, b), np.maximum(a, b)
        pairs, where = np.unique(low * max(n, 1) + high, return_inverse=True)
        summed = np.bincount(where, weights=w, minlength=len(pairs))
        merged = np.bincount(where, minlength=len(pairs))
        return cls(ids, pairs // max(n, 1), pairs % max(n, 1), summed, merged)

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def pairs(self) -> int:
        return len(self.first)

    @cached_property
    def _csr(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Each pair in both directions, grouped by the actor it starts from: offsets, starts, ends, weights."""
        starts = np.concatenate([self.first, self.second])
        ends = np.concatenate([self.second, self.first])
        weights = np.concatenate([self.weight, self.weight])
        order = np.argsort(starts, kind="stable")
        offsets = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(np.bincount(starts, minlength=self.n), out=offsets[1:])
        return offsets, starts[order], ends[order], weights[order]

    def degree(self) -> np.ndarray:
        return np.bincount(self.first, minlength=self.n) + np.bincount(self.second, minlength=self.n)

    def strength(self) -> np.ndarray:
        return np.bincount(self.first, self.weight, minlength=self.n) + np.bincount(
            self.second, self.weight, minlength=self.n
        )

    @cached_property
    def adjacency(self) -> list[list[int]]:
        """Neighbours of each actor as plain lists (for the walks that go actor by actor)."""
        offsets, _starts, ends, _weights = self._csr
        flat, bounds = ends.tolist(), offsets.tolist()
        return [flat[bounds[i] : bounds[i + 1]] for i in range(self.n)]

    @cached_property
    def thin(self) -> bool:
        """Whether a search from the best-linked actor reaches fewer than THIN_LEVELS actors per distance
        level on average: then searches walk actor by actor rather than level by level."""
        if not self.n:
            return False
        steps = self.distances(np.array([int(np.argmax(self.degree()))]))
        return int((steps >= 0).sum()) / (int(steps.max()) + 1) < THIN_LEVELS

    @cached_property
    def compiled(self) -> rx.PyGraph:
        graph = rx.PyGraph(multigraph=False)
        graph.add_nodes_from(range(self.n))
        graph.add_edges_from_no_data(list(zip(self.first.tolist(), self.second.tolist(), strict=True)))
        return graph

    def networkx(self) -> nx.Graph:
        """The same graph for networkx, keyed by actor id (what callers outside the analysis get)."""
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(self.ids)
        ids = self.ids
        graph.add_weighted_edges_from(
            (ids[a], ids[b], w)
            for a, b, w in zip(self.first.tolist(), self.second.tolist(), self.weight.tolist(), strict=True)
        )
        return graph

    def _step(self, frontier: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every (actor in `frontier`, neighbour) pair, in one gather."""
        offsets, _starts, ends, _weights = self._csr
        begin = offsets[frontier]
        counts = offsets[frontier + 1] - begin
        total = int(counts.sum())
        at = np.repeat(begin - np.cumsum(counts) + counts, counts) + np.arange(total)
        return np.repeat(frontier, counts), ends[at]

    def _members(self, nodes: np.ndarray) -> np.ndarray:
        """The distinct actors in `nodes`, in index order (a mask, not a sort: linear in the map)."""
        mask = np.zeros(self.n, dtype=bool)
        mask[nodes] = True
        return np.flatnonzero(mask)

    def distances(self, sources: np.ndarray) -> np.ndarray:
        """Steps from the nearest of `sources` to every actor; -1 where none can be reached."""
        dist = np.full(self.n, -1, dtype=np.int64)
        frontier = self._members(sources.astype(np.int64))
        dist[frontier] = 0
        step = 0
        while frontier.size:
            step += 1
            _from, to = self._step(frontier)
            frontier = self._members(to[dist[to] < 0])
            dist[frontier] = step
        return dist

    def dependency(self, source: int, targets: np.ndarray | None = None) -> np.ndarray:
        """Brandes' dependency of `source` on every actor: summed over the targets t reached from it
        (every actor when `targets` is None), the share of shortest source-t paths running through the
        actor. The breadth-first search and the accumulation go one distance level at a time (actor by
        actor on a thin map)."""
        if self.thin:
            return self._walked_dependency(source, targets)
        n = self.n
        dist = np.full(n, -1, dtype=np.int64)
        sigma = np.zeros(n)
        dist[source], sigma[source] = 0, 1.0
        frontier = np.array([source], dtype=np.int64)
        levels: list[tuple[np.ndarray, np.ndarray]] = []
        step = 0
        while frontier.size:
            step += 1
            parent, child = self._step(frontier)
            fresh = child[dist[child] < 0]
            dist[fresh] = step
            onward = dist[child] == step
            parent, child = parent[onward], child[onward]
            sigma += np.bincount(child, sigma[parent], minlength=n)
            levels.append((parent, child))
            frontier = self._members(child)
        counted = np.ones(n) if targets is None else targets.astype(np.float64)
        delta = np.zeros(n)
        for parent, child in reversed(levels):
            delta += np.bincount(parent, sigma[parent] * (counted[child] + delta[child]) / sigma[child], minlength=n)
        return delta

    def _walked_dependency(self, source: int, targets: np.ndarray | None) -> np.ndarray:
        """`dependency` one actor at a time: Brandes' search and accumulation over the adjacency lists."""
        neighbours, n = self.adjacency, self.n
        dist, sigma = [-1] * n, [0.0] * n
        dist[source], sigma[source] = 0, 1.0
        order = [source]
        for actor in order:  # grows as the search reaches actors: a queue read in place
            onward = dist[actor] + 1
            for other in neighbours[actor]:
                if dist[other] < 0:
                    dist[other] = onward
                    order.append(other)
                if dist[other] == onward:
                    sigma[other] += sigma[actor]
        counted = [1.0] * n if targets is None else targets.astype(np.float64).tolist()
        delta = [0.0] * n
        for actor in reversed(order):
            share = (counted[actor] + delta[actor]) / sigma[actor]
            before = dist[actor] - 1
            for other in neighbours[actor]:
                if dist[other] == before:
                    delta[other] += sigma[other] * share
        return np.array(delta)


def betweenness(graph: IndexedGraph, samples: int | None, seed: int) -> np.ndarray:
    """Normalised betweenness as nx.betweenness_centrality(graph, k=samples, seed=seed) gives it: exact
    (rustworkx) when `samples` is None, else from the same randomly chosen source actors, scaled the
    same way (Brandes & Pich)."""
    n = graph.n
    if samples is None or samples >= n:
        found = rx.graph_betweenness_centrality(graph.compiled, normalized=True, endpoints=False)
        return np.array([found[i] for i in range(n)], dtype=np.float64)
    sources = random.Random(seed).sample(range(n), samples)
    total = np.zeros(n)
    for source in sources:
        delta = graph.dependency(source)
        delta[source] = 0.0
        total += delta
    if n - 1 < 2:
        return total
    sampled = np.zeros(n, dtype=bool)
    sampled[sources] = True
    scale = np.where(sampled, 1 / ((samples - 1) * (n - 2)) if samples > 1 else np.nan, 1 / (samples * (n - 2)))
    return total * scale


def components(graph: IndexedGraph) -> list[list[int]]:
    return [sorted(c) for c in rx.connected_components(graph.compiled)]


def eigenvector(graph: IndexedGraph, tol: float = 1e-6, max_iter: int = 1000) -> np.ndarray:
    """The same power iteration on (A + I) as nx.eigenvector_centrality: same stopping rule (summed
    change below n * tol) and L2 normalisation, so the values agree with networkx."""
    n = graph.n
    u, v, w = graph.first, graph.second, graph.weight
    x = np.full(n, 1.0 / max(n, 1))
    for _ in range(max_iter):
        last = x
        x = last + np.bincount(u, w * last[v], minlength=n) + np.bincount(v, w * last[u], minlength=n)
        x /= np.linalg.norm(x) or 1.0
        if np.abs(x - last).sum() < n * tol:
            break
    return x


def label_propagation(graph: IndexedGraph, seed: int) -> list[list[int]]:
    """Communities by weighted label propagation (Raghavan, Albert & Kumara): each actor takes the label
    its neighbours carry most weight of, keeping its own when that is among the heaviest, ties going to
    the smallest label. Rounds are semi-synchronous (a seeded random half of the actors moves each round,
    so two sides cannot swap labels forever) and a round is a few array operations over the links of
    the actors whose neighbourhood changed in the round before (after the first few rounds, few have):
    the others would weigh the same labels again. The same map and seed give the same groups."""
    n = graph.n
    offsets, starts, ends, weights = graph._csr
    labels = np.arange(n, dtype=np.int64)
    rng = np.random.default_rng(seed)
    span = max(n, 1)
    settled = offsets[1:] == offsets[:-1]  # no neighbours: keeps its own label
    lonely = settled.copy()
    choice = labels.copy()
    stale = ~lonely  # actors whose heaviest labels are to be weighed (again)
    for _ in range(LPA_ROUNDS):
        if stale.any():
            links = stale[starts]
            key = starts[links] * span + labels[ends[links]]
            order = np.argsort(key, kind="stable")
            key = key[order]
            heads = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
            carried = np.add.reduceat(weights[links][order], heads)
            actor, label = key[heads] // span, key[heads] % span
            most = np.full(n, -np.inf)
            np.maximum.at(most, actor, carried)
            heaviest = carried >= most[actor] * (1 - 1e-12)
            own = heaviest & (label == labels[actor])
            settled[stale] = False
            settled[actor[own]] = True
            picks = np.flatnonzero(heaviest)
            first = picks[np.concatenate([[True], actor[picks[1:]] != actor[picks[:-1]]])]
            choice[actor[first]] = label[first]
        if settled.all():
            break
        moving = ~settled & (rng.random(n) < 0.5)
        moved = np.flatnonzero(moving & (choice != labels))
        labels[moved] = choice[moved]
        stale = np.zeros(n, dtype=bool)
        stale[moved] = True
        stale[graph._step(moved)[1]] = True
        stale &= ~lonely
    groups: dict[int, list[int]] = {}
    for node, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(node)
    return list(groups.values())
