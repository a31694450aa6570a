"""The spheres of a large document: the window never waits for every card at once. Cards are counted as
they are made between turns of the event loop (work counted, not time, so a busy machine cannot fail it)."""

from __future__ import annotations

import random
import sys

import pytest
from PySide6.QtCore import QPointF, QTimer

from db import operations as ops
from tests.ui.departures import leave_for_the_overview
from ui.commands import StoreCommand
from ui.views.spheres import items as sphere_items
from ui.views.spheres.model import build
from ui.views.spheres.scene import CARDS_PER_TURN
from ui.views.spheres.view import SpheresView
from workbench.spheres.entities import region_of
from workbench.spheres.items import Item

ITEMS = 1200


class TurnCounter:
    """Cards made in each turn of the event loop: a repeating zero timer notes how many came since its last tick."""

    def __init__(self, monkeypatch):
        self.made = 0
        self.seen = 0
        self.most = 0
        real = sphere_items.PolicyItem.__init__

        def counting(card, *args):
            self.made += 1
            real(card, *args)

        monkeypatch.setattr(sphere_items.PolicyItem, "__init__", counting)
        self.timer = QTimer()
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        self.most = max(self.most, self.made - self.seen)
        self.seen = self.made


@pytest.fixture
def large(window) -> list[Item]:
    window.new_document()
    items = [Item.create(name=f"Item {n}", x=n % 40 * 10.0 - 200, y=n // 40 * 10.0 - 150) for n in range(ITEMS)]
    assert window.doc.run(StoreCommand(ops.create(items), "Add", origin="spheres"))
    return items


def test_opening_a_large_document_makes_its_cards_a_slice_per_turn(window, large, qtbot, monkeypatch):
    turns = TurnCounter(monkeypatch)
    window.show_section("spheres")
    view = window.current_view()
    assert isinstance(view, SpheresView)
    chosen, edited = large[-1], large[-2]
    window.doc.select([("item", chosen.id)])  # while the board opens
    assert window.doc.run(StoreCommand(ops.update([("item", edited.id, {"name": "Renamed"})]), "Rename"))
    # Counts, gaps and the board's extent come in one step; the cards follow.
    qtbot.waitUntil(lambda: view.scene.analysis is not None, timeout=10_000)
    assert sum(r.count for r in view.scene.analysis.regions.values()) == ITEMS
    assert view.scene.itemsBoundingRect().contains(view.scene.sceneRect().center())
    # What the user reached for is made first: the selected item, the edited one.
    assert view.scene.policy_items[chosen.id].isSelected()
    assert view.scene.policy_items[edited.id].entity.name == "Renamed"
    qtbot.waitUntil(lambda: len(view.scene.policy_items) == ITEMS, timeout=10_000)
    turns.tick()
    turns.timer.stop()
    assert turns.made == ITEMS  # each card made once
    assert turns.most <= CARDS_PER_TURN


def test_leaving_a_large_board_lets_go_of_its_cards_a_slice_per_turn(window, large, qtbot):
    """Another section shows at once: the hidden board's cards go a slice per turn of the event loop after
    it, and the board shown again is the one left."""
    window.show_section("spheres")
    view = window.current_view()
    assert isinstance(view, SpheresView)
    qtbot.waitUntil(lambda: len(view.scene.policy_items) == ITEMS, timeout=10_000)
    before = {i: (c.pos(), c.region) for i, c in view.scene.policy_items.items()}
    leave_for_the_overview(window, view.scene, sphere_items.PolicyItem, qtbot)
    window.show_section("spheres")
    qtbot.waitUntil(lambda: len(view.scene.policy_items) == ITEMS, timeout=10_000)
    assert {i: (c.pos(), c.region) for i, c in view.scene.policy_items.items()} == before


def test_a_board_whose_cards_came_a_slice_per_turn_is_indexed_for_all_of_them(window, large, qtbot):
    """Qt sizes its index for the items there are the first time it makes it, and keeps that size: made
    with the first few cards, each part of the index held hundreds of the thousands that followed, and
    every small repaint after an edit looked at them all."""
    window.show_section("spheres")
    view = window.current_view()
    assert isinstance(view, SpheresView)
    qtbot.waitUntil(lambda: len(view.scene.policy_items) == ITEMS, timeout=10_000)
    view.canvas.viewport().grab()  # the index is in use
    depth, items = view.scene.bspTreeDepth(), len(view.scene.items())
    assert 2**depth >= items  # a part of the index for each card


def test_an_edit_on_a_large_board_walks_a_few_of_its_cards_not_all(window, large, qtbot):
    """After any change Qt walks the scene's top-level items, to find those to draw again: the cards are
    held by the few squares of the board they stand on, and a moved card by the square it moved to."""
    window.show_section("spheres")
    view = window.current_view()
    assert isinstance(view, SpheresView)
    qtbot.waitUntil(lambda: len(view.scene.policy_items) == ITEMS, timeout=10_000)
    top_level = [i for i in view.scene.items() if i.parentItem() is None]
    assert len(top_level) < ITEMS / 10
    moved, neighbour = large[0], large[-1]
    far = view.scene.policy_items[neighbour.id].pos()
    assert window.doc.run(StoreCommand(ops.update([("item", moved.id, {"x": far.x(), "y": far.y()})]), "Move"))
    card = view.scene.policy_items[moved.id]
    assert card.scenePos() == far
    assert card.parentItem() is view.scene.policy_items[neighbour.id].parentItem()


def test_a_card_added_or_moved_on_a_crowded_board_shows_above_the_cards_it_overlaps(window, large, qtbot):
    window.show_section("spheres")
    view = window.current_view()
    assert isinstance(view, SpheresView)
    qtbot.waitUntil(lambda: len(view.scene.policy_items) == ITEMS, timeout=10_000)

    def topmost_card(x: float, y: float):
        return next(i for i in view.scene.items(QPointF(x, y)) if isinstance(i, sphere_items.PolicyItem))

    added = Item.create(name="Added", x=-66.0, y=0.0)  # overlapping cards of the squares made after its own
    assert window.doc.run(StoreCommand(ops.create([added]), "Add"))
    assert topmost_card(-66.0, 0.0).item_id == added.id
    moved = large[0]
    assert window.doc.run(StoreCommand(ops.update([("item", moved.id, {"x": 70.0, "y": 40.0})]), "Move"))
    assert topmost_card(70.0, 40.0).item_id == moved.id


def test_a_large_boards_cards_are_made_a_part_of_the_board_at_a_time():
    """Each slice of cards is drawn again where it lies: spread over the whole board, every slice had every
    marker made so far drawn again."""
    rnd = random.Random(3)
    items = [Item.create(name=f"Item {n}", x=rnd.uniform(-300, 300), y=rnd.uniform(-300, 300)) for n in range(3000)]
    order = list(build([], items, [], []).regions)
    where = {i.id: (i.x, i.y) for i in items}
    for start in range(0, len(order), CARDS_PER_TURN):
        xs, ys = zip(*(where[i] for i in order[start : start + CARDS_PER_TURN]), strict=True)
        assert (max(xs) - min(xs)) * (max(ys) - min(ys)) < 600 * 600 / 4


def test_the_board_of_a_large_document_is_read_beside_the_window(window, large, qtbot, read_on_window_thread):
    read_here = read_on_window_thread
    window.show_section("spheres")
    view = window.current_view()
    assert isinstance(view, SpheresView)
    qtbot.waitUntil(lambda: len(view.scene.policy_items) == ITEMS, timeout=10_000)
    assert "item" not in read_here and "instrument" not in read_here
    window.show_section("workshop")
    qtbot.waitUntil(lambda: len(window.current_view().scene.policy_items) == ITEMS, timeout=10_000)
    assert "item" not in read_here and "instrument" not in read_here


def test_cards_made_later_follow_the_search_and_the_regions(window, large, qtbot):
    window.show_section("spheres")
    view = window.current_view()
    assert isinstance(view, SpheresView)
    view.search.setText("Item 7")  # Item 7, Item 70..79, Item 700..799
    qtbot.waitUntil(lambda: len(view.scene.policy_items) == ITEMS, timeout=10_000)
    dimmed = {id_ for id_, card in view.scene.policy_items.items() if card.dimmed}
    assert len(dimmed) == ITEMS - 111
    spheres = list(view.scene.spheres.values())
    assert all(card.region is region_of(card.x(), card.y(), spheres) for card in view.scene.policy_items.values())


def python_calls(work) -> int:
    """How many Python functions `work` calls (Qt's own work calls none)."""
    calls = 0

    def count(_frame, event, _arg):
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        work()
    finally:
        sys.setprofile(None)
    return calls


def test_cards_are_made_and_let_go_of_without_python_for_each_change_qt_makes(window, large, qtbot):
    """Python called back for every change Qt makes to an item (there are a dozen as a card is made) cost
    a large board most of its opening and closing."""
    window.show_section("spheres")
    view = window.current_view()
    assert isinstance(view, SpheresView)
    qtbot.waitUntil(lambda: len(view.scene.policy_items) == ITEMS, timeout=10_000)
    view.zoom_fit()
    assert view.scene.compact
    assert python_calls(view.scene.unload) < 20  # not one per card
    view.rebuild()
    qtbot.waitUntil(lambda: not view.reader.busy, timeout=10_000)
    unmade = list(view.scene.unmade.waiting)[-100:]
    assert len(unmade) == 100
    assert python_calls(lambda: view.scene.cards_for(unmade)) <= 40 * len(unmade)  # a card's own few, not Qt's dozen


def test_a_crowded_workshop_board_draws_compact_markers_as_the_spheres_do(window, large, qtbot, monkeypatch):
    """A card with its name costs a paint of its own; a crowded board's markers are one picture."""
    painted = []
    real = sphere_items.PolicyItem.paint
    monkeypatch.setattr(sphere_items.PolicyItem, "paint", lambda card, *a: (painted.append(card), real(card, *a)))
    window.show_section("workshop")
    view = window.current_view()
    qtbot.waitUntil(lambda: len(view.scene.policy_items) == ITEMS, timeout=10_000)
    view.zoom_fit()
    view.canvas.viewport().grab()
    assert view.scene.compact and not painted
    for _ in range(12):
        view.zoom_in()
    view.canvas.viewport().grab()
    assert not view.scene.compact and 0 < len(painted) < ITEMS


def test_the_workshop_reads_a_large_board_beside_the_window_once_it_has_shown(window, large, qtbot):
    """Started as the section was made, the reading beside the window shared the interpreter with the
    section's first showing (half as long again on the 10k document)."""
    from ui.views.workshop.view import WorkshopView

    window.show_section("workshop")
    view = window.current_view()
    assert isinstance(view, WorkshopView)
    assert not view.reader.busy
    qtbot.waitUntil(lambda: view.reader.busy or len(view.scene.policy_items) == ITEMS, timeout=10_000)
    qtbot.waitUntil(lambda: len(view.scene.policy_items) == ITEMS, timeout=10_000)

