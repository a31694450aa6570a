"""The ecosystem scene: mirrors actors and links by id and follows the document's change reports.

It keeps the entities it shows (updated only from change notifications), so the analysis can run on
them without asking the database, and it reports a mouse drag as one list of moves on release.
Actors without a position are parked in a column to the left of the map until they are laid out.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent

from ui.canvas.interaction import InteractiveScene
from ui.canvas.mirror import Fetch, mirror
from ui.views.ecosystem.items import ActorItem, LinkItem
from workbench.changes import Change, Op
from workbench.ecosystem.entities import Actor, Link, LinkType
from workbench.ecosystem.placement import parking_spots

PLACE = frozenset({"x", "y"})  # where an actor is drawn: moving it changes no metric
BEND = 22.0  # sideways distance between links of the same pair of actors
SCROLL_MARGIN = 10.0  # less than the canvas leaves around the map when it fits it, so no scroll bars then
CLICK_TOLERANCE = 6.0  # how close (in pixels) a click must be to a link to pick it


class EcosystemScene(InteractiveScene):
    actors_moved = Signal(list)  # [(id, (x, y))] after a mouse drag
    selection_changed = Signal()  # actors (Qt's selection) or links (ours) changed

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # many items move together
        self.actors: dict[str, Actor] = {}
        self.links: dict[str, Link] = {}
        self.actor_items: dict[str, ActorItem] = {}
        self.link_items: dict[str, LinkItem] = {}
        self.links_of: dict[str, set[str]] = {}
        self.selected_links: list[str] = []
        self.compact = False
        self.movable = True  # False for a read-only document: a drag would only snap back
        self.selectionChanged.connect(self.selection_changed)

    # ----- following the model ----------------------------------------------------------------
    def load(self, actors: list[Actor], links: list[Link]) -> None:
        for actor in actors:
            self.actor_items[actor.id] = self._show_actor(actor, None)
        for link in links:
            self.link_items[link.id] = self._show_link(link, None)
        self._park_unplaced()
        self.reroute_all()
        self.fit_scene_rect()

    def apply(self, changes: list[Change], fetch: Fetch) -> bool:
        """Follow a change report, touching only the entities named. True when the network itself
        changed (not merely where actors are drawn), so the analysis must run again."""
        structural = park = fit = False
        pairs: set[tuple[str, str]] = set()
        for change in changes:
            if change.kind == "actor":
                mirror(change, self.actor_items, fetch, self._show_actor, self._drop_actor)
                structural |= change.op != Op.UPDATED or not change.fields <= PLACE
                if change.touches(*PLACE):
                    pairs |= {self._pair_of(k) for a in change.ids for k in self.links_of.get(a, ())}
                park |= change.touches(*PLACE, "name")  # actors waiting for a place stand in name order
            elif change.kind == "link":
                pairs |= {self._pair_of(k) for k in change.ids if k in self.links}  # where they were
                mirror(change, self.link_items, fetch, self._show_link, self._drop_link)
                pairs |= {self._pair_of(k) for k in change.ids if k in self.links}  # where they are
                structural = fit = True
        if park:
            self._park_unplaced()
        self._route_pairs(pairs)
        if park or fit:
            self.fit_scene_rect()
        return structural

    def _show_actor(self, actor: Actor, item: ActorItem | None) -> ActorItem:
        self.actors[actor.id] = actor
        if item is None:
            item = ActorItem(actor)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, self.movable)
            self.addItem(item)
        if actor.x is not None and actor.y is not None:
            item.unplaced = False
            item.setPos(actor.x, actor.y)
        item.update_from(actor)
        return item

    def _drop_actor(self, id_: str, item: ActorItem) -> None:
        """An actor goes with its links (the store deletes them too; this keeps the scene whole meanwhile)."""
        self.actors.pop(id_, None)
        self.removeItem(item)
        for link_id in list(self.links_of.pop(id_, ())):
            if link_id in self.link_items:
                self._drop_link(link_id, self.link_items.pop(link_id))

    def _show_link(self, link: Link, item: LinkItem | None) -> LinkItem:
        old = self.links.get(link.id)
        if old is not None:  # its ends may have changed
            for end in (old.source_id, old.target_id):
                self.links_of.get(end, set()).discard(link.id)
        self.links[link.id] = link
        if item is None:
            item = LinkItem(link)
            item.set_compact(self.compact)
            self.addItem(item)
        else:
            item.update_from(link)
        for end in (link.source_id, link.target_id):
            self.links_of.setdefault(end, set()).add(link.id)
        return item

    def _drop_link(self, id_: str, item: LinkItem) -> None:
        self.removeItem(item)
        if id_ in self.selected_links:
            self.selected_links.remove(id_)
        link = self.links.pop(id_, None)
        if link is not None:
            for end in (link.source_id, link.target_id):
                self.links_of.get(end, set()).discard(id_)

    # ----- geometry ---------------------------------------------------------------------------
    def _park_unplaced(self) -> None:
        for id_, (x, y) in parking_spots(list(self.actors.values())).items():
            item = self.actor_items[id_]
            item.unplaced = True
            item.setPos(x, y)
            item.update_from(self.actors[id_])

    def fit_scene_rect(self) -> None:
        """Scroll only as far as the map reaches (Qt's own scene rectangle only ever grows)."""
        self.setSceneRect(
            self.itemsBoundingRect().adjusted(-SCROLL_MARGIN, -SCROLL_MARGIN, SCROLL_MARGIN, SCROLL_MARGIN)
        )

    def _pair_of(self, link_id: str) -> tuple[str, str]:
        link = self.links[link_id]
        return _pair(link.source_id, link.target_id)

    def _route_pairs(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Fan out the links between each pair of actors so each can be seen and clicked. One pass over
        the links of the actors involved, however many pairs (an import names tens of thousands)."""
        pairs = set(pairs)
        groups: dict[tuple[str, str], list[str]] = {}
        for link_id in {i for first, _second in pairs for i in self.links_of.get(first, ())}:
            pair = self._pair_of(link_id)
            if pair in pairs:
                groups.setdefault(pair, []).append(link_id)
        for (first, _second), ids in groups.items():
            ids.sort()
            for n, link_id in enumerate(ids):
                offset = (n - (len(ids) - 1) / 2) * BEND
                self.link_items[link_id].bend = offset if self.links[link_id].source_id == first else -offset
                self._route(link_id)

    def _route(self, link_id: str) -> None:
        link = self.links[link_id]
        source, target = self.actor_items.get(link.source_id), self.actor_items.get(link.target_id)
        if source is not None and target is not None:
            self.link_items[link_id].route(source.pos(), target.pos(), source.radius * 1.1, target.radius * 1.1)

    def reroute_all(self) -> None:
        self._route_pairs(self._pair_of(i) for i in self.links)

    def actor_dragged(self, actor_id: str) -> None:
        for link_id in self.links_of.get(actor_id, ()):
            self._route(link_id)

    def set_compact(self, compact: bool) -> None:
        """Level of detail: plain link lines when zoomed far out, full styling when close enough to read."""
        if compact != self.compact:
            self.compact = compact
            for item in self.link_items.values():
                item.set_compact(compact)

    def set_scales(self, scales: dict[str, float]) -> None:
        """Size actors by a metric (1.0 is the normal size)."""
        for id_, item in self.actor_items.items():
            item.set_scale(scales.get(id_, 1.0))
        self.reroute_all()

    def restore_positions(self, ids: Iterable[str]) -> None:
        """Put actors back where the model has them (after a refused move)."""
        for id_ in ids:
            actor = self.actors.get(id_)
            if actor is not None and actor.x is not None and actor.y is not None:
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

    # ----- selection --------------------------------------------------------------------------
    def selected_actor_ids(self) -> list[str]:
        return [i.actor_id for i in self.selectedItems() if isinstance(i, ActorItem)]

    def select(self, actor_ids: Iterable[str], link_ids: Iterable[str] = ()) -> None:
        """Select exactly these actors and links, telling listeners once."""
        wanted = set(actor_ids)
        self.blockSignals(True)
        try:
            for id_, item in self.actor_items.items():
                item.setSelected(id_ in wanted)
        finally:
            self.blockSignals(False)
        self._set_links([i for i in link_ids if i in self.link_items])
        self.selection_changed.emit()

    def _set_links(self, ids: list[str]) -> None:
        for id_, item in self.link_items.items():
            item.set_selected(id_ in ids)
        self.selected_links = ids

    def link_at(self, point: QPointF, tolerance: float) -> str | None:
        near = QRectF(point.x() - tolerance, point.y() - tolerance, 2 * tolerance, 2 * tolerance)
        found = {i.link_id: i for i in self.items(near) if isinstance(i, LinkItem)}
        found |= {p.link_id: p for i in self.items(near) if isinstance(p := i.parentItem(), LinkItem)}
        best = min(found.values(), key=lambda i: i.distance_to(point), default=None)
        return best.link_id if best is not None and best.distance_to(point) <= tolerance else None

    # ----- mouse ------------------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scale = self.views()[0].transform().m11() if self.views() else 1.0
        on_actor = any(isinstance(i, ActorItem) for i in self.items(event.scenePos()))
        adding = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if event.button() == Qt.MouseButton.LeftButton and not on_actor:
            link_id = self.link_at(event.scenePos(), CLICK_TOLERANCE / max(scale, 1e-6))
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
