"""Rows <-> entities without SQLAlchemy: the read path, which opening a document must do fast.

Column order is the entity's declaration order (id first), the same order db.mapping gives its
tables; a test checks the two agree. List attributes are JSON text; booleans are 0/1.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from workbench.entity import Entity
from workbench.fields import LIST_KINDS
from workbench.kinds import ENTITY_TYPES

COLUMNS: dict[str, tuple[str, ...]] = {t.KIND: ("id", *t.specs()) for t in ENTITY_TYPES}
LIST_FIELDS: dict[str, tuple[str, ...]] = {
    t.KIND: tuple(n for n, s in t.specs().items() if s.kind in LIST_KINDS) for t in ENTITY_TYPES
}
BOOL_FIELDS: dict[str, tuple[str, ...]] = {
    t.KIND: tuple(n for n, s in t.specs().items() if s.kind == "bool") for t in ENTITY_TYPES
}
# Column and table names come from our own schema, never from document content.
SELECT_ALL: dict[str, str] = {kind: f"SELECT {', '.join(cols)} FROM {kind}" for kind, cols in COLUMNS.items()}


def to_row(entity: Entity) -> dict[str, Any]:
    row = entity.values()
    for name in LIST_FIELDS[entity.KIND]:
        row[name] = json.dumps(row[name], ensure_ascii=False)
    return row


def _reader(t: type[Entity]) -> Callable[[tuple], Entity]:
    """A row -> entity function for one kind, generated once so each row costs one constructor call."""
    args = []
    for n, name in enumerate(COLUMNS[t.KIND]):
        if name in LIST_FIELDS[t.KIND]:
            args.append(f"{name}=loads(row[{n}] or '[]')")
        elif name in BOOL_FIELDS[t.KIND]:
            args.append(f"{name}=bool(row[{n}])")
        else:
            args.append(f"{name}=row[{n}]")
    source = f"def read(row):\n    return cls({', '.join(args)})\n"
    namespace: dict[str, Any] = {"cls": t, "loads": json.loads}
    exec(compile(source, f"<row reader for {t.KIND}>", "exec"), namespace)
    return namespace["read"]


_READERS = {t.KIND: _reader(t) for t in ENTITY_TYPES}


def from_row(t: type[Entity], row: Any) -> Entity:
    """Build an entity from a trusted row (the file passed its checks when opened)."""
    return _READERS[t.KIND](tuple(row))


def read_rows(t: type[Entity], rows: list) -> list[Entity]:
    read = _READERS[t.KIND]
    return [read(row) for row in rows]
