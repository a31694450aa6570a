"""The one way a canvas follows a change: by id, asking the store only for the ids named."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene

from tests.ui.looked import looked_at_by_a_small_search, looked_grid
from ui.canvas.mirror import latest, let_go_of, mirror
from workbench.changes import Change, Op
from workbench.spheres.items import Item


class Store:
    def __init__(self, *items: Item):
        self.items = {i.id: i for i in items}
        self.asked: list[set[str]] = []

    def get_many(self, kind, ids):
        assert kind == "item"
        self.asked.append(set(ids))
        return [self.items[i] for i in ids if i in self.items]


class Shown:
    """Stands for a graphics item: remembers what it shows and whether it was updated or dropped."""

    def __init__(self, item: Item):
        self.item, self.updates, self.dropped = item, 0, False


def show(item: Item, shown: Shown | None) -> Shown:
    if shown is None:
        return Shown(item)
    shown.item, shown.updates = item, shown.updates + 1
    return shown


def drop(_id: str, shown: Shown) -> None:
    shown.dropped = True


def item(id_: str, name: str = "") -> Item:
    return Item.create(id=id_, name=name or id_)


def test_a_creation_makes_an_update_updates_a_deletion_drops_by_id():
    store = Store(item("a"), item("b"))
    table: dict[str, Shown] = {}
    mirror(Change("item", Op.CREATED, frozenset(["a", "b"])), table, store.get_many, show, drop)
    made = dict(table)
    assert {i: s.item.name for i, s in table.items()} == {"a": "a", "b": "b"}

    store.items["a"] = item("a", "renamed")
    shown = mirror(Change("item", Op.UPDATED, frozenset(["a"]), frozenset(["name"])), table, store.get_many, show, drop)
    assert [e.name for e in shown] == ["renamed"]
    assert table["a"] is made["a"] and table["a"].updates == 1 and table["a"].item.name == "renamed"
    assert table["b"].updates == 0  # not named, not touched
    assert store.asked[-1] == {"a"}  # only the ids named are asked for

    del store.items["b"]
    mirror(Change("item", Op.DELETED, frozenset(["b"])), table, store.get_many, show, drop)
    assert set(table) == {"a"} and made["b"].dropped
    assert len(store.asked) == 2  # a deletion asks the store nothing


def test_an_id_the_store_no_longer_has_is_dropped_and_an_unknown_one_ignored():
    store = Store(item("a"))
    table = {"a": Shown(item("a")), "gone": Shown(item("gone"))}
    gone = table["gone"]
    mirror(Change("item", Op.UPDATED, frozenset(["a", "gone"]), frozenset(["name"])), table, store.get_many, show, drop)
    assert set(table) == {"a"} and gone.dropped
    mirror(Change("item", Op.DELETED, frozenset(["never-shown"])), table, store.get_many, show, drop)
    assert set(table) == {"a"}


def test_a_table_of_entities_keeps_the_latest():
    store = Store(item("a"))
    table: dict[str, Item] = {}
    mirror(Change("item", Op.CREATED, frozenset(["a"])), table, store.get_many, latest)
    store.items["a"] = item("a", "renamed")
    mirror(Change("item", Op.UPDATED, frozenset(["a"]), frozenset(["name"])), table, store.get_many, latest)
    assert table["a"].name == "renamed"
    mirror(Change("item", Op.DELETED, frozenset(["a"])), table, store.get_many, latest)
    assert table == {}


def test_letting_go_of_many_items_keeps_the_rest_found_where_they_are(qapp_instance):
    """The scene's index is put aside while thousands go, and made again for what stays."""
    scene = QGraphicsScene()
    scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
    items = [QGraphicsRectItem(QRectF(n * 10.0, 0, 8, 8)) for n in range(500)]
    for item in items:
        scene.addItem(item)
    let_go_of(scene, items[:-1])
    assert scene.items() == [items[-1]]
    assert scene.items(QPointF(4994, 4)) == [items[-1]] and not scene.items(QPointF(4, 4))
    assert scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex


def test_after_letting_go_of_many_items_a_small_search_looks_at_few_of_the_rest(qapp_instance):
    """The index made again is told the scene's extent: Qt tells an index only when it changes, and one
    that never heard it looked at every item on one side of the scene's origin for each small repaint."""
    scene, items = looked_grid()
    let_go_of(scene, items[:500])
    assert looked_at_by_a_small_search(scene) < 100  # the index is made again for the 2,000 that stay
