"""A refused undo or redo (a working copy that cannot be written, a full disk) leaves the undo stack
where the database is, changes nothing, and says why in one sentence; Ctrl+Z, Ctrl+Shift+Z and the
undo history all take the same guarded path. A redo that can never apply again is dropped."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db import operations as ops
from db.errors import DocumentError
from tests.db.support import snapshot
from ui.commands import StoreCommand
from ui.views.register import RegisterView
from workbench.registers.entities import Objective


def _three_objectives(window, qtbot):
    """A new document with three objectives added one by one from the Objectives register."""
    window.new_document()
    window.show_section("objectives")
    view = window.current_view()
    assert isinstance(view, RegisterView)
    for _ in range(3):
        qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert window.doc.undo_stack.index() == 3
    return window.doc


def _state(doc):
    return snapshot(doc.store.load()), doc.store.revision


def _refuse_writes(doc, refused: bool = True) -> None:
    """The working copy stops taking writes (as when it is made read-only under the program)."""
    doc.store.conn.execute(f"PRAGMA query_only={'ON' if refused else 'OFF'}")


def test_ctrl_z_refused_by_the_working_copy_leaves_stack_and_database_as_they_were(window, answers, qtbot):
    doc = _three_objectives(window, qtbot)
    stack, before = doc.undo_stack, _state(doc)
    _refuse_writes(doc)
    window.actions_by_name["actionUndo"].trigger()  # Ctrl+Z and Edit > Undo
    assert stack.index() == 3 and stack.count() == 3
    assert _state(doc) == before
    qtbot.waitUntil(lambda: bool(answers.errors))
    (error,) = answers.errors
    assert error.message.startswith("The working copy cannot be written to, so this change was not made")
    _refuse_writes(doc, False)
    window.actions_by_name["actionUndo"].trigger()  # it can be undone once the copy takes writes again
    assert stack.index() == 2 and len(doc.all("objective")) == 2


def test_a_redo_refused_by_a_full_disk_stays_to_be_redone(window, answers, qtbot):
    doc = _three_objectives(window, qtbot)
    stack = doc.undo_stack
    big = [Objective.create(statement="Long", tradeoffs="y" * 9000) for _ in range(4)]
    assert doc.run(StoreCommand(ops.create(big), "Add long objectives"))
    stack.undo()
    conn = doc.store.conn
    conn.execute("VACUUM")  # no free pages left for the objective to come back into
    conn.execute(f"PRAGMA max_page_count={conn.execute('PRAGMA page_count').fetchone()[0]}")  # a full disk
    before = _state(doc)
    window.actions_by_name["actionRedo"].trigger()
    assert (stack.index(), stack.count()) == (3, 4)
    assert _state(doc) == before
    qtbot.waitUntil(lambda: bool(answers.errors))
    assert answers.errors[0].message.startswith("The disk is full, so this change could not be kept")
    conn.execute("PRAGMA max_page_count=1073741823")  # space freed: the same step can be redone
    window.actions_by_name["actionRedo"].trigger()
    assert stack.index() == 4 and len(doc.all("objective")) == 7


def test_a_refusal_in_the_middle_of_a_jump_in_the_undo_history_stops_there(window, answers, qtbot, monkeypatch):
    doc = _three_objectives(window, qtbot)
    stack = doc.undo_stack
    newest = stack.command(2).operation.create[0].id
    real, calls = doc.store.apply, []

    def second_undo_refused(operation, **kw):
        calls.append(kw.get("initiator"))
        if len(calls) == 2:
            raise DocumentError("The disk is full, so this change could not be kept and was not made.")
        return real(operation, **kw)

    monkeypatch.setattr(doc.store, "apply", second_undo_refused)
    window.undo_view.setCurrentIndex(window.undo_view.model().index(0, 0))  # click "<empty>" in the history
    assert calls == ["undo", "undo"]  # the first undo done, the second refused, the third not tried
    assert stack.index() == 2
    assert len(doc.all("objective")) == 2 and doc.get("objective", newest) is None
    qtbot.waitUntil(lambda: bool(answers.errors))
    monkeypatch.undo()
    stack.setIndex(0)
    assert doc.all("objective") == [] and stack.index() == 0


def test_a_redo_that_can_never_apply_again_is_dropped(window, answers, qtbot):
    doc = _three_objectives(window, qtbot)
    stack = doc.undo_stack
    newest = stack.command(2).operation.create[0]
    stack.undo()
    doc.store.create([newest])  # the same objective came back some other way: the redo can never apply
    stack.redo()
    assert (stack.index(), stack.count()) == (2, 2)
    qtbot.waitUntil(lambda: bool(answers.errors))
    assert "already exists" in answers.errors[0].message
    assert doc.get("objective", newest.id) is not None
