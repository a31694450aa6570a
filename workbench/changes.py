"""What an edit changed, so views redraw only what it touched (like Anki's OpChanges).

A change names its entities and, for an update, the attributes that changed: a view redraws a
label on a rename and recomputes geometry only when a position or size moved. `initiator` says who
asked for the edit (a section's key such as "spheres", "inspector", "import", or "undo" and "redo";
empty for a store call no window made), so the view that already shows the result of its own
gesture can skip redrawing it.
"""

from __future__ import annotations

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
