"""A scene item that counts how often Qt asks for its extent: once for each item a search of the scene
looks at, so a test can tell an index that narrows a search from one that does not."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsRectItem


class Looked(QGraphicsRectItem):
    at = 0

    def boundingRect(self) -> QRectF:
        Looked.at += 1
        return super().boundingRect()
