"""The Options section: the options appraised side by side (HM Treasury Green Book), the chosen
option's cost and benefit profile, and its yearly figures in a grid that takes paste from Excel.

The view keeps its own copy of the few kinds it reads (project, instruments, options and their
flows) and follows changes by id: typing one figure re-reads one row and rolls up that option's
figures again; every option is then re-appraised from its kept roll-up, which is cheap.

The chosen option is also the document's selection, so the inspector edits its optimism bias,
additionality and the instruments it adds, changes or stops.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import operations as ops
from ui import theme
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.jobs import Latest
from ui.views.base import SectionView
from ui.views.options.chart import MIN_HEIGHT as CHART_HEIGHT
from ui.views.options.chart import PlotItem, ProfileChart, plot_area
from ui.views.year_grid import YearGridModel, YearGridView, grid_batch
from workbench.changes import Change
from workbench.entity import Entity
from workbench.errors import WorkbenchError
from workbench.money.currency import format_money
from workbench.money.entities import BAU_ID, Option, OptionFlow, SpendLine
from workbench.money.spending import instrument_budgets
from workbench.money.year_grid import Cell, FlowGrid
from workbench.money.years import year_label
from workbench.options.appraisal import Compared, Inputs, compare, option_inputs, sums_by_option
from workbench.options.coverage import gaps_closed
from workbench.project import Project
from workbench.registers.entities import Objective
from workbench.spheres.entities import Sphere
from workbench.spheres.items import Instrument, Item
from workbench.value_chain.entities import ValueChainStage
from workbench.words import count

MEASURES = (
    ("Present value of costs", "pv_costs"),
    ("Present value of benefits", "pv_benefits"),
    ("Net present social value", "npsv"),
    ("Benefit-cost ratio", "bcr"),
    ("Switching value", "switching_value"),
    ("Cost per unit of outcome", "cost_per_unit"),
    ("Net present social value, sensitivity", "sensitivity"),
    ("Gaps closed", "gaps"),
    ("Key risks", "key_risks"),
)
INSTRUMENTS_AT_ONCE = 300  # a document with more has its copies read on the turn after the section shows
HEADING_PAD = 8  # pixels of a heading's width beside its words
# What an option's gaps depend on: read beside the window when they are worked out (thousands of items)
COVERAGE_KINDS = tuple(t.KIND for t in (Item, Sphere, ValueChainStage, Instrument, Option))
OPTION_REACH = ("adds_ids", "changes_ids", "stops_ids")
EXPLAINED = {
    "pv_costs": "Extra cost over business as usual, net cost to the public sector with the optimism-bias uplift, "
    "discounted to the base year.",
    "pv_benefits": "Extra monetised benefit over business as usual, after leakage, deadweight, displacement, "
    "substitution and the multiplier, discounted to the base year.",
    "npsv": "Present value of benefits minus present value of costs.",
    "bcr": "Present value of benefits per unit of present value of costs; undefined when there is no extra cost.",
    "switching_value": "How far benefits may fall before the net present social value drops below zero.",
    "cost_per_unit": "Present value of costs per unit of the option's main outcome.",
    "sensitivity": "The lowest and highest net present social value when costs or benefits move by 20% either way, "
    "or additionality is low or high.",
    "gaps": "Sphere overlaps, value-chain stages and the prototype-to-production stretch left empty or thin by "
    "business as usual that the option's instruments would cover.",
    "key_risks": "As entered for the option (edit it in the inspector).",
}


class OptionsView(SectionView):
    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(doc, parent)
        self.setObjectName("options_view")
        store = doc.store
        self.project: Project = store.get_of(Project, "project") or Project()
        # Copies of what the view reads (see `_read`).
        self.options: dict[str, Option] = {}
        self.instruments: dict[str, Instrument] = {}
        self.money: dict[str, float | None] = {}  # weights of the instruments' loss rates
        self.gaps: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] | None = None  # option -> (closed, opened)
        self.coverage_jobs = Latest(self)
        self.coverage_jobs.finished.connect(self._show_gaps)
        self.outcomes: dict[str, str] = {}
        self.flows: dict[str, dict[str, OptionFlow]] = {}
        self.owner: dict[str, str] = {}  # flow id -> option id
        self.inputs: dict[str, Inputs | str] = {}  # a sentence for an option whose figures cannot be read
        self.results: list[Compared] = []
        self._shown: dict[int, Compared] = {}  # what each column of the comparison shows
        self.chosen: str = BAU_ID
        self._gone: list[str] = []
        self._came: list[OptionFlow] = []

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
        headings = self.table.horizontalHeader()
        headings.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # An option's name wraps onto more lines rather than being cut ("Business as usu").
        headings.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        headings.setTextElideMode(Qt.TextElideMode.ElideNone)
        headings.sectionResized.connect(self._fit_headings)
        # Fixed row heights (measuring wrapped text at each keystroke costs the whole table); the key
        # risks get three lines.
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.resizeSection(len(MEASURES) - 1, rows.defaultSectionSize() + 2 * self.fontMetrics().lineSpacing())
        self.table.itemSelectionChanged.connect(self._column_chosen)

        # The chart (a plotting library's widget, tens of milliseconds to make) is made on the next turn
        # of the event loop, so the section shows first; its place is kept at its height meanwhile.
        self._chart: ProfileChart | None = None
        self._plot: PlotItem | None = None  # the chart's plot area, made on the turn before the chart
        self._chart_place = QWidget()
        self._chart_place.setMinimumHeight(CHART_HEIGHT)
        self.grid_title = QLabel()
        self.grid_title.setObjectName("options_grid_title")
        self.message = QLabel()
        self.message.setObjectName("options_message")
        self.message.setWordWrap(True)
        theme.take_role(self.message, "error")
        self.message.hide()
        self.grid_model = YearGridModel(self.project.currency, self._year_label)
        self.grid_model.edited.connect(self._write_cells)
        self.grid_model.refused.connect(self._say)
        self.grid = YearGridView(self.grid_model, "option_flows", "Costs and benefits by year")
        self.grid.setEnabled(not doc.read_only)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.grid_title)
        lower_layout.addWidget(self.message)
        lower_layout.addWidget(self.grid, 1)
        split = self._split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        for part in (self.table, self._chart_place, lower):
            split.addWidget(part)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        # On a small screen (1280x720 with both docks) the comparison, the chart and the grid keep a usable
        # height and the section scrolls down; where there is room nothing scrolls.
        scroll = QScrollArea()
        scroll.setObjectName("options_scroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(split)
        layout.addWidget(scroll, 1)
        for b in (self.add_button, self.delete_button, self.prefer_button):
            b.setEnabled(not doc.read_only)
        doc.selection_changed.connect(self._selection_from_doc)
        # Timers of their own, not QTimer.singleShot(0): that posts an event, handled before the window's
        # timers and input, so the chart was made as part of the showing, the window waiting for both.
        self._chart_turn = QTimer(self)
        self._chart_turn.setSingleShot(True)
        self._chart_turn.timeout.connect(self._chart_step)
        # Thousands of instruments (and their spend lines) are read on the turn after the section shows.
        self._reading = QTimer(self)
        self._reading.setSingleShot(True)
        self._reading.timeout.connect(self._read)
        if store.counts([Instrument.KIND]).get(Instrument.KIND, 0) <= INSTRUMENTS_AT_ONCE:
            self._read()
        else:
            self._reading.start()

    def _read(self) -> None:
        """Copy what the view reads, fill the comparison, and make the chart on the next turns."""
        self._reading.stop()
        store = self.doc.store
        self.options = {o.id: o for o in store.all_of(Option)}
        self.instruments = {i.id: i for i in store.all_of(Instrument)}
        self.money = self._instrument_money()
        self.outcomes = {o.id: o.title for o in store.all_of(Objective)}
        self.flows = {id_: {} for id_ in self.options}
        self.owner = {}
        for f in store.all_of(OptionFlow):
            self.flows.setdefault(f.option_id, {})[f.id] = f
            self.owner[f.id] = f.option_id
        self._refresh()
        self._chart_turn.start()

    def _chart_step(self) -> None:
        """The chart in two turns of the event loop, the window answering in between: its plot area, then
        the chart around it."""
        if self._plot is None:
            self._plot = plot_area()
            self._chart_turn.start()
        elif self._chart is None:
            self._make_chart()

    @property
    def chart(self) -> ProfileChart:
        """The chosen option's profile by year (made now if the next turns of the event loop have not yet)."""
        return self._make_chart() if self._chart is None else self._chart

    def _make_chart(self) -> ProfileChart:
        """The chart, and then the gaps each option closes worked out beside the window: started with the
        section, that work shared the interpreter with its first turns, each half as long again on a large
        document."""
        self._chart = ProfileChart(self._plot)
        self._split.replaceWidget(self._split.indexOf(self._chart_place), self._chart)
        self._chart_place.deleteLater()
        self._show_profile()
        self._request_gaps()
        return self._chart

    # ----- what the view reads ---------------------------------------------------------------
    def _year_label(self, year: int) -> str:
        return year_label(year, self.project.year_start_month)

    def follow(self, changes: list[Change]) -> None:
        """Keep the copies in line and remake the inputs of the options the changes touch only."""
        if self._reading.isActive():
            self._read()  # the document as it is, these changes in
            return
        dirty: set[str] = set()
        redraw = False
        self._gone, self._came = [], []  # the chosen option's flows taken out and put in by these changes
        for change in changes:
            if change.kind == OptionFlow.KIND:
                dirty |= self._follow_flows(change)
            elif change.kind == Option.KIND:
                dirty |= self._follow_options(change)
                redraw = redraw or change.op == "deleted"
            elif change.kind in (Instrument.KIND, SpendLine.KIND):
                if change.kind == Instrument.KIND:
                    self._follow_table(change, self.instruments, Instrument)
                if change.kind == SpendLine.KIND or change.touches("budget_type", "loss_rate"):
                    self.money = self._instrument_money()  # an option's loss rates come from its instruments
                    dirty |= set(self.options)
            elif change.kind == Objective.KIND and change.touches("statement"):
                self.outcomes = {o.id: o.title for o in self.doc.store.all_of(Objective)}
                redraw = True
            elif change.kind == Project.KIND:
                self.project = self.doc.store.get_of(Project, "project") or Project()
                self.grid_model.currency = self.project.currency
                redraw = True
        if dirty or redraw:
            self._refresh(dirty, redraw)
        if any(self._moves_gaps(c) for c in changes):
            self._request_gaps()  # with the copies brought up to date first

    # ----- gaps closed, worked out beside the window -------------------------------------------
    @staticmethod
    def _moves_gaps(change: Change) -> bool:
        if change.kind == Option.KIND:
            return change.op != "updated" or change.touches(*OPTION_REACH)
        return change.kind in (Item.KIND, Sphere.KIND, ValueChainStage.KIND, Instrument.KIND)

    def _request_gaps(self) -> None:
        """Each option's coverage as if adopted runs the sphere and value-chain analyses once per option:
        on a large map that is more than a keystroke may take, so it runs beside the window, and reads
        what it needs there (on a connection of its own)."""
        copy = self.doc.store.path
        self.coverage_jobs.request(lambda _progress, _stop: _gaps(copy))

    def _show_gaps(self, gaps: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> None:
        self.gaps = gaps
        self._shown.clear()
        self._fill_table()

    def _instrument_money(self) -> dict[str, float | None]:
        types = {i.id: i.budget_type for i in self.instruments.values()}
        return instrument_budgets(self.doc.store.all_of(SpendLine), types)

    def _inputs(self, option: Option) -> Inputs | str:
        sums = sums_by_option(self.flows.get(option.id, {}).values())[option.id]
        try:
            return option_inputs(option, sums, self.project.base_year, list(self.instruments.values()), self.money)
        except WorkbenchError as err:
            return err.message

    def _follow_table(self, change: Change, table: dict[str, Any], t: type[Entity]) -> None:
        if change.op == "deleted":
            for id_ in change.ids:
                table.pop(id_, None)
        else:
            table.update({e.id: e for e in self.doc.store.many_of(t, change.ids)})

    def _follow_options(self, change: Change) -> set[str]:
        self._follow_table(change, self.options, Option)
        for id_ in change.ids:
            if id_ in self.options:
                self.flows.setdefault(id_, {})
            else:
                self.flows.pop(id_, None)
                self.inputs.pop(id_, None)
        return {i for i in change.ids if i in self.options}

    def _follow_flows(self, change: Change) -> set[str]:
        touched = {self.owner[i] for i in change.ids if i in self.owner}
        for id_ in change.ids:  # an updated flow may have moved to another option: drop it first
            owner = self.owner.pop(id_, None)
            if owner is not None:
                self.flows.get(owner, {}).pop(id_, None)
                self._gone.append(id_)
        if change.op != "deleted":
            for f in self.doc.store.many_of(OptionFlow, change.ids):
                self.flows.setdefault(f.option_id, {})[f.id] = f
                self.owner[f.id] = f.option_id
                touched.add(f.option_id)
                if f.option_id == self.chosen:
                    self._came.append(f)
        return {o for o in touched if o in self.options}

    # ----- drawing ---------------------------------------------------------------------------
    def _refresh(self, dirty: set[str] | None = None, redraw: bool = True) -> None:
        """Remake the inputs of `dirty` options (all when None), appraise every option again (cheap),
        rewrite the comparison's cells and, when it may have changed, the chosen option's grid and chart."""
        for id_ in self.options if dirty is None else dirty:
            self.inputs[id_] = self._inputs(self.options[id_])
        options = sorted(self.options.values(), key=lambda o: (not o.is_bau, o.position, o.name.casefold()))
        self.results = compare(options, self.inputs, self.project.base_year)
        ids = [r.option.id for r in self.results]
        if self.chosen not in ids:
            self.chosen = BAU_ID if BAU_ID in ids else (ids[0] if ids else "")
        self._fill_table()
        self._fit_headings()
        self._fit_table()
        if not redraw and dirty is not None and self.chosen in dirty and self._grid_in_place():
            self._show_profile()
        elif redraw or dirty is None or self.chosen in dirty or BAU_ID in dirty:
            self._show_chosen()

    def _fill_table(self) -> None:
        currency = self.project.currency
        self.table.blockSignals(True)
        if self.table.columnCount() != len(self.results):
            self.table.setColumnCount(len(self.results))
            self._shown.clear()  # columns went or came: what each shows is known no more
        for column, result in enumerate(self.results):
            if self._shown.get(column) == result:
                continue  # the same figures in the same place: nothing to rewrite
            self._shown[column] = result
            option = result.option
            star = "★ " if option.preferred else ""
            tip = ("The preferred option. " if option.preferred else "") + (option.description or option.name)
            _set(self.table, -1, column, f"{star}{option.position}. {option.name}", tip)
            for row, (_, key) in enumerate(MEASURES):
                _set(self.table, row, column, *_cell(result, key, currency, self.gaps))
        if self.results:
            chosen = next(n for n, r in enumerate(self.results) if r.option.id == self.chosen)
            if self.table.currentColumn() != chosen:
                self.table.selectColumn(chosen)
        self.table.blockSignals(False)

    def _fit_headings(self) -> None:
        """The headings as tall as the longest option name needs, wrapped to its column's width."""
        headings = self.table.horizontalHeader()
        metrics = headings.fontMetrics()
        margin = 2 * headings.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, headings)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        lines = metrics.lineSpacing()
        for column in range(self.table.columnCount()):
            item = self.table.horizontalHeaderItem(column)
            room = QRect(0, 0, max(headings.sectionSize(column) - HEADING_PAD, 1), 10_000)
            if item is not None:
                lines = max(lines, metrics.boundingRect(room, flags, item.text()).height())
        height = lines + 2 * margin
        if headings.minimumHeight() != height:
            headings.setMinimumHeight(height)
            self._fit_table()

    def _fit_table(self) -> None:
        """The comparison is never scrolled: it takes the height of its rows, and the chart gives way."""
        headings = self.table.horizontalHeader()
        height = max(headings.sizeHint().height(), headings.minimumHeight()) + self.table.frameWidth() * 2
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        if self.table.minimumHeight() != height:
            self.table.setMinimumHeight(height)

    def _grid_in_place(self) -> bool:
        """Bring the chosen option's grid up to date by the flows that changed, cell by cell (typing a
        figure redraws that cell and its row's total); False when it must be made again."""
        grid = self.grid_model.grid
        if not isinstance(grid, FlowGrid) or grid.option_id != self.chosen:
            return False
        cells = grid.replace(self._gone, self._came)
        if cells is None:
            return False
        self.grid_model.refresh_cells(cells)
        return True

    def _show_chosen(self) -> None:
        result = next((r for r in self.results if r.option.id == self.chosen), None)
        project = self.project
        if result is None:
            self.grid_model.show(None, project.currency)
            return
        option = result.option
        grid = FlowGrid(option.id, self.flows.get(option.id, {}).values(), project.base_year, self.outcomes)
        self.grid_model.show(grid, project.currency)
        name = f"{option.position}. {option.name}"
        self.grid_title.setText(
            f"Yearly figures of {name}, in whole units of {project.currency} (type or paste from Excel)"
        )
        self._show_profile()
        self.delete_button.setEnabled(not self.doc.read_only and option.id != BAU_ID)
        self.prefer_button.setEnabled(not self.doc.read_only and not option.preferred)

    def _show_profile(self) -> None:
        result = next((r for r in self.results if r.option.id == self.chosen), None)
        if result is not None and self._chart is not None:
            self._chart.show_profile(
                f"{result.option.position}. {result.option.name}: net cost to the public sector and gross benefits "
                "by year (undiscounted)",
                result.costs,
                result.benefits,
                self.project.currency,
                self._year_label,
            )

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
            self._show_chosen()
        if self.isVisible():
            self.doc.select([(Option.KIND, option_id)])

    def _selection_from_doc(self) -> None:
        wanted = [id_ for kind, id_ in self.doc.selection if kind == Option.KIND]
        if len(wanted) == 1 and wanted[0] != self.chosen and wanted[0] in self.options:
            self.choose(wanted[0])

    # ----- edits -----------------------------------------------------------------------------
    def _write_cells(self, cells: dict[Cell, float | None]) -> None:
        grid = self.grid_model.grid
        if not isinstance(grid, FlowGrid):
            return
        edits = grid.edits(cells)
        if not edits:
            return
        self._say("")
        option = self.options[grid.option_id]
        text = f"Set {count(len(cells), 'figure')} of option '{option.name}'"
        self.doc.run(StoreCommand(grid_batch(grid, edits), text, origin="options"))

    def add(self) -> None:
        position = max((o.position for o in self.options.values()), default=0) + 1
        option = Option.create(name=f"Option {position}", position=position)
        if self.doc.run(StoreCommand(ops.create([option]), "Add option", origin="options")):
            self.choose(option.id)

    def delete(self) -> None:
        option = self.options.get(self.chosen)
        if option is not None and option.id != BAU_ID:
            self.doc.run(
                StoreCommand(ops.delete(Option.KIND, [option.id]), f"Delete option '{option.name}'", origin="options")
            )

    def prefer(self) -> None:
        edits = [
            (Option.KIND, o.id, {"preferred": o.id == self.chosen})
            for o in self.options.values()
            if o.preferred != (o.id == self.chosen)
        ]
        if edits:
            name = self.options[self.chosen].name
            self.doc.run(StoreCommand(ops.update(edits), f"Make '{name}' the preferred option", origin="options"))


