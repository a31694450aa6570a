"""Where the docks go: as the user left them, else the shipped default layout, else by area."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from ui import window_layout
from ui.main_window import MainWindow

LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
DOCKS = ("navigatorDock", "inspectorDock", "undoDock")


def _open(qtbot) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.new_document()
    win.show()
    return win


def _areas(win: MainWindow) -> dict[str, Qt.DockWidgetArea]:
    return {d.objectName(): win.dockWidgetArea(d) for d in (win.nav_dock, win.inspector_dock, win.undo_dock)}


@pytest.mark.parametrize("default_layout", ["shipped", "missing", "damaged"])
def test_a_first_start_has_the_navigator_left_the_inspector_right_and_the_history_hidden(
    qapp_instance, qtbot, answers, tmp_path, monkeypatch, default_layout
):
    if default_layout != "shipped":  # without a usable default the docks are placed by area instead
        state = tmp_path / "window_state.bin"
        if default_layout == "damaged":
            state.write_bytes(b"\x00not a window state")
        monkeypatch.setattr(window_layout, "DEFAULT_STATE", state)
    win = _open(qtbot)
    assert _areas(win) == {"navigatorDock": LEFT, "inspectorDock": RIGHT, "undoDock": RIGHT}
    assert win.nav_dock.isVisible() and win.inspector_dock.isVisible() and not win.undo_dock.isVisible()
    win.close_document()


def test_the_shipped_default_layout_knows_every_dock(qapp_instance):
    """Else a dock it does not know falls back to its area, and start-up pays for naming Qt's areas."""
    host = QMainWindow()
    try:
        assert host.restoreState(window_layout.default_state())
        for name in DOCKS:
            dock = QDockWidget(name, host)
            dock.setObjectName(name)
            assert host.restoreDockWidget(dock), f"{name} is not in {window_layout.DEFAULT_STATE.name}"
    finally:
        host.deleteLater()


def test_the_layout_the_user_left_comes_back(qapp_instance, qtbot, answers):
    first = _open(qtbot)
    first.addDockWidget(LEFT, first.inspector_dock)
    first.undo_dock.show()
    first.close()  # saves the layout
    second = _open(qtbot)
    assert _areas(second) == {"navigatorDock": LEFT, "inspectorDock": LEFT, "undoDock": RIGHT}
    assert second.undo_dock.isVisible()
    second.close_document()


def test_a_dock_the_user_closed_stays_closed_next_time(qapp_instance, qtbot, answers):
    first = _open(qtbot)
    first.inspector_dock.close()
    first.close()
    second = _open(qtbot)  # a document open: the navigator shows, the inspector does not
    assert second.nav_dock.isVisible() and not second.inspector_dock.isVisible()
    second.inspector_dock.show()
    second.close()
    third = _open(qtbot)
    assert third.inspector_dock.isVisible()
    third.close_document()
