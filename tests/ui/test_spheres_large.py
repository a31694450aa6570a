"""The spheres of a large document: the window never waits for every card at once. Cards are counted as
they are made between turns of the event loop (work counted, not time, so a busy machine cannot fail it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from db import operations as ops
from ui.commands import StoreCommand
from ui.views.spheres import items as sphere_items
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
    # Counts, gaps and the board's extent are there at once; the cards follow.
    assert sum(r.count for r in view.scene.analysis.regions.values()) == ITEMS
    assert view.scene.itemsBoundingRect().contains(view.scene.sceneRect().center())
    # What the user reaches for first is made at once: a selected item, an edited one.
    chosen, edited = large[-1], large[-2]
    window.doc.select([("item", chosen.id)])
    assert view.scene.policy_items[chosen.id].isSelected()
    assert window.doc.run(StoreCommand(ops.update([("item", edited.id, {"name": "Renamed"})]), "Rename"))
    assert view.scene.policy_items[edited.id].entity.name == "Renamed"
    qtbot.waitUntil(lambda: len(view.scene.policy_items) == ITEMS, timeout=10_000)
    turns.tick()
    turns.timer.stop()
    assert turns.made == ITEMS  # each card made once
    assert turns.most <= CARDS_PER_TURN


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
