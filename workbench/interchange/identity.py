"""Which actor or link of the document an imported record is: the identity rule users see.

- A file this app wrote carries a marker (JSON: its "format" field; CSV and GraphML: a
  `workbench_id` column or attribute, which spreadsheets and Gephi keep). Its ids are the
  document's ids: a re-import updates those actors and links in place.
- Any other file's ids are that tool's labels (Gephi, networkx and igraph number nodes 0, 1, 2 ...).
  They join the file's links to its actors and are kept as the key '<file name>#<id>': importing
  a file of the same name again updates those actors; no other actor ever matches them.
- Matching by name ('name') also takes the one actor of the document with the record's name;
  'none' makes every actor and link new.
- A link is known by its id or, without one, by (from, to, type), so a re-import adds no copies.
- A link's From and To may give an actor's id, its key, or its name where only one actor has it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import cached_property
from itertools import repeat

from workbench.document import Document
from workbench.ecosystem.entities import Actor, Link
from workbench.entity import Entity, new_id
from workbench.interchange.errors import BadImportFile
from workbench.interchange.records import MAX_ID, Record
from workbench.words import count

MATCHES = ("id", "name", "none")


def foreign_key(file: str, id_: str) -> str:
    """The id an actor or link of another tool's file is kept under: '<file name>#<its id>' (a long
    file name shortened so the key stays an id)."""
    return f"{file[: MAX_ID - len(id_) - 1]}#{id_}"


def name_key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


class Identities:
    """Decides the id of each record of one import, actors first; raises BadImportFile (via
    `record.fail`) for a record that cannot be placed, which the plan then skips. Only a record
    whose entity is valid is `keep`-t, so no link is ever joined to an actor that was skipped."""

    def __init__(self, doc: Document, match: str):
        if match not in MATCHES:
            raise ValueError(f"match must be one of {MATCHES}")
        self.match = match
        self.actors = doc.table(Actor)
        self.links = doc.table(Link)
        self.between = _index(((k.source_id, k.target_id), k.id) for k in sorted(self.links.values(), key=_by_id))
        self.refs: dict[tuple[str, str], str] = {}  # (file, id in the file) -> actor id
        self.anywhere: dict[str, set[str]] = defaultdict(set)  # id in any file of this import -> actor ids
        self.imported_names: dict[str, set[str]] = defaultdict(set)
        # kind -> id -> the record that took it, as the records it is one of and where it is among them
        self.taken: dict[str, dict[str, tuple[Sequence[Record], int]]] = {"actor": {}, "link": {}}
        self.named: dict[tuple[str, bool], dict[str, str | None]] = {}  # see `ends`

    @cached_property
    def names(self) -> dict[str, list[str]]:
        """The document's actors by name, made when first asked: a file naming actors by id never asks."""
        return _index((name_key(a.name), a.id) for a in self.actors.values())

    @cached_property
    def tails(self) -> dict[str, list[str]]:
        """The document's actors by the id another file gave them (after the '#'), made when first asked."""
        return _index((a.id.rpartition("#")[2], a.id) for a in self.actors.values() if "#" in a.id)

    # ----- actors ---------------------------------------------------------------------------------
    def actor(self, record: Record, ref: str | None, name: str | None) -> str:
        """The id an actor record gets: an existing actor's (it is updated) or a new one."""
        if ref is not None and (record.file, ref) in self.refs:
            also = self._also(record, "actor", self.refs[record.file, ref])
            raise record.fail(f"the id {ref!r} is used by two actors{also}")
        return self._free(record, "actor", self._actor_id(record, ref, name))

    def _actor_id(self, record: Record, ref: str | None, name: str | None) -> str:
        if self.match == "none":
            return new_id()
        key = self._key(record, ref)
        if key in self.actors:
            return key
        if self.match == "name" and name:
            found = self.names.get(name_key(name), [])
            if len(found) > 1:
                raise record.fail(
                    f"{count(len(found), 'actor')} of the document are named {name!r}; "
                    "match by id or none, or rename one first"
                )
            if found:
                return found[0]
        return key or new_id()

    # ----- links ----------------------------------------------------------------------------------
    def end(self, record: Record, label: str, ref: str) -> str:
        """The actor a link's From or To names: in this import, by id or key, or by a unique name."""
        if (record.file, ref) in self.refs:
            return self.refs[record.file, ref]
        if record.own and ref in self.actors:
            return ref
        for found in (
            self.anywhere.get(ref, set()),
            {ref} & self.actors.keys(),
            {foreign_key(record.file, ref)} & self.actors.keys(),
            set(self.tails.get(ref, [])),
            set(self.names.get(name_key(ref), [])) | self.imported_names.get(name_key(ref), set()),
        ):
            if len(found) == 1:
                return next(iter(found))
            if found:
                raise record.fail(f"{label} {ref!r} names {count(len(found), 'actor')}; give its id instead")
        raise record.fail(f"{label} refers to an actor that is neither in the document nor imported: {ref!r}")

    def ends(self, record: Record, refs: Iterable[str]) -> dict[str, str | None]:
        """The actor each of `refs` names as a From or To of links of `record`'s file, as `end` decides,
        or None where `end` refuses it (each link naming it then goes through `end` and says why). Each
        name is looked up once until an actor is kept: a file of 50,000 links names a few thousand."""
        named = self.named.setdefault((record.file, record.own), {})
        for ref in set(refs).difference(named):
            if not isinstance(ref, str):  # a cell its field refused: its links say why one by one
                continue
            try:
                named[ref] = self.end(record, "From", ref)
            except BadImportFile:
                named[ref] = None
        return named

    def link(self, record: Record, ref: str | None, source: str, target: str, link_type: str | None) -> str:
        """The id a link record gets: the known link of that id, else the known link with the same
        From, To and type (any type when the file gives none), else a new one."""
        return self._free(record, "link", self._link_id(record, ref, source, target, link_type))

    def _link_id(self, record: Record, ref: str | None, source: str, target: str, link_type: str | None) -> str:
        if self.match == "none":
            return new_id()
        key = self._key(record, ref)
        if key in self.links:
            return key
        for id_ in self.between.get((source, target), []):
            if id_ not in self.taken["link"] and link_type in (None, self.links[id_].link_type):
                return id_
        return key or new_id()

    def new_links(
        self, record: Record, refs: Sequence[str | None], ends: Sequence[tuple[str | None, str | None]]
    ) -> list[str | None]:
        """The id each of a run of links of `record`'s file takes (its `ref` and its ends given) where
        `link` plainly makes it a new link: its key is no link's of the document, of this import or of
        another of the run, and the document has no link between its ends. None for the others, which
        go through `link` one by one. Nothing is taken: `take` the ids of the links made."""
        if self.match == "none" or max(map(len, filter(None, refs)), default=0) > MAX_ID - 2:
            return [None] * len(refs)
        keys = refs if record.own else [None if ref is None else foreign_key(record.file, ref) for ref in refs]
        distinct = set(keys) - {None}  # a link without an id is new, unless the document links its ends
        twice = {key for key, n in Counter(keys).items() if n > 1} - {None} if len(distinct) < len(keys) else set()
        known = (distinct & self.links.keys()) | (distinct & self.taken["link"].keys()) | twice
        joined = set(ends) & self.between.keys() if self.between else set()  # pairs the document links
        if not (known or joined) and len(distinct) == len(keys):  # no id missing, none twice
            return list(keys)  # most runs: every link new, under its own id
        return [
            None if key in known or pair in joined else key or new_id() for key, pair in zip(keys, ends, strict=True)
        ]

    # ----- both -----------------------------------------------------------------------------------
    def _key(self, record: Record, ref: str | None) -> str | None:
        if ref is None or record.own:
            return ref
        if len(ref) > MAX_ID - 2:
            raise record.fail(f"the id {ref[:80]!r} is too long to keep beside the file name: at most {MAX_ID - 2}")
        return foreign_key(record.file, ref)

    def keep(self, record: Record, ref: str | None, entity: Entity) -> None:
        """Note a record the import takes: later records cannot take its id, links may name it."""
        self.take(entity.KIND, [entity.id], [record], [0])
        if isinstance(entity, Actor):
            if ref is not None:
                self.refs[record.file, ref] = entity.id
                self.anywhere[ref].add(entity.id)
            self.imported_names[name_key(entity.name)].add(entity.id)
            self.named.clear()

    def take(self, kind: str, ids: Sequence[str], records: Sequence[Record], rows: Sequence[int]) -> None:
        """Note the ids of `kind` the records at `rows` of `records` take, which later records cannot take
        (all `keep` does for links). The records are made only if a message names one."""
        self.taken[kind].update(zip(ids, zip(repeat(records), rows), strict=True))

    def _free(self, record: Record, kind: str, id_: str) -> str:
        if id_ in self.taken[kind]:
            raise record.fail(f"is the same {kind} as another record of this import{self._also(record, kind, id_)}")
        return id_

    def _also(self, record: Record, kind: str, id_: str) -> str:
        records, row = self.taken[kind][id_]
        other = records[row]
        where = other.where if other.file == record.file else ", ".join(filter(None, (other.file, other.where)))
        return f" (also {where})" if where else ""


def _index(pairs: Iterable[tuple]) -> dict:
    index: dict = defaultdict(list)
    for key, value in pairs:
        index[key].append(value)
    return dict(index)


def _by_id(entity) -> str:
    return entity.id
