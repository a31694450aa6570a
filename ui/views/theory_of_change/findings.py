"""The findings beside the chain: what the analysis found, in words; choosing one selects what it is about."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from workbench.theory_of_change.analysis import TheoryOfChangeAnalysis

WARN = QColor("#a1001c")
FINDINGS_AT_ONCE = 50


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
        # Each wrapped finding is measured to lay the list out: thousands are laid out a batch per turn of
        # the event loop, the first screenful at once.
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(FINDINGS_AT_ONCE)
        self.refs: list[list[tuple[str, str]]] = []  # what each finding, row by row, is about
        self.list.itemClicked.connect(self._chosen)
        self.list.itemActivated.connect(self._chosen)
        heading = QLabel("<b>What the chain shows</b> (choose one to select what it is about)")
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)

    def show_analysis(self, a: TheoryOfChangeAnalysis) -> None:
        """The findings in warning ink (the list's own, so thousands are added in one call), or the all-clear."""
        self.list.clear()
        self.refs = [list(finding.refs) for finding in a.findings]
        palette = QPalette()  # the theme's, but for the ink of findings
        if a.findings:
            palette.setBrush(QPalette.ColorRole.Text, QBrush(WARN))
        self.list.setPalette(palette)
        if a.findings:
            self.list.addItems([f"⚠ {finding.text}" for finding in a.findings])
        else:
            self.list.addItem(
                "✓ Every instrument reaches an outcome, every outcome has an indicator, every objective is "
                "reached and every assumption is tested."
            )

    def texts(self) -> list[str]:
        return [self.list.item(n).text() for n in range(self.list.count())]

    def _chosen(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        refs = self.refs[row] if 0 <= row < len(self.refs) else []
        if refs:
            self.finding_chosen.emit(list(refs))
