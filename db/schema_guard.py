"""The schema a document may have: exactly what the migration ladder writes, and nothing else.

A received file is untrusted. A trigger in it would run on the user's own edits (and be saved again),
a view in place of a table can make every read hang, a table defined differently breaks the reads.
The expected schema is not written down a second time: it is what the migrations build in an empty
in-memory database, for each version. `foreign_objects` compares; `strip` turns a working copy into
the expected schema, keeping the rows that still fit, and says in plain words what it did.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from functools import cache

from db import schema_cache
from db.migrations import SCHEMA_VERSION, STEP_PATHS, STEPS
from db.rows import text_or_bytes


@dataclass(frozen=True)
class SchemaObject:
    type: str  # table, index, trigger or view
    name: str
    table: str
    sql: str | None  # whitespace collapsed; None for the indexes SQLite makes for a primary key

    @property
    def plain(self) -> bool:
        """A table stored in the file (not a virtual table, whose reads run a module's code)."""
        return self.type == "table" and (self.sql or "").upper().startswith("CREATE TABLE")


@dataclass(frozen=True)
class Foreign:
    """One difference from the app's own schema, with the words a person reads."""

    what: str  # trigger, view, table, index, changed table, missing table, changed index, missing index, version
    name: str

    def describe(self) -> str:
        if self.what == "version":
            return f"a wrong document version number ({self.name})"
        return f"{self.what} {self.name!r}"


def _normal(sql: str | None) -> str | None:
    return " ".join(sql.split()) if sql else None


def _rows(conn: sqlite3.Connection) -> list[schema_cache.Row]:
    """sqlite_master as (type, name, table, sql with whitespace collapsed); reading it runs nothing from the file."""
    return _normalised(_read(conn))


def _read(conn: sqlite3.Connection) -> list[schema_cache.Row]:
    return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()


def _normalised(rows: list[schema_cache.Row]) -> list[schema_cache.Row]:
    return [(kind, name, table, _normal(sql)) for kind, name, table, sql in rows]


def objects(conn: sqlite3.Connection) -> dict[str, SchemaObject]:
    """Every object of the schema by name."""
    return {row[1]: SchemaObject(*row) for row in _rows(conn)}


def indexes_of(conn: sqlite3.Connection, table: str) -> dict[str, SchemaObject]:
    """The indexes of one table by name, as `objects` gives them (an import reads no other at its start)."""
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
    )
    return {name: SchemaObject(kind, name, table, _normal(sql)) for kind, name, table, sql in rows}


def _ladder() -> list[list[schema_cache.Row]]:
    """The schema of every version, as the migrations build it step by step in an empty database."""
    conn = sqlite3.connect(":memory:")
    try:
        built = [_rows(conn)]
        for step in STEPS:
            step(conn)
            built.append(_rows(conn))
        return built
    finally:
        conn.close()


@cache
def _every_version() -> list[list[schema_cache.Row]]:
    return schema_cache.schemas(STEP_PATHS, _ladder)


@cache
def _written(version: int) -> frozenset[schema_cache.Row]:
    """sqlite_master's rows as the migrations write them for a document of `version`."""
    return frozenset(_every_version()[version])


@cache
def expected(version: int) -> dict[str, SchemaObject]:
    """The schema the migrations give a document of `version` (0 to SCHEMA_VERSION)."""
    return {row[1]: SchemaObject(*row) for row in _every_version()[version]}


def _matching_version(found: dict[str, SchemaObject], claimed: int) -> int | None:
    """The version whose schema `found` is, triggers and views aside (the claimed one tried first)."""
    core = {n: o for n, o in found.items() if o.type in ("table", "index")}
    versions = range(SCHEMA_VERSION + 1)
    first = [claimed] if claimed in versions else []
    return next((v for v in [*first, *versions] if core == expected(v)), None)


@dataclass(frozen=True)
class Comparison:
    foreign: list[Foreign]
    version: int  # the version the schema really is (or, when it matches none, the one it claims)


def compare(conn: sqlite3.Connection) -> Comparison:
    """How the schema of `conn` differs from the app's own for its version; an empty list when it does not."""
    claimed = conn.execute("PRAGMA user_version").fetchone()[0]
    read = _read(conn)
    if _passed.get(claimed) == read:
        return Comparison([], claimed)  # text for text a schema found as written before (_as_written)
    rows = _normalised(read)
    if claimed in range(SCHEMA_VERSION + 1) and _as_written(rows, claimed):
        _passed[claimed] = read
        return Comparison([], claimed)  # the usual file, compared as a whole before any object is made
    found = {row[1]: SchemaObject(*row) for row in rows}
    out = [Foreign(o.type, n) for n, o in found.items() if o.type in ("trigger", "view")]
    matching = _matching_version(found, claimed)
    if matching is not None:
        if matching != claimed:
            out.append(Foreign("version", f"{claimed}, for tables of version {matching}"))
        return Comparison(out, matching)
    version = min(max(claimed, 0), SCHEMA_VERSION)
    want = expected(version)
    for name, o in found.items():
        if o.type not in ("table", "index"):
            continue
        mine = want.get(name)
        if mine is None:
            if o.type == "table" or o.table in want:  # an extra table's own indexes go with it
                out.append(Foreign(o.type, name))
        elif mine != o:
            out.append(Foreign(f"changed {mine.type}", name))
    tables = {n for n, o in found.items() if o.type == "table"}
    for name, o in want.items():
        there = found.get(name)
        if (there is None or there.type != o.type) and (o.type == "table" or o.table in tables):
            out.append(Foreign(f"missing {o.type}", name))  # a missing table's indexes are not counted again
    if not 0 <= claimed <= SCHEMA_VERSION:
        out.append(Foreign("version", str(claimed)))
    return Comparison(out, version)


