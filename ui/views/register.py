"""A register: one table of entities of a kind (objectives, experiments, evaluations, lessons).

Rows follow the change bus by id: an edit updates its row, a creation inserts, a deletion removes;
nothing reloads the whole table. Editing happens in the inspector. Reference columns show the names
of the entities referred to, read from a title cache that follows the referenced kinds.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db import operations as ops
from ui import theme
from ui.commands import StoreCommand
from ui.dates import shown_date
from ui.document import OpenDocument
from ui.views.base import SectionView
from ui.wheel_guard import ChoiceBox
from workbench.changes import Change, Op
from workbench.entity import Entity
from workbench.fields import FieldSpec
from workbench.kinds import entity_type
from workbench.money.currency import format_money
from workbench.project import PROJECT_ID, Project

SORT_ROLE = Qt.ItemDataRole.UserRole
Titles = dict[str, dict[str, str]]  # kind -> id -> title
CHOICE_MIN = 120  # pixels: the start of a choice ("Confidence in…")


class EntityTableModel(QAbstractTableModel):
    def __init__(
        self, kind: str, columns: list[str], entities: list[Entity], titles: Titles | None = None, currency: str = ""
    ):
        super().__init__()
        self.currency = currency or Project().currency  # money columns print in it ("€420m")
        self.kind = kind
        self.specs = entity_type(kind).specs()
        self.columns = columns
        self.rows: list[Entity] = entities
        self.titles: Titles = titles or {}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.specs[self.columns[section]].label
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        name = self.columns[index.column()]
        value = getattr(self.rows[index.row()], name)
        spec = self.specs[name]
        if role == SORT_ROLE:
            return _sort_key(spec, value, self.text(spec, value))
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.kind in ("int", "float"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # numbers line up
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        text = self.text(spec, value)
        return text if role == Qt.ItemDataRole.ToolTipRole or len(text) < 80 else text[:79] + "…"

    def text(self, spec: FieldSpec, value: Any) -> str:
        """A value as a person reads it: choice labels, names for references, Yes/No."""
        values = value if isinstance(value, list) else [value]
        if spec.choices is not None and value:
            return ", ".join(spec.choices(v).label for v in values)
        if spec.ref is not None:
            known = self.titles.get(spec.ref, {})
            return ", ".join(known.get(v, f"(missing {v})") for v in values if v is not None)
        if isinstance(value, list):
            return ", ".join(value)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if spec.money and value is not None:
            return format_money(value, self.currency)
        if spec.kind == "date" and value:
            return shown_date(value)
        return "" if value is None else str(value)

    def row_of(self, id_: str) -> int:
        for n, e in enumerate(self.rows):
            if e.id == id_:
                return n
        return -1

    def apply(self, change: Change, fetch) -> None:
        """Follow one change of this kind: only the rows named are touched."""
        if change.op == Op.DELETED:
            for id_ in change.ids:
                row = self.row_of(id_)
                if row >= 0:
                    self.beginRemoveRows(QModelIndex(), row, row)
                    del self.rows[row]
                    self.endRemoveRows()
            return
        for entity in fetch(change.ids):
            row = self.row_of(entity.id)
            if row >= 0:
                self.rows[row] = entity
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
            else:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
                self.rows.append(entity)
                self.endInsertRows()

    def refresh_titles(self, titles: Titles, currency: str | None = None) -> None:
        """Names shown for references (and the currency of money columns) changed: every row reads again."""
        self.titles = titles
        self.currency = currency or self.currency
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))


def _sort_key(spec: FieldSpec, value: object, text: str) -> object:
    """Numbers sort as numbers (blanks first), dates by date, everything else as the text shown, ignoring
    case."""
    if spec.kind in ("int", "float"):
        return -math.inf if value is None else float(value)  # type: ignore[arg-type]
    if spec.kind == "date":
        return str(value or "")  # ISO text sorts in date order; the locale's need not
    return text.casefold()


class RegisterFilter(QSortFilterProxyModel):
    """Rows whose shown text contains the filter text and whose choice column holds the chosen value."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = ""
        self.choice_column: str | None = None
        self.choice: str | None = None
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_filters(self, text: str, choice: str | None) -> None:
        self.beginFilterChange()
        self.text = text.casefold().strip()
        self.choice = choice
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, EntityTableModel)
        entity = model.rows[source_row]
        if self.choice is not None and self.choice_column is not None:
            value = getattr(entity, self.choice_column)
            if self.choice not in (value if isinstance(value, list) else [value]):
                return False
        if not self.text:
            return True
        shown = (model.text(model.specs[c], getattr(entity, c)) for c in model.columns)
        return any(self.text in s.casefold() for s in shown)


