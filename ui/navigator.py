"""The navigator dock: the sections of the project, each with a count."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ui import theme
from ui.document import OpenDocument
from ui.views.sections import SECTIONS
from workbench.changes import Change, Op


class Navigator(QListWidget):
    section_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("navigator")
        self.setAccessibleName("Navigator")
        theme.take_role(self, "navigator")
        self.doc: OpenDocument | None = None
        for section in SECTIONS:
            item = QListWidgetItem(section.title)
            item.setToolTip(section.purpose)
            self.addItem(item)
        self.currentItemChanged.connect(self._choose)

    def _choose(self, item: QListWidgetItem | None, _old: QListWidgetItem | None) -> None:
        if item is not None:
            self.section_chosen.emit(SECTIONS[self.row(item)].key)

    def set_document(self, doc: OpenDocument | None) -> None:
        if self.doc is not None:
            self.doc.changed.disconnect(self._on_changed)
        self.doc = doc
        self.setEnabled(doc is not None)
        if doc is not None:
            doc.changed.connect(self._on_changed)
        self.refresh_counts()

    def _on_changed(self, changes: list[Change]) -> None:
        kinds = {c.kind for c in changes if c.op != Op.UPDATED}  # an update counts nothing new
        if any(s.count_kind in kinds for s in SECTIONS):
            self.refresh_counts()

    def refresh_counts(self) -> None:
        counts = self.doc.store.counts() if self.doc else {}
        for row, section in enumerate(SECTIONS):
            item = self.item(row)
            if section.count_kind and self.doc is not None:
                item.setText(section.count_text(counts.get(section.count_kind, 0)))
            else:
                item.setText(section.title)

    def show_section(self, key: str) -> None:
        for row, section in enumerate(SECTIONS):  # one row per section, in order
            if section.key == key:
                self.setCurrentRow(row)
                return
