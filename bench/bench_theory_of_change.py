"""Theory of change: the findings of a chain of 500 results and 2,000 links, and the repaint of a canvas
of 2,000 cards; each against a plain baseline measured in the same run.

Targets (the issue): findings for 500 nodes / 2,000 links < 100 ms; the canvas with 2,000 cards
repaints in <= 16 ms. Baselines: one pass building the links' adjacency; a bare QGraphicsScene of
2,000 rectangles and the same lines in a view of the same size.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import isolated_home, median_time, report

home = isolated_home()

from db.session import DocumentSession  # noqa: E402
from workbench.document import Document  # noqa: E402
from workbench.entity import Entity  # noqa: E402
from workbench.monitoring.entities import Indicator  # noqa: E402
from workbench.registers.entities import Evaluation, EvaluationQuestion, Objective  # noqa: E402
from workbench.sample import starter_entities  # noqa: E402
from workbench.spheres.items import Item  # noqa: E402
from workbench.theory_of_change.analysis import analyse_theory_of_change  # noqa: E402
from workbench.theory_of_change.entities import Rationale, TocLink, TocNode  # noqa: E402

COLUMNS = ("output", "outcome", "impact")


def chain(instruments: int, nodes: int, links: int, seed: int = 11) -> list[Entity]:
    """A random chain: instruments lead to outputs, results to results further right, some assumptions tested."""
    rnd = random.Random(seed)
    objectives = [Objective.create(statement=f"Objective {n}") for n in range(60)]
    measured = [Indicator.create(name=f"Indicator {n}", objective_id=o.id) for n, o in enumerate(objectives[::3])]
    evaluations = [Evaluation.create(name=f"Evaluation {n}") for n in range(30)]
    items = [Item.create(name=f"Instrument {n}") for n in range(instruments)]
    results = [
        TocNode.create(
            result_type=COLUMNS[min(2, n * 3 // nodes)],
            title=f"Result {n}",
            position=n,
            objective_id=rnd.choice(objectives).id if rnd.random() < 0.3 else None,
            indicator="" if rnd.random() < 0.4 else "measured",
        )
        for n in range(nodes)
    ]
    by_column = {c: [r for r in results if r.result_type == c] for c in COLUMNS}
    out: list[Entity] = [*objectives, *measured, *evaluations, *items, *results]
    out += [Rationale.create(statement=f"Failure {n}", instrument_ids=[rnd.choice(items).id]) for n in range(20)]
    for n in range(links):
        assumption = f"Assumption {n}" if rnd.random() < 0.7 else ""
        if n < instruments or rnd.random() < 0.25:
            start = {"from_item_id": items[n % instruments].id}
            target = rnd.choice(by_column["output"])
        else:
            low = rnd.choice(COLUMNS[:2])
            start = {"from_node_id": rnd.choice(by_column[low]).id}
            target = rnd.choice(by_column[COLUMNS[COLUMNS.index(low) + 1]])
        link = TocLink.create(**start, to_node_id=target.id, assumption=assumption)
        out.append(link)
        if rnd.random() < 0.5:
            asker = rnd.choice(evaluations).id
            question = f"Does assumption {n} hold?"
            out.append(EvaluationQuestion.create(evaluation_id=asker, question=question, toc_link_ids=[link.id]))
    return out


def adjacency(doc: Document) -> int:
    """Baseline: one pass over the links building who leads to whom."""
    onward: dict[str, list[str]] = {}
    for link in doc.all(TocLink):
        onward.setdefault(link.source, []).append(link.to_node_id)
    return len(onward)


def bench_findings() -> tuple:
    doc = Document.of(chain(instruments=100, nodes=500, links=2000))
    ours = median_time(lambda: analyse_theory_of_change(doc), repeats=15)
    plain = median_time(lambda: adjacency(doc), repeats=15)
    return ("findings of 500 results, 100 instruments and 2,000 links", ours, plain, "< 100 ms")


def bench_repaint() -> list[tuple]:
    from PySide6.QtGui import QImage, QPainter, QPen
    from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

    from ui.app import application
    from ui.document import OpenDocument
    from ui.views.theory_of_change.view import TheoryOfChangeView

    app = application()
    entities = chain(instruments=400, nodes=1600, links=2000)
    session = DocumentSession.new([*starter_entities(), *entities])
    doc = OpenDocument(session)
    start = time.perf_counter()
    view = TheoryOfChangeView(doc)
    view.resize(1400, 900)
    view.show()
    app.processEvents()
    opening = time.perf_counter() - start
    canvas = view.canvas
    cards = len(view.scene.cards)
    image = QImage(canvas.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

    def repaint(widget) -> None:
        painter = QPainter(image)
        widget.render(painter)
        painter.end()

    opened = median_time(lambda: repaint(canvas), repeats=15, warmup=3)
    plain = QGraphicsScene()
    for card in view.scene.cards.values():
        plain.addRect(card.sceneBoundingRect())
    for line in view.scene.lines.values():
        plain.addPath(line.path(), QPen())
    plain_view = QGraphicsView(plain)
    plain_view.setRenderHints(canvas.renderHints())
    plain_view.resize(canvas.viewport().size())
    plain_view.setSceneRect(view.scene.sceneRect())
    plain_view.setTransform(canvas.transform())
    plain_view.show()
    app.processEvents()
    baseline = median_time(lambda: repaint(plain_view), repeats=15, warmup=3)

    canvas.fitInView(view.scene.sceneRect())  # every card at once: the worst case
    plain_view.fitInView(plain.sceneRect())
    app.processEvents()
    whole = median_time(lambda: repaint(canvas), repeats=15, warmup=3)
    whole_baseline = median_time(lambda: repaint(plain_view), repeats=15, warmup=3)
    view.close()
    doc.close()
    return [
        (f"view open with {cards:,} cards and 2,000 links, painted", opening, None, ""),
        (
            f"repaint of a {cards:,}-card, 2,000-link chain as it opens (fitted to the width)",
            opened,
            baseline,
            "<= 16 ms",
        ),
        (f"repaint of the whole {cards:,}-card chain zoomed out to fit", whole, whole_baseline, ""),
    ]


def main() -> None:
    figures = [bench_findings(), *bench_repaint()]
    for name, seconds, baseline, target in figures:
        report(name, seconds, baseline=baseline, target=target)


if __name__ == "__main__":
    main()
