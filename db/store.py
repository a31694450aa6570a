"""Edit services over one open document file.

Each service is one short transaction that validates through the domain model, bumps the
document revision, commits (synchronous=FULL: on disk when it returns) and reports what changed.
Undo replays the same services with stored before/after values.

Reads use the SQLite connection directly (db.rows); writes go through SQLAlchemy Core on the same
connection. SQLAlchemy (and the domain's deletion and integrity rules) are imported on the first
write or by `warm_up`, which keeps the time from double-click to an open document short.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from importlib import import_module
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from db.errors import DocumentError, ReadOnlyDocument, reason_of
from db.rows import columns, from_row, list_fields, read_rows, select_all, to_row
from db.sqlite_file import apply_pragmas
from workbench.changes import Change, Op, merge
from workbench.document import Document
from workbench.entity import Entity
from workbench.errors import WorkbenchError
from workbench.kinds import KINDS, entity_type, entity_types

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from workbench.deletion import DeletionPlan

_BUMP_REVISION = "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'"
Listener = Callable[[list[Change]], None]
UNDELETABLE = frozenset({"project", "sphere"})
_CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit


def _row_tuple(entity: Entity, names: tuple[str, ...]) -> tuple:
    """Column values in table order; without list fields this skips building a dict (bulk imports)."""
    if list_fields(entity.KIND):
        row = to_row(entity)
        return tuple(row[c] for c in names)
    return attrgetter(*names)(entity)


def _explain_write_failure(err: sqlite3.Error) -> str:
    """One sentence: the change was not made, earlier work is safe, and why."""
    text = str(err).lower()
    if "full" in text or "too large" in text:
        return (
            "The disk is full, so this change could not be kept and was not made; your earlier work is safe "
            "(free some space and try again)."
        )
    if "readonly" in text or "read-only" in text:
        return "The working copy cannot be written to, so this change was not made; your earlier work is safe."
    what, todo = reason_of(err)
    return f"This change could not be written because {what}, so it was not made; your earlier work is safe ({todo})."


def _differing(before: Entity, after: Entity) -> frozenset[str]:
    """The attributes a deletion's reference clearing changed on an entity that stays."""
    old, new = before.values(), after.values()
    return frozenset(name for name, value in new.items() if old[name] != value)


def warm_up() -> None:
    """Import the write machinery ahead of the first edit (called once the window is showing)."""
    for module in ("db.mapping", "workbench.deletion", "workbench.integrity"):
        import_module(module)


