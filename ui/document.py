"""The open document as the GUI sees it: session, undo stack, change bus and selection."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar
from weakref import WeakSet

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from db.errors import DocumentError
from db.operations import Done, Upsert
from db.session import DocumentSession
from db.upsert import STEP_ROWS
from workbench.changes import Change
from workbench.entity import Entity
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from db.stepwise import StepwiseWrite
    from ui.commands import StoreCommand
    from ui.forms import TypedText

log = logging.getLogger(__name__)


class OpenDocument(QObject):
    """Every edit of every view goes through `run(command)`, and every undo and redo through `replay`;
    views listen to `changed`, which names the entities a service touched, and redraw only those."""

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
        self.undo_stack.indexChanged.connect(self._settle)  # first: the stack is right before others hear
        self._holding = False  # moving the stack to where the database already is
        self._refused: tuple[int, WorkbenchError] | None = None  # (where the database is, why) during a move
        self.selection: list[tuple[str, str]] = []
        self._typing: set[TypedText] = set()
        self.closed = False  # work beside the window that ends after this has nothing left to report to
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
        command.doc = self
        error = self._apply(command, undo=False)
        if error is not None:
            self.failed.emit(error)
            return False
        self._push(command)
        return True

    def run_in_turns(
        self, command: StoreCommand, start: Callable[[], StepwiseWrite], ended: Callable[[bool], None]
    ) -> None:
        """`run` for a write of thousands of rows (an import): `start` begins it on the store, which writes a
        slice per turn of the event loop, so the window paints between slices; the store refuses any other
        change meanwhile, saying why. Once the last slice commits it is one undo step, as `run` makes;
        `ended` hears whether it was made."""
        if self.read_only:
            self.failed.emit(WorkbenchError("This document is open read-only; open a copy to make changes."))
            ended(False)
            return
        command.doc = self
        command.before = self.store.state
        try:
            write = start()
        except Exception as err:
            self.failed.emit(_plain(err, command, "done"))
            ended(False)
            return

        def made(done: Done) -> None:
            command.inverse, command.after = done.inverse, self.store.state
            self._push(command)
            ended(True)

        def refused(err: Exception | None) -> None:
            if err is not None:
                self.failed.emit(_plain(err, command, "done"))
            ended(False)

        self._in_turns(write, made, refused)

    def _in_turns(
        self, write: StepwiseWrite, made: Callable[[Done], None], refused: Callable[[Exception | None], None]
    ) -> None:
        """Step `write` once a turn of the event loop until it commits (`made`), fails or is given up because
        the document closed (`refused`, with the error or None)."""

        def turn() -> None:
            if self.store.writing is not write:  # given up: the document was closed
                refused(None)
                return
            try:
                done = write.step()
            except Exception as err:
                refused(err)
                return
            if done is None:
                QTimer.singleShot(0, self, turn)
            else:
                made(done)

        QTimer.singleShot(0, self, turn)

    def _push(self, command: StoreCommand) -> None:
        """Put an edit just made on the undo stack."""
        self._holding = True  # the stack's own first redo() is the edit just made
        try:
            self.undo_stack.push(command)
        finally:
            self._holding = False

    def replay(self, command: StoreCommand, *, undo: bool) -> None:
        """Every undo and redo of the stack lands here (Ctrl+Z, the Edit menu, the undo history).

        The stack moves its index whatever happens, so a refused step is noted, later steps of the same
        move are not tried, and once the move is over (`_settle`) the stack is put back where the
        database is and the user told why. A redo that can never apply (the document no longer fits
        it) is marked obsolete, and the stack drops it."""
        if self._holding or self._refused is not None:
            return
        error = self._apply(command, undo=undo)
        if error is None:
            return
        position = next(i for i in range(self.undo_stack.count()) if self.undo_stack.command(i) is command)
        self._refused = (position + 1 if undo else position, error)
        if not undo and not isinstance(error, DocumentError):  # not the disk or the file: it will never fit
            command.setObsolete(True)
        QTimer.singleShot(0, self, self._settle)  # if the move ends without changing the index

    def _apply(self, command: StoreCommand, *, undo: bool) -> WorkbenchError | None:
        """The one guarded path of every edit, undo and redo: None when done, else what to tell the user."""
        try:
            if undo:
                assert command.inverse is not None  # only an applied command is ever undone
                # Its own inverse is not needed: the stack redoes with the command's operation.
                self.store.apply(command.inverse, initiator="undo", returns_to=command.before, inverse=False)
            elif command.inverse is None:  # the first time: a new state
                command.before = self.store.state
                command.inverse = self.store.apply(command.operation, initiator=command.origin).inverse
                command.after = self.store.state
            elif isinstance(command.operation, Upsert) and len(command.operation.entities) > STEP_ROWS:
                self._redo_in_turns(command, command.operation)  # too large for one turn of the window
            else:
                done = self.store.apply(command.operation, initiator="redo", returns_to=command.after)
                command.inverse = done.inverse
        except Exception as err:
            return _plain(err, command, "undone" if undo else "done")
        return None

    def _redo_in_turns(self, command: StoreCommand, upsert: Upsert) -> None:
        """Redo an import as it was first made, a slice a turn (the stack has moved already): the store
        refuses other changes meanwhile, and should the write fail the stack goes back to where the
        database is, as for a redo refused at once."""
        groups = Counter(e.KIND for e in upsert.entities)
        what = " and ".join(type(e).noun(groups[e.KIND]) for e in {e.KIND: e for e in upsert.entities}.values())
        write = self.store.upsert_stepwise(
            upsert.entities, what, validated=upsert.validated, initiator="redo", returns_to=command.after
        )

        def made(done: Done) -> None:
            command.inverse = done.inverse

        def refused(err: Exception | None) -> None:
            if err is None:  # the document closed meanwhile: nothing left to put right
                return
            position = next(i for i in range(self.undo_stack.count()) if self.undo_stack.command(i) is command)
            self._refused = (position, _plain(err, command, "done"))
            self._settle()

        self._in_turns(write, made, refused)

    def _settle(self, _index: int = 0) -> None:
        """After a move of the stack in which a step was refused: put its index where the database is
        (without touching the database) and say why."""
        refused, self._refused = self._refused, None
        if refused is None:
            return
        position, error = refused
        if self.undo_stack.index() != position:
            self._holding = True
            try:
                self.undo_stack.setIndex(position)
            finally:
                self._holding = False
        QTimer.singleShot(0, self, lambda: self.failed.emit(error))  # not inside the stack's own call

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
        self.closed = True
        if self._emit in self.store.listeners:
            self.store.listeners.remove(self._emit)
        self.undo_stack.clear()
        self.session.close()


def _plain(err: Exception, command: StoreCommand, verb: str) -> WorkbenchError:
    """What to tell the user of an edit not made: the reason it was refused, or that an internal error
    stopped it (logged)."""
    if isinstance(err, WorkbenchError):
        return err
    log.exception("%s of %r failed", "Undo" if verb == "undone" else "Edit", command.text())
    return WorkbenchError(
        f"'{command.text()}' could not be {verb} because of an internal error.", f"{type(err).__name__}: {err}"
    )
