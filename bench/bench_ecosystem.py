"""Ecosystem: analysis at 1k, 10k and 100k actors against igraph, CSV import of 50,000 links, the map.

Each figure is compared with a baseline measured in the same run, or states an absolute target:
- analysis: the full analysis (measures and findings) against igraph computing the same measures from
  the same links (interleaved runs, medians), at three sizes; the cost may grow no faster than
  n log n times GROWTH_SLACK from one size to the next; at 10k it must be <= 1.5x igraph;
- import: csv.reader and one sqlite3 executemany of the same rows, against reading, validating every
  row, backing up and applying it in one transaction;
- opening the map: switching to the Ecosystem section at 1k, 10k and 100k actors (5 and 2 links each),
  against switching to it on an empty document: the time to the first paint of the map (its actors;
  < 1 s up to 10k, and growing no faster than linearly to 100k) and the longest stall of the window
  until the map is complete and analysed (the window thread's own work between two heartbeats,
  <= 50 ms up to 10k; the wall-clock gap is printed beside the idle window's), then full repaints
  fitted and at 100 % (<= 16 ms), and one just after a zoom, fitted and at 100 % (<= 50 ms: nothing
  kept from an earlier paint);
- the map taking in an import of 50,000 links; repaints of a 2,000-actor map against plain Qt items.

`python bench/bench_ecosystem.py analysis|import|map|open` runs one part (open: only opening the map at
each size); BENCH_MAX_ACTORS caps the sizes.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import os
import random
import sqlite3
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import isolated_home, median_time, report
from gui_window import close_window

home = isolated_home()

from db.importing import import_files  # noqa: E402
from db.session import DocumentSession  # noqa: E402
from workbench.document import Document  # noqa: E402
from workbench.ecosystem import network as na  # noqa: E402
from workbench.ecosystem.analysis import analyse_ecosystem  # noqa: E402
from workbench.ecosystem.entities import Actor, ActorType, Link, LinkType  # noqa: E402
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
SIZES = ((1_000, 5_000), (10_000, 50_000), (100_000, 500_000))  # actors, links
GROWTH_SLACK = 2.0  # cost may grow up to this many times faster than n log n from one size to the next


def igraph_analysis(ids: list[str], types: dict[str, str], edges: list[tuple[str, str, float]]) -> None:
    """The same measures with igraph (a C library; GPL, so a yardstick here and never in the program):
    build from the same tuples, merge parallel links, degree and strength, betweenness from the same
    number of sources, Louvain or label propagation, components, eigenvector, articulation points with
    their blocks, the group bridges' one-source betweenness, and steps from government by one search."""
    import igraph

    index = {a: i for i, a in enumerate(ids)}
    graph = igraph.Graph(n=len(ids), edges=[(index[a], index[b]) for a, b, _w in edges])
    graph.es["weight"] = [w for _a, _b, w in edges]
    graph.simplify(combine_edges={"weight": "sum"})
    graph.degree()
    graph.strength(weights="weight")
    samples = betweenness_samples_of(len(ids), graph.ecount())
    if samples is None:
        graph.betweenness(directed=False)
    else:
        graph.betweenness(directed=False, sources=random.Random(na.SEED).sample(range(len(ids)), samples))
    if len(ids) <= na.LOUVAIN_LIMIT:
        graph.community_multilevel(weights="weight")
    else:
        graph.community_label_propagation(weights="weight")
    graph.connected_components()
    graph.eigenvector_centrality(weights="weight")
    graph.biconnected_components(return_articulation_points=True)
    for first, second in na.BRIDGE_GROUPS:
        one = [index[a] for a, t in types.items() if t in first[2]]
        other = [index[a] for a, t in types.items() if t in second[2]]
        if one and other:
            graph.betweenness(directed=False, sources=one[:1], targets=other)
    government = [index[a] for a, t in types.items() if t in na.GOVERNMENT]
    graph.add_vertices(1)  # one search from a point linked to every ministry and agency
    graph.add_edges([(len(ids), g) for g in government])
    graph.bfs(len(ids))


