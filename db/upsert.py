"""An import's write: entities inserted, overwriting those whose id exists, a slice of rows at a time on the
raw connection (prepared statements, no object per row). `upsert_steps` yields between slices, so the
window can write thousands of links across turns of its event loop (db.stepwise) in one transaction; the
command line drains it in one go (`drained`)."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Generator, Iterable, Mapping, Sequence
from itertools import repeat
from operator import attrgetter
from typing import Any

from db.migrations import SCHEMA_VERSION
from db.operations import Batch, Operation, Ref
from db.rows import columns, list_fields, read_rows, select_all, to_row
from db.schema_guard import expected, indexes_of
from workbench.changes import Change, Op
from workbench.entity import Entity
from workbench.entity_columns import Entities
from workbench.errors import WorkbenchError
from workbench.kinds import KINDS, reference_fields

CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit
STEP_ROWS = 500  # rows looked up or written between two yields: a few milliseconds of the window's
MAX_PARAMETERS = 999  # values bound to one statement: the least any SQLite allows
REBUILD_FROM = 4  # rows written per row a table holds from which its indexes are built again (`_insert_many`)
Written = tuple[list[Change], Operation]
Steps = Generator[None, None, Written]


def drained(steps: Steps) -> Written:
    """What `steps` returns, run to its end."""
    while True:
        try:
            next(steps)
        except StopIteration as end:
            return end.value


def upsert_steps(
    conn: sqlite3.Connection, groups: Mapping[type[Entity], Sequence[Entity]], step: int = STEP_ROWS
) -> Steps:
    """Write `groups` (entities by class, ids unique in each) in the transaction open on `conn`, yielding
    after every `step` rows; returns the changes and the inverse (put back what was overwritten, delete
    what is new). References are checked last: a broken one raises, and the caller rolls back."""
    changes: list[Change] = []
    previous: list[Entity] = []
    fresh_refs: list[Ref] = []
    for t in sorted(groups, key=lambda t: KINDS.index(t.KIND)):  # in dependency order, importing no other
        group = groups[t]
        ids = list(column(group, "id"))  # in the order given
        before: list[Entity] = []
        if conn.execute(f"SELECT EXISTS (SELECT 1 FROM {t.KIND})").fetchone()[0]:  # else none is overwritten
            for start in range(0, len(ids), CHUNK):
                before += many_of(conn, t, ids[start : start + CHUNK])
                yield
        previous += before
        old = {e.id for e in before}
        names = columns(t.KIND)  # from our own schema, never from the imported file
        rows = row_tuples(t.KIND, group)
        fresh = [r for r in rows if r[0] not in old] if old else rows
        stale = [(*r[1:], r[0]) for r in rows if r[0] in old] if old else []
        if fresh:
            yield from _insert_many(conn, t.KIND, names, fresh, step)
        if stale:
            assignments = ", ".join(f"{c} = ?" for c in names[1:])
            for start in range(0, len(stale), step):
                conn.executemany(f"UPDATE {t.KIND} SET {assignments} WHERE id = ?", stale[start : start + step])
                yield
        fresh_ids = [i for i in ids if i not in old] if old else ids
        fresh_refs += zip(repeat(t.KIND), fresh_ids)
        changes.append(Change(t.KIND, Op.CREATED, frozenset(fresh_ids)))
        changes.append(Change(t.KIND, Op.UPDATED, frozenset(old), frozenset(names[1:])))
    check_references(conn, groups)
    put_back = [(e.KIND, e.id, {k: v for k, v in e.values().items() if k != "id"}) for e in previous]
    return [c for c in changes if c.ids], Batch(update=put_back, delete=fresh_refs)


def _insert_many(
    conn: sqlite3.Connection, kind: str, names: Sequence[str], rows: Sequence[tuple], step: int
) -> Generator[None]:
    """Insert rows of one table; rows four times as many as it holds are written with its indexes (but the
    primary key's) dropped and built again after: one sort per index, not a step down its B-tree per row
    (a fifth of writing 50,000 links). Dropping an index journals and zeroes its pages, so a table already
    holding more keeps them. Only indexes of our own schema, as the file holds them, are built."""
    ours = [o for o in expected(SCHEMA_VERSION).values() if o.type == "index" and o.table == kind]
    rebuilt: list[tuple[str, str]] = []
    if ours and len(rows) >= REBUILD_FROM * conn.execute(f"SELECT count(*) FROM {kind}").fetchone()[0]:
        held = indexes_of(conn, kind)
        rebuilt = [(o.name, o.sql) for o in ours if o.sql and held.get(o.name) == o]
    for name, _ in rebuilt:
        conn.execute(f"DROP INDEX {name}")
    for start in range(0, len(rows), step):
        insert_rows(conn, kind, names, rows[start : start + step])
        yield
    for _, sql in rebuilt:
        conn.execute(sql)
        yield


def insert_rows(conn: sqlite3.Connection, kind: str, names: Sequence[str], rows: Sequence[tuple]) -> None:
    """Insert `rows`, many to a statement: executemany steps SQLite once a row, and hands Python's lock to
    any other thread at each step (work beside the window then held each row up to 5 ms: 40 ms stalls in
    the window's import of 5,000 links); a statement of many rows is a quarter quicker as well."""
    per = max(1, MAX_PARAMETERS // len(names))
    row = f"({', '.join('?' * len(names))})"
    head = f"INSERT INTO {kind} ({', '.join(names)}) VALUES "
    for start in range(0, len(rows), per):
        chunk = rows[start : start + per]
        conn.execute(head + ", ".join(repeat(row, len(chunk))), list(itertools.chain.from_iterable(chunk)))


def row_tuples(kind: str, entities: Sequence[Entity]) -> list[tuple]:
    """Column values in table order; without list fields one getter for all, or the columns an import kept
    as they are (no dict, nor object, per entity)."""
    names = columns(kind)
    if list_fields(kind):
        return [tuple(row[c] for c in names) for row in map(to_row, entities)]
    if isinstance(entities, Entities):
        return list(zip(*(entities.column(name) for name in names), strict=True))
    return list(map(attrgetter(*names), entities))


def column(entities: Sequence[Entity], name: str) -> Iterable[Any]:
    """Each entity's value of the field `name` (or its id), from an import's columns where it kept them."""
    return entities.column(name) if isinstance(entities, Entities) else map(attrgetter(name), entities)


def many_of[E: Entity](conn: sqlite3.Connection, t: type[E], ids: Sequence[str]) -> list[E]:
    """The entities of class `t` with these ids that `conn` finds, in the order of `ids`."""
    out: list[E] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        out.extend(read_rows(t, conn.execute(f"{select_all(t.KIND)} WHERE id IN {marks(chunk)}", chunk).fetchall()))
    if not out:  # an import of new entities
        return out
    order = {id_: n for n, id_ in enumerate(ids)}
    return sorted(out, key=lambda e: order[e.id])


def check_references(conn: sqlite3.Connection, groups: Mapping[type[Entity], Sequence[Entity]]) -> None:
    """Raise (the caller rolls the transaction back) if any entity refers to an id that does not exist.

    The ids referred to are counted where they exist, a chunk at a time (one row back, not one per id:
    an import of 50,000 links names 10,000 actors); only when some are missing are they looked up."""
    wanted: dict[str, set[Any]] = {}
    for t, group in groups.items():
        for name, kind, many in reference_fields(t.KIND):
            ids = wanted.setdefault(kind, set())
            values = column(group, name)
            ids.update(itertools.chain.from_iterable(values) if many else values)
    for kind, ids in wanted.items():
        ids.discard(None)  # an optional reference left empty
        ids.discard("")
        id_list = list(ids)
        chunks = [id_list[start : start + CHUNK] for start in range(0, len(id_list), CHUNK)]
        # Column and table names come from our own schema; the ids are parameters.
        counted = f"SELECT count(*) FROM {kind} WHERE id IN "
        if all(conn.execute(counted + marks(c), c).fetchone()[0] == len(c) for c in chunks):
            continue
        found: set[str] = set()
        for chunk in chunks:
            found.update(r[0] for r in conn.execute(f"SELECT id FROM {kind} WHERE id IN {marks(chunk)}", chunk))
        raise WorkbenchError(f"Refers to an unknown {kind}: {sorted(ids - found)[0]!r}")


def delete_rows(conn: sqlite3.Connection, kind: str, ids: Sequence[str]) -> None:
    """Delete the rows of these ids, many to a statement (see `insert_rows`): the undo of an import
    deletes thousands."""
    for start in range(0, len(ids), MAX_PARAMETERS):
        chunk = ids[start : start + MAX_PARAMETERS]
        conn.execute(f"DELETE FROM {kind} WHERE id IN {marks(chunk)}", chunk)


def marks(values: Sequence[object]) -> str:
    """'(?, ?, ?)': a parameter for each value."""
    return f"({', '.join('?' * len(values))})"
