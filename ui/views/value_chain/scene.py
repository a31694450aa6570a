"""The value-chain scene: mirrors stages, instruments and capabilities by id and follows the
document's changes; the coverage analysis (workbench.value_chain.analysis) decides every span, flag and count.

The scene keeps the entities it shows (updated only from change notifications), so coverage and
charts are recomputed after an edit without reading the whole database. A large chain is laid out and
analysed whole as it loads; its bars come a slice per turn of the event loop (ui.canvas.backlog), each
where the layout put its instrument.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Protocol, cast

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent

from ui import theme
from ui.canvas.accessible import reading_order
from ui.canvas.backlog import Backlog
from ui.canvas.interaction import Interaction, InteractiveScene
from ui.canvas.leaving import Leaving
from ui.canvas.mirror import Fetch, latest, mirror
from ui.jobs import Latest
from ui.views.value_chain.gestures import BarGesture
from ui.views.value_chain.items import (
    ROLE_WORDS,
    BandTitle,
    Callout,
    CapabilityLink,
    CoverageCell,
    HeaderBand,
    InstrumentBar,
    StageHeader,
)
from ui.views.value_chain.layout import (
    BANDS,
    COL_W,
    LEFT,
    SPARE_ROWS,
    ChainPlan,
    Grid,
    Lanes,
    capability_spans,
    pack_rows,
    plan_chain,
)
from workbench.changes import Change, Op
from workbench.document import Document
from workbench.entity import Entity
from workbench.money.entities import SpendLine
from workbench.money.spending import instrument_budgets
from workbench.project import Project
from workbench.spheres.items import Instrument, Item, ValueRole
from workbench.value_chain.analysis import ValueChainAnalysis, analyse_value_chain
from workbench.value_chain.entities import Capability, ValueChainStage
from workbench.value_chain.spans import Span, span_of
from workbench.words import count

KINDS = ("stage", "item", "instrument", "spend", "capability", "project")
# More instruments than this, and coverage is worked out beside the window (a moment after an edit).
ANALYSE_BESIDE_ABOVE = 500
# ...once edits pause this long (ms): the work beside the window holds Python's lock too, so started at
# once it would slow the edit's own repaint, and a run of arrow keys is analysed once.
ANALYSE_AFTER_MS = 150
BARS_AT_ONCE = 300  # a chain with up to this many instruments gets every bar as it loads
# More, and this many bars are made per turn of the event loop: the first slices are in view, each painted
# on the next turn (some 10 ms for 60 bars; 150 of them held the window 20 ms).
BARS_PER_TURN = 60
# A lane that runs out of rows grows by a sixteenth more: every growth moves the bands below it, which
# costs Qt a walk of all their bars, so a long run of edits on a big chain grows it seldom.
# What decides where things go: a change to any other field (a name, a budget) only relabels.
LAYOUT_FIELDS = {
    "stage": ("position",),
    "instrument": ("stage_from_id", "stage_to_id", "value_role"),
    "capability": ("instrument_ids",),
}
BAND_TIPS = {
    "creation": "Instruments tagged as creating value (innovation policy): research, development, demonstration.",
    "both": "Instruments tagged as both creating and capturing value sit between the two lanes.",
    "capability": "National industrial capabilities link the innovation system to the value chain (brief 000). "
    "Each spans the stages of the instruments linked to it; select one to outline them.",
    "capture": "Instruments tagged as capturing value in the productive structure (industrial policy).",
    "unplaced": "Instruments with no first or last stage. Drag one onto a column to place it there.",
}


class Source(Protocol):
    def all(self, kind: str) -> list[Entity]: ...
    def get_many(self, kind: str, ids: Iterable[str]) -> list[Entity]: ...


class ValueChainScene(InteractiveScene):
    span_edited = Signal(str, int, int, str)  # instrument id, first and last stage index, value role, after a drag
    placed = Signal(str, int)  # an unplaced instrument dropped on a stage column
    analysis_changed = Signal(object)  # ValueChainAnalysis

    def __init__(self, parent=None):
        super().__init__(parent)
        # Indexed: a repaint looks only at the bars in the part redrawn (an edit moves one bar, not all).
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.tables: dict[str, dict[str, Entity]] = {kind: {} for kind in KINDS}
        self.headers: dict[str, StageHeader] = {}
        self.cells: list[CoverageCell] = []
        self.bars: dict[str, InstrumentBar] = {}
        self.links: dict[str, CapabilityLink] = {}
        self.unmade: Backlog[str, None] = Backlog(self._make_bars, BARS_PER_TURN, self)  # instruments without a bar
        self.leaving = Leaving(self)  # what a hidden section lets go of
        self.titles = {key: BandTitle(key, title, sub, empty, BAND_TIPS[key]) for key, title, sub, empty in BANDS}
        for title in self.titles.values():
            self.addItem(title)
        self.header = HeaderBand()
        self.addItem(self.header)
        self.callout = Callout()
        self.callout.setParentItem(self.header)
        self.analysis: ValueChainAnalysis | None = None
        self.analyser = Latest(self)
        self.analyser.finished.connect(self._analysed)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(ANALYSE_AFTER_MS)
        self._pause.timeout.connect(self._analyse_beside)
        self.grid = Grid(0)
        self.order: list[str] = []  # stage ids, left to right
        self.index: dict[str, int] = {}  # stage id -> column
        # Where each bar is, so an edit moves only its own: (lane, row, span) of the placed, tray slot of the rest.
        self.where: dict[str, tuple[str, int, Span]] = {}
        self.chips: dict[str, int] = {}
        self.lanes: dict[str, Lanes] = {}
        self._plan: ChainPlan | None = None  # made beside the window for the chain being loaded
        self._new: list[QGraphicsItem] = []  # items made for new entities, added once placed
        self._hatched: tuple[int, frozenset[int]] | None = None  # the stage count and empty stages drawn
        self.selectionChanged.connect(self._mark_related)

    # ----- the mirrored model -----------------------------------------------------------------
    def _table[E: Entity](self, t: type[E]) -> dict[str, E]:
        # Each table is filled from the store by its kind, so it holds only that kind's class.
        return cast("dict[str, E]", self.tables[t.KIND])

    @property
    def instruments(self) -> dict[str, Instrument]:
        return self._table(Instrument)

    @property
    def stages(self) -> dict[str, ValueChainStage]:
        return self._table(ValueChainStage)

    @property
    def currency(self) -> str:
        project = self.tables["project"].get("project")
        return (project if isinstance(project, Project) else Project()).currency

    def name_of(self, instrument_id: str) -> str:
        item = self.tables["item"].get(instrument_id)
        return item.name if isinstance(item, Item) else instrument_id

    def load(self, found: Mapping[str, list[Entity]], plan: ChainPlan | None = None) -> None:
        """Show the entities `found` of each kind: the creation of everything, followed
        like any other change (a large chain's bars a slice at a time, after it is laid out, as `plan`
        says when it was made beside the window from the same entities)."""
        self._plan = plan
        later: list[str] = []  # the instruments whose bars come a slice at a time
        for kind in KINDS:
            entities = found.get(kind, [])
            if kind == "instrument" and len(entities) > BARS_AT_ONCE:
                self.tables[kind].update((e.id, e) for e in entities)
                later = [e.id for e in entities]
            else:
                self._follow(Change(kind, Op.CREATED, frozenset(e.id for e in entities)), _given(entities))
        if later:  # the top rows first: the view opens there, and the slices out of its sight paint nothing
            first = plan.top_down if plan is not None and self._fits(plan) else []
            self.unmade.add(dict.fromkeys([*first, *later]))
        self.refresh()

    def _make_bars(self, due: list[tuple[str, None]]) -> None:
        """Bars for instruments laid out but not shown yet, each where the layout put it."""
        ids = {id_ for id_, _ in due if id_ in self.instruments}
        money = self._money(ids)
        for id_ in ids:
            bar = self.bars[id_] = InstrumentBar(id_)
            bar.show_instrument(self.name_of(id_), self.instruments[id_], self.currency, money.get(id_))
            self._set_bar(bar)

    def bars_for(self, ids: Iterable[str]) -> list[InstrumentBar]:
        """The bars of these instruments, made now if they were still to make (selected, edited, found)."""
        ids = list(ids)
        self.unmade.now(ids)
        return [self.bars[i] for i in ids if i in self.bars]

    def unload(self) -> None:
        """Let go of every stage, bar and capability shown (a hidden view releasing its scene), a slice per
        turn (ui.canvas.leaving); `load` shows them again."""
        self.unmade.clear()
        self._pause.stop()
        self.analyser.cancel()
        self.leaving.add([*self.bars.values(), *self.links.values(), *self.headers.values()])
        for shown in (self.bars, self.links, self.headers, self.where, self.chips, self.lanes):
            shown.clear()
        for table in self.tables.values():
            table.clear()
        self.analysis = None

    def apply(self, changes: list[Change], source: Source) -> bool:
        """Follow the service's report: only the entities named are fetched; True if anything shown changed.
        Only a change to where things go moves anything: a stage's position lays the chain out again,
        an instrument's stages or lane move its own bar (into the first row with room), what a capability
        links moves the capabilities; a rename or a budget only relabels."""
        retext: set[str] = set()
        moved: set[str] = set()
        touched = relayout = links = False
        for change in changes:
            if change.kind not in KINDS:
                continue
            touched = True
            if change.kind == "instrument":
                self.bars_for(change.ids)  # a bar still to make is made now, then follows the change
            self._follow(change, source.get_many)
            if change.kind == "stage":
                relayout |= change.touches(*LAYOUT_FIELDS["stage"])
            elif change.kind == "instrument" and change.touches(*LAYOUT_FIELDS["instrument"]):
                moved |= change.ids
            elif change.kind == "capability":
                links |= change.touches(*LAYOUT_FIELDS["capability"])
            if change.kind in ("item", "instrument"):
                retext |= change.ids
            elif change.kind in ("project", "spend"):  # the currency shows on every bar, a spend line on one
                retext |= set(self.instruments)
        if touched:
            self.refresh(retext, relayout, moved, links)
        return touched

    def _follow(self, change: Change, fetch: Fetch) -> None:
        if change.kind == "stage":
            self._follow_drawn(change, fetch, self.headers, StageHeader)
        elif change.kind == "instrument":
            self._follow_drawn(change, fetch, self.bars, lambda e: InstrumentBar(e.id))
        elif change.kind == "capability":
            self._follow_drawn(change, fetch, self.links, CapabilityLink)
        else:
            mirror(change, self.tables[change.kind], fetch, latest)

    def _follow_drawn[E: Entity, I: QGraphicsItem](
        self, change: Change, fetch: Fetch, shown: dict[str, I], make: Callable[[E], I]
    ) -> None:
        """A kind drawn as items: keep its entities, make (but do not add) the items of new ones."""
        table = self.tables[change.kind]

        def show(entity: E, item: I | None) -> I:
            table[entity.id] = entity
            if item is None:
                item = make(entity)
                self._new.append(item)
            return item

        def drop(id_: str, item: I) -> None:
            table.pop(id_, None)
            self._release(id_)
            if item.scene() is self:
                self.removeItem(item)
            else:  # made for this very change, not placed yet
                self._new.remove(item)

        mirror(change, shown, fetch, show, drop)

    # ----- layout and analysis ----------------------------------------------------------------
    def refresh(
        self, retext: Iterable[str] = (), relayout: bool = True, moved: Iterable[str] = (), links: bool = False
    ) -> None:
        """Write the bars' words, put what moved where it goes (or lay everything out again when the
        stages changed), then have coverage worked out again."""
        new, self._new = self._new, []
        made = {i.instrument_id for i in new if isinstance(i, InstrumentBar)}
        shown = made | set(retext)
        money = self._money(shown) if shown else {}
        for id_ in shown:
            bar = self.bars.get(id_)
            if bar is not None:
                bar.show_instrument(self.name_of(id_), self.instruments[id_], self.currency, money.get(id_))
        links |= any(isinstance(i, CapabilityLink) for i in new)
        if relayout or any(isinstance(i, StageHeader) for i in new):
            plan, self._plan = self._plan, None
            self.relayout(plan if plan is not None and self._fits(plan) else None)
        else:
            self._place(made | set(moved), links)
            self._label_headers()
        for item in new:  # bars and links join their band once placed: moves inside the scene would be slow
            if isinstance(item, StageHeader):
                item.setParentItem(self.header)
        self.analyse()

    def _money(self, ids: set[str]) -> dict[str, float | None]:
        """These instruments' money over all years, from their spend lines: an edit to one bar rolls
        up that bar's lines, not every instrument's."""
        spend = cast("dict[str, SpendLine]", self.tables["spend"])
        instruments = self.instruments
        types = {i: instruments[i].budget_type for i in ids if i in instruments}
        return instrument_budgets((line for line in spend.values() if line.instrument_id in types), types)

    def relayout(self, plan: ChainPlan | None = None) -> None:
        """Lay the whole chain out from the entities (or as `plan`, made from them beside the window):
        every bar packed into the fewest rows of its lane, the unplaced ones by name (also undoes a drag's
        preview)."""
        if plan is None:
            names = {id_: self.name_of(id_) for id_ in self.instruments}
            plan = plan_chain(self.stages.values(), self.instruments, self.capabilities(), names)
        self.order, self.index, self.lanes = plan.order, plan.index, plan.lanes
        self.grid = grid = plan.grid
        for key, title in self.titles.items():
            title.place(grid, empty=grid.rows.get(key, 0) == 0)
        self.where = {}
        for key, spans in plan.bands.items():
            for id_, first, last in spans:
                self._put_bar(id_, key, plan.rows[id_], (first, last))
        self.chips = {}
        for k, id_ in enumerate(plan.unplaced):
            self._put_chip(id_, k)
        self._place_links(plan.rows, plan.spans)
        self.header.set_width(grid.right + 12)
        self.setSceneRect(QRectF(0, 0, grid.right + 12, grid.bottom + 12))
        self._label_headers()
        self.update()  # the columns behind everything

    def _fits(self, plan: ChainPlan) -> bool:
        """Whether `plan` lays out the stages and instruments shown (a plan from the entities as read)."""
        return set(plan.order) == set(self.stages) and len(plan.spans) + len(plan.unplaced) == len(self.instruments)

    def _put_bar(self, id_: str, band: str, row: int, span: Span) -> None:
        self.where[id_] = (band, row, span)
        if id_ in self.bars:
            self._set_bar(self.bars[id_])

    def _put_chip(self, id_: str, slot: int) -> None:
        self.chips[id_] = slot
        if id_ in self.bars:
            self._set_bar(self.bars[id_])

    def _set_bar(self, bar: InstrumentBar) -> None:
        """Draw a bar where its instrument was put: a row of its lane, or a slot of the tray."""
        if bar.instrument_id in self.where:
            band, row, span = self.where[bar.instrument_id]
            bar.span = span
            bar.set_rect(*self.grid.in_band(row, *span))
            self._join(bar, band)
        else:
            bar.span = None
            bar.set_rect(*self.grid.chip(self.chips[bar.instrument_id]))
            self._join(bar, "unplaced")

    def _join(self, item: QGraphicsItem, band: str) -> None:
        """Bars and links belong to their band's title, so a band that grows moves the bands below it
        (one item each), not every bar in them."""
        title = self.titles[band]
        if item.parentItem() is not title:
            item.setParentItem(title)

    def _release(self, id_: str) -> None:
        """Give back the row (or the tray slot) an instrument's bar had."""
        if id_ in self.where:
            band, row, span = self.where.pop(id_)
            self.lanes[band].free(row, *span)
        self.chips.pop(id_, None)

    def _place(self, ids: set[str], links: bool) -> None:
        """Move only these bars, each into the first row of its lane with room (an unplaced one into the
        tray's first free slot); a lane with no room grows by a row, moving the bands below it."""
        used = set(self.chips.values())
        free = (k for k in itertools.count() if k not in used)  # the tray's free slots, first to last
        for id_ in ids:
            instrument = self.instruments.get(id_)
            if instrument is None or id_ not in self.bars:
                continue
            self._release(id_)
            span = span_of(instrument, self.index)
            if span is None:
                slot = next(free)
                rows = self.grid.rows.get("unplaced", 0)
                if slot >= rows * max(self.grid.stages, 1):  # the tray grows by a row (and spare ones, as a lane)
                    self._regrid(unplaced=rows + 1 + rows // SPARE_ROWS)
                self._put_chip(id_, slot)
                continue
            band = instrument.value_role
            lane = self.lanes[band]
            row = lane.take(*span)
            if len(lane.taken) > self.grid.rows.get(band, 0):
                self._regrid(**{band: len(lane.taken) + len(lane.taken) // SPARE_ROWS})
            self._put_bar(id_, band, row, span)
        if not self.chips and self.grid.rows.get("unplaced"):
            self._regrid(unplaced=0)
        if links or self._linked(ids):
            found, count = pack_rows(self._capability_spans())
            if count != self.grid.rows.get("capability", 0):
                self._regrid(capability=count)
            self._place_links(found)

    def _linked(self, ids: set[str]) -> bool:
        """Whether a capability links one of these instruments (and so spans where they are)."""
        return bool(ids) and any(
            not ids.isdisjoint(getattr(c, "instrument_ids", ())) for c in self.tables["capability"].values()
        )

    def _regrid(self, **rows: int) -> None:
        """Bands of these many rows: the band titles (and the bars on them) move, nothing else."""
        counts = dict(self.grid.rows, **rows)
        self.grid = grid = Grid(self.grid.stages, counts)
        for key, title in self.titles.items():
            title.place(grid, empty=counts.get(key, 0) == 0)
        self.setSceneRect(QRectF(0, 0, grid.right + 12, grid.bottom + 12))

    def capabilities(self) -> list[Capability]:
        return [c for c in self.tables["capability"].values() if isinstance(c, Capability)]

    def _capability_spans(self, spans: Mapping[str, Span] | None = None) -> list[tuple[str, int, int]]:
        """Each capability over the stages of the instruments linked to it (every stage when none is
        placed); `spans`: the placed instruments' spans, when not the bars' own."""
        if spans is None:
            spans = {id_: bar.span for id_, bar in self.bars.items() if bar.span is not None}
        return capability_spans(self.capabilities(), spans, len(self.order))

    def _place_links(self, rows: dict[str, int], spans: Mapping[str, Span] | None = None) -> None:
        for id_, first, last in self._capability_spans(spans):
            link = self.links[id_]
            link.set_rect(*self.grid.in_band(rows[id_], first, last))
            self._join(link, "capability")

    def _label_headers(self) -> None:
        stages = self.stages
        for n, id_ in enumerate(self.order):
            self.headers[id_].show_stage(stages[id_], n, len(self.order))

    def analyse(self) -> None:
        """Coverage, findings and charts: at once for a small chain; for a large one beside the window
        once the edits pause, the newest request only."""
        if len(self.instruments) <= ANALYSE_BESIDE_ABOVE:
            self._pause.stop()
            self.analyser.cancel()
            self._analysed(analyse_value_chain(self._document()))
        elif self.analysis is None:  # opening: nothing to wait for
            self._analyse_beside()
        else:
            self._pause.start()

    def _analyse_beside(self) -> None:
        self._pause.stop()
        tables = [list(self.tables[kind].values()) for kind in KINDS]  # the entities as they are now
        self.analyser.request(lambda _progress, _stop: analyse_value_chain(Document.of(e for t in tables for e in t)))

    @property
    def analysing(self) -> bool:
        """A coverage analysis is due or under way."""
        return self._pause.isActive() or self.analyser.busy

    def settle(self) -> None:
        """Finish the bars and a coverage analysis still due or under way now (a picture or a figure needs it)."""
        self.unmade.finish()
        if self.analysing:
            self._pause.stop()
            self.analyser.cancel()
            self._analysed(analyse_value_chain(self._document()))

    def _document(self) -> Document:
        return Document.of(e for kind in KINDS for e in self.tables[kind].values())

    def _analysed(self, analysis: ValueChainAnalysis) -> None:
        self.analysis = analysis
        self.relabel()
        self.analysis_changed.emit(analysis)

    def relabel(self) -> None:
        """Write the coverage strip, the call-out and the capabilities' words from the current analysis;
        nothing moves."""
        a = self.analysis
        if a is None:
            return
        self._layout_cells()
        for cap in a.capabilities:
            link = self.links.get(cap.capability.id)
            if link is not None:
                c = cap.capability
                link.show_capability(c, [self.name_of(i) for i in c.instrument_ids], cap.span is not None)
        hatched = (len(a.stages), frozenset(row.index for row in a.stages if not row.count))
        if hatched != self._hatched:  # the background hatches the stages with no instrument
            self._hatched = hatched
            self.update()

    def _layout_cells(self) -> None:
        a = self.analysis
        assert a is not None
        while len(self.cells) < len(a.stages):
            self.cells.append(CoverageCell())
            self.cells[-1].setParentItem(self.header)
        while len(self.cells) > len(a.stages):
            self.removeItem(self.cells.pop())
        valley = set(a.valley.stage_ids) if a.valley.status in ("gap", "thin") else set()
        for row, cell in zip(a.stages, self.cells, strict=True):
            warning = (
                "No instrument" if not row.count else "Only one" if row.stage.id in valley and row.count == 1 else ""
            )
            cell.show_coverage(row, self.currency, warning, [self.name_of(i) for i in row.ids[:8]])
        ends = [self.index[s] for s in a.valley.stage_ids if s in self.index]
        self.callout.show_valley(a.valley, min(ends, default=None), max(ends, default=None), valley_label(a))

    def _stage_words(self, instrument_id: str) -> str:
        bar = self.bars.get(instrument_id)
        if bar is None or bar.span is None:
            return "Not placed on the value chain"
        first, last = (self.stages[self.order[i]].name for i in bar.span)
        return f"Stage: {first}" if bar.span[0] == bar.span[1] else f"Stages: {first} – {last}"

    # ----- read aloud (ui.canvas.accessible) ----------------------------------------------------
    def readable_items(self) -> list[QGraphicsItem]:
        """Stages left to right, then the instruments and capabilities lane by lane."""
        items: list[QGraphicsItem] = [*self.headers.values(), *self.bars.values(), *self.links.values()]
        return reading_order(i for i in items if i.isVisible())

    def spoken(self, item: QGraphicsItem) -> tuple[str, str]:
        if isinstance(item, StageHeader):
            return item.stage.name, f"Stage {item.index + 1} of {len(self.order)}"
        if isinstance(item, InstrumentBar):
            budget = f", budget {item.budget_text}" if item.budget_text else ""
            role = f"{ValueRole(item.role).label} ({ROLE_WORDS[item.role]})"
            return item.name, f"Instrument, {role}, {self._stage_words(item.instrument_id)}{budget}"
        if isinstance(item, CapabilityLink):
            c = item.capability
            now, needed = ("not given" if v is None else str(v) for v in (c.current, c.required))
            return c.name, f"Capability, level now {now}, required {needed}"
        return "", ""

    def pin_header(self, top: float) -> None:
        """Keep the stage headers at scene height `top` (the top of the view); 0 puts them home."""
        self.header.setY(max(0.0, min(top, self.grid.bottom - self.grid.lanes_top)))

    def helpEvent(self, event) -> None:
        """Write a bar's tooltip just before it shows (thousands of bars need none until then)."""
        for item in self.items(event.scenePos()):
            if isinstance(item, InstrumentBar):
                item.setToolTip(item.describe(self._stage_words(item.instrument_id)))
                break
        super().helpEvent(event)

    # ----- gestures ---------------------------------------------------------------------------
    def interaction_for(self, item: QGraphicsItem, event: QGraphicsSceneMouseEvent) -> Interaction | None:
        if isinstance(item, InstrumentBar):
            return BarGesture(self, item, event.scenePos())
        return super().interaction_for(item, event)

    def span_dropped(self, instrument_id: str, first: int, last: int, role: str) -> None:
        self.span_edited.emit(instrument_id, first, last, role)

    def place_dropped(self, instrument_id: str, at: QPointF) -> None:
        unplaced_top = self.grid.tops.get("unplaced", self.grid.bottom)
        if at.x() >= LEFT and self.grid.lanes_top <= at.y() < unplaced_top and self.grid.stages:
            self.placed.emit(instrument_id, self.grid.column_at(at.x()))
        else:
            self.relayout()  # back to the tray

    def _mark_related(self) -> None:
        selected = {i.capability.id for i in self.selectedItems() if isinstance(i, CapabilityLink)}
        caps = self.tables["capability"]
        related = {i for c in selected for i in getattr(caps[c], "instrument_ids", [])}
        for id_, bar in self.bars.items():
            if bar.related != (id_ in related):
                bar.related = id_ in related
                bar.update()

    # ----- background: column stripes, uncovered stages hatched ---------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        c = theme.ink(painter.device())
        painter.fillRect(rect, c.background)
        a, grid = self.analysis, self.grid
        if a is None:
            return
        top, height = grid.lanes_top, grid.bottom - grid.lanes_top
        for row in a.stages:
            column = QRectF(grid.column_x(row.index), top, COL_W, height)
            if row.index % 2:
                painter.fillRect(column, c.shade)
            if not row.count:
                hatch = QColor(c.warn)
                hatch.setAlpha(45)
                painter.fillRect(column, QBrush(hatch, Qt.BrushStyle.BDiagPattern))


type Chain = tuple[dict[str, list[Entity]], ChainPlan | None]  # the entities by kind, and where they go


def chain_at(path: Path) -> Chain:
    """Beside the window: the entities a chain shows, by kind, of the working copy at `path`, and where
    they go (planned here too: laying out 10,000 instruments held the window 40 to 100 ms)."""
    from db.snapshot import read_snapshot  # loaded beside the window, when first needed

    read = read_snapshot(path, KINDS).entities
    found = {kind: list(read.get(kind, {}).values()) for kind in KINDS}
    items = {e.id: e for e in found["item"] if isinstance(e, Item)}
    instruments = {e.id: e for e in found["instrument"] if isinstance(e, Instrument)}
    names = {i: items[i].name if i in items else i for i in instruments}
    stages = [e for e in found["stage"] if isinstance(e, ValueChainStage)]
    capabilities = [e for e in found["capability"] if isinstance(e, Capability)]
    return found, plan_chain(stages, instruments, capabilities, names)


def _given(entities: list[Entity]) -> Fetch:
    """A fetch that answers with entities already read (loading reads each kind whole, once)."""
    return lambda _kind, _ids: entities


def valley_label(a: ValueChainAnalysis) -> str:
    """The call-out's few words; the full sentence is its tooltip and the first finding."""
    v = a.valley
    rows = {s.stage.id: s for s in a.stages}
    if v.status == "gap":
        return "⚠ Valley of death: nothing at " + " or ".join(
            rows[i].stage.name for i in v.stage_ids if not rows[i].count
        )
    if v.status == "thin":
        thin = [rows[i].stage.name for i in v.stage_ids if rows[i].count == 1]
        return f"⚠ Valley of death: one instrument at {' and '.join(thin)}"
    if v.status == "covered":
        spanning = len(v.bridging_ids)
        return f"Prototype → production covered; {count(spanning, 'instrument')} span{'s' if spanning == 1 else ''} it"
    return ""