def _set(table: QTableWidget, row: int, column: int, text: str, tip: str) -> None:
    """Rewrite one cell (row -1: the column's header) only when its text or tooltip changed."""
    item = table.horizontalHeaderItem(column) if row < 0 else table.item(row, column)
    if item is None:
        item = QTableWidgetItem()
        if row < 0:
            table.setHorizontalHeaderItem(column, item)
        else:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)
    if item.text() != text:
        item.setText(text)
    if item.toolTip() != tip:
        item.setToolTip(tip)


def _cell(result: Compared, key: str, currency: str, gaps: dict | None) -> tuple[str, str]:
    """A measure of one option as shown, and its tooltip."""
    if key == "gaps":
        if result.option.id == BAU_ID:
            return "(the comparison)", "Business as usual is what the other options close gaps against."
        if gaps is None or result.option.id not in gaps:
            return "Working it out…", "The gaps each option would close are worked out beside the window."
        closed, opened = gaps[result.option.id]
        text = f"{count(len(closed), 'gap')} closed" + (f", {len(opened)} opened" if opened else "")
        lines = [f"Closes: {g}" for g in closed] + [f"Opens: {g}" for g in opened]
        return text, "\n".join(lines) or "Closes no gap that business as usual leaves."
    if key == "key_risks":
        risks = result.option.key_risks.strip()
        first = risks.splitlines()[0] if risks else "None entered"
        return (first[:60] + "…" if len(first) > 60 else first), risks or "No key risks entered for this option."
    if result.central is None:
        return "Cannot appraise", result.problem
    if key == "sensitivity":
        if result.option.id == BAU_ID or not result.cases:
            return "(the comparison)", "Business as usual is what the other options are measured against."
        values = [a.npsv for a in result.cases.values()]
        low, high = (format_money(v, currency) for v in (min(values), max(values)))
        lines = [f"{name}: {format_money(a.npsv, currency)}" for name, a in result.cases.items()]
        return f"{low} to {high}", "\n".join(lines)
    value = getattr(result.central, key)
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


def _gaps(copy: Path) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Beside the window: each option's gaps closed and opened, from the working copy at `copy`."""
    from db.snapshot import read_snapshot  # loaded beside the window, when first needed

    document = read_snapshot(copy, COVERAGE_KINDS)
    return gaps_closed(document, document.all(Option))
