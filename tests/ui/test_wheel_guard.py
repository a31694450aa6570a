"""A wheel over a form's choice field not clicked into is left to the form around it (it scrolls), not
taken as a change of the value."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.forms import ChoiceEditor
from workbench.fields import FieldSpec


def wheel(widget: QWidget, notches: int) -> bool:
    """Turn the wheel over `widget`; whether it took the turn."""
    at = QPointF(widget.rect().center())
    event = QWheelEvent(
        at, QPointF(widget.mapToGlobal(at.toPoint())), QPoint(), QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_the_wheel_is_left_to_the_form_until_the_field_is_clicked_into(qapp, qtbot):
    other = QWidget()
    qtbot.addWidget(other)
    field = ChoiceEditor(FieldSpec("Budget type", kind="choice", required=True), [("grant", "Grant"), ("loan", "Loan")])
    field.setParent(other)
    other.show()
    qtbot.waitExposed(other)
    other.setFocus()
    qtbot.waitUntil(lambda: not field.hasFocus())
    assert not wheel(field, -1) and field.currentIndex() == 0  # passed on to the form, value unchanged
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    wheel(field, -1)
    assert field.currentIndex() == 1  # clicked into, the field takes the wheel
