"""Tables for every entity kind, derived from the domain's field descriptions.

The domain classes stay pure; this module maps them onto SQLAlchemy Core tables and converts rows
to entities and back. List-valued attributes are stored as JSON text.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Boolean, Column, Float, Index, Integer, MetaData, String, Table, Text

from workbench.entity import Entity
from workbench.fields import LIST_KINDS
from workbench.kinds import ENTITY_TYPES

metadata = MetaData()

_COLUMN_TYPES = {"int": Integer, "float": Float, "bool": Boolean}

meta_table = Table("meta", metadata, Column("key", String, primary_key=True), Column("value", Text, nullable=False))


def _table_for(t: type[Entity]) -> Table:
    columns = [Column("id", String, primary_key=True)]
    for name, spec in t.specs().items():
        sql_type = _COLUMN_TYPES.get(spec.kind, Text)
        nullable = not (spec.required or spec.kind in LIST_KINDS or spec.kind in ("text", "longtext"))
        columns.append(Column(name, sql_type, nullable=nullable))
    # Scalar references are looked up when their target is deleted.
    indexes = [Index(f"ix_{t.KIND}_{n}", n) for n, s in t.specs().items() if s.kind == "ref"]
    return Table(t.KIND, metadata, *columns, *indexes)


TABLES: dict[str, Table] = {t.KIND: _table_for(t) for t in ENTITY_TYPES}
_LIST_FIELDS: dict[str, tuple[str, ...]] = {
    t.KIND: tuple(n for n, s in t.specs().items() if s.kind in LIST_KINDS) for t in ENTITY_TYPES
}
_BOOL_FIELDS: dict[str, tuple[str, ...]] = {
    t.KIND: tuple(n for n, s in t.specs().items() if s.kind == "bool") for t in ENTITY_TYPES
}


def to_row(entity: Entity) -> dict[str, Any]:
    row = entity.values()
    for name in _LIST_FIELDS[entity.KIND]:
        row[name] = json.dumps(row[name], ensure_ascii=False)
    return row


def from_row(t: type[Entity], row: Any) -> Entity:
    """Build an entity from a trusted row (the file passed its checks when opened)."""
    return _ROW_READERS[t.KIND](tuple(row))


def _reader(t: type[Entity]):
    """A fast row -> entity function for one kind (the hot path of opening a document).

    Rows arrive in table column order; the function is generated once per kind so that each row
    costs one constructor call, with JSON decoding only for list columns.
    """
    names = [c.name for c in TABLES[t.KIND].columns]
    args = []
    for n, name in enumerate(names):
        if name in _LIST_FIELDS[t.KIND]:
            args.append(f"{name}=loads(row[{n}] or '[]')")
        elif name in _BOOL_FIELDS[t.KIND]:
            args.append(f"{name}=bool(row[{n}])")
        else:
            args.append(f"{name}=row[{n}]")
    source = f"def read(row):\n    return cls({', '.join(args)})\n"
    namespace: dict[str, Any] = {"cls": t, "loads": json.loads}
    # The source is generated from our own schema, never from document content.
    exec(compile(source, f"<row reader for {t.KIND}>", "exec"), namespace)
    return namespace["read"]


_ROW_READERS = {t.KIND: _reader(t) for t in ENTITY_TYPES}


SELECT_ALL: dict[str, str] = {
    kind: f"SELECT {', '.join(c.name for c in table.columns)} FROM {kind}" for kind, table in TABLES.items()
}


def read_rows(t: type[Entity], rows: list) -> list[Entity]:
    read = _ROW_READERS[t.KIND]
    return [read(row) for row in rows]
