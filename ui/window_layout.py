"""Where the window and its docks sit: the user's last layout, else the default one in resources.

Docks are placed by restoring a saved window state, the default being a state saved once and kept in
`resources/layout/window_state.bin` (`python tools/default_window_layout.py` writes it again). Placing
a dock by area instead means naming Qt's `Qt` namespace, which PySide builds in one go (94 enums,
about 15 ms at start-up). A dock the state does not know, or a state Qt refuses, falls back to
its area; nothing is lost but those milliseconds.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtWidgets import QDockWidget, QMainWindow

from resources import FOLDER
from ui import settings

DEFAULT_STATE = FOLDER / "layout" / "window_state.bin"
DEFAULT_SIZE = (1280, 800)  # the least a first start gets where the screen has room: what the layout is made for
SHARE = 0.9  # of a larger screen a first start takes, leaving a margin round the window
FRAME = (16, 48)  # room left for the window manager's border and title bar, which are not known before showing


def restore(window: QMainWindow) -> set[str]:
    """Size and dock layout as the user left them; call before the docks are made. Returns the
    names of the docks the user closed: the window state records them as a window without a
    document shows them (hidden), so they are kept apart."""
    s = settings.settings()
    geometry, state = s.value("window/geometry"), s.value("window/state")
    if not (isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)):
        window.setGeometry(default_geometry(available_geometry(window)))
    if not (isinstance(state, QByteArray) and window.restoreState(state)):
        window.restoreState(default_state())
    closed = s.value("window/hiddenDocks", [])
    return {closed} if isinstance(closed, str) else set(closed) if isinstance(closed, list) else set()


def available_geometry(window: QMainWindow) -> QRect:
    """The part of the window's screen not taken by panels and task bars."""
    return window.screen().availableGeometry()


def default_geometry(available: QRect) -> QRect:
    """A first start's place: nine tenths of the screen, centred; no less than the default size where the
    screen has room for it, and never more than the screen (a 1280x720 projector gets all of it), frame and
    title bar included."""
    width = min(max(DEFAULT_SIZE[0], round(available.width() * SHARE)), available.width() - FRAME[0])
    height = min(max(DEFAULT_SIZE[1], round(available.height() * SHARE)), available.height() - FRAME[1])
    left = available.left() + (available.width() - width) // 2
    top = available.top() + (available.height() - FRAME[1] - height) // 2 + FRAME[1] - FRAME[0] // 2
    return QRect(left, top, width, height)


def save_geometry(window: QMainWindow) -> None:
    """Keep where the window is as it changes, so it comes back there even after a crash."""
    settings.settings().setValue("window/geometry", window.saveGeometry())


def default_state() -> QByteArray:
    try:
        return QByteArray(DEFAULT_STATE.read_bytes())
    except OSError:  # a missing file only costs the fall-back to dock areas
        return QByteArray()


def place(window: QMainWindow, dock: QDockWidget, area: str, *, visible: bool = True) -> None:
    """Put `dock` where the restored layout says; else in `area` ("left" or "right")."""
    if window.restoreDockWidget(dock):
        return
    from PySide6.QtCore import Qt  # only here: see the module's docstring

    areas = {"left": Qt.DockWidgetArea.LeftDockWidgetArea, "right": Qt.DockWidgetArea.RightDockWidgetArea}
    window.addDockWidget(areas[area], dock)
    dock.setVisible(visible)


def save(window: QMainWindow, hidden: set[str]) -> None:
    s = settings.settings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    s.setValue("window/hiddenDocks", sorted(hidden))
