"""The action registry (resources/actions.json, ui/actions.py) against the live window: every key the
window answers to is listed in Help > Keyboard shortcuts, keys that can be active together differ,
and every registry entry is a real, reachable, described action."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QTextCursor, QTextTable
from PySide6.QtWidgets import QDialog, QMenu, QToolBar, QWidget

from ui import actions
from ui.views.sections import SECTIONS

WINDOW_HEADING = "Anywhere in the window"


def _open_everything(window) -> None:
    """A document with every section built, and every register tab of the value chain."""
    window.new_document()
    for section in SECTIONS:
        window.show_section(section.key)
    chain = window.views["value-chain"]
    for index in range(chain.tabs.count()):
        chain.tabs.setCurrentIndex(index)


def _live_actions(window) -> list[QAction]:
    """Every action under the window: owned by it or any widget in it, or added to any of them."""
    found: dict[int, QAction] = {id(a): a for a in window.findChildren(QAction)}
    for widget in [window, *window.findChildren(QWidget)]:
        found.update((id(a), a) for a in widget.actions())
    return list(found.values())


def _shown_rows(window, qtbot) -> set[tuple[str, str, str]]:
    """(heading, key, what it does) for each row Help > Keyboard shortcuts shows, read from its text."""
    window.actions_by_name["actionShortcuts"].trigger()
    dialog = window.findChild(QDialog, "shortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    document = dialog.browser.document()
    rows = set()
    for frame in document.rootFrame().childFrames():
        assert isinstance(frame, QTextTable)
        heading = document.findBlock(frame.firstPosition() - 1).text()
        for row in range(frame.rows()):
            cells = []
            for column in range(frame.columns()):
                cell = frame.cellAt(row, column)
                cursor = cell.firstCursorPosition()
                cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
                cells.append(cursor.selectedText())
            rows.add((heading, cells[0], cells[1]))
    dialog.close()
    qtbot.waitUntil(lambda: window.findChild(QDialog, "shortcutsDialog") is None)
    return rows


def _unlisted(window, shown: set[tuple[str, str, str]]) -> list[str]:
    """The keys the window answers to that the Help list does not show, or shows for the wrong place."""
    window_wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
    missing = []
    bound: list[tuple[list[QKeySequence], str, Qt.ShortcutContext]] = [
        (a.shortcuts(), a.text().replace("&", ""), a.shortcutContext()) for a in _live_actions(window)
    ]
    bound += [([s.key()], "", s.context()) for s in window.findChildren(QShortcut)]
    for sequences, text, context in bound:
        for sequence in sequences:
            key = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            if key and not any(
                k == key
                and (not text or t == text)
                and (h == WINDOW_HEADING) == (context in window_wide)
                for h, k, t in shown
            ):
                missing.append(f"{key} {text!r}")
    return missing


def test_every_key_the_window_answers_to_is_listed_in_help(window, qtbot):
    _open_everything(window)
    shown = _shown_rows(window, qtbot)
    assert _unlisted(window, shown) == []
    # The keys once missing from the list are there now, each under the place it works.
    keys = {k for _h, k, _t in shown}
    for key in ("Ctrl+D", "Ctrl+L", "F2", "F6", "V", "D", "T", "Ctrl+R", "Ctrl+Shift+A", "Esc"):
        assert QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) in keys, key


def test_a_key_missing_from_help_is_found(window, qtbot):
    """The check above can fail: a key added in code alone is reported."""
    _open_everything(window)
    stray = QAction("Rotate", window.views["spheres"])
    stray.setShortcuts([QKeySequence("Ctrl+K")])
    window.views["spheres"].addAction(stray)
    QShortcut(QKeySequence("Ctrl+J"), window)
    assert sorted(_unlisted(window, _shown_rows(window, qtbot))) == [
        QKeySequence("Ctrl+J").toString(QKeySequence.SequenceFormat.NativeText) + " ''",
        QKeySequence("Ctrl+K").toString(QKeySequence.SequenceFormat.NativeText) + " 'Rotate'",
    ]


def _clashes(registry: actions.Registry) -> list[str]:
    """Keys used twice where both can be active at once: in one context, in the window and any
    section, or in two contexts sharing a section (a register inside the value chain)."""
    contexts = registry.contexts
    keyed = [(e, key) for e in registry.entries.values() if (key := e.key_text())]

    def together(a: str, b: str) -> bool:
        return a == b or actions.WINDOW in (a, b) or bool(set(contexts[a].sections) & set(contexts[b].sections))

    return [
        f"{key}: {first.id} and {second.id}"
        for i, (first, key) in enumerate(keyed)
        for second, other in keyed[i + 1 :]
        if key == other and together(first.context, second.context)
    ]


def test_no_two_actions_active_together_share_a_key(qapp_instance):
    """On this platform's bindings of the standard keys (some have none on some platforms: Quit)."""
    registry = actions.registry()
    assert _clashes(registry) == []
    assert set(e.context for e in registry.entries.values()) <= set(registry.contexts)
    for entry in registry.entries.values():
        entry.sequence()  # a standard key's name exists
        if entry.keys and not entry.keys.startswith(actions.STANDARD):
            assert entry.key_text(), f"{entry.id}: {entry.keys} means no key"


