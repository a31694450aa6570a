"""Mirror the document by id: how every canvas follows a change.

A scene keeps one table per kind, {id: what it shows for that entity} (a graphics item, or the entity
itself where nothing is drawn). A change names ids; `mirror` brings the table in line with the store
for those ids only, asking the store for nothing else: what is gone is dropped, what exists is shown,
made if new and updated otherwise. What geometry the change calls for (a region, a route, a relayout)
is the scene's to decide from the change's fields, after mirroring.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from workbench.changes import Change, Op
from workbench.entity import Entity

Fetch = Callable[[str, Iterable[str]], list[Entity]]  # the store's get_many: (kind, ids) -> the entities that exist


def mirror[E: Entity, V](
    change: Change,
    table: dict[str, V],
    fetch: Fetch,
    show: Callable[[E, V | None], V],
    drop: Callable[[str, V], object] = lambda _id, _shown: None,
) -> list[E]:
    """Follow `change` in `table`: `show(entity, shown or None)` returns what to keep for an entity that
    exists (make it when None, else update it); `drop(id, shown)` lets go of one that is gone. An id
    the store no longer has is gone, whatever the change said. Returns the entities shown."""
    # The store returns each kind as its own class, so the entities of `change.kind` are E.
    found = [] if change.op == Op.DELETED else cast("list[E]", fetch(change.kind, change.ids))
    present = {e.id for e in found}
    for id_ in change.ids - present:
        if id_ in table:
            drop(id_, table.pop(id_))
    for entity in found:
        table[entity.id] = show(entity, table.get(entity.id))
    return found


def let_go_of(scene: QGraphicsScene, items: Iterable[QGraphicsItem]) -> None:
    """Take many items off `scene` at once (a hidden section letting go of thousands): its index is put
    aside while they go and made again for what stays, as taking each out of it cost more than the rest."""
    method = scene.itemIndexMethod()
    scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
    for item in items:
        scene.removeItem(item)
    index_again(scene, method)


def index_again(scene: QGraphicsScene, method: QGraphicsScene.ItemIndexMethod) -> None:
    """Make the index put aside again, told the scene's extent, which Qt tells an index only when it
    changes: one that never heard it split nothing but the scene's origin, and each small repaint looked
    at a quarter of the items."""
    scene.setItemIndexMethod(method)
    scene.sceneRectChanged.emit(scene.sceneRect())


def latest[E: Entity](entity: E, _shown: E | None) -> E:
    """`show` for a table of entities: keep the entity as the store has it now."""
    return entity
