"""The spheres scene: mirrors spheres and items by id and follows the document's changes.

The scene keeps the entities it shows (updated only from change notifications) so regions and gaps
can be recomputed live while something is dragged, without asking the database. Counts, regions and
gaps are there as soon as it loads; on a large document the item cards follow a slice per turn of the
event loop (ui.canvas.backlog), and a card the user reaches for first is made at once.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent

from ui.canvas.backlog import Backlog
from ui.canvas.interaction import Interaction, InteractiveScene
from ui.canvas.leaving import Leaving
from ui.canvas.mirror import Fetch, latest, let_go_of, mirror
from ui.canvas.tiles import Tiles
from ui.canvas.view import CanvasView
from ui.views.spheres.gestures import SphereGesture
from ui.views.spheres.items import CARD, DOT, MarkerLayer, OutsideArea, PolicyItem, RegionLabel, SphereItem
from ui.views.spheres.model import Board, build, net_budget
from workbench.changes import Change
from workbench.money.entities import SpendLine
from workbench.spheres.analysis import RegionTally, SpheresAnalysis
from workbench.spheres.entities import (
    REGIONS,
    PointIndex,
    Region,
    RegionSpots,
    Sphere,
    pick_anchors,
    region_of,
    region_spots,
    regions_of,
)
from workbench.spheres.items import Instrument, Item

SPHERE_GEOMETRY = ("cx", "cy", "r")  # a sphere changing these moves every region
ITEM_GEOMETRY = ("x", "y")  # an item changing these may change region and covers other spots
CARDS_AT_ONCE = 300  # a document with up to this many items gets every card as it loads
COMPACT_ABOVE = 300  # more items than this on screen: names would be unreadable, show markers
CARDS_PER_TURN = 150  # more, and this many cards are made per turn of the event loop (a card costs ~0.1 ms)
SHALLOWEST_INDEX = 5  # Qt's own least depth for the index it sizes itself


class SpheresScene(InteractiveScene):
    items_moved = Signal(list)  # [(id, (old x, old y), (new x, new y))] after a mouse drag
    sphere_edited = Signal(str, dict)  # id, changed geometry fields, after a sphere gesture
    analysis_changed = Signal(object)  # SpheresAnalysis
    cards_made = Signal(list)  # [PolicyItem] made after the scene loaded (a slice of a large document)

    def __init__(self, parent=None):
        super().__init__(parent)
        # Indexed: a repaint looks only at the items in the part redrawn (without it, every item, for every
        # small repaint after an edit).
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.items_by_id: dict[str, Item] = {}
        self.instruments: dict[str, Instrument] = {}
        self.spend: dict[str, SpendLine] = {}  # the instruments' money, for the budget per region
        self.spend_of: dict[str, dict[str, float]] = {}  # instrument id -> its spend lines' amounts
        self.spheres: dict[str, Sphere] = {}
        self.policy_items: dict[str, PolicyItem] = {}  # the cards made so far
        self.tiles = Tiles(self, PolicyItem.Z)  # hold them: an edit walks a tile's cards, not every card
        self.unmade: Backlog[str, Region] = Backlog(self._make_cards, CARDS_PER_TURN, self)  # the others
        self.leaving = Leaving(self)  # what a hidden section lets go of
        self.sphere_items: dict[str, SphereItem] = {}
        self.region_labels = {r: RegionLabel(r) for r in REGIONS if r is not Region.OUTSIDE}
        for label in self.region_labels.values():
            self.addItem(label)
        self.outside = OutsideArea(QRectF())
        self.addItem(self.outside)
        self.markers = MarkerLayer()  # draws the placed items' markers in a crowded view
        self.addItem(self.markers)
        self._marked: set[PolicyItem] = set()  # the compact cards selected when the layer last drew them
        self.selectionChanged.connect(self._redraw_selected)
        self.analysis: SpheresAnalysis | None = None
        self.compact = False
        # Kept as edits come, so an edit costs the items it named: counts per region, where the items
        # are (the region labels keep clear of them), and the labels' candidate spots (spheres only).
        self.tally = RegionTally()
        self.points = PointIndex()
        self.spots: RegionSpots = region_spots([])
        self._labels_placed_on: tuple[int, RegionSpots, bool] | None = None

    # ----- building and following the model -------------------------------------------------
    def load(
        self, spheres: list[Sphere], items: list[Item], instruments: list[Instrument], spend: Sequence[SpendLine] = ()
    ) -> None:
        """Show these at once (a large board is worked out beside the window and `adopt`ed)."""
        self.adopt(build(spheres, items, instruments, spend))

    def adopt(self, board: Board) -> None:
        """Show `board` from now on, in place of what the scene showed: its spheres, counts and labels
        at once, its cards too on a small board (a slice per turn of the event loop on a large one)."""
        self._let_go()
        self.spheres, self.items_by_id, self.instruments = board.spheres, board.items, board.instruments
        self.spend, self.spend_of = board.spend, board.spend_of
        self.tally, self.points, self.spots = board.tally, board.points, board.spots
        for sphere in board.spheres.values():
            self.sphere_items[sphere.id] = self._show_sphere(sphere, None)
        if len(board.regions) > CARDS_AT_ONCE:
            self._index_for(len(board.regions))
            self.unmade.add(board.regions)
        else:
            self._make_cards(list(board.regions.items()))
        self._layout_decorations()
        self._show_analysis(board.analysis or self.tally.analysis(list(self.spheres.values())))
        self.place_region_labels()

    def _index_for(self, cards: int) -> None:
        """Size the scene's index for the cards to come, as Qt sizes it for a scene indexed with every item
        at once (a level per doubling): Qt works the size out once, the first time it indexes, and keeps
        it. Indexed with the first few cards of 20,000, each part of it held hundreds of these small, dense
        cards, and every small repaint after an edit looked at all of them."""
        depth = max(SHALLOWEST_INDEX, math.ceil(math.log2(cards + len(self.items()))))
        if depth > self.bspTreeDepth():
            self.setBspTreeDepth(depth)

    def unload(self) -> None:
        """Let go of every sphere and item shown (a hidden view releasing its scene), a slice per turn
        (ui.canvas.leaving); `load` shows them again."""
        self._let_go(self.leaving.add)

    def _let_go(self, release: Callable[[list[QGraphicsItem]], object] | None = None) -> None:
        """Let go of what is shown: at once (a new board comes in its place), or with `release`."""
        self.unmade.clear()
        self._marked.clear()
        self.markers.update()  # once for every marker there was
        self.leaving.finish()
        shown: list[QGraphicsItem] = [*self.policy_items.values(), *self.sphere_items.values()]
        if release is None:
            let_go_of(self, shown)
        else:
            release(shown)
        tables = (self.policy_items, self.sphere_items, self.items_by_id, self.instruments, self.spheres, self.spend)
        for table in (*tables, self.spend_of):
            table.clear()
        self.tally, self.points, self.analysis = RegionTally(), PointIndex(), None
        self._labels_placed_on = None

    def apply(self, changes: list[Change], fetch: Fetch) -> None:
        """Follow the service's report: only the entities named are fetched and redrawn, and geometry
        is worked out again only for what moved (a rename relabels a card, nothing more)."""
        spheres_moved = items_moved = touched = False
        counted: set[str] = set()  # items whose count, budget or words may have changed
        for change in changes:
            if change.kind == "item":
                self.cards_for(change.ids)  # a card still to make is made now, then follows the change
            if change.kind == "sphere":
                mirror(change, self.sphere_items, fetch, self._show_sphere, self._drop_sphere)
                spheres_moved |= change.touches(*SPHERE_GEOMETRY)
            elif change.kind == "item":
                mirror(change, self.policy_items, fetch, self._show_item, self._drop_item)
                items_moved |= change.touches(*ITEM_GEOMETRY)
                counted |= change.ids
            elif change.kind == "instrument":
                mirror(change, self.instruments, fetch, latest)
                counted |= change.ids
            elif change.kind == "spend":
                counted |= self._spend_index(change.ids, drop=True)  # the instruments it left...
                mirror(change, self.spend, fetch, latest)
                counted |= self._spend_index(change.ids, drop=False)  # ...and those it belongs to now
            else:
                continue
            touched = True
        self._count(counted)
        if spheres_moved:
            self.spots = region_spots(list(self.spheres.values()))
            self.points.forget()
            self.recompute_regions()
            self.recount()
            self._layout_decorations()
        if touched:
            self.refresh_analysis()
        if spheres_moved or items_moved:
            self.place_region_labels()

    def _show_sphere(self, sphere: Sphere, item: SphereItem | None) -> SphereItem:
        self.spheres[sphere.id] = sphere
        if item is None:
            item = SphereItem(sphere)
            self.addItem(item)
        else:
            item.update_from(sphere)
        return item

    def _drop_sphere(self, id_: str, item: SphereItem) -> None:
        self.spheres.pop(id_, None)
        self.removeItem(item)

    def _count(self, ids: Iterable[str]) -> None:
        """Count these items again in their regions (their profile, name or place changed)."""
        for id_ in ids:
            item = self.items_by_id.get(id_)
            if item is None:
                self.tally.drop(id_)
            else:
                self.tally.put(item, self.region_of_item(id_), self.instruments.get(id_), self._budget(id_))

    def region_of_item(self, id_: str) -> Region:
        """The region an item's card shows (or will show, once made)."""
        card = self.policy_items.get(id_)
        return card.region if card is not None else self.unmade.waiting[id_]

    def cards_for(self, ids: Iterable[str]) -> list[PolicyItem]:
        """The cards of these items, made now if they were still to make (selected, edited, found)."""
        self.unmade.now(ids)
        return [self.policy_items[i] for i in ids if i in self.policy_items]

    def finish_cards(self) -> None:
        """Every card now (a picture of the whole scene, every region worked out again)."""
        self.unmade.finish()

    def _make_cards(self, due: list[tuple[str, Region]]) -> None:
        made = [self._new_card(self.items_by_id[id_], region) for id_, region in due]
        self.policy_items.update((card.item_id, card) for card in made)
        self.cards_made.emit(made)

    def _spend_index(self, ids: Iterable[str], drop: bool) -> set[str]:
        """Take the lines out of (or put them into) their instruments' amounts; the instruments touched."""
        touched = set()
        for id_ in ids:
            line = self.spend.get(id_)
            if line is not None:
                amounts = self.spend_of.setdefault(line.instrument_id, {})
                if drop:
                    amounts.pop(id_, None)
                else:
                    amounts[id_] = line.amount
                touched.add(line.instrument_id)
        return touched

    def _budget(self, instrument_id: str) -> float | None:
        return net_budget(self.spend_of.get(instrument_id), self.instruments.get(instrument_id))

    def _show_item(self, item: Item, shown: PolicyItem | None) -> PolicyItem:
        self.items_by_id[item.id] = item
        self.points.put(item.id, item.x, item.y)
        if shown is None:
            return self._new_card(item, region_of(item.x, item.y, list(self.spheres.values())), on_top=True)
        old = shown.entity
        moved = (old.x, old.y) != (item.x, item.y)
        shown.update_from(item, region_of(item.x, item.y, list(self.spheres.values())) if moved else shown.region)
        if moved:
            self.tiles.hold(shown, on_top=True)
        return shown

    def _new_card(self, item: Item, region: Region, on_top: bool = False) -> PolicyItem:
        card = PolicyItem(item, region)
        card.set_compact(self.compact)
        # Not a child of the layer: Qt walks every child of an item it repaints any part of.
        self.tiles.hold(card, on_top)
        card.redraw_marker()
        return card

    def _drop_item(self, id_: str, shown: PolicyItem) -> None:
        self.items_by_id.pop(id_, None)
        self.points.drop(id_)
        self._marked.discard(shown)
        shown.erase_marker()
        self.removeItem(shown)

    def _redraw_selected(self) -> None:
        """The markers selected or no longer selected are drawn again (a marker shows its selection)."""
        marked = {i for i in self.selectedItems() if isinstance(i, PolicyItem) and i.compact}
        for card in marked ^ self._marked:
            card.redraw_marker()
        self._marked = marked

    # ----- regions ---------------------------------------------------------------------------
    def recompute_regions(self, spheres: list[Sphere] | None = None) -> None:
        """Give every item the region its position falls in (after a sphere moved or resized)."""
        self.finish_cards()
        spheres = spheres or list(self.spheres.values())
        shown = list(self.policy_items.values())
        for item, region in zip(shown, regions_of([(p.x(), p.y()) for p in shown], spheres), strict=True):
            item.set_region(region)

    def recount(self) -> None:
        """Count every item in the region its card shows (after every region was worked out again)."""
        self._count(list(self.items_by_id))

    def refresh_analysis(self) -> None:
        self._show_analysis(self.tally.analysis(list(self.spheres.values())))

    def _show_analysis(self, analysis: SpheresAnalysis) -> None:
        self.analysis = analysis
        flagged = {g["region"] for g in self.analysis.gaps if g["severity"] in ("empty", "thin")}
        for region, label in self.region_labels.items():
            label.set_state(self.analysis.regions[region].count, region.value in flagged)
        self.analysis_changed.emit(self.analysis)

    def place_region_labels(self) -> None:
        """Each region's count goes near the region's middle, on a spot no item card covers if there is one."""
        placed_on = (self.points.generation, self.spots, self.compact)
        if placed_on == self._labels_placed_on:  # no item came near a spot the labels were tried on
            return
        self._labels_placed_on = placed_on
        shape = DOT if self.compact else CARD
        left, top, right, bottom = shape.left(), shape.top(), shape.right(), shape.bottom()

        def covered(box: tuple[float, float, float, float]) -> bool:  # a card at (x, y) overlaps the box
            return self.points.any_within((box[0] - right, box[1] - bottom, box[2] - left, box[3] - top))

        size = next(iter(self.region_labels.values())).boundingRect().size()
        anchors = pick_anchors(self.spots, covered, (size.width(), size.height()))
        for region, label in self.region_labels.items():
            label.setPos(*anchors[region])

    def itemsBoundingRect(self) -> QRectF:
        """What is drawn (fitting the view, exporting): every item's card where it is (made or still to
        make), with the spheres, labels and frame; not the marker layer, which reaches further than its
        markers. Worked out from the items' places, not by asking thousands of cards."""
        rect = QRectF()
        for item in self.items():
            if item is not self.markers and not isinstance(item, PolicyItem):
                rect = rect.united(item.sceneBoundingRect())
        if self.items_by_id:
            xs, ys = [i.x for i in self.items_by_id.values()], [i.y for i in self.items_by_id.values()]
            shape = DOT if self.compact else CARD
            cards = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            rect = rect.united(cards.adjusted(shape.left(), shape.top(), shape.right(), shape.bottom()))
        return rect

    def _layout_decorations(self) -> None:
        spheres = list(self.spheres.values())
        if spheres:
            left = min(s.cx - s.r for s in spheres)
            right = max(s.cx + s.r for s in spheres)
            top = min(s.cy - s.r for s in spheres)
            bottom = max(s.cy + s.r for s in spheres)
            self.outside.set_rect(QRectF(left - 180, top - 60, right - left + 360, bottom - top + 160))
        self.setSceneRect(self.itemsBoundingRect().adjusted(-200, -200, 200, 200))

    # ----- gestures ---------------------------------------------------------------------------
    def interaction_for(self, item: QGraphicsItem, event: QGraphicsSceneMouseEvent) -> Interaction | None:
        if isinstance(item, SphereItem):
            return SphereGesture(self, item, event.scenePos())
        return super().interaction_for(item, event)

    def sphere_dragging(self, sphere_id: str, cx: float, cy: float, r: float) -> None:
        """Regions follow a sphere while it is moved or resized."""
        live = [s if s.id != sphere_id else _moved(s, cx, cy, r) for s in self.spheres.values()]
        self.recompute_regions(live)

    def cards_dragged(self, cards: list[QGraphicsItem]) -> None:
        spheres = list(self.spheres.values())
        for card in cards:
            if isinstance(card, PolicyItem):
                card.set_region(region_of(card.x(), card.y(), spheres))
                card.redraw_marker()

    def cards_moved(self, moved: list[tuple[QGraphicsItem, QPointF, QPointF]]) -> None:
        items = [
            (card.item_id, (old.x(), old.y()), (new.x(), new.y()))
            for card, old, new in moved
            if isinstance(card, PolicyItem)
        ]
        if items:
            self.items_moved.emit(items)

    def follow_detail(self, canvas: CanvasView) -> None:
        """Cards with names where they can be read on `canvas`; compact markers when too many crowd it
        (the spheres, and the workshop board that draws on them)."""
        canvas.viewport_changed.connect(self._fit_detail)

    def _fit_detail(self) -> None:
        canvas = self.sender()
        if isinstance(canvas, CanvasView):
            self.set_compact(self.count_in(canvas.visible_rect()) > COMPACT_ABOVE)

    def set_compact(self, compact: bool) -> None:
        """Cards or compact markers for every item (level of detail for crowded views)."""
        if compact != self.compact:
            self.compact = compact
            self.points.forget()
            for item in self.policy_items.values():
                item.set_compact(compact)
            if compact and self.items_by_id:
                xs, ys = [i.x for i in self.items_by_id.values()], [i.y for i in self.items_by_id.values()]
                self.markers.cover(
                    QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)).adjusted(
                        DOT.left(), DOT.top(), DOT.right(), DOT.bottom()
                    )
                )
            self.markers.set_drawing(compact)
            self.place_region_labels()

    def count_in(self, rect: QRectF) -> int:
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        return sum(1 for i in self.items_by_id.values() if left <= i.x <= right and top <= i.y <= bottom)

    def selected_policy_items(self) -> list[PolicyItem]:
        return [i for i in self.selectedItems() if isinstance(i, PolicyItem)]

    def restore_positions(self, ids: Iterable[str]) -> None:
        """Put items back where the model has them (after a refused move)."""
        for id_ in ids:
            if id_ in self.policy_items:
                item = self.items_by_id[id_]
                self.policy_items[id_].setPos(item.x, item.y)
                self.policy_items[id_].redraw_marker()
        self.recompute_regions()


def _moved(sphere: Sphere, cx: float, cy: float, r: float) -> Sphere:
    return dataclasses.replace(sphere, cx=cx, cy=cy, r=r)
