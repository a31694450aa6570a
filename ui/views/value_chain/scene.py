"""The value-chain scene: mirrors stages, instruments and capabilities by id and follows the
document's changes; the coverage analysis (workbench.value_chain.analysis) decides every span, flag and count.

The scene keeps the entities it shows (updated only from change notifications), so coverage and
charts are recomputed after an edit without reading the whole database.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Protocol, cast

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent

from ui.canvas.accessible import reading_order
from ui.canvas.interaction import Interaction, InteractiveScene
from ui.canvas.mirror import Fetch, latest, mirror
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
from ui.views.value_chain.layout import BANDS, COL_W, LEFT, Grid, pack_rows
from workbench.changes import Change, Op
from workbench.document import Document
from workbench.entity import Entity
from workbench.project import Project
from workbench.spheres.budgets import budgets
from workbench.spheres.items import Instrument, Item, ValueRole
from workbench.value_chain.analysis import ValueChainAnalysis, analyse_value_chain
from workbench.value_chain.entities import ValueChainStage
from workbench.words import count

KINDS = ("stage", "item", "instrument", "spend", "capability", "project")
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
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # bars move together on relayout
        self.tables: dict[str, dict[str, Entity]] = {kind: {} for kind in KINDS}
        self.headers: dict[str, StageHeader] = {}
        self.cells: list[CoverageCell] = []
        self.bars: dict[str, InstrumentBar] = {}
        self.links: dict[str, CapabilityLink] = {}
        self.titles = {key: BandTitle(key, title, sub, empty, BAND_TIPS[key]) for key, title, sub, empty in BANDS}
        for title in self.titles.values():
            self.addItem(title)
        self.header = HeaderBand()
        self.addItem(self.header)
        self.callout = Callout()
        self.callout.setParentItem(self.header)
        self.analysis: ValueChainAnalysis | None = None
        self.grid = Grid(0)
        self.order: list[str] = []  # stage ids, left to right
        self._new: list[QGraphicsItem] = []  # items made for new entities, added once placed
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

    def load(self, source: Source) -> None:
        """Show the document: the creation of everything in it, followed like any other change."""
        for kind in KINDS:
            entities = source.all(kind)
            self._follow(Change(kind, Op.CREATED, frozenset(e.id for e in entities)), _given(entities))
        self.refresh()

    def apply(self, changes: list[Change], source: Source) -> bool:
        """Follow the service's report: only the entities named are fetched; True if anything shown changed.
        Only a change to where things go (a stage's position, an instrument's stages or lane, what a
        capability links) lays the chain out again; a rename or a budget only relabels."""
        retext: set[str] = set()
        touched = relayout = False
        for change in changes:
            if change.kind not in KINDS:
                continue
            touched = True
            self._follow(change, source.get_many)
            relayout |= change.kind in LAYOUT_FIELDS and change.touches(*LAYOUT_FIELDS[change.kind])
            if change.kind in ("item", "instrument"):
                retext |= change.ids
            elif change.kind in ("project", "spend"):  # the currency shows on every bar, a spend line on one
                retext |= set(self.instruments)
        if touched:
            self.refresh(retext, relayout)
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
            if item.scene() is self:
                self.removeItem(item)
            else:  # made for this very change, not placed yet
                self._new.remove(item)

        mirror(change, shown, fetch, show, drop)

    # ----- analysis and layout ----------------------------------------------------------------
    def refresh(self, retext: Iterable[str] = (), relayout: bool = True) -> None:
        """Recompute coverage, then place every header, cell, bar and capability from it (or, when
        nothing moved, only write their words again)."""
        doc = Document.of(e for kind in KINDS for e in self.tables[kind].values())
        self.analysis = analyse_value_chain(doc)
        new, self._new = self._new, []
        made = {i.instrument_id for i in new if isinstance(i, InstrumentBar)}
        money = budgets(doc) if made or retext else {}
        for id_ in made | set(retext):
            bar = self.bars.get(id_)
            if bar is not None:
                bar.show_instrument(self.name_of(id_), self.instruments[id_], self.currency, money.get(id_))
        if relayout or new:
            self.relayout()
        else:
            self.relabel()
        for item in new:  # placed before they join the scene: thousands of moves inside it would be slow
            if isinstance(item, StageHeader):
                item.setParentItem(self.header)
            else:
                self.addItem(item)
        self.analysis_changed.emit(self.analysis)

    def relayout(self) -> None:
        """Put everything where the current analysis says (also undoes a drag's preview)."""
        a = self.analysis
        assert a is not None
        self.order = [s.stage.id for s in a.stages]
        n = len(self.order)
        bands: dict[str, list[tuple[str, int, int]]] = {"creation": [], "both": [], "capture": []}
        for id_, (first, last) in a.spans.items():
            bands[self.instruments[id_].value_role].append((id_, first, last))
        caps = [(c.capability.id, *(c.span or (0, max(n - 1, 0)))) for c in a.capabilities]
        rows: dict[str, int] = {}
        counts: dict[str, int] = {}
        for key, spans in (*bands.items(), ("capability", caps)):
            found, counts[key] = pack_rows(spans)
            rows.update(found)
        counts["unplaced"] = math.ceil(len(a.not_placed) / max(n, 1))
        self.grid = grid = Grid(n, counts)
        for key, title in self.titles.items():
            title.place(grid, empty=counts.get(key, 0) == 0)
        for id_, (first, last) in a.spans.items():
            bar = self.bars[id_]
            bar.span = (first, last)
            bar.set_rect(*grid.bar(self.instruments[id_].value_role, rows[id_], first, last))
        for k, id_ in enumerate(a.not_placed):
            bar = self.bars[id_]
            bar.span = None
            bar.set_rect(*grid.chip(k))
        for cap in a.capabilities:
            c = cap.capability
            self.links[c.id].set_rect(*grid.bar("capability", rows[c.id], *(cap.span or (0, max(n - 1, 0)))))
        self.header.set_width(grid.right + 12)
        self.setSceneRect(QRectF(0, 0, grid.right + 12, grid.bottom + 12))
        self.relabel()

    def relabel(self) -> None:
        """Write the words of every header, cell and capability from the current analysis; nothing moves."""
        a = self.analysis
        assert a is not None
        for row in a.stages:
            self.headers[row.stage.id].show_stage(row.stage, row.index, len(a.stages))
        self._layout_cells()
        for cap in a.capabilities:
            c = cap.capability
            self.links[c.id].show_capability(c, [self.name_of(i) for i in c.instrument_ids], cap.span is not None)
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
        ends = [self.order.index(s) for s in a.valley.stage_ids]
        self.callout.show_valley(a.valley, min(ends, default=None), max(ends, default=None), valley_label(a))

    def _stage_words(self, instrument_id: str) -> str:
        a = self.analysis
        span = a.spans.get(instrument_id) if a else None
        if a is None or span is None:
            return "Not placed on the value chain"
        first, last = (a.stages[i].stage.name for i in span)
        return f"Stage: {first}" if span[0] == span[1] else f"Stages: {first} – {last}"

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
        painter.fillRect(rect, QColor("#ffffff"))
        a, grid = self.analysis, self.grid
        if a is None:
            return
        top, height = grid.lanes_top, grid.bottom - grid.lanes_top
        for row in a.stages:
            column = QRectF(grid.column_x(row.index), top, COL_W, height)
            if row.index % 2:
                painter.fillRect(column, QColor(0, 0, 0, 10))
            if not row.count:
                painter.fillRect(column, QBrush(QColor(161, 0, 28, 45), Qt.BrushStyle.BDiagPattern))


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
