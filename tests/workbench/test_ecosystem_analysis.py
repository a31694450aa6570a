"""Ecosystem metrics against small graphs checked by hand, and the wording of the findings."""

from __future__ import annotations

import gc
import json
import math
import subprocess
import sys

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.quick import share
from workbench.analysis import analyse
from workbench.document import Document
from workbench.ecosystem import network
from workbench.ecosystem.analysis import analyse_ecosystem
from workbench.ecosystem.entities import Actor, Link
from workbench.ecosystem.findings import names
from workbench.ecosystem.kernels import IndexedGraph, eigenvector
from workbench.ecosystem.metrics import cut_off_pieces, group_bridge
from workbench.sample import sample_entities


def actor(id_: str, kind: str = "other", level: str = "national") -> Actor:
    return Actor.create(id=id_, name=id_.capitalize(), actor_type=kind, level=level)


def link(a: str, b: str, weight: float = 1.0, kind: str = "collaborates") -> Link:
    return Link.create(id=f"{a}-{b}-{kind}", source_id=a, target_id=b, weight=weight, link_type=kind)


def analysed(actors: list[Actor], links: list[Link]):
    return analyse_ecosystem(Document.of([*actors, *links]))


def texts(analysis, kind: str) -> list[str]:
    return [f.text for f in analysis.findings if f.kind == kind]


# ----- metrics on hand-checked graphs ------------------------------------------------------------
def test_star_degree_betweenness_eigenvector_density():
    hub, leaves = actor("hub"), [actor(f"leaf{n}") for n in range(4)]
    a = analysed([hub, *leaves], [link("hub", leaf.id) for leaf in leaves])
    assert a.degree == {"hub": 4, "leaf0": 1, "leaf1": 1, "leaf2": 1, "leaf3": 1}
    assert a.betweenness["hub"] == pytest.approx(1.0)  # all 6 leaf pairs go through the hub
    assert a.betweenness["leaf0"] == 0
    # Principal eigenvector of a star with 4 leaves: hub 2, leaves 1, normalised to length 1.
    assert a.eigenvector["hub"] == pytest.approx(2 / math.sqrt(8), abs=1e-4)
    assert a.eigenvector["leaf3"] == pytest.approx(1 / math.sqrt(8), abs=1e-4)
    assert a.density == pytest.approx(4 / 10)
    assert a.samples is None and a.brokers == ["hub"]


def test_path_betweenness_cut_offs_and_components():
    actors = [actor(x) for x in "abcd"] + [actor("e"), actor("f"), actor("g")]
    a = analysed(actors, [link("a", "b"), link("b", "c"), link("c", "d"), link("e", "f")])
    # b lies on the paths a-c and a-d: 2 of the 15 pairs among the other 6 actors.
    assert a.betweenness["b"] == pytest.approx(2 / 15) and a.betweenness["c"] == pytest.approx(2 / 15)
    assert a.components == [["a", "b", "c", "d"], ["e", "f"], ["g"]]
    assert a.isolated == ["g"]
    assert a.cut_off == {"b": [["a"]], "c": [["d"]]}


def test_parallel_links_merge_into_one_weighted_connection():
    graph = IndexedGraph.of(["a", "b"], [("a", "b", 2.0), ("b", "a", 3.0)]).networkx()
    assert graph.number_of_edges() == 1 and graph["a"]["b"]["weight"] == 5.0
    a = analysed([actor("a"), actor("b")], [link("a", "b", 2.0), link("b", "a", 3.0, "funds")])
    assert a.strength == {"a": 5.0, "b": 5.0} and a.degree == {"a": 1, "b": 1} and a.links == 2


