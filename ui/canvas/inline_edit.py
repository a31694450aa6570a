"""A one-line editor laid over an item of a canvas, to rename it where it stands (F2, double-click).

Enter hands the new text on; Escape or leaving the editor cancels. The view keeps the focus after.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsView, QLineEdit


class InlineEditor(QObject):
    def __init__(self, view: QGraphicsView, object_name: str, accessible_name: str):
        super().__init__(view)
        self.view = view
        self.names = object_name, accessible_name
        self.editor: QLineEdit | None = None

    def open(self, scene_rect: QRectF, text: str, done: Callable[[str], None], inset: int = 8) -> None:
        """Edit `text` over `scene_rect`; `done(new text)` on Enter when it is not blank."""
        self.close()
        editor = QLineEdit(text, self.view.viewport())
        editor.setObjectName(self.names[0])
        editor.setAccessibleName(self.names[1])
        editor.setGeometry(self.view.mapFromScene(scene_rect).boundingRect().adjusted(2, inset, -2, -inset))
        editor.selectAll()
        editor.returnPressed.connect(lambda: self._finish(done))
        editor.editingFinished.connect(self.close)
        editor.installEventFilter(self)
        editor.show()
        editor.setFocus()
        self.editor = editor

    def _finish(self, done: Callable[[str], None]) -> None:
        text = self.editor.text().strip() if self.editor is not None else ""
        self.close()
        if text:
            done(text)

    def close(self) -> None:
        editor, self.editor = self.editor, None
        if editor is not None:
            editor.hide()
            editor.deleteLater()
            self.view.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            self.close()
            return True
        return super().eventFilter(watched, event)
