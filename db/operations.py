"""Edits as values: each operation names one store service and its arguments, and applying it returns
what changed and the operation that undoes it (Anki's OpChanges plus its undo entry, in one).

An undo command holds an operation and the inverse its last application returned; undo applies the
inverse and redo the operation, through the same services, so the store stays the one place where
an edit and its undo are made. `create` and `update` make batches; a deletion plans its cascade when
applied (workbench.deletion), so its inverse puts back exactly what went.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from workbench.changes import Change
from workbench.entity import Entity

Edit = tuple[str, str, dict[str, Any]]  # (kind, id, {field: value})
Ref = tuple[str, str]  # (kind, id)


class Store(Protocol):
    """The services an operation calls (db.store.Store has them); named here so the store can import
    operations without operations importing the store."""

    def batch(
        self,
        create: Sequence[Entity] = (),
        update: Sequence[Edit] = (),
        delete: Sequence[Ref] = (),
        *,
        initiator: str = "",
    ) -> Done: ...

    def delete(self, refs: Iterable[Ref], *, initiator: str = "") -> Done: ...

    def upsert(self, entities: Sequence[Entity], *, validated: bool = False, initiator: str = "") -> Done: ...


class Operation(Protocol):
    def apply(self, store: Store, initiator: str = "") -> Done: ...


@dataclass(frozen=True)
class Done:
    """What an applied operation changed, and the operation that takes it back."""

    changes: list[Change]
    inverse: Operation


@dataclass(frozen=True)
class NotKept:
    """The inverse of an application whose caller said it needs none (an undo: the stack redoes with the
    command's own operation), so what a batch deleted was not read back to make one."""

    def apply(self, store: Store, initiator: str = "") -> Done:
        raise RuntimeError("This change's inverse was not kept: it cannot be applied.")


@dataclass(frozen=True)
class Batch:
    """Delete, create and update entities of several kinds in one transaction (deletes are exact)."""

    create: Sequence[Entity] = ()
    update: Sequence[Edit] = ()
    delete: Sequence[Ref] = ()

    def apply(self, store: Store, initiator: str = "") -> Done:
        return store.batch(self.create, self.update, self.delete, initiator=initiator)


def create(entities: Sequence[Entity]) -> Batch:
    """New entities (an item with its instrument, pasted items, a workshop's first state)."""
    return Batch(create=list(entities))


def update(edits: Sequence[Edit]) -> Batch:
    """New values for some attributes of one or more entities."""
    return Batch(update=[(kind, id_, dict(values)) for kind, id_, values in edits])


@dataclass(frozen=True)
class Delete:
    """Delete entities with what the domain says goes with them (workbench.deletion)."""

    refs: Sequence[Ref]

    def apply(self, store: Store, initiator: str = "") -> Done:
        return store.delete(self.refs, initiator=initiator)


def delete(kind: str, ids: Sequence[str]) -> Delete:
    """Delete entities of one kind (and what goes with them)."""
    return Delete([(kind, id_) for id_ in ids])


@dataclass(frozen=True)
class Upsert:
    """Insert entities, overwriting those whose id exists (an import); `validated` skips checking
    entities an import plan has just checked."""

    entities: Sequence[Entity]
    validated: bool = field(default=False)

    def apply(self, store: Store, initiator: str = "") -> Done:
        return store.upsert(self.entities, validated=self.validated, initiator=initiator)