def test_sme_distance_to_ministry_or_agency():
    actors = [
        actor("ministry", "ministry"),
        actor("agency", "agency"),
        actor("firm", "large_firm"),
        actor("near", "sme"),
        actor("twostep", "sme"),
        actor("far", "sme"),
        actor("alone", "sme"),
    ]
    links = [
        link("ministry", "agency"),
        link("agency", "near"),
        link("ministry", "firm"),
        link("firm", "twostep"),
        link("twostep", "far"),
    ]
    a = analysed(actors, links)
    assert a.government_distance == {"alone": None, "far": 3, "near": 1, "twostep": 2}
    assert texts(a, "sme_no_path") == ["1 SME has no path to any ministry or agency: Alone."]
    assert texts(a, "sme_far") == ["1 SME is 3 or more steps from the nearest ministry or agency: Far (3 steps)."]


def test_level_balance_counts_links_by_the_levels_of_their_ends():
    actors = [
        actor("n1"),
        actor("n2"),
        actor("r1", level="regional"),
        actor("r2", level="regional"),
        actor("i1", level="international"),
    ]
    links = [link("n1", "n2"), link("n1", "r1"), link("r1", "r2"), link("r2", "i1")]
    a = analysed(actors, links)
    assert a.level_links == {
        "international-regional": 1,
        "national-national": 1,
        "national-regional": 1,
        "regional-regional": 1,
    }
    assert texts(a, "levels") == [
        "1 of 4 links (25%) join national and regional actors, 1 joins two regional actors "
        "and 1 involves international actors."
    ]


def test_links_by_level_count_every_link_of_a_pair_either_way_and_none_to_an_actor_not_on_the_map():
    actors = [actor("n1"), actor("r1", level="regional"), actor("r2", level="regional")]
    links = [
        link("n1", "r1"),
        link("r1", "n1", kind="funds"),  # the same two actors again, the other way
        link("r1", "n1", kind="advises"),
        link("r1", "r2"),
        link("r2", "gone"),  # its other end is not on the map
    ]
    assert analysed(actors, links).level_links == {"national-regional": 3, "regional-regional": 1}


def test_no_national_regional_link_is_a_warning():
    a = analysed([actor("n1"), actor("n2"), actor("r1", level="regional")], [link("n1", "n2")])
    levels = [f for f in a.findings if f.kind == "levels"]
    assert [f.severity for f in levels] == ["warning"] and levels[0].ids == ("r1",)


# ----- group bridges -----------------------------------------------------------------------------
def _two_sides(extra: list[Link] = ()):
    actors = [
        actor("u1", "university"),
        actor("u2", "university"),
        actor("hub", "rto"),
        actor("mid", "rto"),
        actor("f1", "sme"),
        actor("f2", "large_firm"),
        actor("f3", "sme"),
    ]
    links = [
        link("u1", "u2"),
        link("u1", "hub"),
        link("u2", "hub"),
        link("hub", "f1"),
        link("hub", "f2"),
        link("f2", "f3"),
        *extra,
    ]
    return actors, links


def test_one_actor_on_every_path_between_universities_and_firms():
    a = analysed(*_two_sides())
    assert texts(a, "bridge") == [
        "Hub is the only bridge between universities and firms: every shortest path from a university to a firm "
        "runs through it."
    ]
    # Hub is not a cut vertex of the whole map here: a longer detour exists.
    a = analysed(*_two_sides([link("u1", "mid"), link("mid", "x")]))
    assert [f.ids for f in a.findings if f.kind == "bridge"] == [("hub",)]


def test_no_bridge_when_another_equally_short_route_or_a_direct_link_exists():
    a = analysed(*_two_sides([link("u2", "mid"), link("mid", "f1")]))
    assert texts(a, "bridge") == []
    a = analysed(*_two_sides([link("u1", "f3")]))
    assert texts(a, "bridge") == []


def test_group_bridge_agrees_with_brute_force_on_random_graphs():
    for seed in range(12):
        graph = nx.gnm_random_graph(14, 18, seed=seed)
        sources, targets = [0, 1, 2], [10, 11, 12, 13]
        component_of = np.zeros(len(graph), dtype=np.int64)
        for i, c in enumerate(nx.connected_components(graph)):
            component_of[list(c)] = i
        found = group_bridge(indexed(graph), sources, targets, component_of, limit=99)
        assert (set(found.ids) if found else set()) == _brute_bridge(graph, sources, targets), seed


