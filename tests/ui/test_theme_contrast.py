"""Every theme is readable: text, placeholders, selections and role colours reach WCAG's 4.5:1 against
what they are drawn on; disabled controls look disabled; the focused control, of every kind, has a
ring all round it in the theme's focus colour; high contrast shows scroll bars."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGraphicsScene,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollBar,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QTableWidget,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QWidget,
)

from ui import theme
from ui.canvas.view import CanvasView

MINIMUM = 4.5
PAIRS = (  # (text, background) palette roles
    ("WindowText", "Window"),
    ("Text", "Base"),
    ("PlaceholderText", "Base"),
    ("ButtonText", "Button"),
    ("HighlightedText", "Highlight"),
)


def luminance(colour: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def over(colour: QColor, background: QColor) -> QColor:
    """A colour with transparency as it shows on its background."""
    a = colour.alphaF()
    mixed = (a * c + (1 - a) * b for c, b in zip(colour.getRgbF()[:3], background.getRgbF()[:3], strict=True))
    return QColor.fromRgbF(*mixed)


def ratio(text: QColor, background: QColor) -> float:
    light, dark = sorted((luminance(over(text, background)), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(params=list(theme.THEMES))
def themed(request, qapp_instance):
    theme.apply(request.param, remember=False)
    yield request.param
    theme.apply("light", remember=False)


def test_text_placeholders_and_selections_reach_4_5_to_1(themed):
    palette = QApplication.palette()
    for text, background in PAIRS:
        fg, bg = palette.color(QPalette.ColorRole[text]), palette.color(QPalette.ColorRole[background])
        assert ratio(fg, bg) >= MINIMUM, f"{themed}: {text} on {background} is {ratio(fg, bg):.2f}:1"


def test_role_colours_reach_4_5_to_1_on_what_they_are_drawn_on(themed):
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    for role, sheet in theme.spec(themed)["roles"].items():
        for block in re.findall(r"[^{}]*\{([^}]*)\}", sheet) or [sheet]:  # each rule, or the bare declarations
            text = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", block)
            ground = re.search(r"background:\s*(#[0-9a-fA-F]{6})", block)
            if text:
                back = QColor(ground.group(1)) if ground else window
                assert ratio(QColor(text.group(1)), back) >= MINIMUM, f"{themed}: role {role}: {block}"


def test_disabled_text_looks_disabled(themed):
    palette = QApplication.palette()
    for role in ("ButtonText", "WindowText", "Text"):
        enabled = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole[role])
        disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole[role])
        assert ratio(disabled, enabled) >= 2, f"{themed}: disabled {role} looks like enabled {role}"


def _shot(widget: QWidget):
    return widget.grab().toImage()


def test_a_disabled_button_is_drawn_unlike_an_enabled_one(themed, qtbot):
    button = QPushButton("Add")
    qtbot.addWidget(button)
    button.resize(90, 32)
    button.show()
    enabled = _shot(button)
    button.setEnabled(False)
    assert _shot(button) != enabled


FOCUSABLE = {  # every kind of control the application lets the keyboard into
    "tool button": lambda: QToolButton(text="Zoom in"),
    "check box": lambda: QCheckBox("Outside IIP"),
    "spin box": lambda: QSpinBox(),
    "combo box": lambda: _combo(),
    "line edit": lambda: QLineEdit("Skills pipeline"),
    "tabs": lambda: _tabs(),
    "tree": lambda: QTreeWidget(),
    "table": lambda: QTableWidget(3, 2),
    "text browser": lambda: QTextBrowser(),
    "canvas": lambda: _canvas(),
}
RING_REACH = 4  # pixels either side of a control's edge where its ring is looked for


def _ring_share(picture: QImage, edge: QRect, colour: QColor) -> float:
    """The share of the places along the four sides of `edge` that show `colour` within RING_REACH of
    the side (the least of the four sides, so a ring open on one side does not pass)."""

    def near(x: int, y: int, dx: int, dy: int) -> bool:
        for step in range(-RING_REACH, RING_REACH + 1):
            px, py = x + dx * step, y + dy * step
            if picture.rect().contains(px, py):
                seen = picture.pixelColor(px, py)
                if (
                    max(
                        abs(seen.red() - colour.red()),
                        abs(seen.green() - colour.green()),
                        abs(seen.blue() - colour.blue()),
                    )
                    < 40
                ):
                    return True
        return False

    xs = range(edge.left() + 6, edge.right() - 5, 2)
    ys = range(edge.top() + 6, edge.bottom() - 5, 2)
    sides = (
        [near(x, edge.top(), 0, 1) for x in xs],
        [near(x, edge.bottom(), 0, 1) for x in xs],
        [near(edge.left(), y, 1, 0) for y in ys],
        [near(edge.right(), y, 1, 0) for y in ys],
    )
    return min(sum(side) / len(side) for side in sides)


@pytest.mark.parametrize("kind", list(FOCUSABLE))
def test_the_focused_control_has_a_ring_of_the_focus_colour_all_round(themed, qtbot, kind):
    host = QWidget()
    qtbot.addWidget(host)
    other = QPushButton("elsewhere", host)
    widget = FOCUSABLE[kind]()
    widget.setParent(host)
    widget.setGeometry(20, 40, 180, widget.sizeHint().height() if kind == "tabs" else 60)
    host.resize(220, 120)
    host.show()
    host.activateWindow()
    ring = QColor(theme.spec(themed)["focus_ring"]["colour"])
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert _ring_share(host.grab().toImage(), widget.geometry(), ring) < 0.5, "a ring without the focus"
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    assert _ring_share(host.grab().toImage(), widget.geometry(), ring) >= 0.95


def test_the_ring_moves_on_without_looking_through_the_controls_children(qapp_instance, qtbot):
    """Looking for the ring among a text browser's children made Python types of its document's parts:
    65 ms of the window, the first time the focus left the overview."""
    looked: list[str] = []

    class Browser(QTextBrowser):
        def children(self):
            looked.append("children")
            return super().children()

    host = QWidget()
    qtbot.addWidget(host)
    browser, other = Browser(host), QPushButton("elsewhere", host)
    host.show()
    host.activateWindow()
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    qtbot.waitUntil(lambda: not browser.findChildren(QWidget, "focusRing"))
    assert not looked
    assert other.findChildren(QWidget, "focusRing")


def test_the_focus_ring_stands_out_at_3_to_1_on_what_it_is_drawn_on(themed):
    palette = QApplication.palette()
    ring = QColor(theme.spec(themed)["focus_ring"]["colour"])
    for role in ("Window", "Base", "Button"):  # a control's edge; a selected row fills inside it
        assert ratio(ring, palette.color(QPalette.ColorRole[role])) >= 3, f"{themed}: focus ring on {role}"


def _canvas() -> CanvasView:
    scene = QGraphicsScene()
    view = CanvasView(scene)
    scene.setParent(view)  # kept alive with the view
    return view


def _combo() -> QComboBox:
    combo = QComboBox()
    combo.addItems(["Funds", "Advises"])
    return combo


def _tabs() -> QTabBar:
    tabs = QTabBar()
    tabs.addTab("Votes")
    tabs.addTab("Agenda")
    return tabs


def test_high_contrast_scroll_bars_show_a_dark_handle_on_a_light_track(qapp_instance, qtbot):
    theme.apply("high_contrast", remember=False)
    try:
        bar = QScrollBar()
        qtbot.addWidget(bar)
        bar.setRange(0, 100)
        bar.setPageStep(20)
        bar.resize(16, 200)
        bar.show()
        image = _shot(bar)
        greys = {image.pixelColor(8, y).lightness() for y in range(4, 196)}
        assert min(greys) < 40 and max(greys) > 215  # a black handle and a white track: 4.5:1 and more
    finally:
        theme.apply("light", remember=False)


@pytest.fixture
def high_contrast(qapp_instance):
    theme.apply("high_contrast", remember=False)
    yield
    theme.apply("light", remember=False)


def _darkest(image, rect: QRect) -> QColor:
    xs, ys = range(rect.left(), rect.right() + 1), range(rect.top(), rect.bottom() + 1)
    return min((image.pixelColor(x, y) for x in xs for y in ys), key=lambda c: c.lightness())


WHITE = QColor("#ffffff")
NON_TEXT = 3.0  # WCAG's minimum for the edge of a control


def test_high_contrast_writes_a_progress_bars_words_readably_over_its_bar(high_contrast, qtbot):
    bar = QProgressBar()  # a checklist's score: the words sit on the bar once more than half is done
    qtbot.addWidget(bar)
    bar.setValue(100)
    bar.resize(200, 24)
    bar.show()
    image = _shot(bar)
    inside = [image.pixelColor(x, y) for x in range(60, 140) for y in range(6, 18)]
    fill = QColor("#000000")
    assert any(ratio(c, fill) >= MINIMUM for c in inside)  # the words, not only the bar


def test_high_contrast_frames_check_boxes_and_checkable_rows_in_black(high_contrast, qtbot):
    box = QCheckBox("Anonymous votes")
    rows = QListWidget()  # a form's choice of several (criteria, linked instruments)
    for widget in (box, rows):
        qtbot.addWidget(widget)
    row = QListWidgetItem("")  # no words: only its box is drawn
    row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    row.setCheckState(Qt.CheckState.Unchecked)
    rows.addItem(row)
    rows.resize(160, 60)
    box.show()
    rows.show()
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    assert ratio(_darkest(_shot(box), indicator), WHITE) >= NON_TEXT
    shown = rows.viewport().grab().toImage()
    assert ratio(_darkest(shown, rows.visualItemRect(row).adjusted(0, 0, -1, -1)), WHITE) >= NON_TEXT


def test_high_contrast_shows_a_pressed_in_button_unlike_one_that_is_not(high_contrast, qtbot):
    button = QPushButton("Yes")  # a checklist answer, the workshop's reveal totals
    qtbot.addWidget(button)
    button.setCheckable(True)
    button.resize(90, 32)
    button.show()
    out = _shot(button)
    button.setChecked(True)
    pressed = _shot(button)
    assert ratio(pressed.pixelColor(10, 16), out.pixelColor(10, 16)) >= MINIMUM


def test_high_contrast_frames_tab_pages_and_table_headers_in_black(high_contrast, qtbot):
    tabs = QTabWidget()
    tabs.addTab(QWidget(), "Votes")
    table = QTableWidget(2, 2)
    table.setHorizontalHeaderLabels(["", ""])  # no words: only the header's edges are drawn
    for widget in (tabs, table):
        qtbot.addWidget(widget)
        widget.resize(200, 150)
        widget.show()
    page = tabs.currentWidget().geometry()
    frame = _shot(tabs)
    below = page.bottom() + 1  # the pane's frame, under the page
    assert ratio(_darkest(frame, QRect(page.center().x() - 5, below, 10, tabs.height() - below)), WHITE) >= NON_TEXT
    header = table.horizontalHeader()
    edges = header.grab().toImage()
    assert ratio(_darkest(edges, header.rect().adjusted(4, 0, -4, 0)), WHITE) >= NON_TEXT
