"""A wheel over a choice box or number field not clicked into scrolls the form, not the value."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QSpinBox, QVBoxLayout, QWidget


def wheel(widget: QWidget, notches: int = -1) -> None:
    at = QPointF(widget.rect().center())
    event = QWheelEvent(
        at, QPointF(widget.mapToGlobal(at.toPoint())), QPoint(), QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_form_until_the_field_is_clicked_into(qapp_instance, qtbot):
    form = QWidget()
    layout = QVBoxLayout(form)
    combo, spin = QComboBox(), QSpinBox()
    combo.addItems(["Grant", "Loan", "Equity"])
    layout.addWidget(combo)
    layout.addWidget(spin)
    layout.addSpacing(2000)
    scroll = QScrollArea()
    scroll.setWidget(form)
    scroll.resize(300, 200)
    qtbot.addWidget(scroll)
    scroll.show()
    qtbot.waitExposed(scroll)
    scroll.setFocus()  # neither field clicked into
    qtbot.waitUntil(lambda: not combo.hasFocus())
    wheel(combo)
    wheel(spin)
    assert (combo.currentIndex(), spin.value()) == (0, 0)
    assert scroll.verticalScrollBar().value() > 0  # the form scrolled instead
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin, notches=1)
    assert spin.value() == 1  # clicked into, the field takes the wheel
