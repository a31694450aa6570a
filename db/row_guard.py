"""Every row of a document checked against the domain's own rules before the document is used.

The rules are the domain's: each column against its field's description (workbench.fields), each
entity's cross-field rules, references (workbench.integrity), one row for a kind with a fixed id.
This module only knows how values are stored (lists as JSON text, booleans as 0/1, text as UTF-8,
see db.rows) and checks each distinct value of a column once, which keeps the check of a
10,000-entity document short. `repair` removes what cannot be used and clears references to it.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from db import schema_guard
from db.migrations import SCHEMA_VERSION
from db.rows import columns, read_rows, text_or_bytes, to_row
from workbench.entity import Entity
from workbench.errors import ValidationError
from workbench.fields import LIST_KINDS, FieldSpec
from workbench.integrity import BrokenReference, broken_references_by_kind
from workbench.kinds import KINDS, entity_type
from workbench.project import PROJECT_ID, Project


@dataclass(frozen=True)
class BadRow:
    """A row that breaks a rule; `fixed` is the entity with each bad value at its default, when that is valid."""

    kind: str
    rowid: int
    problem: str
    fixed: Entity | None = None


@dataclass
class RowProblems:
    """What is wrong with the rows: rows to leave out, references to nothing, and the document's own records."""

    bad: list[BadRow] = field(default_factory=list)
    broken: list[BrokenReference] = field(default_factory=list)
    records: list[str] = field(default_factory=list)  # the revision record unreadable
    usable: dict[str, list[Entity]] = field(default_factory=dict)  # by kind, as read

    def __bool__(self) -> bool:
        return bool(self.bad or self.broken or self.records)

    def lines(self) -> list[str]:
        return [b.problem for b in self.bad] + [str(b) for b in self.broken] + self.records

    def summary(self) -> str:
        """'2 actors; 1 reference to a missing entry': what cannot be used, counted."""
        counts: dict[str, int] = {}
        for b in self.bad:
            counts[b.kind] = counts.get(b.kind, 0) + 1
        parts = [entity_type(kind).noun(n) for kind, n in counts.items()]
        if self.broken:
            n = len(self.broken)
            parts.append(f"{n} reference{'s' if n != 1 else ''} to missing entries")
        if self.records:
            parts.append("the document's record of changes")
        return "; ".join(parts)


@cache
def _id_spec(kind: str) -> FieldSpec:
    """An id obeys the rule of a reference to it (references must be able to name every id)."""
    return FieldSpec(label="Id", kind="ref", ref=kind)


@cache
def _fixed_id(kind: str) -> str | None:
    """The one id a kind allows (the project, the workshop), from its declaration's default."""
    default = next(f.default for f in dataclasses.fields(entity_type(kind)) if f.name == "id")
    return default if isinstance(default, str) else None


def _decoder(t: type[Entity], name: str) -> Callable[[Any], Any]:
    """stored value -> the value the entity holds, through the field's own check (raises ValidationError)."""
    spec = _id_spec(t.KIND) if name == "id" else t.specs()[name]

    def decode(raw: Any) -> Any:
        value = raw
        if spec.kind in LIST_KINDS:
            try:
                value = json.loads(raw) if isinstance(raw, str) else None
            except (ValueError, RecursionError):
                value = None
            if not isinstance(value, list):
                raise ValidationError(t.LABEL, spec.label, f"is not a readable list: {str(raw)[:40]!r}")
        elif spec.kind == "bool":
            if type(raw) is not int or raw not in (0, 1):
                raise ValidationError(t.LABEL, spec.label, f"must be yes or no, not {raw!r}")
            value = bool(raw)
        return spec.check(t.LABEL, spec.label, value)

    return decode


def _fetch(conn: sqlite3.Connection, sql: str) -> list[tuple]:
    """Every row, text decoded by SQLite's own fast path; a table holding text that is not UTF-8 is
    read again keeping those bytes, for the field check to refuse."""
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.OperationalError as err:
        if "decode" not in str(err):
            raise
    factory = conn.text_factory
    conn.text_factory = text_or_bytes
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.text_factory = factory


def _column_problems(t: type[Entity], name: str, values: Collection[Any]) -> dict[Any, str]:
    """The distinct stored values of one column that its field refuses, with the reason. Each distinct
    value is checked once (most columns hold a handful), a plain column as a whole (FieldSpec.refused)."""
    spec = _id_spec(t.KIND) if name == "id" else t.specs()[name]
    if spec.kind not in LIST_KINDS and spec.kind != "bool":
        return spec.refused(t.LABEL, values)  # stored as the entity holds it
    decode = _decoder(t, name)
    out = {}
    for value in set(values):
        try:
            decode(value)
        except ValidationError as err:
            out[value] = f"{err.field} {err.problem}"
    return out


