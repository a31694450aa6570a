"""Page 1 of a brief beside its form, as wide as the room the form leaves it: on a small screen the form
keeps room to write in and the page is drawn narrower, never scaled down from a wider drawing for long."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QStyle, QStyleOption, QWidget

PADDING = 6  # pixels of grey around the page


class PagePreview(QLabel):
    """Shows the page drawn `page_width()` pixels wide, between `narrowest` (its body text still legible)
    and `widest`. `resized` asks for the page to be drawn again at a new width; until it is, the page drawn
    for another width is fitted to the room."""

    resized = Signal()

    def __init__(self, narrowest: int, widest: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.narrowest, self.widest = narrowest, widest
        self.setContentsMargins(PADDING, PADDING, PADDING, PADDING)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)

    def page_width(self) -> int:
        return max(self.narrowest, min(self.widest, self.contentsRect().width()))

    def sizeHint(self) -> QSize:
        return QSize(self.widest + 2 * PADDING, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # not the page's size, as a label's would be
        return QSize(self.narrowest + 2 * PADDING, self.minimumHeight())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.resized.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        page, room = self.pixmap(), self.contentsRect()
        if page.isNull() or page.width() <= room.width():
            super().paintEvent(event)
            return
        fitted = page.scaledToWidth(room.width(), Qt.TransformationMode.SmoothTransformation)
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)  # its grey
        painter.drawPixmap(room.left(), room.top(), fitted)
        painter.end()
