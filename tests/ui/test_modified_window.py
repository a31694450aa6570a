"""The window's "modified" is the document's: an edit undone in the window leaves the title unmarked
and, should the program die then, nothing to recover."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db.session import list_recoverable
from tests.db.support import dead_pid
from ui.views.register import RegisterView


def test_an_edit_undone_in_the_window_is_neither_modified_nor_offered_after_a_crash(window, answers, tmp_path, qtbot):
    window.new_document()
    answers.save_path = tmp_path / "plan.iipw"
    assert window.save_as() and not window.isWindowModified()
    window.show_section("objectives")
    view = window.current_view()
    assert isinstance(view, RegisterView)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert window.modified and window.isWindowModified()
    window.actions_by_name["actionUndo"].trigger()
    assert not window.modified and not window.isWindowModified()
    assert window.status_saved.text() == "Saved"
    window.actions_by_name["actionRedo"].trigger()  # the edit again
    assert window.modified and window.isWindowModified()
    window.actions_by_name["actionUndo"].trigger()
    session = window.doc.session
    session.info.pid = dead_pid()  # as if this program had been killed now
    session.info.write(session.folder)
    assert list_recoverable() == []


def test_typing_back_to_what_was_saved_leaves_the_document_unmodified(window, answers, tmp_path, qtbot):
    window.new_from_sample()
    answers.save_path = tmp_path / "plan.iipw"
    assert window.save_as() and not window.modified
    window.doc.select([("actor", "actor-min-industry")])
    name = window.inspector.forms["actor"].editors["name"]
    name.setCursorPosition(len(name.text()))
    qtbot.keyClicks(name, "zz")
    name.commit_typing()  # what a pause in typing does: stored
    assert window.modified
    qtbot.keyClick(name, Qt.Key.Key_Backspace)
    qtbot.keyClick(name, Qt.Key.Key_Backspace)
    name.finish_typing()
    assert window.doc.undo_stack.count() == 0 and not window.modified
