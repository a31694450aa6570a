"""A section that is not built yet says so plainly, and what it will do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.document import OpenDocument
from ui.views.base import SectionView


class PlaceholderView(SectionView):
    def __init__(self, doc: OpenDocument, title: str, purpose: str, parent: QWidget | None = None):
        super().__init__(doc, parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        heading = QLabel(f"<h2>{title}</h2>")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(f"{purpose}<br><br><i>This section is coming in a later version of IIP Workbench.</i>")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setObjectName("placeholderText")
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addStretch(2)