class Store:
    """Reads and edits one SQLite document file; `listeners` hear every change after commit."""

    def __init__(self, path: Path, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self.conn = sqlite3.connect(self.path)
        apply_pragmas(self.conn)
        self._engine: Engine | None = None
        self.listeners: list[Listener] = []
        self._primed: dict[str, list[Entity]] = {}

    @property
    def engine(self) -> Engine:
        """SQLAlchemy over this store's own connection, made on first use."""
        if self._engine is None:
            from sqlalchemy import create_engine
            from sqlalchemy.pool import StaticPool

            self._engine = create_engine("sqlite://", creator=lambda: self.conn, poolclass=StaticPool)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        self.conn.close()

    # ----- reading -------------------------------------------------------------------------
    def prime(self, entities: dict[str, list[Entity]]) -> None:
        """Entities just read and checked on open: the first read of each kind returns them instead of
        reading the rows again (once only, as callers may change what they get; any write drops them)."""
        self._primed = dict(entities)

    def load(self) -> Document:
        """Every entity of the document, as a Document snapshot."""
        doc = Document()
        for t in entity_types():
            doc.entities[t.KIND] = {e.id: e for e in self.all(t.KIND)}
        return doc

    def all(self, kind: str) -> list[Entity]:
        return self.all_of(entity_type(kind))

    def all_of[E: Entity](self, t: type[E]) -> list[E]:
        """Every entity of one class, typed as that class (`all` for callers that know the class).

        The first read after opening takes the rows the trust checks have just read (see `prime`)."""
        primed = self._primed.pop(t.KIND, None)
        if primed is not None:
            return cast("list[E]", primed)
        return read_rows(t, self.conn.execute(select_all(t.KIND)).fetchall())

    def get(self, kind: str, id_: str) -> Entity | None:
        return self.get_of(entity_type(kind), id_)

    def get_of[E: Entity](self, t: type[E], id_: str) -> E | None:
        found = self.many_of(t, [id_])
        return found[0] if found else None

    def get_many(self, kind: str, ids: Iterable[str]) -> list[Entity]:
        return self.many_of(entity_type(kind), ids)

    def many_of[E: Entity](self, t: type[E], ids: Iterable[str]) -> list[E]:
        ids = list(ids)
        out: list[E] = []
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            sql = f"{select_all(t.KIND)} WHERE id IN ({', '.join('?' * len(chunk))})"
            out.extend(read_rows(t, self.conn.execute(sql, chunk).fetchall()))
        order = {id_: n for n, id_ in enumerate(ids)}
        return sorted(out, key=lambda e: order[e.id])

    def counts(self, kinds: Iterable[str] = KINDS) -> dict[str, int]:
        """How many entities of each kind (of every kind, or of those asked for: a view counts again
        only what an edit created or deleted). Only known kinds' names reach SQL."""
        known = [kind for kind in kinds if kind in KINDS]
        return {kind: self.conn.execute(f"SELECT count(*) FROM {kind}").fetchone()[0] for kind in known}

    @property
    def revision(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return int(row[0]) if row else 0

    # ----- services ------------------------------------------------------------------------
    def create(self, entities: Sequence[Entity]) -> list[Change]:
        """Insert new entities (validated, references checked) in one transaction."""
        for e in entities:
            e.validate()
        return self._write(lambda conn: self._insert(conn, entities))

    def update(self, kind: str, id_: str, changes: dict[str, Any]) -> list[Change]:
        """Change some attributes of one entity."""
        return self.update_many([(kind, id_, changes)])

    def update_many(self, edits: Sequence[tuple[str, str, dict[str, Any]]]) -> list[Change]:
        """Change attributes of several entities at once (e.g. moving a selection)."""
        return self._write(lambda conn: self._update_rows(conn, edits))

    def batch(
        self,
        create: Sequence[Entity] = (),
        update: Sequence[tuple[str, str, dict[str, Any]]] = (),
        delete: Sequence[tuple[str, str]] = (),
    ) -> list[Change]:
        """Delete, create and update entities of several kinds in one transaction (a sticky note turned into
        an instrument, a snapshot restored); undo runs the inverse batch. Deletes are exact: the caller
        names every dependent and leaves nothing referring to what it deletes."""
        for e in create:
            e.validate()

        def run(conn: Connection) -> list[Change]:
            changes = []
            for kind, id_ in delete:
                entity_type(kind)  # an unknown kind fails before its name reaches SQL
                conn.exec_driver_sql(f"DELETE FROM {kind} WHERE id = ?", (id_,))
                changes.append(Change(kind, Op.DELETED, frozenset([id_])))
            changes += self._insert(conn, create)
            changes += self._update_rows(conn, update)
            return changes

        return self._write(run)

    def delete(self, kind: str, ids: Iterable[str]) -> tuple[DeletionPlan, list[Change]]:
        """Delete entities with their dependents, clearing references; the plan lets undo restore them."""
        if kind in UNDELETABLE:
            raise WorkbenchError(f"The {entity_type(kind).LABEL.lower()} cannot be deleted; edit it instead.")
        from workbench.deletion import plan_deletion

        plan = plan_deletion(kind, ids, self.all)

        def run(conn: Connection) -> list[Change]:
            from sqlalchemy import delete, update

            from db.mapping import TABLES

            changes = []
            for e in plan.deleted:
                table = TABLES[e.KIND]
                conn.execute(delete(table).where(table.c.id == e.id))
                changes.append(Change(e.KIND, Op.DELETED, frozenset([e.id])))
            for before, after in plan.updated:
                table = TABLES[after.KIND]
                conn.execute(update(table).where(table.c.id == after.id).values(to_row(after)))
                changes.append(Change(after.KIND, Op.UPDATED, frozenset([after.id]), _differing(before, after)))
            return changes

        return plan, self._write(run)

    def restore(self, plan: DeletionPlan) -> list[Change]:
        """Undo a deletion: put the deleted entities back and the cleared references too."""

        def run(conn: Connection) -> list[Change]:
            from sqlalchemy import update

            from db.mapping import TABLES

            changes = self._insert(conn, plan.deleted, check=False)
            for before, after in plan.updated:
                table = TABLES[before.KIND]
                conn.execute(update(table).where(table.c.id == before.id).values(to_row(before)))
                changes.append(Change(before.KIND, Op.UPDATED, frozenset([before.id]), _differing(before, after)))
            return changes

        return self._write(run)

    def replace_all(self, entities: Sequence[Entity]) -> list[Change]:
        """Make the document hold exactly `entities` (import or snapshot restore), in one transaction."""
        for e in entities:
            e.validate()
        from workbench.integrity import dangling_references

        problems = dangling_references(entities)
        if problems:
            raise WorkbenchError(f"{len(problems)} broken references, first: {problems[0]}", "\n".join(problems))

        def run(conn: Connection) -> list[Change]:
            from sqlalchemy import delete

            from db.mapping import TABLES

            for kind in KINDS:
                conn.execute(delete(TABLES[kind]))
            self._insert(conn, entities, check=False)
            return [Change(kind, Op.UPDATED, frozenset()) for kind in KINDS]

        return self._write(run)

    def upsert(self, entities: Sequence[Entity], *, validated: bool = False) -> tuple[list[Entity], list[Change]]:
        """Insert `entities`, overwriting those whose id exists, in one transaction (an import).

        Returns the overwritten entities as they were before, so undo can put them back. `validated`
        skips checking entities again that an import plan has just checked (half a second for 50,000
        links); references are checked in the transaction either way."""
        if not validated:
            for e in entities:
                e.validate()
        twins = [f"{kind} {id_!r}" for (kind, id_), n in Counter((e.KIND, e.id) for e in entities).items() if n > 1]
        if twins:
            raise WorkbenchError(f"Two entities to import share the id of {twins[0]}.")
        previous: list[Entity] = []

        def run(conn: Connection) -> list[Change]:
            changes = []
            for t in entity_types():
                group = [e for e in entities if e.KIND == t.KIND]
                if not group:
                    continue
                before = self.get_many(t.KIND, [e.id for e in group])
                previous.extend(before)
                old = {e.id for e in before}
                names = columns(t.KIND)  # from our own schema, never from the imported file
                rows = [_row_tuple(e, names) for e in group]
                fresh = [r for r in rows if r[0] not in old]
                stale = [(*r[1:], r[0]) for r in rows if r[0] in old]
                if fresh:
                    marks = ", ".join("?" * len(names))
                    conn.exec_driver_sql(f"INSERT INTO {t.KIND} ({', '.join(names)}) VALUES ({marks})", fresh)
                if stale:
                    assignments = ", ".join(f"{c} = ?" for c in names[1:])
                    conn.exec_driver_sql(f"UPDATE {t.KIND} SET {assignments} WHERE id = ?", stale)
                changes.append(Change(t.KIND, Op.CREATED, frozenset(e.id for e in group if e.id not in old)))
                changes.append(Change(t.KIND, Op.UPDATED, frozenset(old), frozenset(names[1:])))
            self._check_references(conn, entities)
            return [c for c in changes if c.ids]

        changes = self._write(run)
        return previous, changes

    # ----- internals -----------------------------------------------------------------------
    def _write(self, body: Callable[[Connection], list[Change]]) -> list[Change]:
        if self.read_only:
            raise ReadOnlyDocument("This document is open read-only; open a copy to make changes.")
        self._primed.clear()
        try:
            with self.engine.begin() as conn:
                changes = body(conn)
                conn.exec_driver_sql(_BUMP_REVISION)
        except Exception as err:
            cause = getattr(err, "orig", err)  # SQLAlchemy wraps the driver's error
            if isinstance(cause, sqlite3.Error):
                raise DocumentError(_explain_write_failure(cause), f"{type(cause).__name__}: {cause}") from err
            raise
        changes = merge(changes)
        for listener in list(self.listeners):
            listener(changes)
        return changes

    def _insert(self, conn: Connection, entities: Sequence[Entity], *, check: bool = True) -> list[Change]:
        from sqlalchemy import insert, select

        from db.mapping import TABLES

        by_kind: dict[str, list[Entity]] = {}
        for e in entities:
            by_kind.setdefault(e.KIND, []).append(e)
        order = [kind for kind in KINDS if kind in by_kind]
        for kind in order:
            table = TABLES[kind]
            ids = [e.id for e in by_kind[kind]]
            if check:
                twins = [i for i, n in Counter(ids).items() if n > 1]
                if twins:
                    raise WorkbenchError(f"Two new {kind} entities share the id {twins[0]!r}.")
                for start in range(0, len(ids), _CHUNK):  # every id, not only the first chunk
                    chunk = ids[start : start + _CHUNK]
                    clash = conn.execute(select(table.c.id).where(table.c.id.in_(chunk))).first()
                    if clash is not None:
                        raise WorkbenchError(f"An {kind} with id {clash[0]!r} already exists.")
            conn.execute(insert(table), [to_row(e) for e in by_kind[kind]])
        if check:
            self._check_references(conn, entities)
        return [Change(kind, Op.CREATED, frozenset(e.id for e in by_kind[kind])) for kind in order]

    def _update_rows(self, conn: Connection, edits: Sequence[tuple[str, str, dict[str, Any]]]) -> list[Change]:
        changed: list[Entity] = []
        out: list[Change] = []
        for kind, id_, changes in edits:
            row = conn.exec_driver_sql(select_all(kind) + " WHERE id = ?", (id_,)).first()
            if row is None:
                raise WorkbenchError(f"The {entity_type(kind).LABEL.lower()} {id_!r} no longer exists.")
            after = from_row(entity_type(kind), row).changed(**changes)
            changed.append(after)
            out.append(Change(kind, Op.UPDATED, frozenset([id_]), frozenset(changes)))
            values = to_row(after)
            columns = sorted(changes)
            assignments = ", ".join(f"{c} = ?" for c in columns)  # column names come from our schema
            conn.exec_driver_sql(f"UPDATE {kind} SET {assignments} WHERE id = ?", (*(values[c] for c in columns), id_))
        self._check_references(conn, changed)
        return out

    def _check_references(self, conn: Connection, entities: Sequence[Entity]) -> None:
        """Raise (rolling the transaction back) if any entity refers to an id that does not exist."""
        from sqlalchemy import select

        from db.mapping import TABLES

        wanted: dict[str, set[str]] = {}
        for e in entities:
            for name, spec in e.specs().items():
                if spec.ref:
                    value = getattr(e, name)
                    targets = value if isinstance(value, list) else [value]
                    wanted.setdefault(spec.ref, set()).update(v for v in targets if v)
            if e.KIND == "instrument":
                wanted.setdefault("item", set()).add(e.id)
        for kind, ids in wanted.items():
            table = TABLES[kind]
            found: set[str] = set()
            id_list = list(ids)
            for start in range(0, len(id_list), _CHUNK):
                chunk = id_list[start : start + _CHUNK]
                found.update(conn.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars())
            missing = ids - found
            if missing:
                raise WorkbenchError(f"Refers to an unknown {kind}: {sorted(missing)[0]!r}")