def betweenness_samples_of(actors: int, pairs: int) -> int | None:
    per_source = actors + 2 * pairs
    if actors * per_source <= na.PATH_WORK:
        return None
    return min(actors, max(na.MIN_SAMPLES, na.PATH_WORK // per_source))


def paired_medians(first, second, rounds: int = 7) -> tuple[float, float]:
    """Median times of two functions run in turn, so a busy moment of the machine hits both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        for fn, out in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def growth(what: str, costs: dict[int, float]) -> list[tuple]:
    """How the cost grows from each size to the next, against n log n growth (the baseline column)."""
    out = []
    sizes = sorted(costs)
    for small, big in itertools.pairwise(sizes):
        expected = big * math.log(big) / (small * math.log(small))
        out.append(
            (
                f"{what}: growth {small:,} -> {big:,} entities is {costs[big] / costs[small]:.1f}x "
                f"(n log n: {expected:.1f}x; baseline column = the smaller cost x {expected:.1f})",
                costs[big],
                costs[small] * expected,
                f"<= {GROWTH_SLACK}x",
            )
        )
    return out


def bench_analysis() -> list[tuple]:
    """Each size in turn; BENCH_MAX_ACTORS leaves out the larger ones (to time the old code, say)."""
    figures, costs = [], {}
    largest = int(os.environ.get("BENCH_MAX_ACTORS", SIZES[-1][0]))
    for actors_n, links_n in (s for s in SIZES if s[0] <= largest):
        actors, links = ecosystem(actors_n, links_n)
        doc = Document.of([*actors, *links])
        edges = [(link.source_id, link.target_id, link.weight) for link in links]
        ids = [a.id for a in actors]
        types = {a.id: a.actor_type for a in actors}
        rounds = 7 if actors_n <= 10_000 else 3
        ours, baseline = paired_medians(
            lambda doc=doc: analyse_ecosystem(doc),
            lambda ids=ids, types=types, edges=edges: igraph_analysis(ids, types, edges),
            rounds,
        )
        costs[actors_n + links_n] = ours
        target = "<= 1.5x igraph" if actors_n == 10_000 else ""
        figures.append((f"analysis of {actors_n:,} actors / {links_n:,} links against igraph", ours, baseline, target))
    return figures + growth("analysis", costs)


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
    while view.analysis is None or view.analysis_job is not None:  # a repaint at rest, not beside the analysis
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
    afresh = median_time(lambda: zoomed(canvas, lambda: repaint(canvas)), repeats=9, warmup=1)
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
        ("  ... at 100 % just after a zoom (drawn afresh)", afresh, None, "<= 50 ms"),
        ("repaint of a 2,000-actor, 3,000-link map, fitted in the window", ours, baseline, "<= 16 ms"),
    ]


# ----- opening the map -------------------------------------------------------------------------------
HEARTBEAT_MS = 5
IDLE_MS = 2000  # the idle window's heartbeats are timed this long before the section opens
MAP_SIZES = ((1_000, 5_000), (10_000, 50_000), (100_000, 200_000))  # actors, links
TARGETS_UP_TO = 10_000  # actors: the absolute targets hold up to this size (the issue's), repaints timed there


def bench_map_open() -> list[tuple]:
    """Switch to the Ecosystem section at each size, as a user would, against switching to it on an
    empty document in the same run: the time until the map (its actors at least) has painted, and the
    longest the window could not answer until it is complete and analysed; then the repaints."""
    from ui import theme
    from ui.app import application

    app = application()
    theme.apply(remember=False)  # as the program does on start (else each paint looks the theme up)
    largest = int(os.environ.get("BENCH_MAX_ACTORS", MAP_SIZES[-1][0]))
    for _warm in range(2):  # the first also loads the section's modules, as a user's first visit does
        empty, _complete, _stall, window = open_map(app, 0, 0)
        close_window(app, window)
    figures = []
    firsts = {}
    for actors_n, links_n in (s for s in MAP_SIZES if s[0] <= largest):
        first, complete, stall, window = open_map(app, actors_n, links_n)
        firsts[actors_n + links_n] = first
        size = f"{actors_n:,} actors / {links_n:,} links"
        figures += [
            (
                f"the Ecosystem section opens on {size}: first paint of the map (baseline: an empty map)",
                first,
                empty,
                "< 1 s" if actors_n <= TARGETS_UP_TO else "",
            ),
            (f"  ... complete and analysed (for scale): {complete:.1f} s", complete, None, ""),
            (
                f"longest stall of the window while the section opens on {size} (its own work)",
                stall.busy,
                None,
                "<= 50 ms" if actors_n <= TARGETS_UP_TO else "",
            ),
            (
                "  ... as a wall-clock gap between heartbeats (baseline: the idle window's longest)",
                stall.wall,
                stall.idle_wall,
                "",
            ),
        ]
        if actors_n <= TARGETS_UP_TO:
            figures += repaints(app, window.current_view(), size)
        close_window(app, window)
    if len(firsts) > 1:
        sizes = sorted(firsts)
        figures.append(
            (
                f"first paint of the map: growth {sizes[0]:,} -> {sizes[-1]:,} entities (baseline: linear)",
                firsts[sizes[-1]],
                firsts[sizes[0]] * sizes[-1] / sizes[0],
                "<= 1x",
            )
        )
    return figures


def open_map(app, actors_n: int, links_n: int):
    """(first paint, complete, longest stall) in seconds, and the window, still open. The first paint
    is the first one that shows the map's actors (or of an empty map, when there is nothing to read);
    the stall is the largest gap between heartbeats of a timer on the window's event loop, less their
    interval, until the map is complete and analysed."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer

    from ui.document import OpenDocument
    from ui.main_window import MainWindow

    actors, links = ecosystem(actors_n, links_n, seed=5)
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    window.set_document(OpenDocument(DocumentSession.new([*starter_entities(), *actors, *links]), window))
    app.processEvents()
    beats: list[tuple[float, float]] = []  # (wall clock, the window thread's own processor time)
    painted: list[float] = []
    shown: list = []

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and not painted and shown:
                scene = shown[0].scene
                if scene.actors or not scene.loading:  # the map, not an empty canvas waiting for it
                    QTimer.singleShot(0, lambda: painted.append(time.perf_counter()))  # once this paint is done
            return False

    spy = FirstPaint()
    loop = QEventLoop()
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(lambda: beats.append((time.perf_counter(), time.thread_time())))
    started: list[float] = []

    def open_section() -> None:
        started.append(time.perf_counter())
        window.show_section("ecosystem")
        view = window.current_view()
        shown.append(view)
        view.canvas.viewport().installEventFilter(spy)
        view.canvas.viewport().update()
        wait_until_complete(view)

    def wait_until_complete(view) -> None:
        loading = getattr(view.scene, "loading", False)
        if painted and not loading and view.analysis_job is None and view.analysis is not None:
            loop.quit()
        else:
            QTimer.singleShot(20, lambda: wait_until_complete(view))

    idle = QEventLoop()
    heartbeat.start()
    QTimer.singleShot(IDLE_MS, idle.quit)
    idle.exec()  # the idle window first: how late beats come on this machine with nothing to do
    idle_beats, beats[:] = beats[:], []
    QTimer.singleShot(0, open_section)
    QTimer.singleShot(300_000, loop.quit)  # never wait for ever
    loop.exec()
    heartbeat.stop()
    complete = time.perf_counter() - started[0]
    gaps, idle_gaps = longest_gaps(beats), longest_gaps(idle_beats)
    print(
        f"{actors_n:,} actors: longest heartbeat gaps, wall clock / the window thread's processor time (ms): "
        f"{[round(g * 1000) for g in gaps[0][-5:]]} / {[round(g * 1000) for g in gaps[1][-5:]]}; "
        f"idle window: {[round(g * 1000) for g in idle_gaps[0][-5:]]}",
        flush=True,
    )
    stall = Stall(gaps[1][-1], max(gaps[0][-1] - HEARTBEAT_MS / 1000, 0.0), idle_gaps[0][-1])
    first = painted[0] - started[0] if painted else math.inf
    return first, complete, stall, window


@dataclass
class Stall:
    """The longest the window could not answer while the map opened: the window thread's own processor
    time between two heartbeats (what the program made it do; the target), and the wall-clock gap with
    the idle window's longest in the same run (on a loaded machine both include time the thread waited
    for a processor)."""

    busy: float
    wall: float
    idle_wall: float


def longest_gaps(beats: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """The gaps between heartbeats, sorted: wall clock and the window thread's processor time."""
    pairs = list(itertools.pairwise(beats))
    return sorted(b[0] - a[0] for a, b in pairs) or [0.0], sorted(b[1] - a[1] for a, b in pairs) or [0.0]




def repaints(app, view, size: str) -> list[tuple]:
    """A full repaint of the map as the window shows it: fitted, then at 100 % zoom."""
    from PySide6.QtGui import QImage, QPainter

    canvas = view.canvas
    image = QImage(canvas.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

    def repaint() -> None:
        painter = QPainter(image)
        canvas.render(painter)
        painter.end()

    fitted = median_time(repaint, repeats=15, warmup=3)
    fitted_afresh = median_time(lambda: zoomed(canvas, repaint), repeats=9, warmup=1)
    canvas.fit()
    canvas.resetTransform()  # 100 %: names, codes, dashes and end marks all drawn
    canvas.centerOn(view.scene.itemsBoundingRect().center())
    app.processEvents()
    close = median_time(repaint, repeats=15, warmup=3)
    afresh = median_time(lambda: zoomed(canvas, repaint), repeats=9, warmup=1)
    return [
        (f"repaint of the map of {size}, fitted in the window", fitted, None, "<= 16 ms"),
        (f"repaint of the map of {size}, fitted, just after a zoom (drawn afresh)", fitted_afresh, None, "<= 50 ms"),
        (f"repaint of the map of {size} at 100 % zoom", close, None, "<= 16 ms"),
        (f"repaint of the map of {size} at 100 % just after a zoom (drawn afresh)", afresh, None, "<= 50 ms"),
    ]


def zoomed(canvas, repaint) -> None:
    """A repaint at a zoom the view has not drawn yet: nothing kept from an earlier paint is reused."""
    factor = 1.01 if canvas.transform().m11() <= 1.0 else 1 / 1.01
    canvas.scale(factor, factor)
    repaint()


def main() -> None:
    wanted = set(sys.argv[1:]) or {"analysis", "import", "map"}
    figures = [
        *(bench_analysis() if "analysis" in wanted else []),
        *([bench_import()] if "import" in wanted else []),
        *(bench_map_open() if wanted & {"map", "open"} else []),
        *([bench_map_follows_import(), *bench_repaint()] if "map" in wanted else []),
    ]
    for name, seconds, baseline, target in figures:
        report(name, seconds, baseline=baseline, target=target)


if __name__ == "__main__":
    main()
