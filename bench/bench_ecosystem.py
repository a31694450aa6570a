"""Ecosystem: analysis of 10,000 actors / 50,000 links, CSV import of 50,000 links, repaint of 2,000 actors.

Each figure is compared with a baseline measured in the same process:
- analysis: the same graph kernels called bare on the links as plain (source, target, weight) tuples
  (the networkx calls with the same parameters, plus the numpy eigenvector, DFS and bridge kernels of
  workbench.ecosystem.metrics) against the full analysis from entities to findings and JSON;
  networkx's own eigenvector call is shown for scale;
- import: csv.reader and one sqlite3 executemany of the same rows, against reading, validating every
  row, backing up and applying it in one transaction;
- repaint: the same number of plain Qt ellipse and line items, against the map's actor and link items.
"""

from __future__ import annotations

import csv
import io
import os
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import isolated_home, median_time, report

home = isolated_home()

import networkx as nx  # noqa: E402

from db.importing import import_files  # noqa: E402
from db.session import DocumentSession  # noqa: E402
from workbench.document import Document  # noqa: E402
from workbench.ecosystem import network as na  # noqa: E402
from workbench.ecosystem.analysis import analyse_ecosystem  # noqa: E402
from workbench.ecosystem.entities import Actor, ActorType, Link, LinkType  # noqa: E402
from workbench.ecosystem.metrics import cut_off_pieces, eigenvector_centrality, group_bridge  # noqa: E402
from workbench.interchange.csv_io import write_csv  # noqa: E402
from workbench.sample import starter_entities  # noqa: E402

TYPES = [t.value for t in ActorType]
LEVELS = ["national", "national", "regional", "international"]


def ecosystem(n_actors: int, n_links: int, seed: int = 11) -> tuple[list[Actor], list[Link]]:
    rnd = random.Random(seed)
    actors = [
        Actor(
            id=f"a{n}",
            name=f"Actor {n}",
            actor_type=rnd.choice(TYPES),
            level=rnd.choice(LEVELS),
            x=rnd.uniform(-3000, 3000),
            y=rnd.uniform(-3000, 3000),
        )
        for n in range(n_actors)
    ]
    links = []
    for n in range(n_links):
        a, b = rnd.sample(range(n_actors), 2)
        links.append(
            Link(
                id=f"l{n}",
                source_id=f"a{a}",
                target_id=f"a{b}",
                link_type=rnd.choice(list(LinkType)).value,
                weight=round(rnd.uniform(0.5, 5), 2),
            )
        )
    return actors, links


# ----- analysis ------------------------------------------------------------------------------------
def bare_kernels(ids: list[str], edges: list[tuple[str, str, float]], types: dict[str, str]) -> None:
    """The graph work of the analysis with nothing around it: same calls, same parameters."""
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    graph.add_weighted_edges_from(edges)
    dict(graph.degree())
    dict(graph.degree(weight="weight"))
    samples = na.betweenness_samples(graph)
    nx.betweenness_centrality(graph, k=samples, seed=na.SEED if samples else None)
    if len(graph) <= na.LOUVAIN_LIMIT:
        nx.community.louvain_communities(graph, weight="weight", seed=na.SEED)
    else:
        list(nx.community.fast_label_propagation_communities(graph, weight="weight", seed=na.SEED))
    components = sorted(nx.connected_components(graph), key=len, reverse=True)
    component_of = {a: n for n, group in enumerate(components) for a in group}
    eigenvector_centrality(graph)
    cut_off_pieces(graph, components[0])
    for first, second in na.BRIDGE_GROUPS:
        one = sorted(a for a, t in types.items() if t in first[2])
        other = sorted(a for a, t in types.items() if t in second[2])
        if len(other) < len(one):
            one, other = other, one
        group_bridge(graph, one, other, component_of, limit=samples or len(one), seed=na.SEED)
    government = {a for a, t in types.items() if t in na.GOVERNMENT}
    nx.multi_source_dijkstra_path_length(graph, government, weight=na._one)


