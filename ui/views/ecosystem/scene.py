"""The ecosystem scene: mirrors actors and links by id and follows the document's change reports.

It keeps the entities it shows (model.py, updated only from change notifications), so the analysis can
run on them without asking the database, and it reports a mouse drag as one list of moves on release.
Actors without a position are parked in a column to the left of the map until they are laid out.

Links are rows of arrays drawn by one item (links.py), picked by distance and given tooltips by the
scene. Actors are graphics items (each selected, dragged, tabbed to and read out on its own) where the
user can see and handle them: every actor of a small map; on a large one those in view once few enough
are to read their names, the selected ones, the one under the pointer or the keyboard cursor. The
others are drawn by one item from arrays (actors.py) and become items when pressed, hovered or caught
in a rubber band, so a map of 10,000 actors opens and zooms in milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneHelpEvent, QGraphicsSceneMouseEvent, QToolTip

from ui.canvas.interaction import InteractiveScene
from ui.canvas.mirror import Fetch, mirror
from ui.markup import escape
from ui.views.ecosystem.actors import ActorLayer, Actors, within
from ui.views.ecosystem.items import ActorItem
from ui.views.ecosystem.links import LinkLayer, lines_path
from ui.views.ecosystem.model import MapData, build
from workbench.changes import Change, Op
from workbench.ecosystem.entities import Actor, Link, LinkType

PLACE = frozenset({"x", "y"})  # where an actor is drawn: moving it changes no metric
DRAWN = ("actor_type",)  # with its place, what of an actor the actor layer draws (its size: `set_scales`)
SCROLL_MARGIN = 10.0  # less than the canvas leaves around the map when it fits it, so no scroll bars then
CLICK_TOLERANCE = 6.0  # how close (in pixels) a click must be to a link to pick it
VIEW_ITEMS = 400  # actors in view that are items (names, codes, focus); a map this small is all items
ITEMS_PER_TURN = 25  # items made for the view per turn of the event loop (each paints once, ~1 ms)
CACHE_STEP = math.sqrt(2)  # items keep their drawing at the zoom rounded up to a power of this


class EcosystemScene(InteractiveScene, MapData):
    actors_moved = Signal(list)  # [(id, (x, y))] after a mouse drag
    selection_changed = Signal()  # actors (Qt's selection) or links (ours) changed
    loaded = Signal()  # the whole map is in (at once on a small map, read beside the window on a large one)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # many items move together
        self.reset_data()
        self.actor_items: dict[str, ActorItem] = {}
        self.selected_links: list[str] = []
        self.movable = True  # False for a read-only document: a drag would only snap back
        self.loading = False  # the view is reading the map beside the window
        self.layer = LinkLayer()
        self.addItem(self.layer)
        self.actor_layer = ActorLayer()
        self.addItem(self.actor_layer)
        self._rows_of: dict[str, int] = {}  # actor id -> its row in the actor layer's arrays
        self._zoom_cached = 1.0  # the zoom items keep their drawing at (see _cache_zoom)
        self._content = QRectF()
        self._sync = QTimer(self)  # items follow the view once per turn of the event loop
        self._sync.setSingleShot(True)
        self._sync.setInterval(0)
        self._sync.timeout.connect(self.sync_items)
        self.selectionChanged.connect(self.selection_changed)
        self.selectionChanged.connect(self.items_due)

    # ----- following the model ----------------------------------------------------------------
    def load(self, actors: list[Actor], links: list[Link]) -> None:
        """Show this map at once (a small one; a large one is built beside the window and `adopt`ed)."""
        self.adopt(build(actors, links, self.scale_of))

    def adopt(self, data: MapData) -> None:
        """Show the map `data` holds from now on, in place of what the scene showed (one step: a large
        map built beside the window)."""
        kept = {i: item for i, item in self.actor_items.items() if i in data.actors}  # (selected, say)
        for id_ in self.actor_items.keys() - kept.keys():
            self.removeItem(self.actor_items[id_])
        self.actor_items = kept
        self.selected_links = []
        vars(self).update(vars(data))
        laid, drawn, self.laid, self.drawn = self.laid, self.drawn, None, None
        self.layer.draw(self._routes, self._look, list(self._looks), np.zeros(0, dtype=np.int64), laid)
        self._actors_changed(drawn)
        for id_ in kept:
            self._placed(id_)
        if kept:
            self._itemised()
        self.fit_scene_rect()
        if len(self.actors) <= VIEW_ITEMS:
            self.sync_items()
        else:
            self.items_due()  # once the view has fitted the map
        self.loaded.emit()

    def items_for(self, ids: Iterable[str]) -> list[ActorItem]:
        """The items of these actors, made now if they were drawn by the actor layer."""
        out = []
        made = False
        for id_ in ids:
            if id_ in self.actors and id_ not in self.actor_items:
                self.actor_items[id_] = self._make_item(self.actors[id_])
                made = True
            if id_ in self.actor_items:
                out.append(self.actor_items[id_])
        if made:
            self._itemised()
        return out

    def apply(self, changes: list[Change], fetch: Fetch) -> bool:
        """Follow a change report, touching only the entities named. True when the network itself
        changed (not merely where actors are drawn), so the analysis must run again."""
        structural = park = fit = drawn = relinked = False  # drawn: the actor layer's rows change
        pairs: set[tuple[str, str]] = set()
        for change in changes:
            if change.kind == "actor":
                actors = {i: self.actors[i] for i in change.ids if i in self.actors}
                mirror(change, actors, fetch, self._show_actor, self._drop_actor)
                structural |= change.op != Op.UPDATED or not change.fields <= PLACE
                if change.touches(*PLACE):
                    pairs |= {self._pair_of(k) for a in change.ids for k in self.links_of.get(a, ())}
                park |= change.touches(*PLACE, "name")  # actors waiting for a place stand in name order
                fit |= change.op != Op.UPDATED or change.touches(*PLACE)
                drawn |= change.touches(*PLACE, *DRAWN)
            elif change.kind == "link":
                pairs |= {self._pair_of(k) for k in change.ids if k in self.links}  # where they were
                links = {i: self.links[i] for i in change.ids if i in self.links}
                mirror(change, links, fetch, self._show_link, self._drop_link)
                pairs |= {self._pair_of(k) for k in change.ids if k in self.links}  # where they are
                structural = relinked = True
        if park and self.waiting:
            pairs |= {self._pair_of(k) for a in self.waiting for k in self.links_of.get(a, ())}
            self.park_unplaced()
            drawn = True
        self._index_fresh()
        self._route_pairs(pairs)
        if pairs or relinked or drawn:  # (a renamed actor's name is its item's: the layers stay as drawn)
            self._redraw()
        if drawn:
            self._actors_changed()
        if any(c.kind == "actor" for c in changes):
            self.items_due()
        if park or fit:
            self.fit_scene_rect()
        return structural

    def _make_item(self, actor: Actor) -> ActorItem:
        item = ActorItem(actor, unplaced=actor.id in self.waiting, scale=self.scale_of.get(actor.id, 1.0))
        item.setPos(*self.place.get(actor.id, (0.0, 0.0)))
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, self.movable)
        item.cache_at(self._zoom_cached)
        self.addItem(item)
        return item

    def _placed(self, actor_id: str) -> None:
        item = self.actor_items.get(actor_id)
        if item is not None:
            item.unplaced = actor_id in self.waiting
            item.setPos(*self.place[actor_id])
            item.update_from(self.actors[actor_id])

    def _show_actor(self, actor: Actor, _shown: Actor | None) -> Actor:
        self.keep_actor(actor)
        item = self.actor_items.get(actor.id)
        if item is None:
            if len(self.actors) <= VIEW_ITEMS:
                self.actor_items[actor.id] = self._make_item(actor)
        else:
            item.unplaced = actor.id in self.waiting
            item.setPos(*self.place.get(actor.id, (item.x(), item.y())))
            item.update_from(actor)
        return actor

    def _drop_actor(self, id_: str, _actor: Actor) -> None:
        self.forget_actor(id_)
        for link_id in [i for i in self.selected_links if i not in self.links]:
            self.selected_links.remove(link_id)
        item = self.actor_items.pop(id_, None)
        if item is not None:
            self.removeItem(item)

    def _show_link(self, link: Link, _shown: Link | None) -> Link:
        self.keep_link(link)
        return link

    def _drop_link(self, id_: str, _link: Link) -> None:
        if id_ in self.selected_links:
            self.selected_links.remove(id_)
        self.forget_link(id_)

    # ----- actors: items where they can be handled, the rest drawn together ----------------------
    def _actors_changed(self, drawn: tuple[dict[str, int], Actors, QRectF] | None = None) -> None:
        """The actor layer's rows again, from the actors as they are now (or as `drawn` beside the window)."""
        self._rows_of, rows, reach = drawn or self.actor_rows(self.actor_items)
        self.actor_layer.draw(rows, reach)

    def _itemised(self) -> None:
        """Items were made or let go of: the actor layer leaves out those with an item."""
        a = self.actor_layer.actors
        if len(a.itemised) != len(self.actors):
            self._actors_changed()
            return
        a.itemised[:] = False
        rows = [self._rows_of[i] for i in self.actor_items if i in self._rows_of]
        a.itemised[rows] = True
        self.actor_layer.changed()

    def items_due(self) -> None:
        """The view moved or the selection changed: items follow at the next turn of the event loop."""
        self._sync.start()

    def sync_items(self) -> None:
        """Items for the actors that need one (see the module's docstring); the others are let go of."""
        wanted = self._wanted()
        keep = set(wanted) | {i.actor_id for i in self.selectedItems() if isinstance(i, ActorItem)}
        grabber = self.mouseGrabberItem()
        if isinstance(grabber, ActorItem):
            keep.add(grabber.actor_id)
        for view in self.views():
            cursor = getattr(getattr(view, "reader", None), "cursor", None)
            if isinstance(cursor, ActorItem) and shiboken6.isValid(cursor):
                keep.add(cursor.actor_id)
        if self.interaction is not None:
            keep |= {c.actor_id for c in getattr(self.interaction, "home", ()) if isinstance(c, ActorItem)}
        gone = [i for i in self.actor_items if i not in keep]
        for id_ in gone:
            self.removeItem(self.actor_items.pop(id_))
        zoom = self._cache_zoom()
        if zoom != self._zoom_cached:
            self._zoom_cached = zoom
            for item in self.actor_items.values():
                item.cache_at(zoom)
        new = [i for i in wanted if i not in self.actor_items]
        if len(new) > ITEMS_PER_TURN and len(self.actors) > VIEW_ITEMS:  # a few at a time: the window answers
            new = new[:ITEMS_PER_TURN]
            self._sync.start()
        if new:
            self.items_for(new)
        elif gone:
            self._itemised()

    def _cache_zoom(self) -> float:
        """The zoom items keep their drawing at: the view's, rounded up to a step, so a zoom within the
        step repaints without drawing any actor again (Qt scales the kept drawings)."""
        views = self.views()
        if not views:
            return 1.0
        zoom = max(views[0].transform().m11(), 1e-3) * views[0].devicePixelRatioF()
        return min(CACHE_STEP ** math.ceil(math.log(zoom, CACHE_STEP) - 1e-9), 16.0)

    def _wanted(self) -> list[str]:
        """The actors that need an item, in the document's order: actors drawn over each other stack
        the same way at every opening."""
        if len(self.actors) <= VIEW_ITEMS:
            return list(self.actors)
        rows = np.zeros(0, dtype=np.int64)
        xy = self.actor_layer.actors.xy
        for view in self.views():
            seen = view.mapToScene(view.viewport().rect()).boundingRect()
            inside = np.flatnonzero(within(xy, seen))
            if len(inside) <= VIEW_ITEMS:
                rows = np.concatenate([rows, inside])
        ids = list(self._rows_of)
        seen_once = np.flatnonzero(np.bincount(rows, minlength=len(ids)))  # (np.unique loads np.ma: 20 ms, here)
        return [ids[n] for n in seen_once.tolist()]

    def actor_at(self, point: QPointF) -> str | None:
        """The actor drawn by the actor layer under `point` (within its outline's reach), if any."""
        a = self.actor_layer.actors
        if not len(a.xy):
            return None
        distance = np.hypot(a.xy[:, 0] - point.x(), a.xy[:, 1] - point.y())
        distance[a.itemised | ~np.isfinite(distance)] = np.inf
        row = int(np.argmin(distance))
        return list(self._rows_of)[row] if distance[row] <= a.radius[row] * 1.3 else None

    def itemise_at(self, point: QPointF) -> None:
        """An item for the actor under `point`, so that Qt's press, drag and tooltip reach it."""
        id_ = self.actor_at(point)
        if id_ is not None:
            self.items_for([id_])

    def itemise_rect(self, rect: QRectF) -> None:
        """Items for the actors in `rect` (a rubber band being drawn), so that Qt's selection takes them."""
        xy = self.actor_layer.actors.xy
        if rect.isNull() or not len(xy):
            return
        inside = within(xy, rect.normalized())
        ids = list(self._rows_of)
        self.items_for(ids[n] for n in np.flatnonzero(inside & ~self.actor_layer.actors.itemised).tolist())

    # ----- geometry ---------------------------------------------------------------------------
    def content_rect(self) -> QRectF:
        """What the map covers: every actor with its name, and every link (without asking each item)."""
        return QRectF(self._content)

    def fit_scene_rect(self) -> None:
        """Scroll only as far as the map reaches (Qt's own scene rectangle only ever grows)."""
        actors = self.actor_layer.boundingRect()
        links = self.layer.boundingRect()
        self._content = actors.united(links) if not links.isNull() else actors
        self.setSceneRect(self._content.adjusted(-SCROLL_MARGIN, -SCROLL_MARGIN, SCROLL_MARGIN, SCROLL_MARGIN))

    def _redraw(self) -> None:
        selected = np.array([self._row[i] for i in self.selected_links if i in self._row], dtype=np.int64)
        self.layer.draw(self._routes, self._look, list(self._looks), selected)

    def reroute_all(self) -> None:
        self.route_all()
        self._redraw()

    def actor_dragged(self, actor_id: str) -> None:
        item = self.actor_items.get(actor_id)
        if item is not None:
            self.place[actor_id] = (item.x(), item.y())
            row = self._rows_of.get(actor_id)
            if row is not None:  # for picking; the item draws it, so the layer's picture stands
                self.actor_layer.actors.xy[row] = self.place[actor_id]
        self._route(list(self.links_of.get(actor_id, ())))
        self._redraw()

    def set_scales(self, scales: dict[str, float]) -> None:
        """Size actors by a metric (1.0 is the normal size), in one pass over the map."""
        scale_of = {id_: scales.get(id_, 1.0) for id_ in self.actors}
        if scale_of == self.scale_of:
            return
        self.scale_of = scale_of
        for id_, item in self.actor_items.items():
            item.set_scale(self.scale_of[id_])
        self._route(list(self.links))
        self._redraw()
        self._actors_changed()
        self.fit_scene_rect()

    def restore_positions(self, ids: Iterable[str]) -> None:
        """Put actors back where the model has them (after a refused move)."""
        for id_ in ids:
            actor = self.actors.get(id_)
            if actor is not None and actor.x is not None and actor.y is not None and id_ in self.actor_items:
                self.actor_items[id_].setPos(actor.x, actor.y)
                self.actor_dragged(id_)

    def spoken(self, item: QGraphicsItem) -> tuple[str, str]:
        """An actor's words end with its links, which are drawn, not items of their own."""
        name, description = super().spoken(item)
        if not isinstance(item, ActorItem):
            return name, description
        words = []
        for link_id in sorted(self.links_of.get(item.actor_id, ())):
            link = self.links[link_id]
            outgoing = link.source_id == item.actor_id
            other = self.actors.get(link.target_id if outgoing else link.source_id)
            kind = LinkType(link.link_type).label.lower()
            words.append(f"{'to' if outgoing else 'from'} {other.name if other else 'an actor'} ({kind})")
        return name, f"{description}; links: {', '.join(words)}" if words else f"{description}; no links"

    # ----- links as the user sees them --------------------------------------------------------
    def link_path(self, link_id: str) -> QPainterPath:
        """Where a link is drawn, as a path (empty when it is not drawn)."""
        row = self._row.get(link_id)
        r = self._routes
        if row is None or not r.shown[row]:
            return QPainterPath()
        rows = slice(row, row + 1)
        return lines_path(r.start[rows], r.end[rows], r.control[rows], r.bent[rows])

    def link_at(self, point: QPointF, tolerance: float) -> str | None:
        """The link drawn nearest to `point`, if within `tolerance` (each link as a few straight pieces)."""
        r = self._routes
        if not len(r.shown):
            return None
        p = np.array([point.x(), point.y()])
        steps = np.linspace(0.0, 1.0, 9)[:, None, None]  # points along each link (a quadratic curve)
        along = (1 - steps) ** 2 * r.start + 2 * (1 - steps) * steps * r.control + steps**2 * r.end
        straight = ~r.bent
        along[:, straight] = (1 - steps) * r.start[straight] + steps * r.end[straight]
        a, b = along[:-1], along[1:]
        ab = b - a
        t = np.clip(((p - a) * ab).sum(axis=2) / np.maximum((ab * ab).sum(axis=2), 1e-12), 0.0, 1.0)
        nearest = a + ab * t[:, :, None]
        distance = np.hypot(*(nearest - p).transpose(2, 0, 1)).min(axis=0)
        distance[~r.shown] = np.inf
        row = int(np.argmin(distance))
        return self._row_ids[row] if distance[row] <= tolerance else None

    def link_tooltip(self, link_id: str) -> str:
        link = self.links[link_id]
        kind = LinkType(link.link_type).label
        formal = "formal" if link.formal else "informal"
        note = f"<br>{escape(link.notes).replace('\n', '<br>')}" if link.notes else ""
        return f"<b>{kind}</b> ({formal}), weight {link.weight:g}{note}"

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """A tooltip for the link under the pointer (actors give their own)."""
        self.itemise_at(event.scenePos())
        if not any(isinstance(i, ActorItem) for i in self.items(event.scenePos())):
            link_id = self.link_at(event.scenePos(), CLICK_TOLERANCE / max(self._zoom(), 1e-6))
            if link_id is not None:
                QToolTip.showText(event.screenPos(), self.link_tooltip(link_id), event.widget())
                event.accept()
                return
        super().helpEvent(event)

    def _zoom(self) -> float:
        return self.views()[0].transform().m11() if self.views() else 1.0

    # ----- selection --------------------------------------------------------------------------
    def selected_actor_ids(self) -> list[str]:
        return [i.actor_id for i in self.selectedItems() if isinstance(i, ActorItem)]

    def select(self, actor_ids: Iterable[str], link_ids: Iterable[str] = ()) -> None:
        """Select exactly these actors and links, telling listeners once."""
        wanted = set(actor_ids)
        self.items_for(wanted)
        self.blockSignals(True)
        try:
            for item in self.selectedItems():
                if isinstance(item, ActorItem) and item.actor_id not in wanted:
                    item.setSelected(False)
            for id_ in wanted:
                if id_ in self.actor_items:
                    self.actor_items[id_].setSelected(True)
        finally:
            self.blockSignals(False)
        self._set_links([i for i in link_ids if i in self.links])
        self.selection_changed.emit()

    def _set_links(self, ids: list[str]) -> None:
        if ids != self.selected_links:
            self.selected_links = ids
            self._redraw()

    # ----- mouse ------------------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.itemise_at(event.scenePos())  # an actor drawn by the layer becomes an item Qt can press
        on_actor = any(isinstance(i, ActorItem) for i in self.items(event.scenePos()))
        adding = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if event.button() == Qt.MouseButton.LeftButton and not on_actor:
            link_id = self.link_at(event.scenePos(), CLICK_TOLERANCE / max(self._zoom(), 1e-6))
            if link_id is not None:
                links = [*self.selected_links, link_id] if adding else [link_id]
                self.select(self.selected_actor_ids() if adding else [], links)
                event.accept()
                return
        if self.selected_links and not adding:
            self._set_links([])
            self.selection_changed.emit()
        super().mousePressEvent(event)

    def cards_dragged(self, cards: list[QGraphicsItem]) -> None:
        for card in cards:
            if isinstance(card, ActorItem):
                self.actor_dragged(card.actor_id)

    def cards_moved(self, moved: list[tuple[QGraphicsItem, QPointF, QPointF]]) -> None:
        actors = [(card.actor_id, (new.x(), new.y())) for card, _old, new in moved if isinstance(card, ActorItem)]
        if actors:
            self.actors_moved.emit(actors)
