"""Giving an action its keys."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


def set_shortcut(action: QAction, key: str | QKeySequence.StandardKey | None) -> None:
    """The key, or a standard key's main binding on this platform (its other bindings may clash:
    GNOME's Delete is also Ctrl+D, the spheres' Duplicate). setShortcuts, because picking among
    setShortcut's overloads makes PySide build the whole `Qt` namespace, a cost start-up avoids
    (see ui/window_layout.py)."""
    if key is not None:
        action.setShortcuts([QKeySequence(key)])
