"""A toolbar too wide for its window (a section's tools at 1280 px with the docks open) shows its
overflow button, and in high contrast that button still shows its arrow and opens the rest."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow, QToolBar, QToolButton

from ui import theme


@pytest.fixture(params=list(theme.THEMES))
def bar(request, qapp_instance, qtbot):
    theme.apply(request.param, remember=False)
    window = QMainWindow()
    qtbot.addWidget(window)
    tools = QToolBar("Spheres tools")
    for name in ("Instrument", "Programme", "Institution", "Other", "Arrange", "Zoom in", "Zoom out", "Fit"):
        tools.addAction(name)
    window.setCentralWidget(tools)
    window.resize(300, 60)
    window.show()
    qtbot.waitExposed(window)
    yield tools
    theme.apply("light", remember=False)


def test_the_overflow_button_shows_its_arrow(bar):
    extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is not None and extension.isVisible()
    image = extension.grab().toImage()
    inner = [
        image.pixelColor(x, y).lightness()
        for x in range(3, image.width() - 3)
        for y in range(3, image.height() - 3)
    ]
    assert inner and min(inner) < 128, "the overflow button is an empty box: nothing says more tools are there"
