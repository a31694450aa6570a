"""What an edit changed, so views redraw only what it touched (like Anki's OpChanges).

A change names its entities and, for an update, the attributes that changed: a view redraws a
label on a rename and recomputes geometry only when a position or size moved. `initiator` says who
asked for the edit (a section's key such as "spheres", "inspector", "import", or "undo" and "redo";
empty for a store call no window made), so the view that already shows the result of its own
gesture can skip redrawing it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Op(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    op: Op
    ids: frozenset[str]
    fields: frozenset[str] = frozenset()  # UPDATED: the attributes written; CREATED, DELETED: empty (all of them)
    initiator: str = ""

    def touches(self, *names: str) -> bool:
        """True if this change may alter any of the named attributes (a created or deleted entity alters all)."""
        return self.op != Op.UPDATED or not self.fields.isdisjoint(names)


def merge(changes: list[Change]) -> list[Change]:
    """Fold changes of the same kind, op, fields and initiator together, keeping first-seen order."""
    merged: dict[tuple[str, Op, frozenset[str], str], set[str]] = {}
    for c in changes:
        merged.setdefault((c.kind, c.op, c.fields, c.initiator), set()).update(c.ids)
    return [Change(kind, op, frozenset(ids), fields, who) for (kind, op, fields, who), ids in merged.items()]


def net(changes: Iterable[Change]) -> list[Change]:
    """What a run of changes amounts to, each entity named once: deleted (if deleted last), created
    (if created since, whatever followed) or updated (with every field written). A view that was
    hidden while they happened catches up with this, once: deletions first, then updates, then
    creations in the order they were made (a table lists rows in that order). Who asked is not kept:
    edits by several hands were folded together."""
    state: dict[tuple[str, str], tuple[Op, frozenset[str], int]] = {}
    for n, c in enumerate(changes):
        for id_ in c.ids:
            before = state.get((c.kind, id_))
            if before is None or c.op != Op.UPDATED:
                state[(c.kind, id_)] = (c.op, c.fields, n)
            elif before[0] == Op.UPDATED:
                state[(c.kind, id_)] = (Op.UPDATED, before[1] | c.fields, before[2])
    grouped: dict[tuple[str, Op, frozenset[str], int], set[str]] = {}
    for (kind, id_), (op, fields, n) in state.items():
        grouped.setdefault((kind, op, fields, n if op == Op.CREATED else 0), set()).add(id_)
    ordered = sorted(grouped.items(), key=lambda group: (_NET_ORDER[group[0][1]], group[0][3]))
    return [Change(kind, op, frozenset(ids), fields) for (kind, op, fields, _n), ids in ordered]


_NET_ORDER = {Op.DELETED: 0, Op.UPDATED: 1, Op.CREATED: 2}
