"""The institutional ecosystem as a network: who is central, who brokers, who is cut off.

Report 001 (international forum on making IIP, 2023) asks for more transparent mapping of
institutional ecosystems; this module measures the map so the findings can be told in plain words
(findings.py reads these measures; analysis.py puts the two together). Links count in both
directions: funding, advice, regulation and reporting all carry information and influence both
ways, so the graph is undirected, and two links between the same pair of actors become one
connection whose weight is their sum. Distances count steps.

Large maps use algorithms that scale: betweenness estimated from sampled actors (Brandes & Pich)
and communities by label propagation instead of Louvain; the result says when it did so.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from workbench.ecosystem.entities import Actor, ActorType, Link
from workbench.ecosystem.metrics import GroupBridge, cut_off_pieces, eigenvector_centrality, group_bridge

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
    graph: nx.Graph
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

    @property
    def density(self) -> float:
        return nx.density(self.graph) if len(self.graph) > 1 else 0.0

    @property
    def isolated(self) -> list[str]:
        return [a for a in self.actors if self.degree[a] == 0]

    @property
    def brokers(self) -> list[str]:
        """Up to three actors through which most shortest paths run."""
        ranked = sorted((a for a in self.actors if self.betweenness[a] > 0), key=lambda a: -self.betweenness[a])
        return ranked[:3]

    def metric(self, name: str) -> dict[str, float]:
        """One measure by name (analysis.METRICS), e.g. to size the nodes of the map."""
        return getattr(self, name)

    def as_json(self) -> dict:
        community_of = {a: n for n, group in enumerate(self.communities) for a in group}
        component_of = {a: n for n, group in enumerate(self.components) for a in group}
        return {
            "actors": len(self.actors),
            "links": self.links,
            "connected_pairs": self.graph.number_of_edges(),
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


def build_graph(actors: list[Actor], links: list[Link]) -> nx.Graph:
    """One node per actor; one weighted edge per linked pair (weights of parallel links summed)."""
    graph = nx.Graph()
    graph.add_nodes_from(a.id for a in actors)
    weights: dict[tuple[str, str], float] = {}
    for link in links:
        a, b = link.source_id, link.target_id
        key = (a, b) if a < b else (b, a)
        weights[key] = weights.get(key, 0.0) + link.weight
    known = graph.nodes
    weights = {key: w for key, w in weights.items() if key[0] in known and key[1] in known}
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in weights.items())
    return graph


def betweenness_samples(graph: nx.Graph) -> int | None:
    """None (exact) while all sources fit the work budget, else how many sources to sample."""
    n = len(graph)
    per_source = n + 2 * graph.number_of_edges()
    if n * per_source <= PATH_WORK:
        return None
    return min(n, max(MIN_SAMPLES, PATH_WORK // per_source))


def measure_network(actors: list[Actor], links: list[Link]) -> NetworkMeasures:
    graph = build_graph(actors, links)
    samples = betweenness_samples(graph)
    betweenness = nx.betweenness_centrality(graph, k=samples, seed=SEED if samples else None)
    if len(graph) <= LOUVAIN_LIMIT:
        method, groups = "louvain", nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    else:
        method = "label_propagation"
        groups = nx.community.fast_label_propagation_communities(graph, weight="weight", seed=SEED)
    components = _ordered(nx.connected_components(graph))
    component_of = {a: n for n, group in enumerate(components) for a in group}
    by_id = {a.id: a for a in actors}
    return NetworkMeasures(
        actors=by_id,
        links=len(links),
        graph=graph,
        degree=dict(graph.degree()),
        strength=dict(graph.degree(weight="weight")),
        betweenness=betweenness,
        eigenvector=eigenvector_centrality(graph),
        samples=samples,
        community_method=method,
        communities=_ordered(groups),
        components=components,
        cut_off=cut_off_pieces(graph, components[0]) if components else {},
        bridges=_bridges(graph, by_id, component_of, samples),
        government_distance=_government_distance(graph, by_id),
        level_links=_level_links(links, by_id),
    )


def _ordered(groups) -> list[list[str]]:
    """Largest group first; ties and members in id order, so output is stable."""
    return sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))


def _bridges(graph: nx.Graph, actors: dict[str, Actor], component_of: dict, samples: int | None) -> list[Bridge]:
    out = []
    for first, second in BRIDGE_GROUPS:
        one = sorted(a for a, actor in actors.items() if actor.actor_type in first[2])
        other = sorted(a for a, actor in actors.items() if actor.actor_type in second[2])
        pair = (first, second)
        if len(other) < len(one):  # paths are symmetric: start from the smaller group
            one, other = other, one
        found = group_bridge(graph, one, other, component_of, limit=samples or len(one), seed=SEED)
        if found is not None:
            out.append(Bridge(pair, found))
    return out


def _government_distance(graph: nx.Graph, actors: dict[str, Actor]) -> dict[str, int | None]:
    smes = sorted(a for a, actor in actors.items() if actor.actor_type == SME)
    government = {a for a, actor in actors.items() if actor.actor_type in GOVERNMENT}
    steps = nx.multi_source_dijkstra_path_length(graph, government, weight=_one) if government else {}
    return {a: steps.get(a) for a in smes}


def _one(_u: str, _v: str, _data: dict) -> int:
    return 1


def _level_links(links: list[Link], actors: dict[str, Actor]) -> dict[str, int]:
    """Links counted by the levels of their two ends, e.g. 'national-regional'."""
    level = {a: actor.level for a, actor in actors.items()}
    pairs: dict[tuple[str | None, str | None], int] = {}
    for link in links:
        ends = (level.get(link.source_id), level.get(link.target_id))
        pairs[ends] = pairs.get(ends, 0) + 1
    counts: dict[str, int] = {}
    for (a, b), n in pairs.items():
        if a is not None and b is not None:
            key = "-".join(sorted((a, b)))
            counts[key] = counts.get(key, 0) + n
    return dict(sorted(counts.items()))