def _read_kind(
    conn: sqlite3.Connection, t: type[Entity], problems: RowProblems
) -> tuple[list[Entity], list[int] | None]:
    """The usable rows of one kind as entities, with their rowids; the others go to `problems`. The rowids are
    None when every row is usable (the usual case): they are then the table's in order, which only a repair
    needs (`_rowids`), so the rows are read without them."""
    names = columns(t.KIND)
    rows = _fetch(conn, f"SELECT {', '.join(names)} FROM {t.KIND} ORDER BY rowid")
    wrong: dict[int, list[tuple[str, str]]] = {}  # row number -> (field, problem)
    by_column = list(zip(*rows, strict=True))
    for i, name in enumerate(names):
        refused = _column_problems(t, name, by_column[i])
        for n, row in enumerate(rows) if refused else ():
            if row[i] in refused:
                wrong.setdefault(n, []).append((name, refused[row[i]]))
    fixed_id = _fixed_id(t.KIND)
    own_rules = t.check_rules is not Entity.check_rules
    if wrong:
        rows = [r if n not in wrong else _with_defaults(t, r, wrong[n]) for n, r in enumerate(rows)]
    entities = read_rows(t, rows)  # every value now passed its field's check
    ids = by_column[0]
    usual = not wrong and len(set(ids)) == len(ids) and (fixed_id is None or list(ids) == [fixed_id])
    if usual and not (own_rules and _any_breaks_its_rules(entities)):
        return entities, None  # the usual case, in one pass
    seen: set[str] = set()
    out, rowids = [], []
    for n, (rowid, row, entity) in enumerate(zip(_rowids(conn, t.KIND), rows, entities, strict=True)):
        found = wrong.get(n, [])
        if found and found[0][0] == "id":
            problem = found[0][1]
        elif fixed_id is not None and entity.id != fixed_id:
            problem = f"is not the document's one {t.LABEL.lower()} (its id must be {fixed_id!r})"
        elif entity.id in seen:
            problem = "has the same id as another"
        else:
            problem = None
        if problem is not None:
            problems.bad.append(BadRow(t.KIND, rowid, f"{_label(t, row)}: {problem}"))
            continue
        seen.add(entity.id)
        if own_rules and not found:
            try:
                entity.check_rules()
            except ValidationError as err:
                found = [("", f"{err.field} {err.problem}")]
        if found:
            problems.bad.append(BadRow(t.KIND, rowid, f"{_label(t, row)}: {found[0][1]}", _valid_or_none(entity)))
            continue
        out.append(entity)
        rowids.append(rowid)
    return out, rowids


def _rowids(conn: sqlite3.Connection, kind: str) -> list[int]:
    """Every rowid of a table, in the order its rows are read (ORDER BY rowid)."""
    return [r[0] for r in conn.execute(f"SELECT rowid FROM {kind} ORDER BY rowid")]


def _any_breaks_its_rules(entities: list[Entity]) -> bool:
    """True when an entity breaks a rule across its fields (the rows are then gone through one by one)."""
    for entity in entities:
        try:
            entity.check_rules()
        except ValidationError:
            return True
    return False


def _label(t: type[Entity], row: tuple) -> str:
    return f"{t.LABEL} {str(row[0])[:40]!r}"


def _with_defaults(t: type[Entity], row: tuple, wrong: list[tuple[str, str]]) -> tuple:
    """A row with each refused value replaced by the stored form of its field's default."""
    defaults = to_row(t())
    bad = {name for name, _ in wrong}
    return tuple(defaults[c] if c in bad and c != "id" else v for c, v in zip(columns(t.KIND), row, strict=True))


def _valid_or_none(entity: Entity) -> Entity | None:
    try:
        entity.validate()
    except ValidationError:
        return None
    return entity


def find_problems(conn: sqlite3.Connection) -> tuple[RowProblems, dict[tuple[str, str], int]]:
    """Every problem with the rows of a document of the current schema, and the rowid of each usable entity."""
    problems = RowProblems()
    read: dict[str, list[int] | None] = {}  # kind -> the rowids of its usable entities (None: every row's)
    held = _kinds_held(conn)
    for kind in KINDS:
        if kind not in held:
            problems.usable[kind] = []  # nothing to check (its declarations need not load), nor to read again
            continue
        problems.usable[kind], read[kind] = _read_kind(conn, entity_type(kind), problems)
    groups = problems.usable
    if any(bad.fixed is not None for bad in problems.bad):
        groups = {kind: list(usable) for kind, usable in problems.usable.items()}
        for bad in problems.bad:
            if bad.fixed is not None:
                groups.setdefault(bad.fixed.KIND, []).append(bad.fixed)
    broken = broken_references_by_kind(groups)
    # Which row each entity is: only a repair needs it (a sound document, the usual case, is spared the work).
    rowids: dict[tuple[str, str], int] = {}
    if broken or problems.bad:
        for kind, found in read.items():
            numbers = _rowids(conn, kind) if found is None else found
            rowids.update(((kind, e.id), rowid) for e, rowid in zip(problems.usable[kind], numbers, strict=True))
    problems.broken = [b for b in broken if (b.entity.KIND, b.entity.id) in rowids]
    meta = conn.execute("SELECT key, value FROM meta").fetchall()
    if _revision(meta) < 0 or meta != [("revision", str(_revision(meta)))]:
        problems.records.append("the document's record of changes is unreadable")
    return problems, rowids


