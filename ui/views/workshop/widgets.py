"""Small widget helpers shared by the workshop panels: named buttons and colour swatches."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QPushButton


def button(name: str, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    """A push button with a stable objectName, an accessible name and a tooltip (text's shortcut hint dropped)."""
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.setAccessibleName(text.split("  (")[0].replace("&", ""))
    widget.setToolTip(tip)
    widget.clicked.connect(lambda _checked=False: slot())
    return widget


def swatch(colour: str) -> QIcon:
    """A square of a group's colour, shown beside its initials and name (never instead of them)."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)
