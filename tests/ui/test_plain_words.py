"""What the window says in words: undo texts name the object and the field as people call them,
counts agree, accelerators do not eat an ampersand, times are written as the user's locale writes them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from ui import dialogs

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
    editor = window.inspector.forms["instrument"].editors["private_finance"]
    editor.setText("12000000")
    editor.editingFinished.emit()
    assert window.doc.undo_stack.undoText() == f"Set private finance leveraged of '{name}'"


def test_the_lock_dialog_writes_the_time_as_the_users_locale_does(qapp_instance, monkeypatch, tmp_path):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QMessageBox

    from db.errors import DocumentLocked
    from ui import dialogs

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    locked = DocumentLocked("plan.iipw", {"user": "ana", "host": "pc7", "time": "2026-12-03T09:22:07+00:00"})
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        dialogs.ask_locked(None, tmp_path / "plan.iipw", locked)
    finally:
        QLocale.setDefault(before)
    assert "2026-12-03T" not in shown[0]
    assert "Dezember 2026" in shown[0], shown[0]


def test_an_ampersand_in_the_add_actor_menu_is_shown_not_taken_as_a_shortcut(window):
    from PySide6.QtWidgets import QToolButton

    window.new_document()
    window.show_section("ecosystem")
    button = window.current_view().findChild(QToolButton, "addActorButton")
    texts = [action.text() for action in button.menu().actions()]
    assert "Research && technology organisation" in texts, texts


def test_an_actor_of_a_read_only_document_cannot_be_dragged(window, tmp_path, answers):
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    from db.session import DocumentSession
    from ui.document import OpenDocument
    from workbench.ecosystem.entities import Actor
    from workbench.sample import starter_entities

    path = tmp_path / "s.iipw"
    session = DocumentSession.new([*starter_entities(), Actor.create(id="a", name="A", x=0.0, y=0.0)])
    session.save_as(path)
    session.close()
    window.set_document(OpenDocument(DocumentSession.open(path, read_only=True), window))
    window.show_section("ecosystem")
    view = window.current_view()
    item = view.scene.actor_items["a"]
    start = view.canvas.mapFromScene(QPointF(0, 0))
    end = view.canvas.mapFromScene(QPointF(150, 80))
    QTest.mousePress(view.canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(view.canvas.viewport(), start + (end - start) * step / 5)
    assert (item.x(), item.y()) == (0.0, 0.0)  # it does not follow the mouse only to snap back
    QTest.mouseRelease(view.canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert answers.errors == []


@pytest.mark.parametrize("opens", [True, False])
def test_export_brief_says_where_the_file_is_and_when_the_folder_does_not_open(
    window, qtbot, monkeypatch, tmp_path, answers, opens
):
    from ui import brief_export
    from ui.brief_export import BriefRequest

    window.new_document()
    target = tmp_path / "brief.pdf"
    monkeypatch.setattr(
        brief_export,
        "ask_brief_export",
        lambda *a: BriefRequest("ministerial", ["issue"], "official", "a4", target, True),
    )
    monkeypatch.setattr(brief_export, "reveal_folder", lambda path: opens)
    told: list[str] = []
    monkeypatch.setattr(dialogs, "inform", lambda parent, title, text: told.append(text))
    brief_export.export_brief(window, window.doc)
    if opens:
        def said() -> str:
            label = window.statusBar().findChild(QLabel, "exportWrittenPath")
            return label.text() if label is not None else ""

        qtbot.waitUntil(lambda: str(target) in said(), timeout=30_000)
        assert not told
    else:
        qtbot.waitUntil(lambda: bool(told), timeout=30_000)
        assert str(target) in told[0] and "could not be opened" in told[0] and told[0].count(".") >= 1


def test_recent_documents_show_their_whole_path(window, tmp_path):
    from ui import settings

    short = tmp_path / "plan.iipw"
    deep = tmp_path / ("a long folder name " * 8).strip() / "policy & design" / "battery plan.iipw"
    settings.add_recent(deep)
    settings.add_recent(short)
    window._fill_recent_menu()
    first, second = window.recent_menu.actions()[:2]
    assert first.text().endswith("/plan.iipw") and first.toolTip() == first.statusTip() == str(short.resolve())
    assert "…" in second.text() and second.text().endswith("policy && design/battery plan.iipw")
    assert second.toolTip() == second.statusTip() == str(deep.resolve())


def test_a_notes_own_colour_shows_none_until_chosen_and_can_be_cleared(window, monkeypatch):
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QColorDialog

    window.new_document()
    window.show_section("workshop")
    assert window.current_view().edits.add_note("Battery passport pilot", None)
    note_id = window.doc.all("note")[0].id
    window.doc.select([("note", note_id)])
    editor = window.inspector.forms["note"].editors["colour"]
    assert editor.text() == "Not set" and "#000000" not in editor.text() + editor.styleSheet()
    assert not editor.clear_action.isEnabled()
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a: QColor("#bfe3ff"))
    editor.menu().actions()[0].trigger()
    assert window.doc.get("note", note_id).colour == "#bfe3ff"
    editor = window.inspector.forms["note"].editors["colour"]
    assert editor.text() == "#bfe3ff" and editor.clear_action.isEnabled()
    editor.clear_action.trigger()
    assert window.doc.get("note", note_id).colour is None
    assert window.doc.undo_stack.undoText() == "Set own colour of 'Battery passport pilot'"
