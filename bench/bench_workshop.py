"""Workshop board: from the Enter key in the capture field to the new sticky note painted, with 500 notes.

Each sample types a note (not timed), then times QTest.keyClick(Return) plus the event processing that
puts the note in the scene and repaints the board. The baseline is the same on an empty board, in the
same run, so the ratio says what 500 notes cost.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import isolated_home, report

isolated_home()

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from db.session import DocumentSession  # noqa: E402
from ui.app import application  # noqa: E402
from ui.document import OpenDocument  # noqa: E402
from ui.views.workshop.view import WorkshopView  # noqa: E402
from workbench.spheres.entities import default_spheres  # noqa: E402
from workbench.workshop.entities import Note, Participant  # noqa: E402
from workbench.workshop.placement import slot_position  # noqa: E402

NOTES = 500
SAMPLES = 41


def board(notes: int) -> WorkshopView:
    rnd = random.Random(3)
    spheres = default_spheres()
    groups = [Participant.create(name=f"Table {n}") for n in range(6)]
    placed = [
        Note.create(
            text=f"Idea number {n} about the overlaps",
            participant_id=rnd.choice(groups).id,
            x=slot_position(n, spheres)[0] if n % 2 else rnd.uniform(-300, 300),
            y=slot_position(n, spheres)[1] if n % 2 else rnd.uniform(-260, 300),
        )
        for n in range(notes)
    ]
    session = DocumentSession.new()
    session.store.create([*groups, *placed])
    view = WorkshopView(OpenDocument(session))
    view.resize(1600, 1000)
    view.show()
    application().processEvents()
    return view


def enter_to_painted(view: WorkshopView) -> float:
    """Median seconds from Enter to the note painted; checks every note really reached the board."""
    app = application()
    field = view.capture.field
    samples = []
    for n in range(SAMPLES):
        QTest.keyClicks(field, f"Quick idea {n}")
        before = set(view.scene.note_items)
        start = time.perf_counter()
        QTest.keyClick(field, Qt.Key.Key_Return)
        app.processEvents()  # the scene takes the note and the viewport repaints
        samples.append(time.perf_counter() - start)
        (new,) = set(view.scene.note_items) - before
        shown = view.scene.note_items[new].sceneBoundingRect()
        assert field.text() == "" and view.canvas.visible_rect().intersects(shown), "the note must be in view"
    return statistics.median(samples)


def main() -> None:
    application()
    baseline = enter_to_painted(board(0))
    figure = enter_to_painted(board(NOTES))
    report(
        f"sticky note from Enter to painted, {NOTES} notes on the board", figure, baseline=baseline, target="<= 30 ms"
    )


if __name__ == "__main__":
    main()
