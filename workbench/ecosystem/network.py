"""The institutional ecosystem as a network: who is central, who brokers, who is cut off.

Report 001 (international forum on making IIP, 2023) asks for more transparent mapping of
institutional ecosystems; this module measures the map so the findings can be told in plain words
(findings.py reads these measures; analysis.py puts the two together). Links count in both
directions: funding, advice, regulation and reporting all carry information and influence both
ways, so the graph is undirected, and two links between the same pair of actors become one
connection whose weight is their sum. Distances count steps.

Large maps use algorithms that scale: betweenness estimated from sampled actors (Brandes & Pich)
and communities by label propagation instead of Louvain; the result says when it did so. The work
itself runs on index arrays (kernels.py, louvain.py) and never loads networkx; networkx stays the
graph callers get (`graph`) and the reference the kernels are tested against.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from workbench.ecosystem import kernels
from workbench.ecosystem.entities import Actor, ActorType, Link
from workbench.ecosystem.kernels import IndexedGraph
from workbench.ecosystem.louvain import louvain
from workbench.ecosystem.metrics import GroupBridge, cut_off_pieces, group_bridge

if TYPE_CHECKING:
    import networkx as nx  # imported where used: only `graph` needs it, and loading it costs about 20 MB

GOVERNMENT = frozenset({ActorType.MINISTRY.value, ActorType.AGENCY.value})
FIRMS = frozenset({ActorType.LARGE_FIRM.value, ActorType.SME.value})
SME = ActorType.SME.value

# Pairs of groups between which a single go-between is worth telling: (plural, singular, types) each.
Group = tuple[str, str, frozenset[str]]
BRIDGE_GROUPS: tuple[tuple[Group, Group], ...] = (
    (("universities", "a university", frozenset({ActorType.UNIVERSITY.value})), ("firms", "a firm", FIRMS)),
    (("government", "a ministry or agency", GOVERNMENT), ("SMEs", "an SME", frozenset({SME}))),
)

# Budget of shortest-path work (sources x (actors + 2 x connections)): beyond it betweenness is sampled.
PATH_WORK = 1_500_000
MIN_SAMPLES = 8
LOUVAIN_LIMIT = 2_000  # actors; above this, label propagation finds communities in near-linear time
SEED = 7  # sampling and community detection are seeded so the same map gives the same answer


@dataclass(frozen=True)
class Bridge:
    between: tuple[Group, Group]
    found: GroupBridge[str]


@dataclass
class NetworkMeasures:
    """Every measure of one map, keyed by actor id."""

    actors: dict[str, Actor]
    links: int
    network: IndexedGraph
    degree: dict[str, int]
    strength: dict[str, float]
    betweenness: dict[str, float]
    eigenvector: dict[str, float]
    samples: int | None  # betweenness sources sampled; None when exact
    community_method: str
    communities: list[list[str]]
    components: list[list[str]]  # largest first
    cut_off: dict[str, list[list[str]]]  # actor -> groups that reach the main network only through it
    bridges: list[Bridge]
    government_distance: dict[str, int | None]  # every SME -> steps to the nearest ministry or agency
    level_links: dict[str, int]

    @cached_property
    def graph(self) -> nx.Graph:
        """The map as a networkx graph (built when first asked for: the measures do not need it)."""
        return self.network.networkx()

    @property
    def density(self) -> float:
        n = self.network.n
        return 2 * self.network.pairs / (n * (n - 1)) if n > 1 else 0.0

    def values(self) -> dict:
        """The measures as keyword arguments (for a class that adds to them)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def isolated(self) -> list[str]:
        return [a for a in self.actors if self.degree[a] == 0]

    @property
    def brokers(self) -> list[str]:
        """Up to three actors through which most shortest paths run."""
        ranked = sorted((a for a in self.actors if self.betweenness[a] > 0), key=lambda a: -self.betweenness[a])
        return ranked[:3]

    def metric(self, name: str) -> dict[str, float]:
        """One measure by name (sizing.METRICS), e.g. to size the nodes of the map."""
        return getattr(self, name)

    def as_json(self) -> dict:
        community_of = {a: n for n, group in enumerate(self.communities) for a in group}
        component_of = {a: n for n, group in enumerate(self.components) for a in group}
        return {
            "actors": len(self.actors),
            "links": self.links,
            "connected_pairs": self.network.pairs,
            "density": round(self.density, 6),
            "components": len(self.components),
            "isolated": self.isolated,
            "betweenness": {"method": "exact" if self.samples is None else "sampled", "samples": self.samples},
            "communities": {"method": self.community_method, "groups": self.communities},
            "brokers": self.brokers,
            "bridges": [
                {
                    "between": [b.between[0][0], b.between[1][0]],
                    "ids": list(b.found.ids),
                    "sources_checked": b.found.checked,
                    "sources": b.found.sources,
                }
                for b in self.bridges
            ],
            "sme_distance_to_government": self.government_distance,
            "level_links": self.level_links,
            "metrics": {
                a: {
                    "degree": self.degree[a],
                    "strength": round(self.strength[a], 6),
                    "betweenness": round(self.betweenness[a], 6),
                    "eigenvector": round(self.eigenvector[a], 6),
                    "community": community_of[a],
                    "component": component_of[a],
                }
                for a in self.actors
            },
        }


