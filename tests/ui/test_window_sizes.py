"""The window fits a projector: at 1280x720 and 1366x768 (with the docks open) nothing is cut off or
squeezed below what it needs, the idea field keeps room for a sentence, the inspector does not jump
while a field is edited, and the window comes back where it was left even after a crash."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from db import operations as ops
from ui import settings, window_layout
from ui.commands import StoreCommand
from ui.main_window import MainWindow
from ui.views.sections import SECTIONS

GRID = "item-grid-fast-track"


def _fits(widget: QWidget) -> bool:
    hint = widget.minimumSizeHint()
    return not hint.isValid() or (widget.width() >= hint.width() and widget.height() >= hint.height())


@pytest.mark.parametrize("screen", [(1280, 720), (1366, 768)])
def test_the_default_window_fits_the_screen_with_the_docks_open(qapp_instance, qtbot, answers, monkeypatch, screen):
    available = QRect(0, 0, *screen)
    monkeypatch.setattr(window_layout, "available_geometry", lambda window: available)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.new_from_sample()
    assert win.nav_dock.isVisible() and win.inspector_dock.isVisible()
    side, title = window_layout.FRAME[0] // 2, window_layout.FRAME[1] - window_layout.FRAME[0] // 2
    frame = win.geometry().adjusted(-side, -title, side, side)  # with a window manager's border and title bar
    assert available.contains(frame), (frame, available)
    for section in SECTIONS:
        win.show_section(section.key)
        QApplication.processEvents()
        hint = win.minimumSizeHint()
        assert hint.width() <= win.width() and hint.height() <= win.height(), section.key
        for widget in (win.navigator, win.inspector, win.current_view()):
            assert _fits(widget), f"{section.key}: {widget.objectName()} {widget.size()} < {widget.minimumSizeHint()}"
    idea = win.views["workshop"].capture.field
    assert idea.width() >= idea.fontMetrics().averageCharWidth() * 25  # a short sentence, not 3 characters
    win.close_document()


def test_the_window_comes_back_where_it_was_left_even_after_a_crash(qapp_instance, qtbot, answers):
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(40, 60, 710, 520)  # within the test screen
    qtbot.waitUntil(lambda: settings.settings().value("window/geometry") is not None)
    # No close: the program died. The next start finds the geometry as it was left.
    second = MainWindow()
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (710, 520)


def test_the_inspector_does_not_move_its_fields_when_a_readiness_level_is_entered(window):
    window.new_from_sample()
    window.doc.run(StoreCommand(ops.update([("instrument", GRID, {"trl_min": None, "trl_max": None})]), "Clear"))
    window.doc.select([("item", GRID)])
    form = window.inspector.forms["instrument"]
    QApplication.processEvents()
    field = form.editors["mrl_min"]
    before = field.mapTo(window.inspector.widget(), field.rect().topLeft())
    editor = form.editors["trl_min"]
    editor.setText("4")
    editor.editingFinished.emit()
    QApplication.processEvents()
    assert "TRL 4:" in window.inspector.facts.text()
    assert field.mapTo(window.inspector.widget(), field.rect().topLeft()) == before
