"""The Value chain section: stages as columns, instruments as bars in the lane of their value role,
capabilities linking the lanes, coverage findings in words, live charts, and the capability and
scale-up registers.

Every gesture becomes one named undo command through the document; the scene redraws from the
change notification, and the findings and charts follow the scene's new analysis.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGraphicsItem,
    QLabel,
    QMenu,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from db import operations as ops
from ui import dialogs
from ui.canvas.beside import ReadBeside
from ui.canvas.section import CanvasSection, empty_hint, menu_button
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.jobs import Latest
from ui.views.base import SectionView
from ui.views.register import RegisterView
from ui.views.value_chain.canvas import ChainCanvas
from ui.views.value_chain.findings import FindingsPanel
from ui.views.value_chain.items import CapabilityLink, InstrumentBar, StageHeader
from ui.views.value_chain.layout import BANDS
from ui.views.value_chain.money_panel import MoneyPanel
from ui.views.value_chain.registers import CapabilityRegister, scale_up_register
from ui.views.value_chain.scene import BARS_AT_ONCE, KINDS, Chain, ValueChainScene, chain_at
from workbench.changes import Change
from workbench.errors import WorkbenchError
from workbench.value_chain.analysis import ValueChainAnalysis
from workbench.value_chain.entities import ValueChainStage
from workbench.value_chain.spans import stepped
from workbench.value_chain.stage_order import inserted, moved
from workbench.words import count

if TYPE_CHECKING:
    from ui.views.value_chain.charts import ChartsPanel

LEGEND = (  # lanes, not colours: in high contrast every bar is white
    "Each bar is an instrument over the stages it supports: bars in the top lane create value, bars in the bottom "
    "lane capture it, bars in the lane between them do both. Drag a bar to move it, drag an end to "
    "resize it, or use ← / → and Shift+← / →. Click a stage name to select it; double-click or F2 renames it."
)


CHARTS_MODULE = "ui.views.value_chain.charts"  # with pyqtgraph: seconds to load on a cold start
FINDINGS_MIN_WIDTH = 140  # pixels: beside the charts' own minimum, the foot fits a 1280 px screen with both docks


class ValueChainView(CanvasSection, SectionView):
    PICTURE_NAME = "value chain"
    RELEASES_WHEN_HIDDEN = True  # thousands of bars: hidden, the section keeps none of them

    def __init__(self, doc: OpenDocument, parent: QWidget | None = None):
        super().__init__(doc, parent)
        self.setObjectName("valueChainView")
        self.scene: ValueChainScene = ValueChainScene(self)
        self.canvas: ChainCanvas = ChainCanvas(self.scene)
        self.findings = FindingsPanel()
        # Built just after the view shows: pyqtgraph loads then, not at start-up.
        self.charts: ChartsPanel | None = None
        chain = QWidget()
        self._build_toolbar(chain)
        legend = QLabel(LEGEND)
        legend.setObjectName("valueChainLegend")
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #333; padding: 2px 6px;")
        self.charts_host = QWidget()
        self.charts_host.setObjectName("valueChainChartsHost")
        self.charts_layout = host_layout = QVBoxLayout(self.charts_host)
        host_layout.setContentsMargins(0, 0, 0, 0)
        self.charts_pending = QLabel("Drawing the charts…")
        self._charts_loading = Latest(self)
        self._charts_parts: Iterator[bool | None] | None = None  # the charts' parts still to make
        self._charts_turn = QTimer(self)
        self._charts_turn.setSingleShot(True)
        self._charts_turn.timeout.connect(self.build_charts)
        self._charts_after_chain = False  # a part of the charts is due once the chain is read and its bars made
        self._library_due = False  # the charts' place has painted: their library loads once the chain is in
        # On a turn of its own, not on that of the chain's last slice of bars (failed: made there, to say why).
        for loaded in (self._charts_loading.finished, self._charts_loading.failed):
            loaded.connect(lambda _result: self._charts_turn.start())
        self.charts_pending.setAlignment(Qt.AlignmentFlag.AlignCenter)
        host_layout.addWidget(self.charts_pending)
        self.charts_host.installEventFilter(self)
        # The label paints even where the host does not (an opaque, themed label covers it whole), so
        # either one's first paint builds the charts; the host's alone left them blank in high contrast.
        self.charts_pending.installEventFilter(self)
        # The canvas gets the whole width (its stages must stay readable); findings and charts share the foot.
        foot = QSplitter(Qt.Orientation.Horizontal)
        foot.addWidget(self.findings)
        foot.addWidget(self.charts_host)
        foot.setStretchFactor(0, 2)
        foot.setStretchFactor(1, 5)
        foot.setSizes([380, 1000])
        foot.setMinimumHeight(210)
        foot.setChildrenCollapsible(False)  # a squeezed foot would fold the charts away, leaving a blank
        self.findings.setMinimumWidth(FINDINGS_MIN_WIDTH)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.canvas)
        self.split.addWidget(foot)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        chain_layout = QVBoxLayout(chain)
        chain_layout.setContentsMargins(0, 0, 0, 0)
        chain_layout.addWidget(self.toolbar)
        chain_layout.addWidget(legend)
        chain_layout.addWidget(self.split, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("valueChainTabs")
        self.tabs.addTab(chain, "Value chain and coverage")
        self._tab_pages: dict[int, QWidget] = {}  # built when their tab is first opened
        self._tab_makers: dict[int, Callable[[OpenDocument], QWidget]] = {
            1: CapabilityRegister,
            2: scale_up_register,
            3: MoneyPanel,
        }
        self.tabs.addTab(QWidget(), "Capabilities")
        self.tabs.addTab(QWidget(), "Scale-up assessments")
        self.tabs.addTab(QWidget(), "Money")
        self.tabs.setTabToolTip(3, "Public money at each stage by budget type and financial year")
        self.tabs.currentChanged.connect(self._page_at)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.scene.analysis_changed.connect(self._show_analysis)
        self.scene.unmade.done.connect(self._chain_made)
        self.reader: ReadBeside[Chain] = ReadBeside(self, self._chain_in)
        self.scene.span_edited.connect(self.set_span)
        self.scene.placed.connect(lambda id_, column: self.set_span(id_, column, column))
        self.connect_selection(self.scene.selectionChanged)
        self.canvas.top_changed.connect(self.scene.pin_header)
        self.canvas.stepped.connect(self.step)
        self.findings.finding_clicked.connect(self._select_finding)
        self.canvas.viewport().installEventFilter(self)
        self.empty_hint = empty_hint(
            self.canvas,
            "No instruments yet. Add instruments and programmes on the Spheres canvas: they appear here under "
            "'Not placed', and you drag each onto the stages it supports.",
        )
        self._read()

    # ----- construction ---------------------------------------------------------------------
    def _build_toolbar(self, chain: QWidget) -> None:
        """The stages' keys work on the chain's tab, `chain`, only: in a register tab F2 edits a cell."""
        bar = QToolBar("Value-chain tools")
        bar.setObjectName("valueChainToolbar")
        editable = not self.doc.read_only
        self.stage_actions: list[QAction] = [
            self.view_action("add_stage", self.add_stage, chain),
            self.view_action("rename_stage", self.rename_current, chain),
            self.view_action("move_stage_left", lambda: self.move_stage(-1), chain),
            self.view_action("move_stage_right", lambda: self.move_stage(1), chain),
            self.view_action("remove_stage", self.remove_stage, chain),
        ]
        for action in self.stage_actions:
            action.setEnabled(editable)
        bar.addActions(self.stage_actions)
        bar.addSeparator()
        menu = QMenu("Export", self)
        menu.addAction(self.view_action("valueChainExportPicture", self.export))
        menu.addAction(self.view_action("valueChainExportCharts", self.export_charts))
        menu.addAction(self.view_action("valueChainExportFigure", self.export_figure))
        bar.addWidget(menu_button(
            "valueChainExport",
            "Export",
            "Export the value chain, the charts, or a vector coverage figure for a brief (Ctrl+E)",
            menu,
        ))
        self.add_zoom_actions(bar)
        self.toolbar = bar

    def _page_at(self, index: int) -> QWidget | None:
        """The page on tab `index`, built the first time it is needed (opening the view stays quick)."""
        maker = self._tab_makers.get(index)
        if maker is None:
            return None
        if index not in self._tab_pages:
            self._tab_pages[index] = page = maker(self.doc)
            current, title = self.tabs.currentIndex(), self.tabs.tabText(index)
            self.tabs.blockSignals(True)  # swapping the placeholder must not re-enter
            placeholder = self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, title)
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            if placeholder is not None:
                placeholder.deleteLater()
        return self._tab_pages[index]

    @property
    def capabilities(self) -> RegisterView:
        register = self._page_at(1)
        assert isinstance(register, RegisterView)
        return register

    @property
    def money(self) -> MoneyPanel:
        panel = self._page_at(3)
        assert isinstance(panel, MoneyPanel)
        return panel

    @property
    def scale_ups(self) -> RegisterView:
        register = self._page_at(2)
        assert isinstance(register, RegisterView)
        return register

    @property
    def busy(self) -> bool:
        """Work under way that changes what the section shows: the chain being read or its bars made, a
        coverage analysis, the chart library loading or the charts being made (placed, they take room; on
        show they are made after their place's first paint)."""
        due = self.charts_host.isVisible() or self._charts_parts is not None or self._charts_after_chain
        making_charts = self.charts is None and due
        return (
            self.reader.busy
            or bool(self.scene.unmade.waiting)
            or self.scene.analysing
            or self._charts_loading.busy
            or making_charts
        )

    def build_charts(self, at_once: bool = False) -> None:
        """The charts, a part per turn of the event loop (see `_chart_parts`), or the rest of them `at_once`
        (an export needs them): made in one go, they held the window as long as the rest of the section's
        opening. A large chain and its bars come first: a part of the charts on the turn the chain came in,
        or on that of a slice of bars and its first paint, held the window 40 ms."""
        if self.charts is not None:
            return
        if not at_once and (self.reader.busy or self.scene.unmade.waiting):
            self._charts_after_chain = True
            return
        if self._charts_parts is None:
            self._charts_parts = self._chart_parts()
        for waits in self._charts_parts:
            if self.charts is not None:
                return
            if not at_once:
                if not waits:  # else the analysis, when it comes, starts the next part
                    self._charts_turn.start()  # the next part on the next turn
                return

    def _chain_made(self) -> None:
        """The chain is read and its bars are made: charts waiting for it go on, on a turn of their own."""
        self._load_library()
        if self._charts_after_chain and not self.reader.busy and not self.scene.unmade.waiting:
            self._charts_after_chain = False
            self._charts_turn.start()

    def _load_library(self) -> None:
        """The chart library loads beside the window (seconds on a cold start), once its place has painted
        and the chain is read and its bars made: loading meanwhile, it had Python's lock half the time, and
        the turn that first paints the bars in view held the window twice as long (over 50 ms)."""
        if self._library_due and not self.reader.busy and not self.scene.unmade.waiting:
            self._library_due = False
            # Only modules load there: no widget is made off the window's thread.
            self._charts_loading.request(lambda _progress, _stop: importlib.import_module(CHARTS_MODULE))

    def _chart_parts(self) -> Iterator[bool | None]:
        """Each chart, then the panel of them, then what it shows, then the panel in its place: a part per
        step. The panel is filled out of sight and placed on a step of its own, so its first paint (every
        axis and number laid out, some 15 ms) comes on a turn with nothing else of it. Made before the first
        analysis came, it waits for it (yields True): filled as it came, at once, it held the window 30 ms."""
        from ui.views.value_chain.charts import PLOTS, ChartsPanel, make_plot

        plots = []
        for spec in PLOTS:
            plots.append(make_plot(*spec))
            yield None
        charts = ChartsPanel(plots)
        yield None
        if self.scene.analysis is None:
            yield True
        analysis = self.scene.analysis
        if analysis is not None:
            yield from charts.analysis_parts(analysis, self.scene.currency)
            yield None
        if self.scene.analysis is not analysis and self.scene.analysis is not None:  # a newer one came meanwhile
            charts.show_analysis(self.scene.analysis, self.scene.currency)
        self.charts_pending.hide()
        self.charts_layout.addWidget(charts)  # narrower than the three need, they stand one above another
        self.charts = charts
        yield None

    # ----- following the document ---------------------------------------------------------
    def _read(self) -> None:
        """The chain of a small document at once; of a large one beside the window, as the ecosystem map's."""
        store = self.doc.store
        if store.counts(["instrument"]).get("instrument", 0) <= BARS_AT_ONCE:
            self.reader.now(({kind: store.all(kind) for kind in KINDS}, None))
        else:
            path = store.path
            self.reader.beside(lambda: chain_at(path))
        self._update_empty()

    def _chain_in(self, chain: Chain, held: list[Change]) -> None:
        self.scene.load(*chain)
        if held:
            self.scene.apply(held, self.doc.store)
        self._follow_selection()
        self._update_empty()
        self._chain_made()  # a chain with no bars to make in slices

    def follow(self, changes: list[Change]) -> None:
        if not self.reader.hold(changes) and self.scene.apply(changes, self.doc.store):
            self._update_empty()
        money = self._tab_pages.get(3)
        if isinstance(money, MoneyPanel):
            money.hear(changes)

    def _update_empty(self) -> None:
        self.empty_hint.setVisible(not self.scene.bars and not self.scene.unmade.waiting and not self.reader.busy)

    def settle(self) -> None:
        self.scene.settle()

    def release(self) -> None:
        self.reader.cancel()
        with self._echo_guard():  # the document's selection stays as it is
            self.scene.unload()

    def rebuild(self) -> None:
        self.scene.leaving.finish()  # what it was letting go of while hidden goes before it shows
        self._read()

    def _show_analysis(self, analysis: ValueChainAnalysis) -> None:
        self.findings.show_analysis(analysis)
        if self.charts is not None:
            self.charts.show_analysis(analysis, self.scene.currency)
        elif self._charts_parts is not None:  # being made: they take it in their next parts
            self._charts_turn.start()

    def selected_refs(self) -> list[tuple[str, str]]:
        refs = []
        for item in self.scene.selectedItems():
            if isinstance(item, InstrumentBar):
                refs.append(("item", item.instrument_id))
            elif isinstance(item, StageHeader):
                refs.append(("stage", item.stage.id))
            elif isinstance(item, CapabilityLink):
                refs.append(("capability", item.capability.id))
        return refs

    def show_selection(self, refs: list[tuple[str, str]]) -> None:
        wanted = set(refs)
        self.scene.bars_for(id_ for kind, id_ in refs if kind == "item")
        for id_, bar in self.scene.bars.items():
            bar.setSelected(("item", id_) in wanted)
        for id_, header in self.scene.headers.items():
            header.setSelected(("stage", id_) in wanted)
        for id_, link in self.scene.links.items():
            link.setSelected(("capability", id_) in wanted)

    def _select_finding(self, stage_ids: list[str], ids: list[str]) -> None:
        self.scene.clearSelection()
        self.scene.bars_for(ids)
        found = [self.scene.bars.get(i) or self.scene.links.get(i) for i in ids]
        targets: list[QGraphicsItem] = [t for t in found if t is not None] or [
            self.scene.headers[s] for s in stage_ids if s in self.scene.headers
        ]
        for target in targets:
            target.setSelected(True)
        if targets:
            self.canvas.ensureVisible(targets[0])

    def renamable(self, item) -> tuple[str, str, str] | None:
        if isinstance(item, InstrumentBar):
            return ("item", item.instrument_id, "name")
        return ("capability", item.capability.id, "name") if isinstance(item, CapabilityLink) else None

    def activate(self, item) -> None:
        """F2 or Enter: a stage is renamed in its header (with the stage's own undo words)."""
        if not isinstance(item, StageHeader):
            super().activate(item)
        elif not self.doc.read_only:
            self.rename_stage(item.stage.id)

    def rename_current(self) -> None:
        """F2 (a key of the chain, which takes it before the canvas does): rename what the keyboard
        cursor is on, else the one item selected: a stage, an instrument or a capability."""
        item = self.canvas.reader.current()
        if item is not None and self.canvas.isVisible():
            self.activate(item)

    # ----- instrument spans ---------------------------------------------------------------------
    def selected_bars(self) -> list[InstrumentBar]:
        return [i for i in self.scene.selectedItems() if isinstance(i, InstrumentBar)]

    def set_span(self, instrument_id: str, first: int, last: int, role: str = "") -> None:
        """One command putting an instrument on stages first..last (indexes in the current order) and,
        when dropped in another lane, giving it that lane's value role."""
        bar = self.scene.bars[instrument_id]
        if role and role != bar.role and not self.doc.read_only:
            changes: dict[str, object] = {"value_role": role}
            if (first, last) != bar.span and self.scene.order:
                changes |= {"stage_from_id": self.scene.order[first], "stage_to_id": self.scene.order[last]}
            lane = next(f"{title} ({words})" for key, title, words, _empty in BANDS if key == role)
            text = f"Move '{self.scene.name_of(instrument_id)}' to {lane}"
            command = StoreCommand(ops.update([("instrument", instrument_id, changes)]), text, origin="value-chain")
            if not self.doc.run(command):
                self.scene.relayout()
            return
        self._run_spans({instrument_id: (first, last)})

    def step(self, steps: int, resize: bool) -> None:
        """Arrow keys: shift the selected bars by whole stages, or (resize) move only their last stage."""
        stages = len(self.scene.order)
        wanted = {bar.instrument_id: stepped(bar.span, steps, stages, resize=resize) for bar in self.selected_bars()}
        self._run_spans({i: s for i, s in wanted.items() if s != self.scene.bars[i].span})

    def _run_spans(self, spans: dict[str, tuple[int, int]]) -> None:
        order = self.scene.order
        if not spans or self.doc.read_only or not order:
            self.scene.relayout()
            return
        edits = [
            ("instrument", id_, {"stage_from_id": order[first], "stage_to_id": order[last]})
            for id_, (first, last) in spans.items()
        ]
        if not self.doc.run(StoreCommand(ops.update(edits), self._span_text(spans), origin="value-chain")):
            self.scene.relayout()

    def _span_text(self, spans: dict[str, tuple[int, int]]) -> str:
        if len(spans) > 1:
            return f"Move {count(len(spans), 'instrument')} along the value chain"
        ((id_, (first, last)),) = spans.items()
        old = self.scene.bars[id_].span
        names = [self.scene.stages[i].name for i in self.scene.order]
        where = names[first] if first == last else f"{names[first]} – {names[last]}"
        if old is None:
            verb = "Place"
        elif old[1] - old[0] == last - first:
            verb = "Move"
        else:
            verb = "Resize"
        return f"{verb} '{self.scene.name_of(id_)}' to {where}"

    # ----- stages -----------------------------------------------------------------------------
    def selected_stage(self) -> ValueChainStage | None:
        headers = [i for i in self.scene.selectedItems() if isinstance(i, StageHeader)]
        return headers[0].stage if headers else None

    def add_stage(self) -> str | None:
        """A new stage after the selected one (or at the end): one undo step, even when later stages shift."""
        stages = list(self.scene.stages.values())
        chosen = self.selected_stage()
        index = self.scene.order.index(chosen.id) + 1 if chosen else len(stages)
        position, shifted = inserted(stages, index)
        stage = ValueChainStage.create(name="New stage", position=position)
        room = [("stage", i, {"position": p}) for i, p in shifted.items()]  # later stages move up one place
        done = self.doc.run(
            StoreCommand(
                ops.Batch(create=[stage], update=room), f"Add stage at place {index + 1}", origin="value-chain"
            )
        )
        if not done:
            return None
        self.doc.select([("stage", stage.id)])
        self.rename_stage(stage.id)
        return stage.id

    def rename_stage(self, stage_id: str) -> None:
        header = self.scene.headers.get(stage_id)
        if header is None:
            return
        self.canvas.ensureVisible(header)
        rename = partial(self.set_stage_name, stage_id)
        self.canvas.edit_text(header.sceneBoundingRect(), header.stage.name, rename, "Stage name")

    def set_stage_name(self, stage_id: str, name: str) -> None:
        stage = self.scene.stages.get(stage_id)
        if stage is not None and name and name != stage.name:
            text = f"Rename stage '{stage.name}' to '{name}'"
            self.doc.run(StoreCommand(ops.update([("stage", stage_id, {"name": name})]), text, origin="value-chain"))

    def move_stage(self, offset: int) -> None:
        stage = self.selected_stage()
        if stage is None or self.doc.read_only:
            return
        changes = moved(self.scene.stages.values(), stage.id, offset)
        if changes:
            edits = [("stage", i, {"position": p}) for i, p in changes.items()]
            way = "earlier" if offset < 0 else "later"
            self.doc.run(StoreCommand(ops.update(edits), f"Move stage '{stage.name}' {way}", origin="value-chain"))

    def remove_stage(self) -> None:
        stage = self.selected_stage()
        if stage is not None and not self.doc.read_only:
            self.doc.run(
                StoreCommand(ops.delete("stage", [stage.id]), f"Remove stage '{stage.name}'", origin="value-chain")
            )

    def delete(self) -> None:
        """Del: the selected stage, else the selected instruments (with their items), else capabilities."""
        if self.selected_stage() is not None:
            self.remove_stage()
            return
        bars = [b.instrument_id for b in self.selected_bars()]
        if bars:
            noun = f"'{self.scene.name_of(bars[0])}'" if len(bars) == 1 else count(len(bars), "instrument")
            self.doc.run(StoreCommand(ops.delete("item", bars), f"Delete {noun}", origin="value-chain"))
            return
        caps = [i.capability.id for i in self.scene.selectedItems() if isinstance(i, CapabilityLink)]
        if caps:
            self.doc.run(
                StoreCommand(
                    ops.delete("capability", caps), f"Delete {count(len(caps), 'capability')}", origin="value-chain"
                )
            )

    def select_all(self) -> None:
        self.scene.unmade.finish()
        for bar in self.scene.bars.values():
            bar.setSelected(True)

    # ----- zoom and export ---------------------------------------------------------------------
    def prepare_picture(self, exporting: bool) -> None:
        # The picture shows the stage headers above the lanes, wherever the view is scrolled.
        if exporting:
            self.scene.unmade.finish()
        self.scene.pin_header(0 if exporting else self.canvas.top())

    def export_charts(self) -> None:
        self.build_charts(at_once=True)
        path = dialogs.ask_export_path(self, f"{self.project_title()} - value-chain charts.png", "PNG image (*.png)")
        if path is not None and self.charts is not None:
            self._try(lambda: self.charts.export_png(Path(path)))

    def export_figure(self) -> None:
        # The figure's machinery (reportlab) loads when first used: opening the section does not wait for it.
        from templates_reports.figures.value_chain import FIGURE_FORMATS, save_drawing, value_chain_drawing

        path = dialogs.ask_export_path(
            self, f"{self.project_title()} - coverage figure.pdf", ";;".join(FIGURE_FORMATS.values())
        )
        self.scene.settle()
        if path is not None and self.scene.analysis is not None:
            drawing = value_chain_drawing(self.scene.analysis, self.scene.currency)
            self._try(lambda: save_drawing(drawing, Path(path)))

    def _try(self, action) -> None:
        try:
            action()
        except WorkbenchError as err:
            dialogs.show_error(self, err)

    # ----- header double-click; charts after the first paint -------------------------------------
    def eventFilter(self, watched, event) -> bool:
        if watched is self.canvas.viewport() and event.type() == event.Type.Resize:
            hint = self.empty_hint  # bottom left, clear of the lanes
            hint.adjustSize()
            hint.move(16, max(16, self.canvas.height() - hint.height() - 24))
        if watched in (self.charts_host, self.charts_pending) and event.type() == event.Type.Paint:
            # The chain shows first; the chart library loads beside the window, with the window still
            # answering, and the charts are made once it is there.
            self.charts_host.removeEventFilter(self)
            self.charts_pending.removeEventFilter(self)
            self._library_due = True
            self._load_library()
        if watched is self.canvas.viewport() and event.type() == event.Type.MouseButtonDblClick:
            item = self.canvas.itemAt(event.position().toPoint())
            if isinstance(item, StageHeader) and not self.doc.read_only:
                self.rename_stage(item.stage.id)
                return True
        return super().eventFilter(watched, event)