def indexed(graph: nx.Graph) -> IndexedGraph:
    """A networkx graph on actors 0..n-1 as the analysis holds it."""
    return IndexedGraph.of(list(graph), [(a, b, graph[a][b].get("weight", 1.0)) for a, b in graph.edges])


def _brute_bridge(graph, sources, targets) -> set:
    """Every source that reaches a target must reach every other target only through the node."""
    if any(graph.has_edge(s, t) for s in sources for t in targets):
        return set()
    out = set()
    for node in graph:
        reaching = [s for s in sources if any(nx.has_path(graph, s, t) for t in targets)]
        ok = bool(reaching)
        for s in reaching:
            others = [t for t in targets if t != node and nx.has_path(graph, s, t)]
            ok = ok and node != s and bool(others)
            ok = ok and all(node in p[1:-1] for t in others for p in nx.all_shortest_paths(graph, s, t))
        if ok:
            out.add(node)
    return out


# ----- pure algorithms against networkx and brute force -------------------------------------------
@settings(max_examples=share(60, floor=15), deadline=None, database=None)
@given(st.integers(2, 25), st.integers(0, 60), st.integers(0, 10_000))
def test_eigenvector_matches_networkx(n, m, seed):
    graph = nx.gnm_random_graph(n, m, seed=seed)
    for u, v in graph.edges:
        graph[u][v]["weight"] = 1 + (u * 7 + v * 3) % 5
    if graph.number_of_edges() == 0 or nx.number_connected_components(graph) > 1:
        return  # networkx's own iteration may stall on several components; ours is compared where it converges
    ours = dict(enumerate(eigenvector(indexed(graph)).tolist()))
    theirs = nx.eigenvector_centrality(graph, weight="weight", max_iter=5000)
    assert all(ours[k] == pytest.approx(theirs[k], abs=1e-3) for k in graph)


@settings(max_examples=share(80, floor=15), deadline=None, database=None)
@given(st.integers(1, 20), st.integers(0, 30), st.integers(0, 10_000))
def test_cut_off_pieces_match_removing_each_actor(n, m, seed):
    graph = nx.gnm_random_graph(n, m, seed=seed)
    main = max(nx.connected_components(graph), key=len)
    found = cut_off_pieces([list(graph[i]) for i in range(n)], sorted(main))
    for node in main:
        rest = [set(c) for c in nx.connected_components(graph.subgraph(main - {node}))]
        got = [set(p) for p in found.get(node, [])]
        # Everything but the largest remaining group is cut off (which of two equal largest is kept is arbitrary).
        assert sorted(len(p) for p in got) == sorted(len(c) for c in rest)[:-1]
        assert all(p in rest for p in got)


def test_large_maps_sample_betweenness_and_say_so(monkeypatch):
    monkeypatch.setattr(network, "PATH_WORK", 100)  # 7 actors x (7 + 2 x 6) = 133 units of path work
    monkeypatch.setattr(network, "MIN_SAMPLES", 3)
    monkeypatch.setattr(network, "LOUVAIN_LIMIT", 5)
    a = analysed(*_two_sides())
    assert a.samples == 100 // 19
    assert a.community_method == "label_propagation"
    assert any("Estimated from" in t for t in texts(a, "brokers"))
    assert a.as_json()["betweenness"] == {"method": "sampled", "samples": a.samples}


# ----- the sample project ------------------------------------------------------------------------
def test_sample_findings_in_plain_words():
    a = analyse_ecosystem(Document.of(sample_entities()))
    assert "2 SMEs have no path to any ministry or agency: Fjordline Separators and Kestrel Coating Systems." in [
        f.text for f in a.findings
    ]
    bridge = [f for f in a.findings if f.kind == "bridge"]
    assert [f.ids for f in bridge] == [("actor-scaleup-centre",)]
    assert bridge[0].text.startswith("Battery Scale-up Centre is the only bridge between universities and firms")
    assert a.findings[0].severity == "warning" and a.findings[-1].kind == "density"
    severities = [f.severity for f in a.findings]
    assert severities == sorted(severities, key=lambda s: s != "warning")


