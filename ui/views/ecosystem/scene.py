"""The ecosystem scene: mirrors actors and links by id and follows the document's change reports.

It keeps the entities it shows (updated only from change notifications), so the analysis can run on
them without asking the database, and it reports a mouse drag as one list of moves on release.
Actors without a position are parked in a column to the left of the map until they are laid out.

Actors are graphics items (each is selected, dragged, tabbed to and read out on its own); links are
rows of arrays drawn by one item (links.py), picked by distance and given tooltips by the scene. On a
large map the actor items are made a batch at a time between events, so the window answers while a
map of 10,000 actors fills in; links are drawn from the start.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneHelpEvent, QGraphicsSceneMouseEvent, QToolTip

from ui.canvas.interaction import InteractiveScene
from ui.canvas.mirror import Fetch, mirror
from ui.markup import escape
from ui.views.ecosystem.items import NAME_WIDTH, RADIUS, ActorItem
from ui.views.ecosystem.links import LinkLayer, Look, Routes, lines_path, route, width_tenths
from workbench.changes import Change, Op
from workbench.ecosystem.entities import Actor, Link, LinkType
from workbench.ecosystem.placement import parking_spots

PLACE = frozenset({"x", "y"})  # where an actor is drawn: moving it changes no metric
BEND = 22.0  # sideways distance between links of the same pair of actors
SCROLL_MARGIN = 10.0  # less than the canvas leaves around the map when it fits it, so no scroll bars then
CLICK_TOLERANCE = 6.0  # how close (in pixels) a click must be to a link to pick it
BATCH = 400  # actor items made per turn of the event loop on a large map (a few tens of milliseconds)
GAP = 1.1  # links stop this many actor radii from an actor's centre
FAN_ALL = 2000  # pairs to fan out beyond which every pair is done at once (an import, opening the map)
_KINDS = [t.value for t in LinkType]
_KIND_CODE = {kind: n for n, kind in enumerate(_KINDS)}


class EcosystemScene(InteractiveScene):
    actors_moved = Signal(list)  # [(id, (x, y))] after a mouse drag
    selection_changed = Signal()  # actors (Qt's selection) or links (ours) changed
    loaded = Signal()  # every actor has its item (at once on a small map, a batch at a time on a large one)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # many items move together
        self.actors: dict[str, Actor] = {}
        self.links: dict[str, Link] = {}
        self.actor_items: dict[str, ActorItem] = {}
        self.links_of: dict[str, set[str]] = {}
        self.selected_links: list[str] = []
        self.movable = True  # False for a read-only document: a drag would only snap back
        self.waiting: set[str] = set()  # actors with no position yet, parked on the left
        self.place: dict[str, tuple[float, float]] = {}  # where each actor is drawn now
        self.scale_of: dict[str, float] = {}  # size factor of each actor (1.0 when not sized by a measure)
        self.layer = LinkLayer()
        self.addItem(self.layer)
        self._row: dict[str, int] = {}  # link id -> its row in the arrays below
        self._row_ids: list[str | None] = []  # row -> link id (None once the link is gone)
        self._routes = Routes.empty()
        self._bend = np.zeros(0)
        self._look = np.zeros(0, dtype=np.int64)
        self._looks: dict[Look, int] = {}
        self._pending: list[str] = []  # actors still waiting for their item
        self._fresh: list[Link] = []  # links shown but not yet given a row and a look
        self._content = QRectF()
        self._batches = QTimer(self)
        self._batches.setInterval(0)
        self._batches.timeout.connect(self._next_batch)
        self.selectionChanged.connect(self.selection_changed)

    @property
    def loading(self) -> bool:
        return bool(self._pending)

    # ----- following the model ----------------------------------------------------------------
    def load(self, actors: list[Actor], links: list[Link]) -> None:
        for actor in actors:
            self._keep_actor(actor)
        for link in links:
            self._show_link(link, None)
        self._park_unplaced()
        self.reroute_all()
        self._pending = [a.id for a in actors]
        self._next_batch(len(actors) if len(actors) <= BATCH * 3 else BATCH)
        if self._pending:
            self._batches.start()
        self.fit_scene_rect()

    def _next_batch(self, count: int = BATCH) -> None:
        batch, self._pending = self._pending[:count], self._pending[count:]
        for id_ in batch:
            if id_ in self.actors and id_ not in self.actor_items:
                self.actor_items[id_] = self._make_item(self.actors[id_])
        if not self._pending:
            self._batches.stop()
            self.loaded.emit()

    def items_for(self, ids: Iterable[str]) -> list[ActorItem]:
        """The items of these actors, made now if the map is still filling in."""
        out = []
        for id_ in ids:
            if id_ in self.actors and id_ not in self.actor_items:
                self.actor_items[id_] = self._make_item(self.actors[id_])
            if id_ in self.actor_items:
                out.append(self.actor_items[id_])
        return out

    def apply(self, changes: list[Change], fetch: Fetch) -> bool:
        """Follow a change report, touching only the entities named. True when the network itself
        changed (not merely where actors are drawn), so the analysis must run again."""
        structural = park = fit = False
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
            elif change.kind == "link":
                pairs |= {self._pair_of(k) for k in change.ids if k in self.links}  # where they were
                links = {i: self.links[i] for i in change.ids if i in self.links}
                mirror(change, links, fetch, self._show_link, self._drop_link)
                pairs |= {self._pair_of(k) for k in change.ids if k in self.links}  # where they are
                structural = True
        if park:
            pairs |= {self._pair_of(k) for a in self.waiting for k in self.links_of.get(a, ())}
            self._park_unplaced()
        self._index_fresh()
        self._route_pairs(pairs)
        self._redraw()
        if park or fit:
            self.fit_scene_rect()
        return structural

    def _keep_actor(self, actor: Actor) -> None:
        self.actors[actor.id] = actor
        self.scale_of.setdefault(actor.id, 1.0)
        if actor.x is not None and actor.y is not None:
            self.waiting.discard(actor.id)
            self.place[actor.id] = (actor.x, actor.y)
        else:
            self.waiting.add(actor.id)

    def _make_item(self, actor: Actor) -> ActorItem:
        item = ActorItem(actor, unplaced=actor.id in self.waiting, scale=self.scale_of.get(actor.id, 1.0))
        item.setPos(*self.place.get(actor.id, (0.0, 0.0)))
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, self.movable)
        self.addItem(item)
        return item

    def _show_actor(self, actor: Actor, _shown: Actor | None) -> Actor:
        self._keep_actor(actor)
        item = self.actor_items.get(actor.id)
        if item is None:
            self.actor_items[actor.id] = self._make_item(actor)
        else:
            item.unplaced = actor.id in self.waiting
            item.setPos(*self.place.get(actor.id, (item.x(), item.y())))
            item.update_from(actor)
        return actor

    def _drop_actor(self, id_: str, _actor: Actor) -> None:
        """An actor goes with its links (the store deletes them too; this keeps the scene whole meanwhile)."""
        self.actors.pop(id_, None)
        self.place.pop(id_, None)
        self.scale_of.pop(id_, None)
        self.waiting.discard(id_)
        item = self.actor_items.pop(id_, None)
        if item is not None:
            self.removeItem(item)
        for link_id in list(self.links_of.pop(id_, ())):
            if link_id in self.links:
                self._drop_link(link_id, self.links[link_id])

    def _show_link(self, link: Link, _shown: Link | None) -> Link:
        old = self.links.get(link.id)
        if old is not None:  # its ends may have changed
            for end in (old.source_id, old.target_id):
                self.links_of.get(end, set()).discard(link.id)
        self.links[link.id] = link
        for end in (link.source_id, link.target_id):
            self.links_of.setdefault(end, set()).add(link.id)
        self._fresh.append(link)
        return link

    def _index_fresh(self) -> None:
        """Rows and looks for the links shown since the last call, in one pass (an import brings 50,000)."""
        links, self._fresh = self._fresh, []
        if not links:
            return
        rows = self._rows([k.id for k in links])
        kinds = np.array([_KIND_CODE.get(k.link_type, 0) for k in links], dtype=np.int64)
        tenths = width_tenths(np.array([k.weight for k in links], dtype=np.float64))
        formal = np.array([k.formal for k in links], dtype=np.int64)
        keys, where = np.unique((kinds * 1000 + tenths) * 2 + formal, return_inverse=True)
        index = [
            self._looks.setdefault(Look(_KINDS[key // 2000], (key // 2 % 1000) / 10, bool(key % 2)), len(self._looks))
            for key in keys.tolist()
        ]
        self._look[rows] = np.array(index, dtype=np.int64)[where]

    def _drop_link(self, id_: str, _link: Link) -> None:
        if id_ in self.selected_links:
            self.selected_links.remove(id_)
        link = self.links.pop(id_, None)
        if link is not None:
            for end in (link.source_id, link.target_id):
                self.links_of.get(end, set()).discard(id_)
        row = self._row.pop(id_, None)
        if row is not None:
            self._row_ids[row] = None
            self._routes.shown[row] = False

    def _rows(self, ids: list[str]) -> np.ndarray:
        """The rows of these links in the arrays, new rows added at the end for links new to the scene."""
        new = [i for i in ids if i not in self._row]
        if new:
            first = len(self._row_ids)
            self._row.update((id_, first + n) for n, id_ in enumerate(new))
            self._row_ids.extend(new)
            if len(self._row_ids) > len(self._bend):
                self._grow(max(len(self._row_ids), 2 * len(self._bend), 64) - len(self._bend))
        return np.array([self._row[i] for i in ids], dtype=np.int64)

    def _grow(self, more: int) -> None:
        """Room for more rows, doubling so that adding links one at a time costs linear time overall
        (rows not yet used are never shown)."""
        r = self._routes
        self._routes = Routes(
            np.concatenate([r.start, np.zeros((more, 2))]),
            np.concatenate([r.end, np.zeros((more, 2))]),
            np.concatenate([r.control, np.zeros((more, 2))]),
            np.concatenate([r.bent, np.zeros(more, bool)]),
            np.concatenate([r.tip, np.zeros((more, 2))]),
            np.concatenate([r.shown, np.zeros(more, bool)]),
        )
        self._bend = np.concatenate([self._bend, np.zeros(more)])
        self._look = np.concatenate([self._look, np.zeros(more, dtype=np.int64)])

    # ----- geometry ---------------------------------------------------------------------------
    def _park_unplaced(self) -> None:
        for id_, (x, y) in parking_spots([self.actors[i] for i in self.actors]).items():
            self.place[id_] = (x, y)
            item = self.actor_items.get(id_)
            if item is not None:
                item.unplaced = True
                item.setPos(x, y)
                item.update_from(self.actors[id_])

    def content_rect(self) -> QRectF:
        """What the map covers: every actor with its name, and every link (without asking each item)."""
        return QRectF(self._content)

    def fit_scene_rect(self) -> None:
        """Scroll only as far as the map reaches (Qt's own scene rectangle only ever grows)."""
        if self.place:
            spots = np.array(list(self.place.values()), dtype=np.float64)
            (left, top), (right, bottom) = spots.min(axis=0), spots.max(axis=0)
            reach = RADIUS * 1.45 * max(self.scale_of.values(), default=1.0)
            half = max(reach, NAME_WIDTH / 2)
            actors = QRectF(left - half, top - reach, right - left + 2 * half, bottom - top + 2 * reach + 34)
        else:
            actors = QRectF()
        self._content = actors.united(self.layer.boundingRect()) if not self.layer.boundingRect().isNull() else actors
        self.setSceneRect(self._content.adjusted(-SCROLL_MARGIN, -SCROLL_MARGIN, SCROLL_MARGIN, SCROLL_MARGIN))

    def _pair_of(self, link_id: str) -> tuple[str, str]:
        link = self.links[link_id]
        return _pair(link.source_id, link.target_id)

    def _route_pairs(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Fan out the links between each pair of actors so each can be seen and clicked. One pass over
        the links of the actors involved, however many pairs (an import names tens of thousands)."""
        pairs = set(pairs)
        if not pairs:
            return
        self._index_fresh()
        if len(pairs) > FAN_ALL:
            self._fan_all()
            return
        groups: dict[tuple[str, str], list[str]] = {}
        for link_id in {i for first, _second in pairs for i in self.links_of.get(first, ())}:
            pair = self._pair_of(link_id)
            if pair in pairs:
                groups.setdefault(pair, []).append(link_id)
        routed: list[str] = []
        for (first, _second), ids in groups.items():
            if len(ids) > 1:
                ids.sort()
            for n, link_id in enumerate(ids):
                offset = (n - (len(ids) - 1) / 2) * BEND
                self._bend[self._row[link_id]] = offset if self.links[link_id].source_id == first else -offset
            routed += ids
        self._route(routed)

    def _fan_all(self) -> None:
        """Fan out the links of every pair at once: most pairs have one link, which runs straight; only
        the links of pairs with several are sorted out one by one."""
        ids = list(self.links)
        links = list(self.links.values())
        index = {id_: n for n, id_ in enumerate(self.actors)}
        source = np.array([index.get(k.source_id, -1) for k in links], dtype=np.int64)
        target = np.array([index.get(k.target_id, -1) for k in links], dtype=np.int64)
        key = np.minimum(source, target) * (len(index) + 1) + np.maximum(source, target)
        _keys, where, counts = np.unique(key, return_inverse=True, return_counts=True)
        rows = self._rows(ids)
        self._bend[rows] = 0.0
        groups: dict[int, list[str]] = {}
        for n in np.flatnonzero(counts[where] > 1).tolist():
            groups.setdefault(int(where[n]), []).append(ids[n])
        for members in groups.values():
            members.sort()
            first = self._pair_of(members[0])[0]
            for n, link_id in enumerate(members):
                offset = (n - (len(members) - 1) / 2) * BEND
                self._bend[self._row[link_id]] = offset if self.links[link_id].source_id == first else -offset
        self._route(ids)

    def _route(self, link_ids: list[str]) -> None:
        """Draw these links from the edge of their source actor to the edge of their target."""
        if not link_ids:
            return
        rows = self._rows(link_ids)
        links = [self.links[i] for i in link_ids]
        index = {id_: n for n, id_ in enumerate(self.place)} if len(links) > len(self.place) else None
        if index is None:  # a few links: look their ends up directly
            ends = {e for k in links for e in (k.source_id, k.target_id)} & self.place.keys()
            index = {a: n for n, a in enumerate(ends)}
        order = list(index)
        spots = np.array([self.place[a] for a in order] + [(math.nan, math.nan)], dtype=np.float64).reshape(-1, 2)
        radius = np.array([self.scale_of.get(a, 1.0) for a in order] + [1.0]) * RADIUS * GAP
        source = np.array([index.get(k.source_id, -1) for k in links], dtype=np.int64)
        target = np.array([index.get(k.target_id, -1) for k in links], dtype=np.int64)
        found = route(spots[source], spots[target], radius[source], radius[target], self._bend[rows])
        r = self._routes
        for mine, new in (
            (r.start, found.start),
            (r.end, found.end),
            (r.control, found.control),
            (r.bent, found.bent),
            (r.tip, found.tip),
            (r.shown, found.shown),
        ):
            mine[rows] = new

    def _redraw(self) -> None:
        selected = np.array([self._row[i] for i in self.selected_links if i in self._row], dtype=np.int64)
        self.layer.draw(self._routes, self._look, list(self._looks), selected)

    def reroute_all(self) -> None:
        self._index_fresh()
        self._fan_all()
        self._redraw()

    def actor_dragged(self, actor_id: str) -> None:
        item = self.actor_items.get(actor_id)
        if item is not None:
            self.place[actor_id] = (item.x(), item.y())
        self._route(list(self.links_of.get(actor_id, ())))
        self._redraw()

    def set_scales(self, scales: dict[str, float]) -> None:
        """Size actors by a metric (1.0 is the normal size), in one pass over the map."""
        self.scale_of = {id_: scales.get(id_, 1.0) for id_ in self.actors}
        for id_, item in self.actor_items.items():
            item.set_scale(self.scale_of[id_])
        self._route(list(self.links))
        self._redraw()
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


def _pair(a: str, b: str) -> tuple[str, str]:
    """The two ends of a link in id order: links either way between two actors share one pair."""
    return (a, b) if a <= b else (b, a)
