"""A register: one table of entities of a kind (objectives, experiments, evaluations, lessons).

Rows follow the change bus by id: an edit updates its row, a creation inserts, a deletion removes;
nothing reloads the whole table. Editing happens in the inspector.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence
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

from ui.commands import CreateCommand, DeleteCommand
from ui.document import OpenDocument
from ui.views.base import SectionView
from workbench.changes import Change, Op
from workbench.entity import Entity
from workbench.kinds import entity_type


class EntityTableModel(QAbstractTableModel):
    def __init__(self, kind: str, columns: list[str], entities: list[Entity]):
        super().__init__()
        self.kind = kind
        self.specs = entity_type(kind).specs()
        self.columns = columns
        self.rows: list[Entity] = entities

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.specs[self.columns[section]].label
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        name = self.columns[index.column()]
        value = getattr(self.rows[index.row()], name)
        spec = self.specs[name]
        if spec.choices is not None and value:
            values = value if isinstance(value, list) else [value]
            return ", ".join(spec.choices(v).label for v in values)
        if isinstance(value, list):
            return f"{len(value)} linked" if spec.kind == "refs" else ", ".join(value)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if value is None:
            return ""
        text = str(value)
        return text if role == Qt.ItemDataRole.ToolTipRole or len(text) < 80 else text[:79] + "…"

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
        fresh = fetch(change.ids) if change.ids else []
        for entity in fresh:
            row = self.row_of(entity.id)
            if row >= 0:
                self.rows[row] = entity
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
            else:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
                self.rows.append(entity)
                self.endInsertRows()


class RegisterView(SectionView):
    """Table + add/delete + filter for one kind of entity; selection drives the inspector."""

    def __init__(
        self, doc: OpenDocument, kind: str, columns: list[str], empty_hint: str, parent: QWidget | None = None
    ):
        super().__init__(doc, parent)
        self.kind = kind
        self.cls = entity_type(kind)
        self.setObjectName(f"register_{kind}")
        self.model = EntityTableModel(kind, columns, doc.all(kind))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.add_button = QPushButton(f"Add {self.cls.LABEL.lower()}")
        self.add_button.setObjectName(f"add_{kind}")
        self.add_button.setToolTip(f"Add a new {self.cls.LABEL.lower()} (Ctrl+Shift+N)")
        self.add_button.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_button.clicked.connect(self.add)
        self.add_button.setEnabled(not doc.read_only)
        self.filter = QLineEdit()
        self.filter.setObjectName(f"filter_{kind}")
        self.filter.setPlaceholderText("Filter…")
        self.filter.setAccessibleName(f"Filter {self.cls.LABEL.lower()}s")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)

        self.table = QTableView()
        self.table.setObjectName(f"table_{kind}")
        self.table.setAccessibleName(f"{self.cls.LABEL}s")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.selectionModel().selectionChanged.connect(self._selection_to_doc)

        self.empty = QLabel(empty_hint)
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addStretch(1)
        top.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self._update_empty()
        doc.changed.connect(self._on_changed)

    def _on_changed(self, changes: list[Change]) -> None:
        for change in changes:
            if change.kind == self.kind:
                if not change.ids:  # a whole-document replacement
                    self.model.beginResetModel()
                    self.model.rows = self.doc.all(self.kind)
                    self.model.endResetModel()
                else:
                    self.model.apply(change, lambda ids: self.doc.store.get_many(self.kind, ids))
        self._update_empty()

    def _update_empty(self) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)

    def _selected_ids(self) -> list[str]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.rows[r].id for r in sorted(rows)]

    def _selection_to_doc(self) -> None:
        self.doc.select([(self.kind, i) for i in self._selected_ids()])

    # ----- actions -------------------------------------------------------------------------
    def add(self) -> None:
        first_field = next(iter(self.cls.specs()))
        entity = self.cls.create(**{first_field: f"New {self.cls.LABEL.lower()}"})
        if self.doc.run(CreateCommand(self.doc.store, [entity], f"Add {self.cls.LABEL.lower()}")):
            row = self.proxy.mapFromSource(self.model.index(self.model.row_of(entity.id), 0)).row()
            self.table.selectRow(row)
            self.table.setFocus()

    def delete(self) -> None:
        ids = self._selected_ids()
        if ids:
            noun = self.cls.LABEL.lower() + ("s" if len(ids) > 1 else "")
            self.doc.run(DeleteCommand(self.doc.store, self.kind, ids, f"Delete {len(ids)} {noun}"))

    def select_all(self) -> None:
        self.table.selectAll()

    def find(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()
