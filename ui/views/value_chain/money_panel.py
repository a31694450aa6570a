"""The value chain's Money tab: each stage's public money by budget type and financial year, and each
instrument's spend by year in a grid that takes typing and paste from Excel.

A stage's row never adds different types together; it lists its types beneath it. The panel works
only while it is on screen: a change heard while hidden marks it stale, and it is redrawn once
when shown (or a moment after the last of a burst of edits).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ui import theme
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.views.year_grid import YearGridModel, YearGridView, grid_batch
from workbench.changes import Change
from workbench.document import Document
from workbench.money.budget import Totals, budget_type, net_cost_definition
from workbench.money.currency import currency, format_amount, format_money
from workbench.money.entities import SpendLine
from workbench.money.year_grid import Cell, SpendGrid
from workbench.money.years import year_label
from workbench.project import Project
from workbench.spheres.items import Instrument, Item
from workbench.value_chain.entities import ValueChainStage
from workbench.value_chain.money import NOT_PLACED, stage_money
from workbench.words import count

READS = (Project, ValueChainStage, Item, Instrument, SpendLine)
INDENT = 14  # pixels: room for a stage's arrow, and no more (a budget type's name sits two steps in)
REDRAW_MS = 150  # after the last edit of a burst (typing a figure, a paste)


class MoneyPanel(QWidget):
    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("valueChainMoney")
        self.doc = doc
        self.stale = True
        note = QLabel(
            "Public money at each stage, by budget type and financial year. An instrument's money is shared "
            "equally among the stages it spans. Money of different types is never added together: a loan is "
            "repaid, a grant is not."
        )
        note.setWordWrap(True)
        theme.take_role(note, "hint")
        name, definition = net_cost_definition()
        note.setToolTip(f"Where one figure is needed, the {name.lower()} is used: {definition}")
        self.tree = QTreeWidget()
        self.tree.setObjectName("valueChainMoneyTable")
        self.tree.setAccessibleName("Money by stage, budget type and year")
        self.tree.setRootIsDecorated(True)
        self.tree.setIndentation(INDENT)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Every column as wide as its figures: a stretched last column was cut to "€…" on a 1280 px screen.
        self.tree.header().setStretchLastSection(False)
        self.empty = QLabel(
            "No instrument has spend entered yet. Select an instrument and give its budget type and its money by "
            "financial year in the inspector."
        )
        self.empty.setWordWrap(True)
        theme.take_role(self.empty, "hint")
        self.spend_title = QLabel("Spend of each instrument by financial year (type, or paste rows from Excel)")
        self.spend_model = YearGridModel("EUR")
        self.spend_model.edited.connect(self._write_cells)
        self.message = QLabel()
        self.message.setWordWrap(True)
        theme.take_role(self.message, "error")
        self.message.hide()
        self.spend_model.refused.connect(self._say)
        self.spend = YearGridView(self.spend_model, "instrumentSpend", "Spend of each instrument by year")
        self.spend.setEnabled(not doc.read_only)
        by_stage = QWidget()
        top = QVBoxLayout(by_stage)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(note)
        top.addWidget(self.empty)
        top.addWidget(self.tree, 1)
        by_instrument = QWidget()
        bottom = QVBoxLayout(by_instrument)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.spend_title)
        bottom.addWidget(self.message)
        bottom.addWidget(self.spend, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(by_stage)
        split.addWidget(by_instrument)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self.redraw)

    def hear(self, changes: list[Change]) -> None:
        """What the document's changes mean here (the value-chain view passes them on, shown or not)."""
        if any(c.kind in {t.KIND for t in READS} for c in changes):
            self.stale = True
            if self.isVisible():
                self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.redraw()

    def redraw(self) -> None:
        self.stale = False
        store = self.doc.store
        document = Document.of(e for t in READS for e in store.all_of(t))
        project = document.project
        money = stage_money(document)
        names = {s.id: s.name for s in document.all(ValueChainStage)}
        years = sorted({y for t in money.by_stage.values() for by_year in t.by_type.values() for y in by_year})
        self.tree.clear()
        self.tree.setColumnCount(len(years) + 2)  # fewer years than before: the extra columns go
        # The total beside the names: in sight however many years scroll by to their right. Short headings and
        # the currency named once ("€21.1m" in every cell): at 1280 px the table scrolled sideways.
        symbol = currency(project.currency).symbol.strip()
        self.tree.setHeaderLabels(
            [f"Stage and budget type, in {symbol}", "Total", *(year_label(y, project.year_start_month) for y in years)]
        )
        self.tree.headerItem().setToolTip(1, "All years")
        rows = [(names[id_], money.by_stage[id_]) for id_ in money.stage_ids]
        if money.by_stage[NOT_PLACED].by_type:
            rows.append(("Not placed on a stage", money.by_stage[NOT_PLACED]))
        for name, totals in rows:
            self.tree.addTopLevelItem(_stage_item(name, totals, years, project.currency))
        self.tree.expandAll()
        self.empty.setVisible(not years)
        self.tree.setVisible(bool(years))
        names = {i.id: i.name for i in document.all(Item)}
        instruments = {
            i.id: (names.get(i.id, i.id), i.budget_type)
            for i in sorted(document.all(Instrument), key=lambda i: names.get(i.id, i.id).casefold())
        }
        self.spend_model.year_label = lambda y: year_label(y, project.year_start_month)
        self.spend_model.show(SpendGrid(instruments, document.all(SpendLine), project.base_year), project.currency)

    def _say(self, sentence: str) -> None:
        self.message.setText(sentence)
        self.message.setVisible(bool(sentence))

    def _write_cells(self, cells: dict[Cell, float | None]) -> None:
        grid = self.spend_model.grid
        if grid is None:
            return
        edits = grid.edits(cells)
        if edits:
            self._say("")
            rows = {row for row, _ in cells}
            text = f"Set {count(len(cells), 'spend figure')}"
            if len(rows) == 1:
                text = f"Set the spend of {grid.label(rows.pop())}"
            self.doc.run(StoreCommand(grid_batch(grid, edits), text, origin="value-chain"))


def _stage_item(name: str, totals: Totals, years: list[int], code: str) -> QTreeWidgetItem:
    types = totals.types()
    stage = QTreeWidgetItem([name])
    stage.setToolTip(0, f"{name}: {len(types)} budget types" if types else f"{name}: no money entered")
    if not types:
        stage.setText(1, "none")
    for key in types:
        label = budget_type(key).label
        amounts = [totals.total(key), *(totals.by_type[key].get(y) for y in years)]
        row = QTreeWidgetItem([label, *("" if a is None else format_amount(a) for a in amounts)])
        for column, amount in enumerate(amounts, start=1):
            row.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if amount is not None:
                row.setToolTip(column, format_money(amount, code))
        row.setToolTip(0, budget_type(key).help)
        stage.addChild(row)
    return stage
