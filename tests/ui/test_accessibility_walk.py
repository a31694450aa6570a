"""Every section of the sample, walked as a screen reader and a keyboard user meet it: through Qt's
accessibility interfaces every control has a name (a combo box a label, not merely its current
choice), no two buttons of a section share one, every item a canvas lets you select is exposed, and
Tab and Shift+Tab lead out of the section (no keyboard trap)."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QGraphicsItem, QTextBrowser, QTextEdit, QWidget

from ui import live
from ui.canvas.view import ZoomableView
from ui.views.sections import SECTIONS
from ui.views.workshop.timer_bar import TimerBar
from workbench.workshop.entities import AgendaStep

R = QAccessible.Role
CONTROLS = {
    R.PushButton, R.CheckBox, R.RadioButton, R.ComboBox, R.SpinBox, R.Slider, R.List, R.Tree, R.Table,
    R.ListItem, R.EditableText, R.ButtonMenu, R.ButtonDropDown, R.PageTabList, R.ProgressBar, R.Document,
}  # fmt: skip


def shown(window, key: str) -> QWidget:
    window.show_section(key)
    view = window.current_view()
    view.settle()
    return view


def unnamed(iface, path: str = "") -> list[str]:
    """Controls under `iface` that a screen reader would read without a name."""
    if iface is None or iface.state().invisible:
        return []
    found = []
    name = iface.text(QAccessible.Text.Name).strip()
    widget = iface.object()
    where = f"{path}/{iface.role().name}:{widget.objectName() if widget is not None else name}"
    if (iface.role() in CONTROLS or isinstance(widget, QTextEdit)) and not name:  # read-only text is StaticText
        found.append(where)
    if isinstance(widget, QComboBox) and not iface.relations(QAccessible.RelationFlag.Labelled):
        options = {widget.itemText(i) for i in range(widget.count())}
        if not widget.accessibleName() or widget.accessibleName() in options:
            found.append(f"{where} (no label, only its choice)")
    for i in range(iface.childCount()):
        found += unnamed(iface.child(i), where)
    return found


def test_every_control_of_every_section_has_a_name(sample):
    missing = []
    for section in SECTIONS:
        view = shown(sample, section.key)
        missing += unnamed(QAccessible.queryAccessibleInterface(view), section.key)
    for dock in (sample.nav_dock, sample.inspector_dock):
        missing += unnamed(QAccessible.queryAccessibleInterface(dock), dock.objectName())
    assert missing == []


def test_no_two_buttons_of_a_section_share_a_name(sample):
    shared = []
    for section in SECTIONS:
        view = shown(sample, section.key)
        names = Counter(
            QAccessible.queryAccessibleInterface(b).text(QAccessible.Text.Name)
            for b in view.findChildren(QAbstractButton)
        )
        shared += [f"{section.key}: {name!r} x{n}" for name, n in names.items() if n > 1 and name]
    assert shared == []


def test_every_item_a_canvas_can_select_is_exposed(sample):
    hidden = []
    for section in SECTIONS:
        view = shown(sample, section.key)
        for canvas in view.findChildren(ZoomableView):
            iface = QAccessible.queryAccessibleInterface(canvas)
            exposed = {canvas.reader.item_of(iface.child(i)) for i in range(iface.childCount())}
            for item in canvas.scene().items():
                selectable = item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                if selectable and item.isVisible() and item not in exposed:
                    hidden.append(f"{section.key}: {type(item).__name__}")
    assert hidden == []


def tab_stops(view: QWidget) -> int:
    """How many Tabs it takes at most to cross `view`: its controls, its canvases' items and its text's links."""
    stops = [w for w in view.findChildren(QWidget) if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    items = sum(len(c.reader.items()) for c in view.findChildren(ZoomableView) if c.isVisible())
    links = sum(b.toHtml().count("<a ") for b in view.findChildren(QTextBrowser) if b.isVisible())
    return len(stops) + items + links


@pytest.mark.slow  # tabs through every control of every section
@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Backtab])
def test_tab_leads_out_of_every_section(sample, qtbot, key):
    trapped = []
    for section in SECTIONS:
        view = shown(sample, section.key)
        first = next(
            w for w in view.findChildren(QWidget) if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        )
        first.setFocus()
        qtbot.waitUntil(first.hasFocus)
        for _ in range(tab_stops(view) + 5):
            QTest.keyClick(QApplication.focusWidget(), key)
            if not view.isAncestorOf(QApplication.focusWidget()):
                break
        else:
            trapped.append(f"{section.key}: {QApplication.focusWidget().objectName()}")
    assert trapped == []


# ----- live regions -------------------------------------------------------------------------------


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_timer_is_read_with_its_countdown_and_says_when_time_is_up(qtbot, monkeypatch):
    told = []
    monkeypatch.setattr(live, "send", lambda event: told.append((event.type(), getattr(event, "message", str)())))
    clock = FakeClock()
    timer = TimerBar(clock)
    qtbot.addWidget(timer)
    timer.set_step(AgendaStep.create(title="Ideas", minutes=2))
    assert timer.clock_label.accessibleName() == "Time left in this step: 2:00"
    timer.toggle()
    clock.now += 65
    told.clear()
    timer.tick()
    assert timer.clock_label.accessibleName() == "Time left in this step: 0:55"
    assert [t for t, _m in told] == [QAccessible.Event.NameChanged]
    timer.tick()  # the same second again: nothing new to say
    assert len(told) == 1
    clock.now += 60
    timer.tick()
    assert (QAccessible.Event.Announcement, "Time is up for Ideas.") in told


def test_a_status_message_is_read_out_as_the_timer_is(window, monkeypatch):
    told = []
    monkeypatch.setattr(live, "send", lambda event: told.append((event.type(), event.object(), event.message())))
    window.new_document()
    assert not window.presentation.enter()  # the overview has no canvas: the status bar says which sections do
    message = window.statusBar().currentMessage()
    assert message.startswith("Presentation mode shows a canvas")
    assert told == [(QAccessible.Event.Announcement, window.statusBar(), message)]
    window.statusBar().clearMessage()  # the message going away is not read out
    assert len(told) == 1


def test_the_brief_page_count_is_read_with_the_count(sample, qtbot):
    view = shown(sample, "briefs")
    qtbot.waitUntil(lambda: bool(view.page_count.text()), timeout=20000)
    name = QAccessible.queryAccessibleInterface(view.page_count).text(QAccessible.Text.Name)
    assert name == f"Page count: {view.page_count.text()}" and "page" in view.page_count.text()
