"""A ring round the control that has the keyboard, in every theme and on every kind of control (a tree,
a text browser, a canvas as well as a field or a button): the platform's own focus marks are faint or
missing on many of them, and the light theme has no style sheet to draw one (ui.theme says why).

The ring is a child of the focused control laid over its edge, so a control flush with its parent's
edge keeps its ring whole; the ring is masked to a band of its width, so the control shows and is
clicked through the middle (a click on the band itself passes to the control). Its colour and width
are the theme's "focus_ring". Enums are looked up by name: naming one as an attribute would build
Qt's whole namespace at start-up, which the window's first paint does without (ui.actions says more).
The ring's Qt classes are named when the first ring is made: the window starts without them (3 ms).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from ui import theme

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QPixmap


class FocusRing(QWidget):
    """The ring over `control`'s edge, following its size."""

    def __init__(self, control: QWidget):
        from PySide6.QtCore import QEvent

        super().__init__(control)
        self._resize = QEvent.Type["Resize"]
        self._swatch: tuple[str, QPixmap] | None = None  # the ring's colour, and one pixel of it
        self.setObjectName("focusRing")
        control.installEventFilter(self)
        self.theme_changed()
        self.raise_()
        self.show()

    def theme_changed(self) -> None:
        """Fit the control and the theme's ring width (called by ui.theme when the theme changes)."""
        from PySide6.QtGui import QRegion

        control = self.parentWidget()
        if control is None:
            return
        self.setGeometry(control.rect())
        width = theme.focus_ring(control)[1]
        inner = self.rect().adjusted(width, width, -width, -width)
        self.setMask(QRegion(self.rect()).subtracted(QRegion(inner)))
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == self._resize:
            self.theme_changed()
        return False

    def paintEvent(self, _event) -> None:
        from PySide6.QtGui import QColor, QPainter, QPixmap

        colour = theme.focus_ring(self)[0]
        if self._swatch is None or self._swatch[0] != colour:
            pixel = QPixmap(1, 1)
            pixel.fill(QColor(colour))
            self._swatch = colour, pixel
        painter = QPainter(self)
        # One pixel of the colour stretched over the band (the mask leaves only the band): QPainter.fillRect
        # would build Qt's whole namespace of enums the first time, as its overloads name them (25 to 80 ms,
        # on the first paint of the window).
        painter.drawPixmap(self.rect(), self._swatch[1])
        painter.end()


def follow(app: QApplication) -> None:
    """From now on the control with the keyboard has the ring (once per application)."""
    if not app.property("focusRing"):
        app.setProperty("focusRing", True)
        app.focusChanged.connect(_moved)


_shown: list[FocusRing] = []  # the ring now shown, if any


def _moved(_old: QWidget | None, new: QWidget | None) -> None:
    """The ring leaves the control that had the keyboard for the one that has it now. The ring is kept
    here, not looked for among the control's children: that made Python types of whatever they are (a
    text browser's document layout: 65 ms, the first time)."""
    while _shown:
        ring = _shown.pop()
        if shiboken6.isValid(ring):  # not deleted with its control
            control = ring.parentWidget()
            if control is not None:
                control.removeEventFilter(ring)
            ring.hide()
            ring.deleteLater()
    if new is not None and not new.isWindow():  # a window (the stage, a dialog) is not ringed as a whole
        _shown.append(FocusRing(new))
