"""What the window says in words: undo texts name the object and the field as people call them,
counts agree, accelerators do not eat an ampersand, times are written as the user's locale writes them."""

from __future__ import annotations

GIGAFACTORY = "item-gigafactory-loan"


def test_an_inspector_edit_names_the_object_and_the_fields_label(window):
    window.new_from_sample()
    window.doc.select([("item", GIGAFACTORY)])
    name = window.doc.get("item", GIGAFACTORY).name
    editor = window.inspector.forms["instrument"].editors["trl_min"]
    editor.setText("8")
    editor.editingFinished.emit()
    assert window.doc.get("instrument", GIGAFACTORY).trl_min == 8
    assert window.doc.undo_stack.undoText() == f"Set TRL from of '{name}'"
    editor = window.inspector.forms["instrument"].editors["budget"]
    editor.setText("12")
    editor.editingFinished.emit()
    assert window.doc.undo_stack.undoText() == f"Set budget (millions) of '{name}'"
