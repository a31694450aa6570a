"""Undo commands: every edit is one named command that calls the store's services.

The command holds plain before/after values; redo and undo replay the same services, so the
database stays the single source of truth and views follow its change notifications.

A burst of typing in one field is stored several times (after each pause, see ui.forms) but is one
undo step: its commands share an id() and the undo stack merges each into the one before, like
Anki's merge_undo_entries. The merged step keeps the first `before` and the latest `after`.
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

    def __init__(self, store: Store, text: str, burst: int = -1):
        super().__init__(text)
        self.store = store
        self.applied = False
        self.burst = burst

    def id(self) -> int:
        return self.burst  # -1 (the default): never merged

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

    def __init__(self, store: Store, entities: Sequence[Entity], text: str, burst: int = -1):
        super().__init__(store, text, burst)
        self.entities = list(entities)
        root = self.entities[0].KIND
        self.root_ids = [e.id for e in self.entities if root == e.KIND]
        self.root_kind = root

    def apply(self) -> None:
        self.store.create(self.entities)

    def revert(self) -> None:
        self.store.delete(self.root_kind, self.root_ids)

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Typing on into the entity this burst created (a brief section): undo still removes it."""
        if not isinstance(other, UpdateCommand) or len(self.entities) != 1 or len(other.after) != 1:
            return False
        kind, id_, changes = other.after[0]
        entity = self.entities[0]
        if (kind, id_) != (entity.KIND, entity.id):
            return False
        self.entities = [entity.changed(**changes)]
        return True


class UpdateCommand(StoreCommand):
    """Change attributes of one or more entities: edits is [(kind, id, {field: new value})]."""

    def __init__(
        self, store: Store, edits: Sequence[tuple[str, str, dict[str, Any]]], text: str, burst: int = -1
    ):
        super().__init__(store, text, burst)
        self.after = [(k, i, dict(c)) for k, i, c in edits]
        self.before = _before(store, self.after)

    def apply(self) -> None:
        self.store.update_many(self.after)

    def revert(self) -> None:
        self.store.update_many(self.before)

    def mergeWith(self, other: QUndoCommand) -> bool:
        """A later commit of the same burst (the same fields of the same entities) joins this step;
        typed back to where it began, the step goes away."""
        if not isinstance(other, UpdateCommand) or _fields(other.after) != _fields(self.after):
            return False
        self.after = other.after
        self.setObsolete(self.after == self.before)
        return True


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


def _fields(edits: list[tuple[str, str, dict[str, Any]]]) -> list[tuple[str, str, list[str]]]:
    return [(kind, id_, sorted(changes)) for kind, id_, changes in edits]


def _before(store: Store, edits: list[tuple[str, str, dict[str, Any]]]) -> list[tuple[str, str, dict[str, Any]]]:
    """The current values of the fields `edits` will change, for undo."""
    out = []
    for kind, id_, changes in edits:
        current = store.get(kind, id_)
        if current is None:
            raise LookupError(f"{kind} {id_} does not exist")
        out.append((kind, id_, {f: current.values()[f] for f in changes}))
    return out
