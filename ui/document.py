"""The open document as the GUI sees it: session, undo stack, change bus and selection."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, ClassVar
from weakref import WeakSet

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from db.session import DocumentSession
from workbench.changes import Change
from workbench.entity import Entity
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from ui.commands import StoreCommand
    from ui.forms import TypedText

log = logging.getLogger(__name__)


class OpenDocument(QObject):
    """Every edit of every view goes through `run(command)`; views listen to `changed`, which names
    the entities a service touched, and redraw only those."""

    changed = Signal(object)  # list[Change]
    selection_changed = Signal()
    failed = Signal(object)  # WorkbenchError raised by an edit
    typing_changed = Signal()  # some field now holds typed text not yet stored, or no field does any more

    # Every document still alive: closing one must release it (the UI tests check after each test).
    alive: ClassVar[WeakSet[OpenDocument]] = WeakSet()

    def __init__(self, session: DocumentSession, parent: QObject | None = None):
        super().__init__(parent)
        OpenDocument.alive.add(self)
        self.session = session
        self.store = session.store
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self.selection: list[tuple[str, str]] = []
        self._typing: set[TypedText] = set()
        self.store.listeners.append(self._emit)

    # ----- editing -------------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self.session.read_only

    def run(self, command: StoreCommand) -> bool:
        """Apply a command and push it on the undo stack; a refused edit changes nothing and
        is reported through `failed` (the window shows it)."""
        if self.read_only:
            self.failed.emit(WorkbenchError("This document is open read-only; open a copy to make changes."))
            return False
        try:
            command.redo()
        except WorkbenchError as err:
            self.failed.emit(err)
            return False
        except Exception as err:  # an internal error: the edit is not applied, the user is told
            log.exception("Edit %r failed", command.text())
            self.failed.emit(
                WorkbenchError(
                    f"'{command.text()}' could not be done because of an internal error.",
                    f"{type(err).__name__}: {err}",
                )
            )
            return False
        command.applied = True  # the stack's own first redo() is skipped
        self.undo_stack.push(command)
        return True

    # ----- text being typed ----------------------------------------------------------------------
    def track_typing(self, editor: TypedText) -> None:
        """Follow a field of typed text bound to this document (ui.forms): while it holds text not yet
        stored the document counts as modified, and `commit_typing` stores it."""
        editor.pending_changed.connect(lambda pending, editor=editor: self._typing_state(editor, pending))
        editor.destroyed.connect(lambda _obj=None, editor=editor: self._typing_state(editor, False))

    def _typing_state(self, editor: TypedText, pending: bool) -> None:
        before = bool(self._typing)
        (self._typing.add if pending else self._typing.discard)(editor)
        if bool(self._typing) != before:
            self.typing_changed.emit()

    @property
    def typing(self) -> bool:
        """True while a field holds typed text that is not in the working copy yet."""
        return bool(self._typing)

    def commit_typing(self) -> None:
        """Store the text being typed now (before Save, Close, or rebuilding a form)."""
        for editor in list(self._typing):
            editor.commit_typing()

    def _emit(self, changes: list[Change]) -> None:
        self.changed.emit(changes)
        deleted = {(c.kind, i) for c in changes if c.op == "deleted" for i in c.ids}
        if deleted and any(s in deleted for s in self.selection):
            self.select([s for s in self.selection if s not in deleted])

    # ----- reading -------------------------------------------------------------------------
    def get(self, kind: str, id_: str) -> Entity | None:
        return self.store.get(kind, id_)

    def all(self, kind: str) -> list[Entity]:
        return self.store.all(kind)

    # ----- selection -----------------------------------------------------------------------
    def select(self, refs: list[tuple[str, str]]) -> None:
        refs = list(dict.fromkeys(refs))
        if refs != self.selection:
            self.selection = refs
            self.selection_changed.emit()

    def close(self) -> None:
        if self._emit in self.store.listeners:
            self.store.listeners.remove(self._emit)
        self.undo_stack.clear()
        self.session.close()
