"""Rows <-> entities without SQLAlchemy: the read path, which opening a document must do fast.

Column order is the entity's declaration order (id first), the same order db.mapping gives its
tables; a test checks the two agree. List attributes are JSON text; booleans are 0/1. Everything
here is worked out per kind on first use, so opening a document pays only for the kinds it reads.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from functools import cache
from typing import Any, cast

from workbench.entity import Entity
from workbench.fields import LIST_KINDS
from workbench.kinds import entity_type


@cache
def columns(kind: str) -> tuple[str, ...]:
    return ("id", *entity_type(kind).specs())


@cache
def list_fields(kind: str) -> tuple[str, ...]:
    return tuple(n for n, s in entity_type(kind).specs().items() if s.kind in LIST_KINDS)


@cache
def select_all(kind: str) -> str:
    # Column and table names come from our own schema, never from document content.
    return f"SELECT {', '.join(columns(kind))} FROM {kind}"


def text_or_bytes(raw: bytes) -> str | bytes:
    """A connection's text_factory for rows not yet checked: text as stored, or its bytes when they are
    not UTF-8 (which the default factory raises on, and a field check then refuses)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


def to_row(entity: Entity) -> dict[str, Any]:
    row = entity.values()
    for name in list_fields(entity.KIND):
        row[name] = json.dumps(row[name], ensure_ascii=False)
    return row


_EMPTY_LISTS = frozenset({"[]", "", None})  # most list fields are empty: no JSON parser for those


@cache
def _reader(kind: str) -> Callable[[tuple], Entity]:
    """A row -> entity function for one kind, generated once. It stores each column in its slot, as the
    dataclass constructor would, without the constructor's keyword handling (most of the cost of
    building an entity, and opening builds 100,000 of them)."""
    t = entity_type(kind)
    fields = [f.name for f in dataclasses.fields(t)]
    if fields != list(columns(kind)) or hasattr(t, "__post_init__") or t.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        raise TypeError(f"{t.__name__} is more than its stored fields: a row cannot be read into it slot by slot")
    bools = {n for n, s in t.specs().items() if s.kind == "bool"}
    lines = ["def read(row):", "    e = new(cls)"]
    for n, name in enumerate(columns(kind)):
        if name in list_fields(kind):
            lines.append(f"    e.{name} = loads(row[{n}]) if row[{n}] not in EMPTY else []")
        elif name in bools:
            lines.append(f"    e.{name} = bool(row[{n}])")
        else:
            lines.append(f"    e.{name} = row[{n}]")
    source = "\n".join([*lines, "    return e", ""])
    namespace: dict[str, Any] = {"cls": t, "new": object.__new__, "loads": json.loads, "EMPTY": _EMPTY_LISTS}
    exec(compile(source, f"<row reader for {kind}>", "exec"), namespace)
    return namespace["read"]


def _read[E: Entity](t: type[E]) -> Callable[[tuple], E]:
    """The row reader of t's kind, typed as what it builds: it calls t(...)."""
    return cast("Callable[[tuple], E]", _reader(t.KIND))


def from_row[E: Entity](t: type[E], row: Any) -> E:
    """Build an entity from a trusted row (the file passed its checks when opened)."""
    return _read(t)(tuple(row))


def read_rows[E: Entity](t: type[E], rows: list) -> list[E]:
    read = _read(t)
    return [read(row) for row in rows]
