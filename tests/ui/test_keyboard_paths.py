"""Everything the mouse does on a canvas and around it, done from the keyboard: rename with F2 or
Enter, link two actors in order, the section's keys from the inspector, the navigator and inspector
by key, Enter on the welcome screen, focus after New, a section change letting go of the selection,
and Ctrl+Z from an inspector field whose edit is stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from ui.views.ecosystem.items import ActorItem
from ui.views.value_chain.items import InstrumentBar, StageHeader


def activate(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def canvas_of(window, qtbot, key):
    window.show_section(key)
    view = window.current_view()
    view.canvas.setFocus()
    qtbot.waitUntil(view.canvas.hasFocus)
    return view, view.canvas


def press(key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifier)


def type_over(qtbot, editor, text: str) -> None:
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


@pytest.mark.parametrize("key", [Qt.Key.Key_F2, Qt.Key.Key_Return])
def test_f2_or_enter_renames_the_item_under_the_cursor(sample, qtbot, key):
    view, canvas = canvas_of(sample, qtbot, "ecosystem")
    press(Qt.Key.Key_Tab)
    actor = canvas.reader.cursor
    assert isinstance(actor, ActorItem)
    old = actor.entity.name
    press(key)
    assert canvas.editor is not None and canvas.editor.hasFocus() and canvas.editor.text() == old
    type_over(qtbot, canvas.editor, "Regional battery cluster")
    assert view.doc.get("actor", actor.actor_id).name == "Regional battery cluster"
    assert canvas.hasFocus()  # back on the map, the cursor where it was
    assert view.doc.undo_stack.undoText() == f"Rename actor '{old}' to 'Regional battery cluster'"
    view.doc.undo_stack.undo()
    assert view.doc.get("actor", actor.actor_id).name == old


def test_enter_on_a_note_changes_its_words(sample, qtbot):
    view, canvas = canvas_of(sample, qtbot, "workshop")
    qtbot.keyClicks(view.capture.field, "Pilot line")
    qtbot.keyClick(view.capture.field, Qt.Key.Key_Return)
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Return)
    type_over(qtbot, canvas.editor, "Shared pilot line")
    assert [n.text for n in view.doc.all("note")] == ["Shared pilot line"]


def test_escape_leaves_a_rename_unmade(sample, qtbot):
    view, canvas = canvas_of(sample, qtbot, "spheres")
    press(Qt.Key.Key_Tab)
    count = view.doc.undo_stack.count()
    press(Qt.Key.Key_F2)
    qtbot.keyClicks(canvas.editor, "Something else")
    qtbot.keyClick(canvas.editor, Qt.Key.Key_Escape)
    assert canvas.editor is None and view.doc.undo_stack.count() == count


def test_two_actors_are_linked_in_order_from_the_keyboard(sample, qtbot):
    view, canvas = canvas_of(sample, qtbot, "ecosystem")
    press(Qt.Key.Key_Tab)
    source = canvas.reader.cursor
    press(Qt.Key.Key_L)
    assert "Linking from" in sample.statusBar().currentMessage()
    press(Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    target = canvas.reader.cursor
    assert target is not source
    links = len(view.doc.all("link"))
    press(Qt.Key.Key_Return)
    assert len(view.doc.all("link")) == links + 1
    link = view.doc.get(*view.doc.selection[0])
    assert (link.source_id, link.target_id) == (source.actor_id, target.actor_id)
    assert canvas.editor is None  # Enter made the link; it did not start a rename


def test_escape_cancels_a_link_being_made(sample, qtbot):
    view, canvas = canvas_of(sample, qtbot, "ecosystem")
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_L)
    press(Qt.Key.Key_Escape)
    assert sample.statusBar().currentMessage() == "No link made."
    press(Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    links = len(view.doc.all("link"))
    press(Qt.Key.Key_Return)
    assert len(view.doc.all("link")) == links
    assert canvas.editor is not None  # Enter renames again
    canvas.close_editor()


def test_a_sections_keys_work_from_the_inspector(sample, qtbot):
    sample.show_section("objectives")
    view = sample.current_view()
    objective = view.doc.all("objective")[0]
    view.doc.select([("objective", objective.id)])
    field = next(iter(sample.inspector.forms["objective"].editors.values()))
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    count = len(view.doc.all("objective"))
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(view.doc.all("objective")) == count + 1
    sample.show_section("practices")  # now the key is the practices' (a dialog): the objectives' lets go
    assert not any(a.objectName() == "registerAdd" for a in sample.inspector_dock.actions())


def test_alt_1_goes_to_the_navigator_and_enter_there_into_the_section(sample, qtbot):
    press(Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert sample.navigator.hasFocus()
    press(Qt.Key.Key_Down)
    assert sample.current_view().objectName() == "spheresView"
    press(Qt.Key.Key_Return)
    focused = QApplication.focusWidget()
    assert sample.current_view().isAncestorOf(focused) and focused.isVisible()
    press(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert sample.inspector.isAncestorOf(QApplication.focusWidget())


def test_enter_presses_the_focused_button_of_the_welcome_screen(window, qtbot):
    activate(window, qtbot)
    button = window.welcome.findChild(QPushButton, "welcomeSample")
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    press(Qt.Key.Key_Return)
    assert window.doc is not None and window.doc.all("actor")


def test_after_new_project_the_keyboard_is_in_the_first_section(window, qtbot):
    activate(window, qtbot)
    window.findChild(QPushButton, "welcomeNew").setFocus()
    press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    focused = QApplication.focusWidget()
    assert window.doc is not None
    assert focused is not None and focused.isVisible() and window.current_view().isAncestorOf(focused)


def test_another_section_lets_go_of_the_selection(sample, qtbot):
    sample.show_section("ecosystem")
    actor = sample.doc.all("actor")[0]
    sample.doc.select([("actor", actor.id)])
    assert "actor" in sample.inspector.forms
    sample.show_section("objectives")
    assert sample.doc.selection == [] and sample.inspector.forms == {}


def test_ctrl_z_in_an_inspector_field_whose_edit_is_stored_undoes_it(sample, qtbot):
    sample.show_section("ecosystem")
    actor = sample.doc.all("actor")[0]
    sample.doc.select([("actor", actor.id)])
    name = sample.inspector.forms["actor"].editors["name"]
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    type_over(qtbot, name, "Renamed in the inspector")
    assert sample.doc.get("actor", actor.id).name == "Renamed in the inspector"
    name = sample.inspector.forms["actor"].editors["name"]  # the form may have been rebuilt
    assert name.hasFocus()
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sample.doc.get("actor", actor.id).name == actor.name


def test_f2_on_the_value_chain_renames_a_stage_or_an_instrument(sample, qtbot):
    view, canvas = canvas_of(sample, qtbot, "value-chain")
    press(Qt.Key.Key_Tab)
    stage = canvas.reader.cursor
    assert isinstance(stage, StageHeader)
    press(Qt.Key.Key_F2)
    type_over(qtbot, canvas.editor, "Cell assembly")
    assert view.doc.get("stage", stage.stage.id).name == "Cell assembly"
    while not isinstance(canvas.reader.cursor, InstrumentBar):
        press(Qt.Key.Key_Tab)
    bar = canvas.reader.cursor
    press(Qt.Key.Key_F2)
    type_over(qtbot, canvas.editor, "Gigafactory grant")
    assert view.doc.get("item", bar.instrument_id).name == "Gigafactory grant"


def test_ctrl_tab_leaves_a_canvas_at_once(sample, qtbot):
    _view, canvas = canvas_of(sample, qtbot, "ecosystem")
    press(Qt.Key.Key_Tab)
    assert canvas.hasFocus() and canvas.reader.cursor is not None
    press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert not canvas.hasFocus()
    assert "Ctrl+Tab" in canvas.accessibleDescription()