class RegisterView(SectionView):
    """Table + add/delete + text and choice filters for one kind of entity; selection drives the
    inspector, and the document's selection (e.g. a jump from a checklist) selects rows here."""

    def __init__(
        self,
        doc: OpenDocument,
        kind: str,
        columns: list[str],
        empty_hint: str,
        parent: QWidget | None = None,
        *,
        choice_column: str | None = None,
    ):
        super().__init__(doc, parent)
        self.kind = kind
        self.cls = entity_type(kind)
        self.empty_hint = empty_hint
        self.setObjectName(f"register_{kind}")
        specs = self.cls.specs()
        self.ref_kinds = {ref for c in columns if (ref := specs[c].ref) is not None}
        self.model = EntityTableModel(kind, columns, doc.all(kind), self._titles(), self._currency())
        self.proxy = RegisterFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.choice_column = choice_column or next(
            (c for c in columns if specs[c].kind in ("choice", "choices")), None
        )
        noun, plural = self.cls.LABEL.lower(), self.cls.plural().lower()

        self.add_button = QPushButton(f"Add {noun}")
        self.add_button.setObjectName(f"add_{kind}")
        self.add_button.setToolTip(f"Add a new {noun} (Ctrl+Shift+A); edit it in the inspector")
        self.add_button.clicked.connect(self.add)
        self.view_action("registerAdd", self.add_button.click)
        self.add_button.setEnabled(not doc.read_only)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName(f"delete_{kind}")
        self.delete_button.setAccessibleName(f"Delete {plural}")  # the value chain shows two registers
        self.delete_button.setToolTip(f"Delete the selected {plural} (Del); Undo brings them back")
        self.delete_button.clicked.connect(self.delete)
        self.filter = QLineEdit()
        self.filter.setObjectName(f"filter_{kind}")
        self.filter.setPlaceholderText("Filter by any word…")
        self.filter.setToolTip("Show only rows containing this text (Ctrl+F)")
        self.filter.setAccessibleName(f"Filter {plural}")
        self.filter.setClearButtonEnabled(True)
        # Both filters prefer room for their words but give way first, so a register fits a 1280 px screen
        # with both docks open (a wider top row pushed the docks narrower, for good).
        self.filter.ensurePolished()  # the theme's font: room for the placeholder's words in it
        self.filter.setMinimumWidth(self.filter.fontMetrics().horizontalAdvance(self.filter.placeholderText()) + 34)
        self.filter.textChanged.connect(self._filter_changed)
        self.choice_filter = ChoiceBox()
        self.choice_filter.setObjectName(f"choice_filter_{kind}")
        if self.proxy.choice_column is not None:
            spec = specs[self.proxy.choice_column]
            assert spec.choices is not None
            self.choice_filter.addItem(f"{spec.label}: any", None)
            for choice in spec.choices:
                self.choice_filter.addItem(f"{spec.label}: {choice.label}", choice.value)
            self.choice_filter.setToolTip(f"Show only {plural} of one {spec.label.lower()}")
            self.choice_filter.setAccessibleName(f"Filter by {spec.label.lower()}")
            self.choice_filter.currentIndexChanged.connect(self._filter_changed)
        else:
            self.choice_filter.hide()
        self.choice_filter.setMinimumWidth(CHOICE_MIN)  # its list shows every choice whole
        self.count = QLabel()
        self.count.setObjectName(f"count_{kind}")

        self.table = QTableView()
        self.table.setObjectName(f"table_{kind}")
        self.table.setAccessibleName(self.cls.plural())
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the order they were added, until a header is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it); no keyboard trap
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setToolTip("Click a column heading to sort by it; click again to reverse")
        self.table.verticalHeader().hide()
        self.table.selectionModel().selectionChanged.connect(self._selection_to_doc)
        self._following = False  # True while the table mirrors the document's selection

        self.empty = QLabel(empty_hint)
        self.empty.setObjectName("emptyHint")
        theme.take_role(self.empty, "hint")
        self.empty.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addWidget(self.delete_button)
        top.addStretch(1)
        top.addWidget(self.count)
        top.addWidget(self.choice_filter)
        top.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self._size_columns()
        self._selection_from_doc()
        self._update_state()
        doc.selection_changed.connect(self._selection_from_doc)

    def _currency(self) -> str:
        project = self.doc.get(Project.KIND, PROJECT_ID)
        return project.currency if isinstance(project, Project) else ""

    def _titles(self) -> Titles:
        return {kind: {e.id: e.title for e in self.doc.all(kind)} for kind in self.ref_kinds}

    def _size_columns(self) -> None:
        """Fit the contents, within limits: the first column (the name) may take more room than the
        others; longer text is cut with an ellipsis and shown whole in the tooltip."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            widest = 320 if column == 0 else 200
            header.resizeSection(column, min(max(header.sectionSize(column), 80), widest))

    def follow(self, changes: list[Change]) -> None:
        for change in changes:
            if change.kind == self.kind:
                self.model.apply(change, lambda ids: self.doc.store.get_many(self.kind, ids))
        if any(c.kind in self.ref_kinds and c.touches(entity_type(c.kind).TITLE_FIELD) for c in changes):
            self.model.refresh_titles(self._titles())  # a name shown in a reference column changed
        if any(c.kind == Project.KIND and c.touches("currency") for c in changes):
            self.model.refresh_titles(self._titles(), self._currency())  # money columns print in it
        self._update_state()

    def _filter_changed(self) -> None:
        self.proxy.set_filters(self.filter.text(), self.choice_filter.currentData())
        self._update_state()

    def _update_state(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count.setText(self.cls.noun(total) if shown == total else f"{shown} of {self.cls.noun(total)} shown")
        if total == 0:
            self.empty.setText(self.empty_hint)
        elif shown == 0:
            self.empty.setText(f"No {self.cls.plural().lower()} match the filter. Clear the filter to see all {total}.")
        self.empty.setVisible(shown == 0)
        self.delete_button.setEnabled(bool(self._selected_ids()) and not self.doc.read_only)

    def _selected_ids(self) -> list[str]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.rows[r].id for r in sorted(rows)]

    def _selection_to_doc(self) -> None:
        self.delete_button.setEnabled(bool(self._selected_ids()) and not self.doc.read_only)
        if not self._following and self.isVisible():
            self.doc.select([(self.kind, i) for i in self._selected_ids()])

    def _selection_from_doc(self) -> None:
        """Mirror the document's selection (e.g. a jump from a checklist): select its rows of this kind,
        clearing the filters if they hide one, and nothing when it holds none of this kind."""
        wanted = [id_ for kind, id_ in self.doc.selection if kind == self.kind]
        if wanted == self._selected_ids():
            return
        rows = [r for r in (self.model.row_of(i) for i in wanted) if r >= 0]
        if any(self.proxy.mapFromSource(self.model.index(r, 0)).row() < 0 for r in rows):
            self.filter.clear()
            self.choice_filter.setCurrentIndex(0)
        selection = QItemSelection()
        for row in rows:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self._following = True
        try:
            self.table.selectionModel().select(selection, flags)
        finally:
            self._following = False
        if rows:
            self.table.scrollTo(selection.indexes()[0])

    # ----- actions -------------------------------------------------------------------------
    def new_entity(self) -> Entity | None:
        """What Add adds: an entry whose first field says it is new (a register may know better)."""
        first_field = next(iter(self.cls.specs()))
        return self.cls.create(**{first_field: f"New {self.cls.LABEL.lower()}"})

    def add(self) -> None:
        entity = self.new_entity()
        if entity is None:
            return
        if self.doc.run(StoreCommand(ops.create([entity]), f"Add {self.cls.LABEL.lower()}", origin="registers")):
            self.filter.clear()
            self.choice_filter.setCurrentIndex(0)
            row = self.proxy.mapFromSource(self.model.index(self.model.row_of(entity.id), 0)).row()
            self.table.selectRow(row)
            self.table.setFocus()

    def delete(self) -> None:
        ids = self._selected_ids()
        if ids:
            self.doc.run(
                StoreCommand(ops.delete(self.kind, ids), f"Delete {self.cls.noun(len(ids))}", origin="registers")
            )

    def select_all(self) -> None:
        self.table.selectAll()

    def find(self) -> None:  # type: ignore[override]  # the Find action, see SectionView.find
        self.filter.setFocus()
        self.filter.selectAll()
