"""The Options section: the options appraised side by side (HM Treasury Green Book), the chosen
option's cost and benefit profile, and its yearly figures in a grid that takes paste from Excel.

The view keeps its own copy of the few kinds it reads (project, instruments, options and their
flows) and follows changes by id, so typing one figure re-reads one row and re-appraises a handful
of options, never the document. The chosen option is also the document's selection, so the
inspector edits its optimism bias, additionality and the instruments it adds, changes or stops.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import operations as ops
from ui import theme
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.views.base import SectionView
from ui.views.options.chart import ProfileChart
from ui.views.options.grid import FlowGridModel, FlowGridView
from workbench.changes import Change
from workbench.document import Document
from workbench.entity import Entity
from workbench.money.currency import format_money
from workbench.money.entities import BAU_ID, Option, OptionFlow
from workbench.money.flow_grid import Cell, FlowGrid
from workbench.money.options import OptionResult, appraise_options, ordered_options
from workbench.money.years import year_label
from workbench.project import Project
from workbench.registers.entities import Objective
from workbench.spheres.items import Instrument

KINDS = (Project, Instrument, Option, OptionFlow, Objective)  # what the appraisal reads
MEASURES = (
    ("Present value of costs", "pv_costs"),
    ("Present value of benefits", "pv_benefits"),
    ("Net present social value", "npsv"),
    ("Benefit-cost ratio", "bcr"),
    ("Switching value", "switching_value"),
    ("Cost per unit of outcome", "cost_per_unit"),
    ("Key risks", "key_risks"),
)
EXPLAINED = {
    "pv_costs": "Extra cost over business as usual, net cost to the public sector with the optimism-bias uplift, "
    "discounted to the base year.",
    "pv_benefits": "Extra monetised benefit over business as usual, after leakage, deadweight, displacement, "
    "substitution and the multiplier, discounted to the base year.",
    "npsv": "Present value of benefits minus present value of costs.",
    "bcr": "Present value of benefits per unit of present value of costs; undefined when there is no extra cost.",
    "switching_value": "How far benefits may fall before the net present social value drops below zero.",
    "cost_per_unit": "Present value of costs per unit of the option's main outcome.",
    "key_risks": "As entered for the option (edit it in the inspector).",
}


class OptionsView(SectionView):
    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(doc, parent)
        self.setObjectName("options_view")
        self.tables: dict[str, dict[str, Entity]] = {
            t.KIND: {e.id: e for e in doc.all(t.KIND)} for t in KINDS
        }
        self.results: list[OptionResult] = []
        self.chosen: str = BAU_ID

        intro = QLabel(
            "Each option is compared with option 0, business as usual: its extra costs and benefits, discounted to "
            "the base year at the Green Book's social time preference rate (3.5% a year, 3% after year 30)."
        )
        intro.setWordWrap(True)
        theme.take_role(intro, "hint")
        self.add_button = QPushButton("Add option")
        self.add_button.setObjectName("add_option")
        self.add_button.setToolTip("Add an option to compare with business as usual; edit it in the inspector")
        self.add_button.clicked.connect(self.add)
        self.view_action("registerAdd", self.add_button.click)
        self.delete_button = QPushButton("Delete option")
        self.delete_button.setObjectName("delete_option")
        self.delete_button.setToolTip("Delete the chosen option with its figures (Del); Undo brings it back")
        self.delete_button.clicked.connect(self.delete)
        self.prefer_button = QPushButton("Make preferred")
        self.prefer_button.setObjectName("prefer_option")
        self.prefer_button.setToolTip("Mark the chosen option as the one the submission recommends")
        self.prefer_button.clicked.connect(self.prefer)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.delete_button, self.prefer_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.table = QTableWidget(len(MEASURES), 0)
        self.table.setObjectName("options_comparison")
        self.table.setAccessibleName("Options compared")
        self.table.setVerticalHeaderLabels([name for name, _ in MEASURES])
        for row, (_, key) in enumerate(MEASURES):
            header = self.table.verticalHeaderItem(row)
            if header is not None:
                header.setToolTip(EXPLAINED[key])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._column_chosen)

        self.chart = ProfileChart()
        self.grid_title = QLabel()
        self.grid_title.setObjectName("options_grid_title")
        self.message = QLabel()
        self.message.setObjectName("options_message")
        self.message.setWordWrap(True)
        theme.take_role(self.message, "error")
        self.message.hide()
        self.grid_model = FlowGridModel(self._project.currency, self._year_label)
        self.grid_model.edited.connect(self._write_cells)
        self.grid_model.refused.connect(self._say)
        self.grid = FlowGridView(self.grid_model)
        self.grid.setEnabled(not doc.read_only)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.grid_title)
        lower_layout.addWidget(self.message)
        lower_layout.addWidget(self.grid, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        for part in (self.table, self.chart, lower):
            split.addWidget(part)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        for b in (self.add_button, self.delete_button, self.prefer_button):
            b.setEnabled(not doc.read_only)
        self._refresh()
        doc.selection_changed.connect(self._selection_from_doc)

    # ----- what the view reads ---------------------------------------------------------------
    @property
    def _project(self) -> Project:
        found = self.tables[Project.KIND].get("project")
        return found if isinstance(found, Project) else Project()

    def _document(self) -> Document:
        return Document.of(e for table in self.tables.values() for e in table.values())

    def _year_label(self, year: int) -> str:
        return year_label(year, self._project.year_start_month)

    def follow(self, changes: list[Change]) -> None:
        mine = [c for c in changes if c.kind in self.tables]
        if not mine:
            return
        for change in mine:
            table = self.tables[change.kind]
            if change.op == "deleted":
                for id_ in change.ids:
                    table.pop(id_, None)
            else:
                table.update({e.id: e for e in self.doc.store.get_many(change.kind, change.ids)})
        self._refresh()

    # ----- drawing ---------------------------------------------------------------------------
    def _refresh(self) -> None:
        document = self._document()
        self.results = appraise_options(document)
        ids = [r.option.id for r in self.results]
        if self.chosen not in ids:
            self.chosen = BAU_ID if BAU_ID in ids else (ids[0] if ids else "")
        self._fill_table()
        self._show_chosen(document)

    def _fill_table(self) -> None:
        currency = self._project.currency
        self.table.blockSignals(True)
        self.table.setColumnCount(len(self.results))
        for column, result in enumerate(self.results):
            option = result.option
            mark = "  ★ preferred" if option.preferred else ""
            header = QTableWidgetItem(f"{option.position}. {option.name}{mark}")
            header.setToolTip(option.description or option.name)
            self.table.setHorizontalHeaderItem(column, header)
            for row, (_, key) in enumerate(MEASURES):
                text, tip = _cell(result, key, currency)
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        if self.results:
            chosen = next(n for n, r in enumerate(self.results) if r.option.id == self.chosen)
            self.table.selectColumn(chosen)
        self.table.blockSignals(False)

    def _show_chosen(self, document: Document) -> None:
        result = next((r for r in self.results if r.option.id == self.chosen), None)
        project = self._project
        if result is None:
            self.grid_model.show(None, project.currency)
            return
        outcomes = {o.id: o.title for o in document.all(Objective)}
        grid = FlowGrid(result.option.id, document.all(OptionFlow), project.base_year, outcomes)
        self.grid_model.show(grid, project.currency)
        name = f"{result.option.position}. {result.option.name}"
        self.grid_title.setText(
            f"Yearly figures of {name}, in whole units of {project.currency} (type or paste from Excel)"
        )
        self.chart.show_profile(
            f"{name}: costs and benefits by year (undiscounted)",
            result.costs,
            result.benefits,
            project.currency,
            self._year_label,
        )
        self.delete_button.setEnabled(not self.doc.read_only and result.option.id != BAU_ID)
        self.prefer_button.setEnabled(not self.doc.read_only and not result.option.preferred)

    def _say(self, sentence: str) -> None:
        self.message.setText(sentence)
        self.message.setVisible(bool(sentence))

    # ----- choosing --------------------------------------------------------------------------
    def _column_chosen(self) -> None:
        columns = {i.column() for i in self.table.selectedIndexes()}
        if len(columns) == 1:
            self.choose(self.results[columns.pop()].option.id)

    def choose(self, option_id: str) -> None:
        if option_id != self.chosen:
            self.chosen = option_id
            self._say("")
            self._fill_table()
            self._show_chosen(self._document())
        if self.isVisible():
            self.doc.select([(Option.KIND, option_id)])

    def _selection_from_doc(self) -> None:
        wanted = [id_ for kind, id_ in self.doc.selection if kind == Option.KIND]
        if len(wanted) == 1 and wanted[0] != self.chosen and wanted[0] in self.tables[Option.KIND]:
            self.choose(wanted[0])

    # ----- edits -----------------------------------------------------------------------------
    def _write_cells(self, cells: dict[Cell, float | None]) -> None:
        grid = self.grid_model.grid
        if grid is None:
            return
        edits = grid.edits(cells)
        if not edits:
            return
        self._say("")
        option = self.tables[Option.KIND][grid.option_id]
        n = len(cells)
        what = "figure" if n == 1 else "figures"
        operation = ops.Batch(
            create=edits.create,
            update=[(OptionFlow.KIND, id_, {"amount": amount}) for id_, amount in edits.update],
            delete=[(OptionFlow.KIND, id_) for id_ in edits.delete],
        )
        self.doc.run(StoreCommand(operation, f"Set {n} {what} of option '{option.name}'", origin="options"))

    def add(self) -> None:
        position = max((o.position for o in ordered_options(self._document())), default=0) + 1
        option = Option.create(name=f"Option {position}", position=position)
        if self.doc.run(StoreCommand(ops.create([option]), "Add option", origin="options")):
            self.choose(option.id)

    def delete(self) -> None:
        option = self.tables[Option.KIND].get(self.chosen)
        if isinstance(option, Option) and option.id != BAU_ID:
            self.doc.run(
                StoreCommand(ops.delete(Option.KIND, [option.id]), f"Delete option '{option.name}'", origin="options")
            )

    def prefer(self) -> None:
        edits = [
            (Option.KIND, o.id, {"preferred": o.id == self.chosen})
            for o in self.tables[Option.KIND].values()
            if isinstance(o, Option) and o.preferred != (o.id == self.chosen)
        ]
        if edits:
            name = self.tables[Option.KIND][self.chosen].title
            self.doc.run(StoreCommand(ops.update(edits), f"Make '{name}' the preferred option", origin="options"))


def _cell(result: OptionResult, key: str, currency: str) -> tuple[str, str]:
    """A measure of one option as shown, and its tooltip."""
    if key == "key_risks":
        risks = result.option.key_risks.strip()
        first = risks.splitlines()[0] if risks else "None entered"
        return (first[:60] + "…" if len(first) > 60 else first), risks or "No key risks entered for this option."
    if result.appraisal is None:
        return "Cannot appraise", result.problem
    value = getattr(result.appraisal, key)
    bau = result.option.id == BAU_ID
    if value is None:
        why = "business as usual is the comparison itself" if bau else "no extra cost over business as usual"
        if key == "cost_per_unit":
            why = "no main outcome in units entered"
        elif key == "switching_value":
            why = "no extra benefit over business as usual"
        return "Undefined", f"Undefined: {why}."
    if key == "bcr":
        return f"{value:.2f}", EXPLAINED[key]
    if key == "switching_value":
        if value < 0:
            return f"needs +{-value:.0%}", f"Benefits must rise by {-value:.0%} before the option's value reaches zero."
        return f"{value:.0%}", f"Benefits may fall by {value:.0%} before the option's value drops below zero."
    if key == "cost_per_unit":
        units = result.option.outcome_units or 0
        each = f"{format_money(value, currency)} for each of {units:,.0f} {result.option.outcome or 'units'}"
        return each, EXPLAINED[key]
    return format_money(value, currency), EXPLAINED[key]

