"""The one undo command: a named store operation and the inverse its last application returned.

The command does no work of its own: OpenDocument applies the operation (an edit or a redo) or its
inverse (an undo) through one guarded path, so the database stays the single source of truth, a
refused undo or redo leaves the stack where the database is, and views follow the store's changes.

A burst of typing in one field is stored several times (after each pause, see ui.forms) but is one
undo step: its commands share an id() and the undo stack merges each into the one before, like
Anki's merge_undo_entries. The merged step keeps the first inverse and the latest operation.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from db.operations import Batch, Operation

if TYPE_CHECKING:
    from ui.document import OpenDocument


class StoreCommand(QUndoCommand):
    """`operation` is the edit; `inverse` (set once applied) takes it back. `origin` names who asked
    (a section's key, "inspector", "import"), and every change the first application makes says so.
    `before` and `after` are the store's states either side, which undo and redo bring back."""

    def __init__(self, operation: Operation, text: str, *, origin: str = "", burst: int = -1):
        super().__init__(text)
        self.operation = operation
        self.origin = origin
        self.burst = burst
        self.inverse: Operation | None = None
        self.before = self.after = 0
        self._doc: weakref.ref[OpenDocument] | None = None

    @property
    def doc(self) -> OpenDocument | None:
        """The document that ran this command (set by OpenDocument.run); held weakly, so a command Qt
        keeps after a merge or a closed stack never keeps a closed document alive."""
        return self._doc() if self._doc is not None else None

    @doc.setter
    def doc(self, doc: OpenDocument) -> None:
        self._doc = weakref.ref(doc)

    def id(self) -> int:
        return self.burst  # -1 (the default): never merged

    def redo(self) -> None:
        if (doc := self.doc) is not None:
            doc.replay(self, undo=False)

    def undo(self) -> None:
        if (doc := self.doc) is not None:
            doc.replay(self, undo=True)

    def mergeWith(self, other: QUndoCommand) -> bool:
        """A later commit of the same burst joins this step: typing on into the entity this burst
        created (undo still removes it), or into the same fields (typed back to where it began, the
        step goes away)."""
        if not isinstance(other, StoreCommand):
            return False
        mine, theirs = self.operation, other.operation
        if not (isinstance(mine, Batch) and isinstance(theirs, Batch)) or theirs.create or theirs.delete:
            return False
        if mine.create and not mine.update and not mine.delete:
            if len(mine.create) != 1 or len(theirs.update) != 1:
                return False
            entity = mine.create[0]
            kind, id_, changes = theirs.update[0]
            if (kind, id_) != (entity.KIND, entity.id):
                return False
            self.operation = Batch(create=[entity.changed(**changes)])
        elif mine.update and not mine.create and not mine.delete:
            if _fields(theirs.update) != _fields(mine.update):
                return False
            self.operation = theirs
            assert isinstance(self.inverse, Batch)
            if list(theirs.update) == list(self.inverse.update):  # typed back: as before the step
                self.setObsolete(True)
                if (doc := self.doc) is not None:
                    doc.store.holds(self.before)
        else:
            return False
        self.after = other.after
        return True


def _fields(edits) -> list[tuple[str, str, list[str]]]:
    return [(kind, id_, sorted(changes)) for kind, id_, changes in edits]
