"""A wheel over a choice box or number field not clicked into is left to the form around it (it scrolls),
not taken as a change of the value: in the inspector's forms and in every section's own fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.forms import ChoiceEditor
from ui.views.sections import SECTIONS
from workbench.fields import FieldSpec
from workbench.kinds import entity_types


def wheel(widget: QWidget, notches: int) -> None:
    """Turn the mouse wheel over `widget` as a user does: through its window, so Qt first gives the focus
    to a widget that takes it by the wheel (Qt's WheelFocus)."""
    window = widget.window()
    shown = widget.visibleRegion().boundingRect()
    assert not shown.isEmpty(), f"{widget.objectName()} is out of sight"
    at = widget.mapTo(window, shown.center())
    QTest.wheelEvent(window.windowHandle(), QPointF(at), QPoint(0, 120 * notches))
    QApplication.processEvents()


def value(box: QWidget) -> object:
    return box.currentIndex() if isinstance(box, QComboBox) else box.text()


def bring_into_view(widget: QWidget) -> None:
    """Show the tab or page that holds `widget`, and scroll to it."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget):
            parent.setCurrentWidget(child)
        if isinstance(parent, QScrollArea):
            QApplication.processEvents()
            parent.ensureWidgetVisible(widget)
        child, parent = parent, parent.parentWidget()
    QApplication.processEvents()


def no_focus() -> None:
    focused = QApplication.focusWidget()
    if focused is not None:
        focused.clearFocus()


def taking_a_passing_wheel(boxes: list[QWidget]) -> set[str]:
    """The boxes that, not clicked into, take the focus or change under a wheel turned either way."""
    taking = set()
    for box in boxes:
        if box.isHidden():
            continue  # a choice the section does not offer (a register without one)
        bring_into_view(box)
        no_focus()
        before = value(box)
        for notches in (-1, 1, 1):
            wheel(box, notches)
        if box.hasFocus() or value(box) != before:
            taking.add(box.objectName() or box.accessibleName())
    return taking


def boxes_in(widget: QWidget) -> list[QWidget]:
    return [*widget.findChildren(QComboBox), *widget.findChildren(QAbstractSpinBox)]


def test_the_wheel_scrolls_the_form_until_the_field_is_clicked_into(qapp, qtbot):
    form = QScrollArea()
    qtbot.addWidget(form)
    body = QWidget()
    rows = QVBoxLayout(body)
    field = ChoiceEditor(FieldSpec("Budget type", kind="choice", required=True), [("grant", "Grant"), ("loan", "Loan")])
    rows.addWidget(field)
    rows.addSpacing(2000)
    form.setWidget(body)
    form.resize(300, 300)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    no_focus()
    wheel(field, -1)
    assert field.currentIndex() == 0 and not field.hasFocus()  # the value is as it was...
    assert form.verticalScrollBar().value() > 0  # ...and the form scrolled instead
    form.verticalScrollBar().setValue(0)
    field.setFocus(Qt.FocusReason.MouseFocusReason)  # clicked into
    qtbot.waitUntil(field.hasFocus)
    wheel(field, -1)
    assert field.currentIndex() == 1  # clicked into, the field takes the wheel


@pytest.mark.parametrize("key", [s.key for s in SECTIONS])
def test_no_choice_or_number_of_a_section_changes_under_a_passing_wheel(sample, key):
    sample.show_section(key)
    QApplication.processEvents()
    assert taking_a_passing_wheel(boxes_in(sample.current_view())) == set()


def test_no_choice_of_an_inspector_form_changes_under_a_passing_wheel(sample):
    checked = 0
    for kind in sorted(t.KIND for t in entity_types()):
        entities = sample.doc.all(kind)
        if not entities:
            continue
        sample.doc.select([(kind, entities[0].id)])
        QApplication.processEvents()
        boxes = boxes_in(sample.inspector)
        assert not taking_a_passing_wheel(boxes), kind
        checked += len(boxes)
    assert checked > 20
