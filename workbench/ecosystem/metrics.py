"""Graph measures the ecosystem analysis needs that no library call gives: "what does removing this
actor cut off" and "is one actor on every path between two groups", each linear or near-linear in size.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from workbench.ecosystem.kernels import IndexedGraph


def cut_off_pieces(adjacency: Sequence[Sequence[int]], nodes: Iterable[int]) -> dict[int, list[list[int]]]:
    """For each actor whose removal splits the part of the graph holding `nodes` (an articulation
    point), the groups of actors that would be cut off, leaving out the largest remaining group.
    Actors are 0..n-1 and `adjacency[i]` lists the neighbours of actor i.

    One iterative depth-first search (Tarjan's low-link), so linear in the size of the graph; a subtree
    of the search is a run of the discovery order, so each group is a slice of it, and the largest group
    (most often the rest of the network) is never spelled out.
    """
    wanted = list(nodes)
    if not wanted:
        return {}
    root = wanted[0]
    disc = [-1] * len(adjacency)
    low = [0] * len(adjacency)
    size = [0] * len(adjacency)
    disc[root] = 0
    order = [root]
    separated: dict[int, list[int]] = {}  # node -> DFS children whose subtree hangs on it alone
    stack: list[tuple[int, int, Iterator[int]]] = [(root, -1, iter(adjacency[root]))]
    while stack:
        node, parent, neighbours = stack[-1]
        for other in neighbours:
            seen = disc[other]
            if seen < 0:
                disc[other] = low[other] = len(order)
                order.append(other)
                stack.append((other, node, iter(adjacency[other])))
                break
            if other != parent and seen < low[node]:
                low[node] = seen
        else:
            stack.pop()
            size[node] = len(order) - disc[node]
            if parent >= 0:
                if low[node] < low[parent]:
                    low[parent] = low[node]
                if low[node] >= disc[parent]:
                    separated.setdefault(parent, []).append(node)
    out: dict[int, list[list[int]]] = {}
    for cut, children in separated.items():
        if cut == root and len(children) < 2:
            continue
        runs = [(disc[c], disc[c] + size[c]) for c in children]  # in discovery order
        rest = len(order) - 1 - sum(end - start for start, end in runs)
        pieces: list[tuple[int, list[tuple[int, int]]]] = [(end - start, [(start, end)]) for start, end in runs]
        if rest:  # everything else but the actor itself: the gaps between the runs above
            spans, at = [], 0
            for start, end in [(disc[cut], disc[cut] + 1), *runs]:
                if at < start:
                    spans.append((at, start))
                at = end
            if at < len(order):
                spans.append((at, len(order)))
            pieces.append((rest, spans))
        pieces.sort(key=lambda p: p[0])
        # The largest group stays the network; the others are cut off.
        out[cut] = [[node for start, end in spans for node in order[start:end]] for _n, spans in pieces[:-1]]
    return out


@dataclass(frozen=True)
class GroupBridge[N: Hashable]:
    """Actors on every shortest path between two groups; `checked` of `sources` were used as origins."""

    ids: tuple[N, ...]
    checked: int
    sources: int


def group_bridge(
    graph: IndexedGraph,
    sources: Sequence[int],
    targets: Sequence[int],
    component_of: np.ndarray,
    limit: int,
    seed: int = 0,
) -> GroupBridge[int] | None:
    """The actors lying on every shortest path from any source to any target, when the two groups
    have no direct link; None when there is no such actor.

    Candidates come from Brandes' dependency of one source at a time, counting the targets only: an
    actor is on every path from that source when its share equals the number of targets it could stand
    between. The search stops as soon as no candidate is left; on a large map at most `limit` sources
    are tried.
    """
    if not len(sources) or not len(targets):
        return None
    is_source = np.zeros(graph.n, dtype=bool)
    is_source[list(sources)] = True
    is_target = np.zeros(graph.n, dtype=bool)
    is_target[list(targets)] = True
    first, second = graph.first, graph.second
    if np.any((is_source[first] & is_target[second]) | (is_target[first] & is_source[second])):
        return None
    per_component = np.bincount(component_of[is_target], minlength=int(component_of.max(initial=0)) + 1)
    origins = [s for s in sources if per_component[component_of[s]]]
    if not origins:
        return None
    tried = origins if len(origins) <= limit else random.Random(seed).sample(origins, limit)
    candidates: set[int] | None = None
    for source in tried:
        home = component_of[source]
        pairs = per_component[home] - (is_target & (component_of == home))
        share = graph.dependency(source, is_target)
        on_every_path = (pairs > 0) & (np.abs(share - pairs) < 1e-9 * pairs)
        on_every_path[source] = False
        found = set(np.flatnonzero(on_every_path).tolist())
        candidates = found if candidates is None else candidates & found
        if not candidates:
            return None
    assert candidates is not None
    return GroupBridge(tuple(sorted(candidates)), len(tried), len(origins))
