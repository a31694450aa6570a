"""What an edit changed, so views redraw only the entities named (like Anki's OpChanges)."""

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


def merge(changes: list[Change]) -> list[Change]:
    """Fold changes of the same kind and op together, keeping first-seen order."""
    merged: dict[tuple[str, Op], set[str]] = {}
    for c in changes:
        merged.setdefault((c.kind, c.op), set()).update(c.ids)
    return [Change(kind, op, frozenset(ids)) for (kind, op), ids in merged.items()]
