"""One user action is one transaction and one undo step: adding a stage that moves later stages,
deleting actors with their links, pasting items with their instruments, turning a note into an
instrument, restoring a snapshot. Each bumps the revision once, and its undo brings back exactly
the document before it (and redo exactly the one after)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from tests.db.support import snapshot
from ui.document import OpenDocument
from ui.views.ecosystem.view import EcosystemView
from ui.views.spheres.view import SpheresView
from ui.views.value_chain.items import StageHeader
from ui.views.value_chain.view import ValueChainView
from ui.views.workshop.view import WorkshopView


def one_step(doc: OpenDocument, action: Callable[[], object]) -> None:
    stack = doc.undo_stack
    count, revision, before = stack.count(), doc.store.revision, snapshot(doc.store.load())
    action()
    after = snapshot(doc.store.load())
    assert after != before
    assert stack.count() == count + 1 and stack.index() == count + 1
    assert doc.store.revision == revision + 1  # one transaction
    stack.undo()
    assert snapshot(doc.store.load()) == before
    stack.redo()
    assert snapshot(doc.store.load()) == after


@pytest.fixture
def sample(window):
    window.new_from_sample()
    return window


def _view(window, key, cls):
    window.show_section(key)
    view = window.current_view()
    assert isinstance(view, cls)
    return view


def test_adding_a_stage_that_moves_later_stages_is_one_step(sample):
    chain = _view(sample, "value-chain", ValueChainView)
    header = next(h for h in chain.scene.items() if isinstance(h, StageHeader) and h.stage.id == "stage-2")
    header.setSelected(True)

    def add() -> None:
        chain.add_stage()
        chain.canvas.close_editor()

    one_step(sample.doc, add)


def test_deleting_actors_with_their_links_and_other_links_is_one_step(sample):
    eco = _view(sample, "ecosystem", EcosystemView)
    link = next(k for k in sample.doc.all("link") if "actor-scaleup-centre" not in (k.source_id, k.target_id))
    sample.doc.select([("actor", "actor-scaleup-centre"), ("actor", "actor-kestrel"), ("link", link.id)])
    one_step(sample.doc, eco.delete)


def test_pasting_items_with_their_instruments_is_one_step(sample):
    spheres = _view(sample, "spheres", SpheresView)
    funded = [i.id for i in sample.doc.all("item") if i.funded][:3]
    spheres.select_ids(funded)
    spheres.copy()
    one_step(sample.doc, spheres.paste)


def test_turning_a_note_into_an_instrument_is_one_step(window):
    window.new_document()
    board = _view(window, "workshop", WorkshopView)
    QTest.keyClicks(board.capture.field, "Pilot line grant")
    QTest.keyClick(board.capture.field, Qt.Key.Key_Return)
    (note,) = window.doc.all("note")
    board.select([("note", note.id)])
    one_step(window.doc, lambda: board.edits.convert("instrument"))


def test_restoring_a_snapshot_is_one_step(window):
    window.new_document()
    board = _view(window, "workshop", WorkshopView)
    for text in ("Pilot line", "Skills academy"):
        QTest.keyClicks(board.capture.field, text)
        QTest.keyClick(board.capture.field, Qt.Key.Key_Return)
    board.snapshots_panel.save_requested.emit("Before")
    moved = window.doc.all("note")[0]
    board.edits.move_cards([("note", moved.id, (12.5, -40.0))])
    QTest.keyClicks(board.capture.field, "Late idea")
    QTest.keyClick(board.capture.field, Qt.Key.Key_Return)
    (snap,) = window.doc.all("snapshot")
    one_step(window.doc, lambda: board.edits.restore_snapshot(snap.id))
    assert {n.text for n in window.doc.all("note")} == {"Pilot line", "Skills academy"}
    assert window.doc.get("note", moved.id).x != 12.5


def test_adding_an_item_at_a_point_is_one_step_with_its_instrument(sample):
    spheres = _view(sample, "spheres", SpheresView)
    one_step(sample.doc, lambda: spheres.add_item("instrument", QPointF(10.0, 10.0)))


def test_every_change_names_who_asked_for_it(sample):
    spheres = _view(sample, "spheres", SpheresView)
    heard: list[str] = []
    sample.doc.changed.connect(lambda changes: heard.extend(c.initiator for c in changes))
    spheres.add_item("instrument", QPointF(10.0, 10.0))
    assert heard and set(heard) == {"spheres"}
    for step, who in ((sample.doc.undo_stack.undo, "undo"), (sample.doc.undo_stack.redo, "redo")):
        heard.clear()
        step()
        assert heard and set(heard) == {who}
