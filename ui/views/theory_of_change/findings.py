"""The findings beside the chain: what the analysis found, in words; choosing one selects what it is about."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from workbench.theory_of_change.analysis import TheoryOfChangeAnalysis

WARN = QColor("#a1001c")


class FindingsPanel(QWidget):
    finding_chosen = Signal(list)  # the (kind, id) refs the finding is about

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("theoryOfChangeFindings")
        self.setAccessibleName("Theory-of-change findings")
        self.list = QListWidget()
        self.list.setObjectName("tocFindingsList")
        self.list.setAccessibleName("Findings")
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(self._chosen)
        self.list.itemActivated.connect(self._chosen)
        heading = QLabel("<b>What the chain shows</b> (choose one to select what it is about)")
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)

    def show_analysis(self, a: TheoryOfChangeAnalysis) -> None:
        self.list.clear()
        for finding in a.findings:
            item = QListWidgetItem(f"⚠ {finding.text}")
            item.setData(Qt.ItemDataRole.UserRole, [tuple(r) for r in finding.refs])
            item.setForeground(QBrush(WARN))
            self.list.addItem(item)
        if not a.findings:
            self.list.addItem(
                QListWidgetItem(
                    "✓ Every instrument reaches an outcome, every outcome has an indicator, every objective is "
                    "reached and every assumption is tested."
                )
            )

    def texts(self) -> list[str]:
        return [self.list.item(n).text() for n in range(self.list.count())]

    def _chosen(self, item: QListWidgetItem) -> None:
        refs = item.data(Qt.ItemDataRole.UserRole)
        if refs:
            self.finding_chosen.emit(list(refs))
