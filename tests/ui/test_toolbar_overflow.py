"""A toolbar too wide for its window (a section's tools at 1280 px with the docks open) shows its
overflow button, and in high contrast that button still shows its arrow and opens the rest; a button
that opens a menu shows its arrow beside its words, in either theme."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QStyleOptionToolButton, QToolBar, QToolButton

from ui import theme
from ui.canvas.section import menu_button


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
        image.pixelColor(x, y).lightness() for x in range(3, image.width() - 3) for y in range(3, image.height() - 3)
    ]
    assert inner and min(inner) < 128, "the overflow button is an empty box: nothing says more tools are there"
    assert bar.rect().contains(extension.geometry()), "the overflow button is cut at the toolbar's end"


@pytest.fixture
def lay_out(request, qapp_instance, qtbot):
    theme.apply(request.param, remember=False)
    window = QMainWindow()
    qtbot.addWidget(window)
    tools = QToolBar("Ecosystem tools")
    menu = QMenu("Lay out", window)
    menu.addAction("Lay out all")
    button = menu_button("layoutButton", "Lay out", "Arrange actors by their links", menu)
    tools.addWidget(button)
    window.setCentralWidget(tools)
    window.show()
    qtbot.waitExposed(window)
    yield button
    theme.apply("light", remember=False)


@pytest.mark.parametrize("lay_out", list(theme.THEMES), indirect=True)
def test_a_menu_buttons_arrow_is_dark_and_clear_of_its_words(lay_out):
    """The arrow of "Lay out" sat pale in the corner of its words, crowded against the "t" and cut at the
    bottom: it is drawn dark, to their right, with a gap between."""
    image = lay_out.grab().toImage()
    frame = 4  # a high-contrast border is dark too
    ink = [
        x
        for x in range(frame, image.width() - frame)
        if any(image.pixelColor(x, y).lightness() < 128 for y in range(frame, image.height() - frame))
    ]
    assert ink
    words_end = ink[0] + lay_out.fontMetrics().horizontalAdvance(lay_out.text())
    arrow = [x for x in ink if x > words_end]
    assert arrow, "no arrow beside the words"
    assert max(x for x in ink if x <= words_end) + 2 < arrow[0], "the arrow touches the words"
    assert arrow[-1] < image.width() - frame


@pytest.mark.parametrize("theme_key", list(theme.THEMES))
def test_a_button_with_a_menu_beside_its_action_shows_a_dark_arrow_apart_from_its_words(
    qapp_instance, qtbot, theme_key
):
    """In high contrast the menu part of "Add actor" was a sliver with a pale arrow, against the words."""
    theme.apply(theme_key, remember=False)
    try:
        window = QMainWindow()
        qtbot.addWidget(window)
        tools = QToolBar("Ecosystem tools")
        button = QToolButton()
        button.setDefaultAction(QAction("Add actor", window))
        button.setMenu(QMenu("Add actor", window))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        tools.addWidget(button)
        window.setCentralWidget(tools)
        window.show()
        qtbot.waitExposed(window)
        option = QStyleOptionToolButton()
        button.initStyleOption(option)
        part = button.style().subControlRect(
            QStyle.ComplexControl.CC_ToolButton, option, QStyle.SubControl.SC_ToolButtonMenu, button
        )
        image = button.grab().toImage()
        inside = range(4, image.height() - 4)  # within the frame
        words = [x for x in range(4, part.left()) if any(image.pixelColor(x, y).lightness() < 128 for y in inside)]
        assert words and part.left() - words[-1] >= 4, "the words run into the menu's part"
        middle = part.adjusted(part.width() // 4, part.height() // 4, -(part.width() // 4), -(part.height() // 4))
        assert middle.isValid(), part
        dark = [
            image.pixelColor(x, y).lightness()
            for x in range(middle.left(), middle.right() + 1)
            for y in range(middle.top(), middle.bottom() + 1)
        ]
        assert min(dark) < 128, "no dark arrow in the menu's part"
    finally:
        theme.apply("light", remember=False)


def test_every_button_that_opens_a_menu_at_once_draws_its_arrow_beside_its_words(sample):
    """The workshop's "Turn into…" kept the style's arrow, crowded into the corner of its words."""
    from ui.canvas.section import MenuButton
    from ui.views.sections import SECTIONS

    for section in SECTIONS:
        sample.show_section(section.key)
        buttons = [
            b
            for b in sample.current_view().findChildren(QToolButton)
            if b.menu() is not None
            and b.popupMode() == QToolButton.ToolButtonPopupMode.InstantPopup
            and b.objectName() != "qt_toolbar_ext_button"
        ]
        plain = [b.objectName() or b.text() for b in buttons if not isinstance(b, MenuButton)]
        assert not plain, f"{section.key}: {plain}"
