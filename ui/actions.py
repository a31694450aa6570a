"""The window's actions as data. Each action's text, key, tips, where its key works (context) and
where it is offered (section) live once, in resources/actions.json; menus, toolbars, the sections'
own keys and Help > Keyboard shortcuts all take them from here, so no key works unlisted.

Start-up reads the file (a few kilobytes of JSON). Keys go on with setShortcuts: choosing among
setShortcut's overloads makes PySide build its whole `Qt` namespace, a cost start-up avoids (see
ui/window_layout.py); a section's action names `Qt` only when a section is built.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from resources import FOLDER

REGISTRY = FOLDER / "actions.json"
WINDOW = "window"  # the context of keys that work anywhere in the window
STANDARD = "standard:"  # keys written standard:Undo are the platform's main binding for that standard key


@dataclass(frozen=True)
class Context:
    """Where keys work: anywhere in the window, or in a widget of one of `sections` while it has the focus
    (contexts sharing a section can be active at once: their keys must differ)."""

    key: str
    title: str
    sections: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    id: str
    text: str  # as menus show it, with its & mnemonic
    keys: str = ""
    context: str = WINDOW
    section: str = ""  # the menu or toolbar offering it; empty when its key is the only way in
    tip: str = ""

    @property
    def label(self) -> str:
        return self.text.replace("&", "")

    def sequence(self) -> QKeySequence | None:
        """The key on this platform; a standard key's main binding only (its others may clash: GNOME's
        Delete is also Ctrl+D, the spheres' Duplicate)."""
        if not self.keys:
            return None
        if self.keys.startswith(STANDARD):
            return QKeySequence(getattr(QKeySequence.StandardKey, self.keys.removeprefix(STANDARD)))
        return QKeySequence(self.keys)

    def key_text(self) -> str:
        """The key as this platform writes it (Ctrl+S, or ⌘S on a Mac); empty without one."""
        sequence = self.sequence()
        return sequence.toString(QKeySequence.SequenceFormat.NativeText) if sequence is not None else ""

    def tooltip(self) -> str:
        key = self.key_text()
        return (self.tip or self.label.rstrip("…")) + (f" ({key})" if key else "")


@dataclass(frozen=True)
class Registry:
    contexts: dict[str, Context]
    entries: dict[str, Entry]


@cache
def registry() -> Registry:
    data = json.loads(REGISTRY.read_text(encoding="utf-8"))
    contexts = {key: Context(key, c["title"], tuple(c["sections"])) for key, c in data["contexts"].items()}
    entries = {e["id"]: Entry(**e) for e in data["actions"]}
    return Registry(contexts, entries)


def describe(action: QAction, id_: str) -> QAction:
    """Give `action` (also one Qt made: Undo, a dock's toggle) the name, text, key and tips of entry `id_`."""
    entry = registry().entries[id_]
    action.setObjectName(id_)
    _show(action, entry, entry.text)
    sequence = entry.sequence()
    if sequence is not None and not sequence.isEmpty():  # a standard key may have no binding here (Quit)
        action.setShortcuts([sequence])
        if entry.context != WINDOW:
            from PySide6.QtCore import Qt  # only when a section is built: see the module's docstring

            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    return action


def make(parent: QWidget, id_: str, slot: Callable[[], object] | None = None) -> QAction:
    """Entry `id_` as an action of `parent`: a window action's key works anywhere in the window, a
    section's only while the focus is inside `parent` (several sections may use the same keys)."""
    action = QAction(parent)  # not QAction(text, parent): choosing that overload builds QIcon's type (~1 ms)
    describe(action, id_)
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    parent.addAction(action)
    return action


def mirror(parent: QWidget, id_: str, slot: Callable[[], object]) -> QAction:
    """A toolbar's copy of window action `id_`: its text and tips, not its key (the window's action
    answers the key; a second one would make the key ambiguous and neither would fire)."""
    entry = registry().entries[id_]
    action = QAction(parent)
    _show(action, entry, entry.label)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _show(action: QAction, entry: Entry, text: str) -> None:
    action.setText(text)
    action.setToolTip(entry.tooltip())
    action.setStatusTip(entry.tip or entry.label)
    action.setProperty("accessibleName", entry.label.rstrip("…"))
