"""What the ecosystem map shows, as plain data: actors and links by id, where each actor is drawn, and
every link as a row of arrays (where it runs, how it bends, how it looks).

No Qt object here, so that a large map is built beside the window (`build`) and the scene takes it over
in one step; the scene follows later edits with the same methods, touching only the entities named.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from PySide6.QtCore import QRectF

from ui.views.ecosystem.actors import TYPES, Actors
from ui.views.ecosystem.links import Laid, Look, Routes, lay_out, route, width_tenths
from workbench.ecosystem.entities import Actor, Link, LinkType
from workbench.ecosystem.placement import parking_spots

RADIUS = 18.0  # an actor's radius at its normal size, in map units
NAME_WIDTH = 150.0  # the box of an actor's name below it, in map units
BEND = 22.0  # sideways distance between links of the same pair of actors
GAP = 1.1  # links stop this many actor radii from an actor's centre
FAN_ALL = 2000  # pairs to fan out beyond which every pair is done at once (an import, opening the map)
_KINDS = [t.value for t in LinkType]
_KIND_CODE = {kind: n for n, kind in enumerate(_KINDS)}
_TYPE_INDEX = {t: n for n, t in enumerate(TYPES)}


class MapData:
    """The map's entities and link arrays. The scene is one (it inherits this); `build` makes one beside
    the window. `_placed` is told when an actor is put somewhere new, so a scene can move its item."""

    def reset_data(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.links: dict[str, Link] = {}
        self.links_of: dict[str, set[str]] = {}
        self.waiting: set[str] = set()  # actors with no position yet, parked on the left
        self.place: dict[str, tuple[float, float]] = {}  # where each actor is drawn now
        self.scale_of: dict[str, float] = {}  # size factor of each actor (1.0 when not sized by a measure)
        self._row: dict[str, int] = {}  # link id -> its row in the arrays below
        self._row_ids: list[str | None] = []  # row -> link id (None once the link is gone)
        self._routes = Routes.empty()
        self._bend = np.zeros(0)
        self._look = np.zeros(0, dtype=np.int64)
        self._looks: dict[Look, int] = {}
        self._fresh: list[Link] = []  # links shown but not yet given a row and a look
        self.laid: Laid | None = None  # the links laid out for drawing, when built beside the window
        self.drawn: tuple[dict[str, int], Actors, QRectF] | None = None  # likewise the actors (actor_rows)

    def _placed(self, actor_id: str) -> None:
        """Hook: the actor has a new place (or lost its own and waits in the parking columns)."""

    # ----- entities -----------------------------------------------------------------------------
    def keep_actor(self, actor: Actor) -> None:
        self.actors[actor.id] = actor
        self.scale_of.setdefault(actor.id, 1.0)
        if actor.x is not None and actor.y is not None:
            self.waiting.discard(actor.id)
            self.place[actor.id] = (actor.x, actor.y)
        else:
            self.waiting.add(actor.id)

    def forget_actor(self, id_: str) -> None:
        """An actor goes with its links (the store deletes them too; this keeps the map whole meanwhile)."""
        self.actors.pop(id_, None)
        self.place.pop(id_, None)
        self.scale_of.pop(id_, None)
        self.waiting.discard(id_)
        for link_id in list(self.links_of.pop(id_, ())):
            if link_id in self.links:
                self.forget_link(link_id)

    def keep_link(self, link: Link) -> None:
        old = self.links.get(link.id)
        if old is not None:  # its ends may have changed
            for end in (old.source_id, old.target_id):
                self.links_of.get(end, set()).discard(link.id)
        self.links[link.id] = link
        for end in (link.source_id, link.target_id):
            self.links_of.setdefault(end, set()).add(link.id)
        self._fresh.append(link)

    def forget_link(self, id_: str) -> None:
        link = self.links.pop(id_, None)
        if link is not None:
            for end in (link.source_id, link.target_id):
                self.links_of.get(end, set()).discard(id_)
        row = self._row.pop(id_, None)
        if row is not None:
            self._row_ids[row] = None
            self._routes.shown[row] = False

    def park_unplaced(self) -> None:
        for id_, spot in parking_spots(list(self.actors.values())).items():
            self.place[id_] = spot
            self._placed(id_)

    def actor_rows(self, itemised: Iterable[str] = ()) -> tuple[dict[str, int], Actors, QRectF]:
        """The actors as rows for the actor layer (`itemised` ones left to their items): each id's row,
        the rows, and what they cover with their names. A few milliseconds at 10,000 actors."""
        ids = list(self.actors)
        rows_of = {id_: n for n, id_ in enumerate(ids)}
        nan = (math.nan, math.nan)
        xy = np.array([self.place.get(i, nan) for i in ids], dtype=np.float64).reshape(-1, 2)
        scale = np.array([self.scale_of.get(i, 1.0) for i in ids], dtype=np.float64)
        kind = np.array([_TYPE_INDEX.get(a.actor_type, len(TYPES) - 1) for a in self.actors.values()], dtype=np.int64)
        unplaced = np.array([i in self.waiting for i in ids], dtype=bool)
        mask = np.zeros(len(ids), dtype=bool)
        mask[[rows_of[i] for i in itemised if i in rows_of]] = True
        placed = np.isfinite(xy[:, 0])
        reach = QRectF()
        if placed.any():
            (left, top), (right, bottom) = xy[placed].min(axis=0), xy[placed].max(axis=0)
            up = RADIUS * 1.45 * float(scale.max(initial=1.0))
            half = max(up, NAME_WIDTH / 2)
            reach = QRectF(left - half, top - up, right - left + 2 * half, bottom - top + 2 * up + 34)
        return rows_of, Actors(xy, RADIUS * scale, kind, unplaced, mask), reach

    # ----- link rows ----------------------------------------------------------------------------
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

    def _rows(self, ids: list[str]) -> np.ndarray:
        """The rows of these links in the arrays, new rows added at the end for links new to the map."""
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

    def route_all(self) -> None:
        self._index_fresh()
        self._fan_all()


def build(actors: Iterable[Actor], links: Iterable[Link], scales: dict[str, float] | None = None) -> MapData:
    """A whole map at once, every link routed: what opening the map costs, done beside the window."""
    data = MapData()
    data.reset_data()
    for actor in actors:
        data.keep_actor(actor)
    if scales:
        data.scale_of.update((i, s) for i, s in scales.items() if i in data.actors)
    for link in links:
        data.keep_link(link)
    data.park_unplaced()
    data.route_all()
    data.laid = lay_out(data._routes, data._look, list(data._looks), np.zeros(0, dtype=np.int64))
    data.drawn = data.actor_rows()
    return data


def _pair(a: str, b: str) -> tuple[str, str]:
    """The two ends of a link in id order: links either way between two actors share one pair."""
    return (a, b) if a <= b else (b, a)
