"""The array kernels of the ecosystem analysis against networkx, the reference, on small random graphs."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.quick import share
from workbench.ecosystem import kernels
from workbench.ecosystem.kernels import IndexedGraph

GRAPHS = st.tuples(st.integers(1, 30), st.integers(0, 70), st.integers(0, 10_000))


def graphs(n: int, m: int, seed: int) -> tuple[nx.Graph, IndexedGraph]:
    """The same random weighted graph for networkx (actor ids) and for the kernels."""
    graph = nx.gnm_random_graph(n, m, seed=seed)
    for u, v in graph.edges:
        graph[u][v]["weight"] = 1 + (u * 7 + v * 3) % 5
    graph = nx.relabel_nodes(graph, lambda i: f"a{i}")
    edges = [(u, v, graph[u][v]["weight"]) for u, v in graph.edges]
    return graph, IndexedGraph.of(list(graph), edges)


def weights(graph: nx.Graph) -> dict:
    return {frozenset((u, v)): w for u, v, w in graph.edges(data="weight")}


def by_id(network: IndexedGraph, values: np.ndarray) -> dict:
    return dict(zip(network.ids, values.tolist(), strict=True))


@settings(max_examples=share(30, floor=8), deadline=None, database=None)
@given(GRAPHS, st.sampled_from([None, 1, 2, 5, 12]), st.sampled_from([0, 10**9]))
def test_betweenness_exact_and_sampled_match_networkx(shape, samples, thin_levels):
    """Both ways of searching, level by level (no map is thin below 0 actors a level) and actor by actor."""
    graph, network = graphs(*shape)
    k = None if samples is None or samples > len(graph) else samples
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kernels, "THIN_LEVELS", thin_levels)
        ours = by_id(network, kernels.betweenness(network, k, seed=7))
    theirs = nx.betweenness_centrality(graph, k=k, seed=7 if k else None)
    for actor in graph:
        if math.isnan(theirs[actor]):  # one sampled source says nothing about itself
            assert math.isnan(ours[actor])
        else:
            assert ours[actor] == pytest.approx(theirs[actor], abs=1e-9)


@settings(max_examples=share(30, floor=8), deadline=None, database=None)
@given(GRAPHS)
def test_degree_strength_components_and_distances_match_networkx(shape):
    graph, network = graphs(*shape)
    assert by_id(network, network.degree()) == dict(graph.degree())
    assert by_id(network, network.strength()) == pytest.approx(dict(graph.degree(weight="weight")))
    assert weights(network.networkx()) == weights(graph)
    found = sorted(sorted(network.ids[i] for i in c) for c in kernels.components(network))
    assert found == sorted(sorted(c) for c in nx.connected_components(graph))
    sources = list(graph)[::4]
    steps = nx.multi_source_dijkstra_path_length(graph, set(sources), weight=lambda *_: 1)
    dist = by_id(network, network.distances(np.array([network.ids.index(s) for s in sources])))
    assert {a: d for a, d in dist.items() if d >= 0} == steps


def test_a_long_thin_map_is_searched_actor_by_actor_with_the_same_results():
    """A chain of suppliers has a thousand distance levels of two actors: array passes level by level
    took 40 times longer than a walk."""
    ring = nx.cycle_graph(2_000)
    nx.set_edge_attributes(ring, 1.0, "weight")
    network = IndexedGraph.of([str(i) for i in ring], [(str(u), str(v), 1.0) for u, v in ring.edges])
    assert network.thin
    _dense, dense_network = graphs(200, 2_000, seed=3)
    assert not dense_network.thin
    ours = kernels.betweenness(network, 5, seed=7)
    theirs = nx.betweenness_centrality(nx.relabel_nodes(ring, str), k=5, seed=7)
    assert ours.tolist() == pytest.approx([theirs[i] for i in network.ids], abs=1e-9)


def test_links_either_way_merge_and_links_to_nobody_are_left_out():
    network = IndexedGraph.of(["a", "b", "c"], [("a", "b", 2.0), ("b", "a", 3.0), ("c", "gone", 1.0), ("c", "c", 1.0)])
    assert network.pairs == 1 and network.weight.tolist() == [5.0]
    assert network.degree().tolist() == [1, 1, 0]


def test_label_propagation_finds_two_joined_groups_the_same_way_every_time():
    left, right = nx.complete_graph(6), nx.complete_graph(range(6, 12))
    graph = nx.union(left, right)
    graph.add_edge(0, 6)
    network = IndexedGraph.of(list(graph), [(u, v, 1.0) for u, v in graph.edges])
    groups = sorted(sorted(g) for g in kernels.label_propagation(network, seed=7))
    assert groups == [list(range(6)), list(range(6, 12))]
    assert kernels.label_propagation(network, seed=7) == kernels.label_propagation(network, seed=7)


@settings(max_examples=share(25, floor=8), deadline=None, database=None)
@given(GRAPHS)
def test_label_propagation_groups_everyone_once_and_never_across_components(shape):
    graph, network = graphs(*shape)
    groups = kernels.label_propagation(network, seed=3)
    assert sorted(i for g in groups for i in g) == list(range(network.n))
    component_of = {a: n for n, c in enumerate(nx.connected_components(graph)) for a in c}
    assert all(len({component_of[network.ids[i]] for i in g}) == 1 for g in groups)


@settings(max_examples=share(40, floor=10), deadline=None, database=None)
@given(GRAPHS)
def test_label_propagation_ends_with_every_actor_in_the_group_its_neighbours_weigh_most(shape):
    """Where the rounds end settled, no actor's neighbours carry more weight to another group than to its
    own: a round that skipped actors whose neighbourhood had changed would leave some behind."""
    graph, network = graphs(*shape)
    groups = kernels.label_propagation(network, seed=5)
    group_of = {network.ids[i]: n for n, g in enumerate(groups) for i in g}
    for actor in graph:
        carried: dict[int, float] = {}
        for other, data in graph[actor].items():
            carried[group_of[other]] = carried.get(group_of[other], 0.0) + data["weight"]
        if carried:
            assert carried.get(group_of[actor], 0.0) >= max(carried.values()) - 1e-9, (actor, carried)


@pytest.mark.slow  # a fresh process imports the whole program
def test_the_program_never_imports_igraph():
    """igraph (GPL) is the benchmark's yardstick for these kernels, never a part of the program."""
    root = Path(__file__).resolve().parents[2]
    importing = []
    for package in ("workbench", "db", "ui", "templates_reports"):
        for path in (root / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                if any(n == "igraph" or n.startswith("igraph.") for n in names):
                    importing.append(path.relative_to(root).as_posix())
    assert importing == []
