"""A mouse wheel turned over a choice box or a number field that the user has not clicked into scrolls the
form it sits in, as in a web page; it no longer changes the value under the pointer unnoticed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, (QComboBox, QAbstractSpinBox))
            and not watched.hasFocus()
        ):
            area = _scroll_area_around(watched)
            if area is not None:
                QApplication.sendEvent(area.viewport(), event)  # the form scrolls instead
            return True
        return False


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def install(app: QApplication) -> None:
    """Guard every choice box and number field of `app`, once."""
    if app.findChild(WheelGuard) is None:
        app.installEventFilter(WheelGuard(app))
