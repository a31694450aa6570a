"""Spheres canvas (offscreen): one edit, gesture to views updated, at 1k, 10k and 20k items against a raw
SQLite edit (edit_timing); and with 5,000 items: the window's full repaint (against Qt's own view of as
many plain circles, interleaved), a picture of the canvas, one drag step, region recomputation.

The theme is applied as the program does at start-up."""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import interleaved as interleaved_times
from common import isolated_home, median_time, report
from edit_timing import RawEdit, interleaved, report_edits

isolated_home()

from PySide6.QtCore import QEvent, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView  # noqa: E402

from db import operations as ops  # noqa: E402
from db.session import DocumentSession  # noqa: E402
from ui import theme  # noqa: E402
from ui.app import application  # noqa: E402
from ui.commands import StoreCommand  # noqa: E402
from ui.document import OpenDocument  # noqa: E402
from ui.views.spheres.view import SpheresView  # noqa: E402
from workbench.spheres.items import Instrument, Item  # noqa: E402

N = 5000
EDIT_SIZES = (1000, 10000, 20000)


def build_view(size: int = N) -> SpheresView:
    rnd = random.Random(7)
    items = [
        Item.create(
            name=f"Instrument number {n}",
            kind=rnd.choice(["instrument", "programme", "institution"]),
            x=round(rnd.uniform(-330, 330), 1),
            y=round(rnd.uniform(-290, 340), 1),
        )
        for n in range(size)
    ]
    instruments = [Instrument.create(id=i.id, ) for i in items if i.kind != "institution"]
    session = DocumentSession.new()
    session.store.create([*items, *instruments])
    view = SpheresView(OpenDocument(session))
    view.resize(1600, 1000)
    view.show()
    app = application()
    app.processEvents()
    while view.reader.busy or view.scene.unmade.waiting:  # a large board is read beside, its cards made in slices
        app.processEvents()
    return view


def picture(view: SpheresView, image: QImage) -> None:
    """The canvas drawn into an image (a picture of it), which takes a slower path through Qt than the window."""
    painter = QPainter(image)
    view.canvas.render(painter)
    painter.end()


def bare_view(size: int = N) -> QGraphicsView:
    """Baseline: Qt's own view of as many plain outlined circles as markers, at the same size, nothing cached."""
    rnd = random.Random(7)
    view = QGraphicsView()
    scene = QGraphicsScene(view)  # the view's: a scene of no one's is deleted, and the view then paints nothing
    for _ in range(size):
        scene.addEllipse(rnd.uniform(-330, 330) - 6, rnd.uniform(-290, 340) - 6, 12, 12)
    view.setScene(scene)
    view.setRenderHints(QPainter.RenderHint.Antialiasing)
    view.resize(1600, 1000)
    view.show()
    application().processEvents()
    return view


def one_edit(size: int) -> tuple[float, float]:
    """An item moved on the canvas (as a drag's release stores it), against a raw SQLite edit."""
    app = application()
    view = build_view(size)
    doc = view.doc
    ids = list(view.scene.policy_items)
    raw = RawEdit(size)

    def edit(n: int) -> None:
        item = view.scene.items_by_id[ids[n * 7919 % len(ids)]]
        move = [("item", item.id, {"x": round(item.x + 7, 1), "y": round(item.y - 5, 1)})]
        doc.run(StoreCommand(ops.update(move), f"Move '{item.name}'", origin="spheres"))
        app.processEvents()  # the views follow and repaint what changed

    figures = interleaved(edit, raw)
    raw.close()
    view.close()
    view.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    doc.close()
    return figures


def main() -> None:
    application()
    theme.apply()  # as the program starts: the canvas colours are looked up once, not read from the settings
    report_edits("spheres: one item moved", {size: one_edit(size) for size in EDIT_SIZES})
    view = build_view()
    canvas = view.canvas
    image = QImage(canvas.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    bare = bare_view()
    # The window's own paint of everything in view (what a user waits for after an expose or a scroll),
    # interleaved with the baseline so a burst of load on the machine slows both alike.
    painted = interleaved_times(
        {"canvas": canvas.viewport().repaint, "bare": bare.viewport().repaint}, repeats=25, warmup=3
    )
    report(f"full repaint of the canvas, {N} items", painted["canvas"], baseline=painted["bare"], target="<= 16 ms")
    bare.close()
    full = median_time(lambda: picture(view, image), repeats=15, warmup=3)
    report(f"picture of the canvas (QGraphicsView.render into an image), {N} items", full)

    target = next(iter(view.scene.policy_items.values()))
    view.select_ids([target.item_id])
    start = canvas.mapFromScene(target.pos())
    QTest.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    steps = []
    for n in range(1, 41):
        begin = time.perf_counter()
        QTest.mouseMove(canvas.viewport(), start + QPointF(n * 3, n * 2).toPoint())
        application().processEvents()  # the view repaints what the move made dirty
        steps.append(time.perf_counter() - begin)
    QTest.mouseRelease(
        canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPointF(120, 80).toPoint()
    )
    steps.sort()
    report("one drag step (mouse move + repaint of what changed)", steps[len(steps) // 2], target="<= 8 ms")

    sphere = next(iter(view.scene.spheres.values()))
    moved = [s if s.id != sphere.id else s.changed(cx=s.cx + 40) for s in view.scene.spheres.values()]
    recompute = median_time(lambda: view.scene.recompute_regions(moved), repeats=9)
    report(f"region recomputation of {N} items after a sphere moves", recompute, target="<= 50 ms")

    def place_afresh() -> None:  # the worst case: no answer about a label spot remembered (after a sphere moved)
        view.scene.points.forget()
        view.scene.place_region_labels()

    labels = median_time(place_afresh, repeats=9)
    report(f"region labels placed clear of {N} item cards, nothing remembered", labels, target="<= 50 ms")


if __name__ == "__main__":
    main()
