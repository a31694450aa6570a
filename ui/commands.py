"""Undo commands: every edit is one named command that calls the store's services.

The command holds plain before/after values; redo and undo replay the same services, so the
database stays the single source of truth and views follow its change notifications.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from db.store import Store
from workbench.entity import Entity

if TYPE_CHECKING:
    from workbench.deletion import DeletionPlan


class StoreCommand(QUndoCommand):
    """Base: `apply` does the change, `revert` undoes it. The first redo, done by OpenDocument.run
    before the push, is not repeated by the undo stack."""

    def __init__(self, store: Store, text: str):
        super().__init__(text)
        self.store = store
        self.applied = False

    def redo(self) -> None:
        if self.applied:
            self.applied = False
            return
        self.apply()

    def undo(self) -> None:
        self.revert()

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class CreateCommand(StoreCommand):
    """Create entities; the first entity's kind is the root, the others are its dependents
    (an item's instrument, links among pasted actors) and go with it on undo."""

    def __init__(self, store: Store, entities: Sequence[Entity], text: str):
        super().__init__(store, text)
        self.entities = list(entities)
        root = self.entities[0].KIND
        self.root_ids = [e.id for e in self.entities if root == e.KIND]
        self.root_kind = root

    def apply(self) -> None:
        self.store.create(self.entities)

    def revert(self) -> None:
        self.store.delete(self.root_kind, self.root_ids)


class UpdateCommand(StoreCommand):
    """Change attributes of one or more entities: edits is [(kind, id, {field: new value})]."""

    def __init__(self, store: Store, edits: Sequence[tuple[str, str, dict[str, Any]]], text: str):
        super().__init__(store, text)
        self.after = [(k, i, dict(c)) for k, i, c in edits]
        self.before = _before(store, self.after)

    def apply(self) -> None:
        self.store.update_many(self.after)

    def revert(self) -> None:
        self.store.update_many(self.before)


class DeleteCommand(StoreCommand):
    """Delete entities with their dependents; undo restores them and the references cleared."""

    def __init__(self, store: Store, kind: str, ids: Sequence[str], text: str):
        super().__init__(store, text)
        self.kind = kind
        self.ids = list(ids)
        self.plan: DeletionPlan | None = None

    def apply(self) -> None:
        self.plan, _ = self.store.delete(self.kind, self.ids)

    def revert(self) -> None:
        assert self.plan is not None
        self.store.restore(self.plan)


class BatchCommand(StoreCommand):
    """Create, update and delete entities of several kinds as one step in one transaction (a sticky note
    turned into an instrument, a snapshot restored); undo runs the inverse batch."""

    def __init__(
        self,
        store: Store,
        text: str,
        *,
        create: Sequence[Entity] = (),
        update: Sequence[tuple[str, str, dict[str, Any]]] = (),
        delete: Sequence[Entity] = (),
    ):
        super().__init__(store, text)
        self.created = list(create)
        self.deleted = list(delete)
        self.after = [(k, i, dict(c)) for k, i, c in update]
        self.before = _before(store, self.after)

    def apply(self) -> None:
        self.store.batch(self.created, self.after, [(e.KIND, e.id) for e in self.deleted])

    def revert(self) -> None:
        self.store.batch(self.deleted, self.before, [(e.KIND, e.id) for e in self.created])


def _before(store: Store, edits: list[tuple[str, str, dict[str, Any]]]) -> list[tuple[str, str, dict[str, Any]]]:
    """The current values of the fields `edits` will change, for undo."""
    out = []
    for kind, id_, changes in edits:
        current = store.get(kind, id_)
        if current is None:
            raise LookupError(f"{kind} {id_} does not exist")
        out.append((kind, id_, {f: current.values()[f] for f in changes}))
    return out
