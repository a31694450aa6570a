"""Tables for every entity kind, derived from the domain's field descriptions.

The domain classes stay pure; this module maps them onto SQLAlchemy Core tables (used for every
write and for the schema). Reading rows back into entities is in db.rows, which needs no SQLAlchemy.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, Index, Integer, MetaData, String, Table, Text

from workbench.entity import Entity
from workbench.fields import LIST_KINDS
from workbench.kinds import entity_types

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


TABLES: dict[str, Table] = {t.KIND: _table_for(t) for t in entity_types()}