_passed: dict[int, list[schema_cache.Row]] = {}  # by version, the last sqlite_master found as written, as read


def _as_written(rows: list[schema_cache.Row], version: int) -> bool:
    """True when the schema is, text for text, what the migrations write for `version` and holds no trigger
    or view: then it is that version's, with nothing foreign, as the comparison object by object finds."""
    return frozenset(rows) == _written(version) and not any(row[0] in ("trigger", "view") for row in rows)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 'es' if noun.endswith('x') else 's'}"


def summary(foreign: list[Foreign]) -> str:
    """'3 triggers, 1 view': what was found, counted by kind."""
    counts = Counter(f.what for f in foreign)
    parts = []
    for what, n in counts.items():
        if what == "version":
            parts.append("a wrong document version number")
        else:
            parts.append(_count(n, what))
    return ", ".join(parts)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql(o: SchemaObject) -> str:
    """The statement that makes one of the app's own objects (only SQLite's own indexes have none)."""
    if o.sql is None:
        raise ValueError(f"{o.name} is made by SQLite itself, not by a statement")
    return o.sql


def _drop(conn: sqlite3.Connection, o: SchemaObject) -> None:
    """Drop one object; a virtual table whose module is missing or untrusted is unlisted instead
    (it keeps no pages of its own, so nothing is left behind)."""
    try:
        conn.execute(f"DROP {o.type.upper()} IF EXISTS {_quoted(o.name)}")
    except sqlite3.Error:
        if o.type != "table" or o.plain:
            raise
        conn.execute("PRAGMA writable_schema=ON")
        conn.execute("DELETE FROM sqlite_master WHERE name = ?", (o.name,))
        conn.execute("PRAGMA writable_schema=OFF")


def _rebuild(conn: sqlite3.Connection, old: SchemaObject, want: SchemaObject, defaults: dict[str, object]) -> int:
    """Recreate a table as the app defines it, keeping the rows that fit; return how many did not.

    Rows are read from a plain table only (a virtual table's reads would run its module's code);
    a column the file lacks gets the domain's default, and a row still breaking NOT NULL is left out."""
    names: list[str] = []
    rows: list[tuple] = []
    if old.plain:
        names = [r[1] for r in conn.execute(f"PRAGMA table_xinfo({_quoted(old.name)})") if r[6] == 0]
        rows = conn.execute(f"SELECT {', '.join(map(_quoted, names))} FROM {_quoted(old.name)}").fetchall()
    _drop(conn, old)
    conn.execute(_sql(want))
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({_quoted(want.name)})")]
    keep = [c for c in columns if c in names]
    fill = [c for c in columns if c not in names]
    index = [names.index(c) for c in keep]
    values = [tuple(row[i] for i in index) + tuple(defaults.get(c) for c in fill) for row in rows]
    marks = ", ".join("?" * len(columns))
    before = conn.total_changes
    conn.executemany(
        f"INSERT OR IGNORE INTO {_quoted(want.name)} ({', '.join(map(_quoted, keep + fill))}) VALUES ({marks})", values
    )
    return len(rows) - (conn.total_changes - before)


def strip(conn: sqlite3.Connection, defaults: dict[str, dict[str, object]]) -> list[str]:
    """Turn the schema of `conn` (a private working copy) into the app's own; return what was done.

    `defaults` gives, per table, the stored value for a column the file lacks (the domain's default)."""
    found_cmp = compare(conn)
    done: list[str] = []
    if not found_cmp.foreign:
        return done
    found = objects(conn)
    want = expected(found_cmp.version)
    factory = conn.text_factory
    conn.text_factory = text_or_bytes  # rows kept from a rebuilt table are checked afterwards
    conn.execute("BEGIN IMMEDIATE")
    try:
        for kind in ("trigger", "view"):
            gone = [o for o in found.values() if o.type == kind]
            for o in gone:
                _drop(conn, o)
            if gone:
                done.append(f"Removed {_count(len(gone), kind)}: {_names(gone)}.")
        found = objects(conn)
        extra = [o for n, o in found.items() if o.type == "table" and n not in want]
        for o in extra:
            _drop(conn, o)
        if extra:
            done.append(f"Removed {_count(len(extra), 'table')} of another program: {_names(extra)}.")
        for name, o in want.items():
            if o.type != "table":
                continue
            old = found.get(name)
            if old is None:
                conn.execute(_sql(o))
                done.append(f"Added the missing table {name!r} (empty).")
            elif old != o:
                lost = _rebuild(conn, old, o, defaults.get(name, {}))
                note = f"; {_count(lost, 'row')} that did not fit left out" if lost else ""
                done.append(f"Rebuilt the table {name!r} as IIP Workbench defines it{note}.")
        now = objects(conn)
        for name, o in now.items():
            if o.type == "index" and o.sql is not None and want.get(name) != o:
                _drop(conn, o)
        now = objects(conn)
        for name, o in want.items():
            if o.type == "index" and name not in now:
                conn.execute(_sql(o))
        conn.execute(f"PRAGMA user_version={found_cmp.version}")
        if any(f.what == "version" for f in found_cmp.foreign):
            done.append(f"Set the document version number to {found_cmp.version}, which its tables are.")
        if any("index" in f.what for f in found_cmp.foreign):
            done.append("Rebuilt the indexes as IIP Workbench defines them.")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.text_factory = factory
    return done


def _names(found: list[SchemaObject]) -> str:
    return ", ".join(repr(o.name) for o in found[:5]) + (" and others" if len(found) > 5 else "")