def test_a_shared_key_is_found(qapp_instance):
    """The check above can fail: Ctrl+D for the window as well as for the spheres' Duplicate; the
    register's Ctrl+Shift+A given to the value chain, which shows registers in its tabs."""
    registry = actions.registry()
    entries = dict(registry.entries)
    entries["actionBookmark"] = actions.Entry("actionBookmark", "Bookmark", "Ctrl+D", actions.WINDOW)
    entries["add_stage"] = actions.Entry("add_stage", "Add stage", "Ctrl+Shift+A", "value-chain")
    native = {k: QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in ("Ctrl+D", "Ctrl+Shift+A")}
    assert sorted(_clashes(actions.Registry(registry.contexts, entries))) == [
        f"{native['Ctrl+D']}: spheresDuplicate and actionBookmark",
        f"{native['Ctrl+Shift+A']}: add_stage and registerAdd",
    ]


def _offered_in(action: QAction, section: str) -> bool:
    """In the menu or toolbar titled `section`, or on a button inside that toolbar."""
    for widget in action.associatedObjects():
        while isinstance(widget, QWidget):
            if isinstance(widget, QMenu) and widget.title().replace("&", "") == section:
                return True
            if isinstance(widget, QToolBar) and widget.windowTitle() == section:
                return True
            widget = widget.parentWidget()
    return False


def _in_views(window, widgets: list[QWidget], sections: tuple[str, ...]) -> bool:
    views = [window.views[key] for key in sections if key in window.views]
    return any(view is w or view.isAncestorOf(w) for view in views for w in widgets)


def _problems(window) -> list[str]:
    """What is wrong with each registry entry in the live window: missing, undescribed, out of reach,
    or answering its key somewhere else than its context says."""
    registry = actions.registry()
    live = _live_actions(window)
    problems = []
    for entry in registry.entries.values():
        found = [a for a in live if a.objectName() == entry.id]
        if not found:
            problems.append(f"{entry.id}: no such action in the window")
        for action in found:
            for what, value in (
                ("text", action.text()),
                ("tooltip", action.toolTip()),
                ("accessible name", action.property("accessibleName")),
            ):
                if not value:
                    problems.append(f"{entry.id}: no {what}")
            if entry.section and not _offered_in(action, entry.section):
                problems.append(f"{entry.id}: not in {entry.section}")
            owners = [w for w in action.associatedObjects() if isinstance(w, QWidget) and action in w.actions()]
            if not entry.section and not (entry.keys and owners):
                problems.append(f"{entry.id}: neither offered nor on a key")
            if entry.context == actions.WINDOW:
                if window not in owners or action.shortcutContext() != Qt.ShortcutContext.WindowShortcut:
                    problems.append(f"{entry.id}: not a window action")
            elif not _in_views(window, owners, registry.contexts[entry.context].sections):
                problems.append(f"{entry.id}: not in a view of its context")
            elif entry.keys and action.shortcutContext() != Qt.ShortcutContext.WidgetWithChildrenShortcut:
                problems.append(f"{entry.id}: its key works outside its section")
    return problems


def test_every_registry_entry_is_a_described_reachable_action(window):
    _open_everything(window)
    assert _problems(window) == []
    for dock in (window.nav_dock, window.inspector_dock, window.undo_dock):
        assert dock.objectName() and dock.accessibleName()


@pytest.fixture
def broken_registry(tmp_path, monkeypatch):
    """The registry with an entry no code builds, one without text and one said to be in a toolbar it is not in."""
    data = json.loads(actions.REGISTRY.read_text(encoding="utf-8"))
    data["actions"].append(
        {"id": "spheresRotate", "text": "Rotate", "keys": "", "context": "spheres", "section": "Arrange", "tip": "x"}
    )
    for entry in data["actions"]:
        if entry["id"] == "connectActors":
            entry["text"] = ""
        if entry["id"] == "workshopVote":
            entry["section"] = "Workshop tools"
    broken = tmp_path / "actions.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(actions, "REGISTRY", broken)
    actions.registry.cache_clear()
    yield
    actions.registry.cache_clear()


def test_a_broken_registry_entry_is_found(broken_registry, window):
    """The check above can fail: each broken entry is named, and nothing else."""
    _open_everything(window)
    assert sorted(_problems(window)) == [
        "connectActors: no accessible name",
        "connectActors: no text",
        "spheresRotate: no such action in the window",
        "workshopVote: not in Workshop tools",
    ]


def test_the_stage_keys_do_nothing_out_of_sight_in_a_register_of_the_value_chain(window, qtbot):
    """The value chain's stage keys work on its chart tab only: from a register tab, F2 renamed and
    Ctrl+Alt+N added a stage the user could not see."""
    window.new_from_sample()
    window.show_section("value-chain")
    chain = window.current_view()
    renamed = []
    chain.findChild(QAction, "rename_stage").triggered.connect(lambda: renamed.append(True))
    stages = len(chain.doc.all("stage"))
    chain.tabs.setCurrentIndex(1)
    table = chain.tabs.currentWidget().table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 1))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.keyClick(table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert not renamed and len(chain.doc.all("stage")) == stages
    chain.tabs.setCurrentIndex(0)  # on the chart tab both keys still work
    chain.canvas.setFocus()
    qtbot.keyClick(chain.canvas, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert len(chain.doc.all("stage")) == stages + 1
    qtbot.keyClick(chain.canvas, Qt.Key.Key_F2)
    assert renamed
