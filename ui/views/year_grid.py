"""The yearly figures of one option as a spreadsheet: type a cell, paste a block from Excel, Delete clears.

Each edit, paste or clear is one operation (one undo step); a paste with a bad cell changes nothing
and says which cell (workbench.money.year_grid checks it whole first).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from db import operations as ops
from workbench.errors import WorkbenchError
from workbench.money.currency import format_money
from workbench.money.year_grid import Cell, Edits, YearGrid, parse_amount

Index = QModelIndex | QPersistentModelIndex
ROW_NAMES_SHARE = 0.45  # of the grid's width, at most, for the row names; the years keep the rest
ROW_NAMES_MIN = 200  # pixels: row names keep this much however narrow the grid


class YearGridModel(QAbstractTableModel):
    """A YearGrid as a table: a column per year, then the row's total (read only)."""

    edited = Signal(object)  # {(row, column): amount or None}, to be written as one step
    refused = Signal(str)  # one sentence: why an edit or a paste changed nothing

    def __init__(self, currency: str, year_label=str):
        super().__init__()
        self.grid: YearGrid | None = None
        self.currency = currency
        self.year_label = year_label

    def show(self, grid: YearGrid | None, currency: str) -> None:
        """Show `grid`: of the same shape as the one shown, its cells are redrawn in place (typing a
        figure costs the cells on screen); otherwise the table is laid out again."""
        old = self.grid
        if old is not None and grid is not None and old.same_shape(grid) and currency == self.currency:
            self.grid = grid
            total = len(grid.years)
            for row, column in old.changed_cells(grid):
                self.dataChanged.emit(self.index(row, column), self.index(row, column))
                self.dataChanged.emit(self.index(row, total), self.index(row, total))
            return
        self.beginResetModel()
        self.grid, self.currency = grid, currency
        self.endResetModel()

    def refresh_cells(self, cells: list[Cell]) -> None:
        """The grid shown changed in these cells (and so in their rows' totals): redraw just those."""
        if self.grid is None:
            return
        total = len(self.grid.years)
        for row, column in set(cells):
            self.dataChanged.emit(self.index(row, column), self.index(row, column))
            self.dataChanged.emit(self.index(row, total), self.index(row, total))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else len(self.grid.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else len(self.grid.years) + 1

    def is_total(self, column: int) -> bool:
        return self.grid is not None and column == len(self.grid.years)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)
        if self.grid is None or role not in shown:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self.grid.label(section)  # whole in the tooltip too, where the header must cut it
        if self.is_total(section):
            return "All years, undiscounted" if role == Qt.ItemDataRole.ToolTipRole else "Total"
        return self.year_label(self.grid.years[section])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        grid = self.grid
        if grid is None:
            return None
        row, column = index.row(), index.column()
        total = self.is_total(column)
        amount = grid.row_total(row) if total else grid.amount(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if not amount else format_money(amount, self.currency)
        if role == Qt.ItemDataRole.EditRole:
            return "" if amount is None else f"{amount:.0f}"
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"{grid.label(row)}, {'all years' if total else self.year_label(grid.years[column])}"
            return f"{where}: {format_money(amount or 0, self.currency)} ({amount or 0:,.0f})"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base if self.is_total(index.column()) else base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self.grid is None or role != Qt.ItemDataRole.EditRole or self.is_total(index.column()):
            return False
        where = f"{self.grid.label(index.row())}, {self.year_label(self.grid.years[index.column()])}"
        try:
            amount = parse_amount(str(value), where)
        except WorkbenchError as err:
            self.refused.emit(err.message)
            return False
        self.edited.emit({(index.row(), index.column()): amount})
        return False  # the store's change redraws the cell; nothing is shown that was not stored


class YearGridView(QTableView):
    """Keys of a spreadsheet: Ctrl+V pastes a tab-separated block at the current cell, Delete clears
    the selected cells, Ctrl+C copies them as tab-separated text; Tab leaves the table."""

    def __init__(self, model: YearGridModel, name: str, accessible: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.grid_model = model
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setToolTip("Type an amount in whole units, or paste rows copied from Excel (Ctrl+V); Delete clears")
        self.setTabKeyNavigation(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # Fixed widths that fit "−€999.9m": measuring every cell's contents would cost each keystroke the
        # whole grid.
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setDefaultSectionSize(self.fontMetrics().horizontalAdvance("−€999.9m") + 16)
        # Row names take the room they need up to a share of the grid; a longer one is cut in the middle
        # (both ends tell instruments apart) and shown whole in its tooltip and to a screen reader.
        self.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._fit_row_names()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_row_names()
        super().resizeEvent(event)

    def _fit_row_names(self) -> None:
        room = max(ROW_NAMES_MIN, round(self.width() * ROW_NAMES_SHARE))
        if self.verticalHeader().maximumWidth() != room:
            self.verticalHeader().setMaximumWidth(room)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
        elif event.matches(QKeySequence.StandardKey.Copy):
            QGuiApplication.clipboard().setText(self.selected_text())
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != self.State.EditingState:
            self.clear_selected()
        else:
            super().keyPressEvent(event)

    def _editable(self, cells: list[Cell]) -> list[Cell]:
        return [(r, c) for r, c in cells if not self.grid_model.is_total(c)]

    def selected_cells(self) -> list[Cell]:
        return sorted((i.row(), i.column()) for i in self.selectedIndexes())

    def paste_text(self, text: str) -> None:
        grid, current = self.grid_model.grid, self.currentIndex()
        if grid is None or not text.strip():
            return
        at = (current.row(), current.column()) if current.isValid() else (0, 0)
        try:
            cells = grid.pasted(text, at)
        except WorkbenchError as err:
            self.grid_model.refused.emit(err.message)
            return
        self.grid_model.edited.emit(cells)

    def clear_selected(self) -> None:
        cells = self._editable(self.selected_cells())
        if cells:
            self.grid_model.edited.emit(dict.fromkeys(cells))

    def selected_text(self) -> str:
        cells = self.selected_cells()
        if not cells:
            return ""
        rows = sorted({r for r, _ in cells})
        columns = sorted({c for _, c in cells})
        model = self.grid_model
        return "\n".join(
            "\t".join(str(model.data(model.index(r, c), Qt.ItemDataRole.EditRole) or "") for c in columns)
            for r in rows
        )


def grid_batch(grid: YearGrid, edits: Edits) -> ops.Batch:
    """The one operation (one undo step) that writes a grid's edits."""
    return ops.Batch(
        create=edits.create,
        update=[(grid.KIND, id_, {"amount": amount}) for id_, amount in edits.update],
        delete=[(grid.KIND, id_) for id_ in edits.delete],
    )
