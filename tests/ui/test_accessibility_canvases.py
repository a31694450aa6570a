"""Every canvas tells a screen reader what is on it, item by item, and a keyboard cursor walks it.

Through Qt's accessibility interfaces (what AT-SPI on Linux and UI Automation on Windows read): the
canvas lists its items with a name, a description, a role, a state and a place on screen; moving the
cursor and selecting are announced."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui import live

CANVASES = ("spheres", "value-chain", "ecosystem", "workshop")


@pytest.fixture
def heard(monkeypatch) -> list[tuple[QAccessible.Event, str]]:
    """What assistive technology was told: (event, the name of what it is about)."""
    told: list[tuple[QAccessible.Event, str]] = []

    def record(event):
        iface = event.accessibleInterface()
        told.append((event.type(), iface.text(QAccessible.Text.Name) if iface is not None else ""))

    monkeypatch.setattr(live, "send", record)
    return told


def canvas_of(window, key):
    window.show_section(key)
    view = window.current_view()
    if key == "value-chain":
        view.settle()
    return view, view.canvas


def item_children(canvas) -> list:
    iface = QAccessible.queryAccessibleInterface(canvas)
    kids = [iface.child(i) for i in range(iface.childCount())]
    return [k for k in kids if k is not None and k.role() == QAccessible.Role.ListItem]


@pytest.mark.parametrize("key", CANVASES)
def test_every_item_of_every_canvas_is_exposed_with_a_name_and_a_place(sample, key):
    _view, canvas = canvas_of(sample, key)
    readable = canvas.reader.items()
    assert len(readable) >= 5  # the sample has spheres, items, stages, actors and notes
    items = item_children(canvas)
    assert len(items) == len(readable)
    iface = QAccessible.queryAccessibleInterface(canvas)
    for child in items:
        assert child.isValid()
        assert child.text(QAccessible.Text.Name).strip(), f"{key}: an item without a name"
        assert child.text(QAccessible.Text.Description).strip()
        assert child.parent().object() is canvas
        assert iface.indexOfChild(child) >= 0
        assert iface.child(iface.indexOfChild(child)) is child
    on_screen = [c for c in items if not c.state().offscreen]
    assert on_screen and all(not c.rect().isEmpty() for c in on_screen)


def test_an_item_says_what_it_is_and_whether_it_is_selected(sample):
    view, canvas = canvas_of(sample, "spheres")
    card = next(iter(view.scene.policy_items.values()))
    face = canvas.reader.face(card)
    assert face.text(QAccessible.Text.Name) == card.entity.name
    assert "region" in face.text(QAccessible.Text.Description)
    assert not face.state().selected
    view.doc.select([("item", card.item_id)])
    assert face.state().selected
    at = face.rect().center()
    assert QAccessible.queryAccessibleInterface(canvas).childAt(at.x(), at.y()) is face


def test_an_actor_names_its_links(sample):
    view, canvas = canvas_of(sample, "ecosystem")
    linked = next(a for a in view.scene.actor_items.values() if view.scene.links_of.get(a.actor_id))
    description = canvas.reader.face(linked).text(QAccessible.Text.Description)
    assert "links: " in description
    link = view.scene.links[next(iter(view.scene.links_of[linked.actor_id]))]
    other = link.target_id if link.source_id == linked.actor_id else link.source_id
    assert view.scene.actors[other].name in description


def test_tab_on_the_board_selects_a_note_and_announces_it(sample, qtbot, heard):
    view, canvas = canvas_of(sample, "workshop")
    for text in ("Shared pilot line", "Skills academy"):
        QTest.keyClicks(view.capture.field, text)
        QTest.keyClick(view.capture.field, Qt.Key.Key_Return)
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    heard.clear()
    QTest.keyClick(canvas, Qt.Key.Key_Tab)
    note = canvas.reader.cursor
    assert note is view.scene.note_items[next(n.id for n in view.doc.all("note") if n.text == "Shared pilot line")]
    assert view.doc.selection == [("note", note.note_id)]
    assert (QAccessible.Event.Focus, note.note.text) in heard
    assert (QAccessible.Event.Selection, note.note.text) in heard
    face = canvas.reader.face(note)
    assert face.state().focused and face.state().selected
    assert QAccessible.queryAccessibleInterface(canvas).focusChild() is face


def test_tab_leaves_the_canvas_after_its_last_item(sample, qtbot):
    _view, canvas = canvas_of(sample, "spheres")
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    visited = []
    for _ in range(len(canvas.reader.items()) + 1):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if not canvas.hasFocus():
            break
        visited.append(canvas.reader.cursor)
    assert not canvas.hasFocus()
    assert visited == canvas.reader.items()  # each once, in reading order


def test_arrows_move_the_cursor_by_position_and_leave_the_selection(sample, qtbot, heard):
    view, canvas = canvas_of(sample, "ecosystem")
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    QTest.keyClick(canvas, Qt.Key.Key_Right)  # nothing selected: the cursor starts on the first item
    first = canvas.reader.cursor
    assert first is canvas.reader.items()[0] and view.doc.selection == []
    QTest.keyClick(canvas, Qt.Key.Key_Space)
    assert view.doc.selection == [("actor", first.actor_id)]
    QTest.keyClick(canvas, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    below = canvas.reader.cursor
    assert below is not first and below.sceneBoundingRect().center().y() > first.sceneBoundingRect().center().y()
    assert view.doc.selection == [("actor", first.actor_id)]  # moving the cursor selected nothing
    assert (QAccessible.Event.Focus, below.entity.name) in heard
    QTest.keyClick(canvas, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert view.doc.selection == [("actor", first.actor_id), ("actor", below.actor_id)]


def test_removed_items_leave_the_accessible_tree(sample, qtbot):
    view, canvas = canvas_of(sample, "spheres")
    card = next(iter(view.scene.policy_items.values()))
    before = len(item_children(canvas))
    view.doc.select([("item", card.item_id)])
    view.delete()
    qtbot.waitUntil(lambda: len(item_children(canvas)) == before - 1)
    assert card not in canvas.reader.items()
