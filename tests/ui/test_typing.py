"""Text being typed reaches the working copy a moment after the last keystroke, without leaving the
field; each burst of typing in a field is one undo step; Enter and leaving the field store at once;
and the window never says "Saved" while typed text is not stored yet."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from ui.forms import TYPING_PAUSE_MS
from ui.views.briefs import BriefsView
from workbench.briefs.entities import section_id

ACTOR = "actor-min-industry"
NAME = "Ministry of Industry and Enterprise"


def inspect_actor(window):
    window.new_from_sample()
    window.doc.select([("actor", ACTOR)])
    return window.inspector.forms["actor"].editors


def leave(editor) -> None:
    QApplication.sendEvent(editor, QFocusEvent(QEvent.Type.FocusOut))


def stored_name(window) -> str:
    return window.doc.get("actor", ACTOR).name


def test_typing_is_stored_after_a_pause_as_one_undo_step(window, qtbot):
    editors = inspect_actor(window)
    stack = window.doc.undo_stack
    count = stack.count()
    name = editors["name"]
    name.setCursorPosition(len(NAME))
    qtbot.keyClicks(name, " (lead)")
    assert stored_name(window) == NAME  # not one step per key
    qtbot.waitUntil(lambda: stored_name(window) == NAME + " (lead)", timeout=TYPING_PAUSE_MS + 1000)
    qtbot.keyClicks(name, " and more")  # the same burst, after a pause
    qtbot.waitUntil(lambda: stored_name(window) == NAME + " (lead) and more", timeout=TYPING_PAUSE_MS + 1000)
    assert stack.count() == count + 1
    assert stack.text(count) == f"Set name of '{NAME}'"
    stack.undo()
    assert stored_name(window) == NAME  # the text before the burst
    qtbot.keyClick(name, Qt.Key.Key_Return)  # ends the burst; the next keystroke is a new step
    stack.redo()
    assert stored_name(window) == NAME + " (lead) and more"
    assert name.text() == NAME + " (lead) and more"
    qtbot.keyClicks(name, "!")
    leave(name)
    assert stored_name(window) == NAME + " (lead) and more!"
    assert stack.count() == count + 2


def test_enter_and_leaving_the_field_store_at_once(window, qtbot):
    editors = inspect_actor(window)
    name = editors["name"]
    name.setCursorPosition(len(NAME))
    qtbot.keyClicks(name, " X")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert stored_name(window) == NAME + " X"
    notes = editors["notes"]
    qtbot.keyClicks(notes, "Typed note")
    leave(notes)
    assert window.doc.get("actor", ACTOR).notes.startswith("Typed note")
    assert not window.doc.typing


def test_typing_back_to_the_start_leaves_no_undo_step(window, qtbot):
    editors = inspect_actor(window)
    stack = window.doc.undo_stack
    count = stack.count()
    name = editors["name"]
    name.setCursorPosition(len(NAME))
    qtbot.keyClicks(name, "zz")
    name.commit_typing()  # what the pause does
    assert stack.count() == count + 1
    qtbot.keyClick(name, Qt.Key.Key_Backspace)
    qtbot.keyClick(name, Qt.Key.Key_Backspace)
    leave(name)
    assert stored_name(window) == NAME and stack.count() == count


def test_the_window_does_not_say_saved_while_typed_text_is_not_stored(window, qtbot, answers, tmp_path):
    editors = inspect_actor(window)
    answers.save_path = tmp_path / "typed.iipw"
    assert window.save()
    assert window.status_saved.text() == "Saved" and not window.isWindowModified()
    notes = editors["notes"]
    qtbot.keyClicks(notes, " more")
    assert window.status_saved.text() == "Unsaved changes" and window.isWindowModified()
    assert window.save()  # Ctrl+S while typing saves what the field shows
    assert window.status_saved.text() == "Saved"
    assert window.doc.get("actor", ACTOR).notes.startswith(" more")


def test_typing_in_a_brief_section_is_one_step_that_undo_removes(window, qtbot):
    window.new_document()
    window.show_section("briefs")
    view = window.current_view()
    assert isinstance(view, BriefsView)
    stack = window.doc.undo_stack
    count = stack.count()
    editor = view.form.text_editors["issue"]
    sid = section_id("ministerial", "issue")
    qtbot.keyClicks(editor, "First words")
    qtbot.waitUntil(lambda: window.doc.get("brief_section", sid) is not None, timeout=TYPING_PAUSE_MS + 1000)
    qtbot.keyClicks(editor, ", then more")
    qtbot.waitUntil(lambda: window.doc.get("brief_section", sid).text == "First words, then more",
                    timeout=TYPING_PAUSE_MS + 1000)
    leave(editor)
    assert stack.count() == count + 1
    stack.undo()
    assert window.doc.get("brief_section", sid) is None and editor.toPlainText() == ""
    stack.redo()
    assert editor.toPlainText() == "First words, then more"
