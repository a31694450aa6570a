"""Board snapshots: the design as it stood at one moment, compared with another, or brought back.

A snapshot holds every entity of the design (spheres, items and their profiles, actors, registers,
notes, groups, votes...) as JSON. The workshop's own machinery (agenda, snapshots, workshop state),
the project header, the briefs and the practice library are not part of the board: restoring a
snapshot taken at step 2 brings the board back without rewinding the agenda or losing later snapshots.
Kinds a snapshot does not hold (added to the program after it was taken) are left as they are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from workbench.document import Document
from workbench.entity import Entity
from workbench.errors import ValidationError, WorkbenchError
from workbench.integrity import dangling_references
from workbench.kinds import KINDS, entity_type
from workbench.workshop.entities import Snapshot, Vote
from workbench.workshop.voting import totals

FORMAT = 1
KEPT_KINDS = frozenset({"project", "brief", "brief_section", "practice", "agenda_step", "snapshot", "workshop"})
POSITION_FIELDS = frozenset({"x", "y", "cx", "cy"})
Board = dict[str, dict[str, Entity]]  # kind -> id -> entity


def board_kinds() -> list[str]:
    return [kind for kind in KINDS if kind not in KEPT_KINDS]


def capture(doc: Document) -> str:
    """The board of `doc` as JSON text (ids sorted, so the same board always gives the same text)."""
    entities = {kind: [e.values() for _id, e in sorted(doc.entities[kind].items())] for kind in board_kinds()}
    return json.dumps({"format": FORMAT, "entities": entities}, ensure_ascii=False, separators=(",", ":"))


def take(doc: Document, name: str, taken: str, step_id: str | None = None) -> Snapshot:
    """A new snapshot of `doc`; `taken` is the local time in ISO form (passed in, never read here)."""
    return Snapshot.create(name=name, taken=taken, step_id=step_id, board=capture(doc))


def read_board(snapshot: Snapshot) -> Board:
    """The entities a snapshot holds, by kind; kinds this program does not know are skipped."""
    try:
        data = json.loads(snapshot.board)
        if data.get("format") != FORMAT or not isinstance(data.get("entities"), dict):
            raise ValueError(f"format {data.get('format')!r}")
        board: Board = {}
        for kind, records in data["entities"].items():
            if kind not in KINDS or kind in KEPT_KINDS:
                continue
            t = entity_type(kind)
            known = {"id", *t.specs()}
            board[kind] = {r["id"]: t.create(**{k: v for k, v in r.items() if k in known}) for r in records}
    except (ValueError, TypeError, KeyError, AttributeError, ValidationError) as err:
        raise WorkbenchError(f"The snapshot '{snapshot.name}' cannot be read.", str(err)) from None
    return board


# ----- comparing ------------------------------------------------------------------------------


@dataclass
class Difference:
    """What changed on the board from one snapshot to another, in words a room understands."""

    added: list[Entity] = field(default_factory=list)
    removed: list[Entity] = field(default_factory=list)
    moved: list[Entity] = field(default_factory=list)  # as they are in the later board
    changed: list[tuple[Entity, list[str]]] = field(default_factory=list)  # later entity, labels of fields
    votes: list[tuple[str, int, int]] = field(default_factory=list)  # title of note or item, before, after

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.moved or self.changed or self.votes)


def compare(before: Board, after: Board) -> Difference:
    """The difference from board `before` to board `after` (votes summed per note or item)."""
    diff = Difference()
    for kind in [k for k in board_kinds() if k in before or k in after]:
        old, new = before.get(kind, {}), after.get(kind, {})
        if kind == "vote":
            continue
        diff.added += [new[i] for i in new if i not in old]
        diff.removed += [old[i] for i in old if i not in new]
        for id_ in old.keys() & new.keys():
            fields = _changed_fields(old[id_], new[id_])
            if fields & POSITION_FIELDS:
                diff.moved.append(new[id_])
            other = sorted(fields - POSITION_FIELDS)
            if other:
                specs = new[id_].specs()
                diff.changed.append((new[id_], [specs[f].label for f in other]))
    diff.votes = _vote_changes(before, after)
    return diff


def _changed_fields(a: Entity, b: Entity) -> set[str]:
    va, vb = a.values(), b.values()
    return {f for f in va if f != "id" and va[f] != vb[f]}


def _votes(board: Board) -> list[Vote]:
    return [v for v in board.get("vote", {}).values() if isinstance(v, Vote)]


def _vote_changes(before: Board, after: Board) -> list[tuple[str, int, int]]:
    old, new = totals(_votes(before)), totals(_votes(after))
    titles = {i: e.title for b in (before, after) for kind in ("note", "item") for i, e in b.get(kind, {}).items()}
    return sorted(
        ((titles.get(t, "(gone)"), old[t], new[t]) for t in old.keys() | new.keys() if old[t] != new[t]),
        key=lambda row: (-row[2], row[0].casefold()),
    )


# ----- restoring ------------------------------------------------------------------------------


@dataclass
class RestorePlan:
    """The edits that turn the current document into the snapshot's board (undo reads the values they replace)."""

    create: list[Entity] = field(default_factory=list)
    update: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    delete: list[Entity] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.create or self.update or self.delete)


def plan_restore(doc: Document, board: Board) -> RestorePlan:
    """Plan bringing `board` back into `doc`; refuses (WorkbenchError) a result with broken references."""
    target: Board = {kind: dict(doc.entities[kind]) for kind in doc.entities}
    for kind, entities in board.items():
        target[kind] = {i: _without_missing_kept(e, doc) for i, e in entities.items()}
    problems = dangling_references(e for kind in target for e in target[kind].values())
    if problems:
        raise WorkbenchError(f"The snapshot cannot be restored: {problems[0]}", "\n".join(problems))
    plan = RestorePlan()
    for kind in board:
        current, wanted = doc.entities[kind], target[kind]
        plan.create += [e for i, e in wanted.items() if i not in current]
        plan.delete += [e for i, e in current.items() if i not in wanted]
        for id_ in current.keys() & wanted.keys():
            fields = _changed_fields(current[id_], wanted[id_])
            if fields:
                then = wanted[id_].values()
                plan.update.append((kind, id_, {f: then[f] for f in sorted(fields)}))
    return plan


def _without_missing_kept(entity: Entity, doc: Document) -> Entity:
    """The entity with references to kept kinds (e.g. a deleted agenda step) cleared when they are gone."""
    clear: dict[str, object] = {}
    for name, spec in entity.specs().items():
        value = getattr(entity, name)
        if spec.ref in KEPT_KINDS and value and spec.kind == "ref" and value not in doc.entities[spec.ref]:
            clear[name] = None
    return entity.changed(**clear) if clear else entity


def describe(diff: Difference) -> list[tuple[str, list[str]]]:
    """The difference as headed lists of plain sentences, for the compare dialog."""

    def named(e: Entity) -> str:
        return f"{e.LABEL.lower()} '{e.title}'"

    sections = [
        ("Added", [named(e) for e in diff.added if e.KIND not in _PROFILES]),
        ("Removed", [named(e) for e in diff.removed if e.KIND not in _PROFILES]),
        ("Moved", [named(e) for e in diff.moved]),
        ("Changed", [f"{named(e)}: {', '.join(fields).lower()}" for e, fields in diff.changed]),
        ("Votes", [f"'{title}': {old} → {new}" for title, old, new in diff.votes]),
    ]
    return [(heading, lines) for heading, lines in sections if lines]


_PROFILES = frozenset({"instrument"})  # an item's profile comes and goes with the item: name the item only