def betweenness_samples(graph: IndexedGraph | nx.Graph) -> int | None:
    """None (exact) while all sources fit the work budget, else how many sources to sample."""
    n, pairs = (graph.n, graph.pairs) if isinstance(graph, IndexedGraph) else (len(graph), graph.number_of_edges())
    per_source = n + 2 * pairs
    if n * per_source <= PATH_WORK:
        return None
    return min(n, max(MIN_SAMPLES, PATH_WORK // per_source))


def measure_network(actors: list[Actor], links: list[Link]) -> NetworkMeasures:
    ids = [a.id for a in actors]
    network = IndexedGraph.of(ids, [(k.source_id, k.target_id, k.weight) for k in links])
    samples = betweenness_samples(network)
    if network.n <= LOUVAIN_LIMIT:
        method = "louvain"
        groups = [[ids[i] for i in group] for group in louvain(network, SEED)]
    else:
        method = "label_propagation"
        groups = [[ids[i] for i in group] for group in kernels.label_propagation(network, SEED)]
    parts = kernels.components(network)
    component_of = np.zeros(network.n, dtype=np.int64)
    for n, group in enumerate(parts):
        component_of[group] = n
    main = max(parts, key=len) if parts else []
    by_id = dict(zip(ids, actors, strict=True))
    cut_off = cut_off_pieces(network.adjacency, main) if main else {}
    return NetworkMeasures(
        actors=by_id,
        links=len(links),
        network=network,
        degree=dict(zip(ids, network.degree().tolist(), strict=True)),
        strength=dict(zip(ids, network.strength().tolist(), strict=True)),
        betweenness=dict(zip(ids, kernels.betweenness(network, samples, SEED).tolist(), strict=True)),
        eigenvector=dict(zip(ids, kernels.eigenvector(network).tolist(), strict=True)),
        samples=samples,
        community_method=method,
        communities=_ordered(groups),
        components=_ordered([ids[i] for i in group] for group in parts),
        cut_off={ids[a]: [[ids[i] for i in piece] for piece in pieces] for a, pieces in cut_off.items()},
        bridges=_bridges(network, by_id, component_of, samples),
        government_distance=_government_distance(network, by_id),
        level_links=_level_links(network, by_id),
    )


def _ordered(groups) -> list[list[str]]:
    """Largest group first; ties and members in id order, so output is stable."""
    return sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))


def _bridges(
    network: IndexedGraph, actors: dict[str, Actor], component_of: np.ndarray, samples: int | None
) -> list[Bridge]:
    out = []
    index = {id_: i for i, id_ in enumerate(network.ids)}
    for first, second in BRIDGE_GROUPS:
        one = sorted(a for a, actor in actors.items() if actor.actor_type in first[2])
        other = sorted(a for a, actor in actors.items() if actor.actor_type in second[2])
        pair = (first, second)
        if len(other) < len(one):  # paths are symmetric: start from the smaller group
            one, other = other, one
        found = group_bridge(
            network, [index[a] for a in one], [index[a] for a in other], component_of, samples or len(one), SEED
        )
        if found is not None:
            ids = tuple(sorted(network.ids[i] for i in found.ids))
            out.append(Bridge(pair, GroupBridge(ids, found.checked, found.sources)))
    return out


def _government_distance(network: IndexedGraph, actors: dict[str, Actor]) -> dict[str, int | None]:
    smes = sorted(a for a, actor in actors.items() if actor.actor_type == SME)
    if not smes:
        return {}
    kinds = [actors[id_].actor_type for id_ in network.ids]
    government = np.array([i for i, kind in enumerate(kinds) if kind in GOVERNMENT], dtype=np.int64)
    steps = network.distances(government).tolist()
    index = {id_: i for i, id_ in enumerate(network.ids)}
    return {a: (steps[index[a]] if steps[index[a]] >= 0 else None) for a in smes}


def _level_links(network: IndexedGraph, actors: dict[str, Actor]) -> dict[str, int]:
    """Links counted by the levels of their two ends, e.g. 'national-regional': each linked pair of actors
    counts the links it merges, in one pass over arrays (link by link, 500,000 links took half a second)."""
    names = sorted({actors[i].level for i in network.ids})
    code = {name: n for n, name in enumerate(names)}
    level = np.array([code[actors[i].level] for i in network.ids], dtype=np.int64)
    ends = level[network.first], level[network.second]
    low, high = np.minimum(*ends), np.maximum(*ends)
    counts = np.bincount(low * len(names) + high, weights=network.links, minlength=len(names) ** 2)
    return {
        f"{names[n // len(names)]}-{names[n % len(names)]}": int(counts[n]) for n in np.flatnonzero(counts).tolist()
    }
