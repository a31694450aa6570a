"""Mouse gestures on every canvas: each one ends in exactly one undo step, and Escape while the button
is still down puts everything back and records nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from db import operations as ops
from ui.commands import StoreCommand
from ui.views.ecosystem.view import EcosystemView
from ui.views.spheres.view import SpheresView
from ui.views.value_chain.layout import COL_W
from ui.views.value_chain.view import ValueChainView
from ui.views.workshop.view import WorkshopView
from workbench.spheres.entities import Region

GRID = "item-grid-fast-track"  # on stage-4 only in the sample
LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def open_section(window, key: str, kind: type, sample: bool = True):
    if sample:
        window.new_from_sample()
    else:
        window.new_document()
    window.show_section(key)
    view = window.current_view()
    assert isinstance(view, kind)
    return view


def press_and_move(canvas, start: QPointF, end: QPointF) -> None:
    """Press at scene point `start` and move to `end`, the button still down."""
    a, b = canvas.mapFromScene(start), canvas.mapFromScene(end)
    QTest.mousePress(canvas.viewport(), LEFT, NONE, a)
    for step in range(1, 6):
        QTest.mouseMove(canvas.viewport(), a + (b - a) * step / 5)


def release(canvas, at: QPointF) -> None:
    QTest.mouseRelease(canvas.viewport(), LEFT, NONE, canvas.mapFromScene(at))


def escape_then_release(canvas, at: QPointF) -> None:
    """Escape with the button down, move on a little (nothing may follow), then let go."""
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    QTest.mouseMove(canvas.viewport(), canvas.mapFromScene(at) + QPoint(30, 30))
    QTest.mouseRelease(canvas.viewport(), LEFT, NONE, canvas.mapFromScene(at) + QPoint(30, 30))


def snapshot(view) -> dict:
    """Everything a gesture may change, as the document holds it."""
    store = view.doc.store
    return {kind: sorted((e.id, e.values()) for e in store.all(kind)) for kind in ("sphere", "item", "instrument")}


# ----- spheres -------------------------------------------------------------------------------------


def sphere_a(view: SpheresView):
    sphere = next(s for s in view.doc.all("sphere") if s.key == "A")
    return sphere, view.scene.sphere_items[sphere.id]


def sphere_name(view: SpheresView) -> QPointF:
    _sphere, item = sphere_a(view)
    return item.mapToScene(item.label_rect().center())


def sphere_handle(view: SpheresView) -> QPointF:
    _sphere, item = sphere_a(view)
    return item.mapToScene(item.handle_rect().center())


@pytest.mark.parametrize("grip", [sphere_name, sphere_handle], ids=["move", "resize"])
def test_escape_puts_a_sphere_back_and_records_nothing(window, grip):
    view = open_section(window, "spheres", SpheresView, sample=False)
    id_ = view.add_item("programme", QPointF(-250.0, -80.0))
    assert id_ is not None
    sphere, item = sphere_a(view)
    count = view.doc.undo_stack.count()
    start = grip(view)
    press_and_move(view.canvas, start, start + QPointF(-200, 0))
    assert (item.pos(), item.radius) != (QPointF(sphere.cx, sphere.cy), sphere.r)  # the drawing follows
    escape_then_release(view.canvas, start + QPointF(-200, 0))
    assert view.doc.undo_stack.count() == count
    assert (item.x(), item.y(), item.radius) == (sphere.cx, sphere.cy, sphere.r)
    assert view.scene.policy_items[id_].region is Region.A  # the regions are the document's again
    assert view.scene.interaction is None


def test_escape_puts_dragged_item_cards_back(window):
    view = open_section(window, "spheres", SpheresView, sample=False)
    ids = [view.add_item("instrument", QPointF(x, 0.0)) for x in (0.0, 150.0)]
    view.select_ids([i for i in ids if i is not None])
    cards = [view.scene.policy_items[i] for i in ids if i is not None]
    count = view.doc.undo_stack.count()
    press_and_move(view.canvas, QPointF(0.0, 0.0), QPointF(-250.0, -80.0))
    assert cards[0].region is Region.A and cards[1].pos() != QPointF(150.0, 0.0)  # both follow, regions live
    escape_then_release(view.canvas, QPointF(-250.0, -80.0))
    assert [(c.x(), c.y()) for c in cards] == [(0.0, 0.0), (150.0, 0.0)]
    assert cards[0].region is Region.ABC
    assert view.doc.undo_stack.count() == count


# ----- value chain ---------------------------------------------------------------------------------


@pytest.fixture
def chain(window, qtbot) -> ValueChainView:
    view = open_section(window, "value-chain", ValueChainView)
    qtbot.waitUntil(lambda: view.charts is not None)
    return view


def bar_middle(view: ValueChainView) -> QPointF:
    return view.scene.bars[GRID].sceneBoundingRect().center()


def bar_right_end(view: ValueChainView) -> QPointF:
    rect = view.scene.bars[GRID].sceneBoundingRect()
    return QPointF(rect.right() - 4, rect.center().y())


@pytest.mark.parametrize("grip", [bar_middle, bar_right_end], ids=["move", "resize"])
def test_escape_puts_a_bar_back_and_records_nothing(chain, grip):
    bar = chain.scene.bars[GRID]
    before = (bar.pos(), bar.width, bar.zValue())
    count = chain.doc.undo_stack.count()
    start = grip(chain)
    press_and_move(chain.canvas, start, start + QPointF(COL_W * 1.2, 0))
    assert (bar.pos(), bar.width) != before[:2]  # the preview snapped to the next stage
    escape_then_release(chain.canvas, start + QPointF(COL_W * 1.2, 0))
    assert (bar.pos(), bar.width, bar.zValue()) == before
    assert chain.doc.undo_stack.count() == count
    assert chain.doc.get("instrument", GRID).stage_from_id == "stage-4"


def test_escape_sends_a_carried_chip_back_to_the_tray(chain):
    unplace = [("instrument", GRID, {"stage_from_id": None, "stage_to_id": None})]
    chain.doc.run(StoreCommand(ops.update(unplace), "Unplace"))
    chip = chain.scene.bars[GRID]
    home = chip.pos()
    count = chain.doc.undo_stack.count()
    target = QPointF(chain.scene.grid.column_x(1) + COL_W / 2, chain.scene.grid.tops["creation"] + 20)
    press_and_move(chain.canvas, chip.sceneBoundingRect().center(), target)
    assert chip.pos() != home
    escape_then_release(chain.canvas, target)
    assert chip.pos() == home
    assert chip.span is None
    assert chain.doc.undo_stack.count() == count


# ----- one gesture, one undo step --------------------------------------------------------------------


def drag_sphere_name(window):
    view = open_section(window, "spheres", SpheresView)
    return view, sphere_name(view), QPointF(-40, 25)


def drag_sphere_handle(window):
    view = open_section(window, "spheres", SpheresView)
    return view, sphere_handle(view), QPointF(45, 0)


def drag_item_card(window):
    view = open_section(window, "spheres", SpheresView)
    card = next(iter(view.scene.policy_items.values()))
    return view, card.pos(), QPointF(-60, 35)


def drag_bar_middle(window):
    view = open_section(window, "value-chain", ValueChainView)
    return view, bar_middle(view), QPointF(-COL_W, 0)


def drag_bar_end(window):
    view = open_section(window, "value-chain", ValueChainView)
    return view, bar_right_end(view), QPointF(COL_W, 0)


@pytest.mark.parametrize(
    "gesture", [drag_sphere_name, drag_sphere_handle, drag_item_card, drag_bar_middle, drag_bar_end]
)
def test_a_gesture_is_one_undo_step(window, gesture):
    view, start, by = gesture(window)
    before = snapshot(view)
    stack = view.doc.undo_stack
    count = stack.count()
    press_and_move(view.canvas, start, start + by)
    assert stack.count() == count  # nothing is recorded while the button is down
    release(view.canvas, start + by)
    assert stack.count() == count + 1
    assert snapshot(view) != before
    stack.undo()
    assert snapshot(view) == before


def test_dragging_actors_is_one_step_and_escape_puts_them_back(window):
    view = open_section(window, "ecosystem", EcosystemView)
    actor = view.scene.actor_items["actor-innovation-agency"]  # no other actor is drawn over it
    home = actor.pos()
    assert view.scene.itemAt(home, view.canvas.transform()) is actor
    store = view.doc.store
    count = view.doc.undo_stack.count()
    press_and_move(view.canvas, home, home + QPointF(80, 40))
    escape_then_release(view.canvas, home + QPointF(80, 40))
    assert actor.pos() == home
    assert view.doc.undo_stack.count() == count
    press_and_move(view.canvas, home, home + QPointF(80, 40))
    release(view.canvas, home + QPointF(80, 40))
    assert view.doc.undo_stack.count() == count + 1
    moved = store.get("actor", actor.actor_id)
    assert (moved.x, moved.y) != (home.x(), home.y())
    view.doc.undo_stack.undo()
    assert actor.pos() == home


def test_escape_puts_a_dragged_note_back(window):
    view = open_section(window, "workshop", WorkshopView)
    assert view.edits.add_note("A cluster fund", None)
    note = next(iter(view.scene.note_items.values()))
    home = note.pos()
    count = view.doc.undo_stack.count()
    press_and_move(view.canvas, home, home + QPointF(-120, 60))
    assert note.pos() != home
    escape_then_release(view.canvas, home + QPointF(-120, 60))
    assert note.pos() == home
    assert view.doc.undo_stack.count() == count


def test_dragging_a_note_and_an_item_together_is_one_undo_step(window):
    view = open_section(window, "workshop", WorkshopView)
    assert view.edits.add_note("A cluster fund", None)
    note = next(iter(view.scene.note_items.values()))
    card = next(iter(view.scene.policy_items.values()))
    view.scene.clearSelection()
    note.setSelected(True)
    card.setSelected(True)
    homes = (note.pos(), card.pos())
    count = view.doc.undo_stack.count()
    press_and_move(view.canvas, note.pos(), note.pos() + QPointF(-40, 30))
    release(view.canvas, note.pos())
    assert view.doc.undo_stack.count() == count + 1
    assert view.doc.undo_stack.undoText() == "Move 2 on the board"
    view.doc.undo_stack.undo()
    assert (note.pos(), card.pos()) == homes
