"""Giving an action its keys."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


def set_shortcut(action: QAction, key: str | QKeySequence.StandardKey | None) -> None:
    """A standard key brings every binding the platform has for it (Redo is Ctrl+Y and Ctrl+Shift+Z
    on Windows); a string is one binding. setShortcuts, because picking among setShortcut's overloads
    makes PySide build the whole `Qt` namespace, a cost start-up avoids (see ui/window_layout.py)."""
    if isinstance(key, QKeySequence.StandardKey):
        action.setShortcuts(key)
    elif key is not None:
        action.setShortcuts([QKeySequence(key)])
