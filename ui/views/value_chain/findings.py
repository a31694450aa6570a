"""The findings panel: what the coverage analysis found, in words, most pressing first.

Clicking a finding selects what it is about (its instruments, else its stage) on the canvas.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from workbench.value_chain.analysis import ValueChainAnalysis
from workbench.words import count

WARN = QColor("#a1001c")
NOTES = ("capability_gap",)  # findings worth reading but less pressing than a gap in coverage


class FindingsPanel(QWidget):
    finding_clicked = Signal(list, list)  # stage ids, instrument or capability ids

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("valueChainFindings")
        self.setAccessibleName("Value-chain findings")
        self.list = QListWidget()
        self.list.setObjectName("findingsList")
        self.list.setAccessibleName("Findings")
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        heading = QLabel("<b>What the coverage shows</b> (click one to select what it is about)")
        heading.setToolTip("Findings of the coverage analysis, most pressing first; ⚠ marks a gap or an imbalance")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)

    def show_analysis(self, a: ValueChainAnalysis) -> None:
        self.list.clear()
        for finding in a.findings:
            note = finding.kind in NOTES
            item = QListWidgetItem(f"{'•' if note else '⚠'} {finding.text}")
            item.setData(Qt.ItemDataRole.UserRole, (list(finding.stage_ids), list(finding.ids)))
            if not note:
                item.setForeground(QBrush(WARN))
            self.list.addItem(item)
        if not any(f.kind not in NOTES for f in a.findings):
            self.list.addItem(
                QListWidgetItem("✓ Every stage and readiness level has an instrument; no imbalance found.")
            )
        self.list.addItem(QListWidgetItem(f"ℹ {a.balance_text}"))
        missing = len(set(a.trl_not_given) | set(a.mrl_not_given))
        if missing:
            self.list.addItem(
                QListWidgetItem(
                    f"ℹ {count(missing, 'instrument')} {'gives' if missing == 1 else 'give'} no TRL or no MRL range; "
                    "the histograms leave them out."
                )
            )

    def texts(self) -> list[str]:
        return [self.list.item(n).text() for n in range(self.list.count())]

    def _clicked(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if data:
            self.finding_clicked.emit(*data)
