"""What a hidden section lets go of goes a slice per turn of the event loop, the scene's index put aside
meanwhile and made again for what stays; a selected item leaving later changes no selection."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene

from tests.ui.departures import Departures
from tests.ui.looked import looked_at_by_a_small_search, looked_grid
from ui.canvas.leaving import Leaving

PER_TURN = 100


def test_items_leave_a_slice_per_turn_and_what_stays_is_found_where_it_is(qapp_instance, qtbot):
    scene = QGraphicsScene()
    scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
    items = [QGraphicsRectItem(QRectF(n * 10.0, 0, 8, 8)) for n in range(350)]
    for item in items:
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        scene.addItem(item)
    items[-2].setSelected(True)  # in the last slice
    changes = []
    scene.selectionChanged.connect(lambda: changes.append(len(scene.selectedItems())))
    leaving = Leaving(scene, PER_TURN)
    departures = Departures(scene, QGraphicsRectItem)
    leaving.add(items[:-1])
    departures.tick()
    assert departures.left == 350 - PER_TURN and changes == [0]  # unselected at once, once
    qtbot.waitUntil(lambda: leaving.waiting == 0)
    departures.stop()
    assert departures.most == PER_TURN and changes == [0]
    assert scene.items() == [items[-1]]
    assert scene.items(QPointF(3494, 4)) == [items[-1]] and not scene.items(QPointF(4, 4))
    assert scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex


def test_finish_lets_go_of_the_rest_at_once(qapp_instance):
    scene = QGraphicsScene()
    items = [QGraphicsRectItem(QRectF(n * 10.0, 0, 8, 8)) for n in range(250)]
    for item in items:
        scene.addItem(item)
    leaving = Leaving(scene, PER_TURN)
    leaving.add(items)
    leaving.finish()
    assert not scene.items() and leaving.waiting == 0
    assert scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex


def test_after_many_left_a_small_search_looks_at_few_of_the_rest(qapp_instance, qtbot):
    """The index made again once the last has gone is told the scene's extent (Qt tells an index only when
    it changes): one that never heard it looked at every item on one side of the scene's origin for each
    small repaint of the board shown again."""
    scene, items = looked_grid()
    leaving = Leaving(scene, PER_TURN)
    leaving.add(items[:500])
    qtbot.waitUntil(lambda: leaving.waiting == 0)
    assert looked_at_by_a_small_search(scene) < 100  # the index is made again for the 2,000 that stay
