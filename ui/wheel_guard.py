"""Choice boxes and number fields that a mouse wheel passing over them leaves alone until they are clicked
into: the wheel scrolls the form or panel around them, as in a web page, instead of changing a value
(a step's minutes, a group's votes, a filter) unnoticed. Every such box of the program is one of these."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

if TYPE_CHECKING:  # mixed into widgets only; this tells the type checker so
    _Base = QWidget
else:
    _Base = object  # PySide crashes on a class with two Python QWidget bases


class WheelGuarded(_Base):
    """Mixin, before the Qt class: a click or Tab gives the box the focus, a wheel does not (Qt's WheelFocus
    would give it with the first notch), and without the focus the wheel goes to the widget around it."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # passed on to the parent, which scrolls


class ChoiceBox(WheelGuarded, QComboBox):
    """A choice box that changes under the wheel only once clicked into."""


class NumberBox(WheelGuarded, QSpinBox):
    """A number field that changes under the wheel only once clicked into."""