def paired_medians(first, second, rounds: int = 7) -> tuple[float, float]:
    """Median times of two functions run in turn, so a busy moment of the machine hits both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        for fn, out in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def bench_analysis() -> list[tuple]:
    actors, links = ecosystem(10_000, 50_000)
    doc = Document.of([*actors, *links])
    edges = [(link.source_id, link.target_id, link.weight) for link in links]
    ids = [a.id for a in actors]
    types = {a.id: a.actor_type for a in actors}
    ours, bare = paired_medians(lambda: analyse_ecosystem(doc).as_json(), lambda: bare_kernels(ids, edges, types))
    graph = na.build_graph(actors, links)
    start = time.perf_counter()
    nx.eigenvector_centrality(graph, weight="weight", max_iter=1000)
    networkx_eigenvector = time.perf_counter() - start
    samples = na.betweenness_samples(graph)
    return [
        (
            f"analysis of 10,000 actors / 50,000 links (betweenness from {samples} sampled actors)",
            ours,
            bare,
            "<= 1.2x the bare calls and < 2 s",
        ),
        ("  for scale: networkx's own eigenvector_centrality alone (not used)", networkx_eigenvector, None, ""),
    ]


# ----- import --------------------------------------------------------------------------------------
def bench_import() -> tuple:
    actors, links = ecosystem(10_000, 50_000, seed=5)
    folder = home / "import"
    folder.mkdir()
    path = folder / "links.csv"
    path.write_bytes(write_csv(links, "link"))

    def ours() -> None:
        session = DocumentSession.new([*starter_entities(), *actors])
        try:
            start = time.perf_counter()
            import_files(session, [path])
            ours.seconds.append(time.perf_counter() - start)
        finally:
            session.close()

    ours.seconds = []
    for _ in range(3):
        ours()
    raw_db = folder / "raw.sqlite"

    def raw() -> None:
        raw_db.unlink(missing_ok=True)
        conn = sqlite3.connect(raw_db)
        conn.execute(
            "CREATE TABLE link (id TEXT PRIMARY KEY, source_id TEXT, target_id TEXT, link_type TEXT, "
            "weight REAL, formal INTEGER, notes TEXT)"
        )
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))[1:]
        conn.executemany("INSERT INTO link VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        conn.commit()
        conn.close()

    baseline = median_time(raw, repeats=3)
    return (
        "CSV import of 50,000 links (read, validate all, back up, one transaction)",
        sorted(ours.seconds)[1],
        baseline,
        "< 2 s",
    )


def bench_map_follows_import() -> tuple:
    """The map after an import of 50,000 links: one link item each, routed and fanned out by pair."""
    from ui.app import application
    from ui.views.ecosystem.scene import EcosystemScene
    from workbench.changes import Change, Op

    application()
    actors, links = ecosystem(5_000, 50_000, seed=5)
    by_id = {"actor": {a.id: a for a in actors}, "link": {k.id: k for k in links}}
    created = [Change("link", Op.CREATED, frozenset(by_id["link"]))]

    def follow() -> None:
        scene = EcosystemScene()
        scene.load(actors, [])
        start = time.perf_counter()
        scene.apply(created, lambda kind, ids: [by_id[kind][i] for i in ids])
        follow.seconds.append(time.perf_counter() - start)

    follow.seconds = []
    for _ in range(3):
        follow()
    return ("the map takes in an import of 50,000 links (after the import itself)", sorted(follow.seconds)[1], None, "")


# ----- repaint -------------------------------------------------------------------------------------
def bench_repaint() -> list[tuple]:
    from PySide6.QtGui import QImage, QPainter, QPen
    from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

    from ui.app import application
    from ui.document import OpenDocument
    from ui.views.ecosystem.view import EcosystemView
    from workbench.ecosystem.layout import SpringLayout

    app = application()
    actors, links = ecosystem(2000, 3000, seed=3)
    layout = SpringLayout(
        [a.id for a in actors], [(k.source_id, k.target_id) for k in links], {}, [a.id for a in actors]
    )
    for _ in layout.steps(60):
        pass
    for actor in actors:
        actor.x, actor.y = layout.positions()[actor.id]
    session = DocumentSession.new([*starter_entities(), *actors, *links])
    view = EcosystemView(OpenDocument(session))
    view.resize(1400, 900)
    view.show()
    app.processEvents()
    canvas = view.canvas
    image = QImage(canvas.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

    def repaint(widget) -> None:
        painter = QPainter(image)
        widget.render(painter)
        painter.end()

    ours = median_time(lambda: repaint(canvas), repeats=15, warmup=3)
    canvas.resetTransform()  # 100 %: names, codes, dashes and end marks all drawn
    canvas.centerOn(view.scene.itemsBoundingRect().center())
    app.processEvents()
    close = median_time(lambda: repaint(canvas), repeats=15, warmup=3)
    canvas.fit()
    plain = QGraphicsScene()
    for actor in actors:
        plain.addEllipse(actor.x - 18, actor.y - 18, 36, 36)
    positions = {a.id: (a.x, a.y) for a in actors}
    for link in links:
        (x1, y1), (x2, y2) = positions[link.source_id], positions[link.target_id]
        plain.addLine(x1, y1, x2, y2, QPen())
    plain_view = QGraphicsView(plain)
    plain_view.setRenderHints(canvas.renderHints())
    plain_view.resize(canvas.viewport().size())
    plain_view.fitInView(plain.itemsBoundingRect())
    plain_view.show()
    app.processEvents()
    baseline = median_time(lambda: repaint(plain_view), repeats=15, warmup=3)
    return [
        ("repaint of the same map at 100 % zoom (full detail of the part in view)", close, None, "<= 16 ms"),
        ("repaint of a 2,000-actor, 3,000-link map, fitted in the window", ours, baseline, "<= 16 ms"),
    ]


def main() -> None:
    figures = [*bench_analysis(), bench_import(), bench_map_follows_import(), *bench_repaint()]
    for name, seconds, baseline, target in figures:
        report(name, seconds, baseline=baseline, target=target)


if __name__ == "__main__":
    main()