def test_analyse_command_has_an_ecosystem_key_that_is_json():
    result = analyse(Document.of(sample_entities()))
    eco = json.loads(json.dumps(result["ecosystem"]))
    assert eco["actors"] == 30 and eco["links"] == 47
    assert eco["sme_distance_to_government"]["actor-kestrel"] is None
    assert set(eco["metrics"]["actor-scaleup-centre"]) == {
        "degree",
        "strength",
        "betweenness",
        "eigenvector",
        "community",
        "component",
    }
    assert all(set(f) == {"kind", "severity", "text", "ids"} for f in eco["findings"])


def test_empty_and_single_actor_maps():
    a = analyse_ecosystem(Document())
    assert a.findings == [] and a.as_json()["actors"] == 0
    a = analysed([actor("solo", "sme")], [])
    assert a.density == 0.0 and texts(a, "isolated") == []
    assert a.as_json()["metrics"]["solo"]["degree"] == 0


def test_names_lists_read_naturally():
    actors = {i: actor(i) for i in ("a", "b", "c", "d", "e", "f")}
    assert names(["b"], actors) == "B"
    assert names(["b", "a"], actors) == "A and B"
    assert names(["c", "b", "a"], actors) == "A, B and C"
    assert names(list("fedcba"), actors) == "A, B, C, D and 2 more"


def test_isolated_and_detached_wording():
    a = analysed([actor("a"), actor("b"), actor("c"), actor("d"), actor("e")], [link("a", "b"), link("a", "c")])
    assert texts(a, "isolated") == ["2 actors have no links at all: D and E."]
    a = analysed([actor(x) for x in "abcde"], [link("a", "b"), link("a", "c"), link("d", "e")])
    assert texts(a, "detached") == ["2 actors (D and E) form a separate group with no connection to the main network."]


@pytest.mark.parametrize("was_on", [True, False])
def test_the_analysis_holds_the_collector_off_and_leaves_it_as_it_was(monkeypatch, was_on):
    """Its hundreds of thousands of short-lived objects would set off full collections of the whole
    document again and again: more than half the time of analysing a 10,000-actor map."""
    seen = []
    real = network.measure_network

    def watched(*args):
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr("workbench.ecosystem.analysis.measure_network", watched)
    (gc.enable if was_on else gc.disable)()
    try:
        analysed([actor("a"), actor("b")], [link("a", "b")])
        assert gc.isenabled() is was_on
    finally:
        gc.enable()
    assert seen == [False]


@pytest.mark.parametrize(("beyond_limit", "method"), [(0, "louvain"), (1, "label_propagation")])
def test_a_map_is_analysed_without_loading_networkx(beyond_limit, method):
    """networkx takes a tenth of a second and about 20 MB to load, and the window would keep it."""
    script = (
        "import sys\n"
        "from workbench.document import Document\n"
        "from workbench.ecosystem.analysis import analyse_ecosystem\n"
        "from workbench.ecosystem.entities import Actor, Link\n"
        "from workbench.ecosystem.network import LOUVAIN_LIMIT\n"
        f"n = LOUVAIN_LIMIT + {beyond_limit}\n"
        "actors = [Actor.create(id=f'a{i}', name=f'A{i}', actor_type='sme') for i in range(n)]\n"
        "links = [Link.create(id=f'l{i}', source_id='a0', target_id=f'a{i}') for i in range(1, n)]  # a star\n"
        "analysis = analyse_ecosystem(Document.of([*actors, *links]))\n"
        f"assert analysis.community_method == {method!r}\n"
        "print('networkx' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
