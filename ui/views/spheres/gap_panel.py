"""The gap panel beside the canvas: items and budget per region, with neglected overlaps named."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.markup import escape
from workbench.money.currency import format_money
from workbench.spheres.analysis import SpheresAnalysis
from workbench.spheres.entities import REGIONS, Region, Sphere, region_label
from workbench.words import count

WARN = QColor("#a1001c")


class GapPanel(QWidget):
    region_clicked = Signal(object)  # Region
    finding_clicked = Signal(list)  # ids of the items a finding is about

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gapPanel")
        self.setAccessibleName("Gaps by region")
        self.table = QTableWidget(len(REGIONS), 3)
        self.table.setObjectName("regionTable")
        self.table.setAccessibleName("Items and budget per region")
        self.table.setHorizontalHeaderLabels(["Region", "Items", "Budget (m)"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it); no keyboard trap
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.cellClicked.connect(lambda row, _col: self.region_clicked.emit(REGIONS[row]))
        self.table.cellActivated.connect(lambda row, _col: self.region_clicked.emit(REGIONS[row]))
        self.findings = QListWidget()
        self.findings.setObjectName("gapFindings")
        self.findings.setAccessibleName("Gaps found")
        self.findings.setWordWrap(True)
        self.findings.itemClicked.connect(self._finding)
        self.findings.itemActivated.connect(self._finding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        heading = QLabel("<b>Where items sit</b> (click a region to select its items)")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.legend = QLabel()
        self.legend.setObjectName("sphereLegend")
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel("<b>Gaps found</b>"))
        layout.addWidget(self.findings, 2)
        self._shown: dict[object, object] = {}  # what each row, the header and the findings show now

    def show_analysis(self, analysis: SpheresAnalysis, spheres: list[Sphere], currency: str) -> None:
        """Write what differs from what is shown: after an edit, the one or two regions it changed."""
        flagged = {g["region"]: g["severity"] for g in analysis.gaps if g["severity"] in ("empty", "thin")}
        if currency != self._shown.get("currency"):
            self.table.setHorizontalHeaderLabels(["Region", "Items", "Net cost"])
            self._shown["currency"] = currency
        for row, region in enumerate(REGIONS):
            stats = analysis.regions[region]
            mark = "⚠ " if region.value in flagged else ""
            name = "Outside all spheres" if region is Region.OUTSIDE else region_label(region, spheres)
            cells = [
                f"⚠\u00a0{_short(region)}" if mark else _short(region),
                str(stats.count),
                format_money(stats.budget, currency) if stats.budget else "—",
            ]
            shown = (cells, name, stats.unknown_budget)
            if self._shown.get(region) == shown:
                continue
            self._shown[region] = shown
            for col, text in enumerate(cells):
                cell = self.table.item(row, col)
                if cell is None:
                    cell = QTableWidgetItem()
                    self.table.setItem(row, col, cell)
                cell.setText(text)
                cell.setToolTip(
                    f"{name}: {count(stats.count, 'item')}"
                    + (f", {stats.unknown_budget} without a budget" if stats.unknown_budget else "")
                )
                font = QFont(cell.font())
                font.setBold(bool(mark))
                cell.setFont(font)
                cell.setForeground(QBrush(WARN if mark else QColor("#1a1a1a")))
                if col:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.legend.setText(
            "  ".join(f"<b>{s.key}</b> = {escape(s.name)}" for s in sorted(spheres, key=lambda s: s.key))
        )
        if analysis.gaps == self._shown.get("gaps"):
            return
        self._shown["gaps"] = analysis.gaps
        self.findings.clear()
        for gap in analysis.gaps:
            item = QListWidgetItem(f"⚠ {gap['text']}")
            item.setData(Qt.ItemDataRole.UserRole, (gap["region"], gap["ids"]))
            item.setForeground(QBrush(WARN))
            self.findings.addItem(item)
        if not analysis.gaps:
            self.findings.addItem(QListWidgetItem("No empty or thin overlaps: every overlap has several items."))

    def _finding(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if data:
            region, ids = data
            if ids:
                self.finding_clicked.emit(list(ids))
            else:
                self.region_clicked.emit(Region(region))


def _short(region: Region) -> str:
    """'A only', 'A ∩ B', 'Outside': compact names that fit a table cell (the legend names the spheres).
    The spaces do not break, so a narrow panel never splits a name over two lines."""
    if region is Region.OUTSIDE:
        return "Outside"
    keys = region.keys
    return f"{keys[0]}\u00a0only" if len(keys) == 1 else "\u00a0∩\u00a0".join(keys)