def _kinds_held(conn: sqlite3.Connection) -> set[str]:
    """The kinds with at least one row, asked in one statement (one per table took twice as long: each is
    prepared anew on the fresh connection of every open). Table names come from our own schema."""
    found = conn.execute("SELECT " + ", ".join(f"EXISTS (SELECT 1 FROM {kind})" for kind in KINDS)).fetchone()
    return {kind for kind, there in zip(KINDS, found, strict=True) if there}


def _revision(meta: list[tuple]) -> int:
    value = dict(meta).get("revision")
    return int(value) if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 19 else -1


def repair(conn: sqlite3.Connection) -> list[str]:
    """Leave out the rows that cannot be used and clear references to missing entities, in one
    transaction on a private working copy; return what was done, in plain words."""
    done: list[str] = []
    reset: dict[str, int] = {}  # rows kept with their unusable values set to the defaults
    removed: dict[str, int] = {}  # rows that break a rule
    orphans: dict[str, int] = {}  # entities that cannot be without what they refer to
    cleared = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        while True:
            problems, rowids = find_problems(conn)
            if not (problems.bad or problems.broken):
                break
            for bad in problems.bad:
                if bad.fixed is not None:
                    _write(conn, bad.fixed, bad.rowid)
                    reset[bad.kind] = reset.get(bad.kind, 0) + 1
            for kind in dict.fromkeys(b.kind for b in problems.bad if b.fixed is None):
                gone = {b.rowid for b in problems.bad if b.kind == kind and b.fixed is None}
                _rebuild_without(conn, kind, gone)
                removed[kind] = removed.get(kind, 0) + len(gone)
            for broken in problems.broken if not problems.bad else []:
                e = broken.entity
                after = _without(broken)
                rowid = rowids[e.KIND, e.id]
                if after is None:
                    conn.execute(f"DELETE FROM {e.KIND} WHERE rowid = ?", (rowid,))
                    orphans[e.KIND] = orphans.get(e.KIND, 0) + 1
                    continue
                _write(conn, after, rowid)
                cleared += 1
        if reset:
            done.append(f"Set values IIP Workbench cannot use back to their defaults in {_nouns(reset)}.")
        if removed:
            done.append(f"Left out {_nouns(removed)} whose values IIP Workbench cannot use.")
        if orphans:
            done.append(f"Left out {_nouns(orphans)} that belonged to entries that were left out or missing.")
        if cleared:
            done.append(f"Cleared {cleared} reference{'s' if cleared != 1 else ''} to entries that do not exist.")
        if problems.records:
            revision = max(_revision(conn.execute("SELECT key, value FROM meta").fetchall()), 0)
            conn.execute("DELETE FROM meta")
            conn.execute("INSERT INTO meta (key, value) VALUES ('revision', ?)", (str(revision),))
            done.append("Restored the document's record of changes.")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return done


def _rebuild_without(conn: sqlite3.Connection, kind: str, gone: set[int]) -> None:
    """Rewrite a table without some rows. Not a DELETE: a crafted file can hold two rows with one id
    that its primary-key index does not list, and deleting a row an index misses fails as damage."""
    factory = conn.text_factory
    conn.text_factory = text_or_bytes
    try:
        rows = [r[1:] for r in conn.execute(f"SELECT rowid, * FROM {kind}") if r[0] not in gone]
    finally:
        conn.text_factory = factory
    schema = schema_guard.expected(SCHEMA_VERSION)
    conn.execute(f"DROP TABLE {kind}")
    for o in schema.values():
        if o.table == kind and o.sql:
            conn.execute(o.sql)
    if rows:
        conn.executemany(f"INSERT INTO {kind} VALUES ({', '.join('?' * len(rows[0]))})", rows)


def _write(conn: sqlite3.Connection, entity: Entity, rowid: int) -> None:
    row = to_row(entity)
    names = columns(entity.KIND)[1:]
    sets = ", ".join(f"{n} = ?" for n in names)
    conn.execute(f"UPDATE {entity.KIND} SET {sets} WHERE rowid = ?", (*(row[n] for n in names), rowid))


def _nouns(counts: dict[str, int]) -> str:
    return ", ".join(entity_type(kind).noun(n) for kind, n in counts.items())


def _without(broken: BrokenReference) -> Entity | None:
    """The entity with its reference to nothing cleared, or None when it cannot be without it."""
    e = broken.entity
    if broken.field is None:
        return None
    spec = e.specs()[broken.field]
    value = getattr(e, broken.field)
    if isinstance(value, list):
        return e.changed(**{broken.field: [v for v in value if v != broken.target]})
    if spec.required:
        return None
    try:
        return e.changed(**{broken.field: None})
    except ValidationError:
        return None


def complete(conn: sqlite3.Connection) -> None:
    """Add the project record to a document without one (a version-0 file has none, and the domain
    reads a missing project as the default one), so that every reader finds it."""
    if conn.execute("SELECT 1 FROM project WHERE id = ?", (PROJECT_ID,)).fetchone() is None:
        row = to_row(Project())
        names = columns("project")
        marks = ", ".join("?" * len(names))
        conn.execute(f"INSERT INTO project ({', '.join(names)}) VALUES ({marks})", tuple(row[n] for n in names))
