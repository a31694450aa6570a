"""Edit services over one open document file.

Each service is one short transaction that validates through the domain model, bumps the
document revision, commits (synchronous=FULL: on disk when it returns) and returns what changed,
named with who asked (`initiator`), and the operation that undoes it (db.operations). Undo and redo
are services too: `apply` runs an operation or its inverse.

Reads use the SQLite connection directly (db.rows); writes go through SQLAlchemy Core on the same
connection, an import's rows as prepared statements on the driver's (db.upsert), and the window's import
on a connection of its own, a slice per turn (db.stepwise). SQLAlchemy (and the domain's deletion and
integrity rules) are imported on the first write or by `warm_up`, which keeps the time from double-click
to an open document short.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from importlib import import_module
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from db.errors import DocumentBusy, DocumentError, ReadOnlyDocument, explain_write_failure
from db.operations import Batch, Done, Edit, NotKept, Operation, Ref
from db.rows import columns, from_row, read_rows, select_all, to_row
from db.sqlite_file import apply_pragmas
from db.stepwise import StepwiseWrite
from db.upsert import (
    CHUNK,
    Written,
    check_references,
    column,
    delete_rows,
    drained,
    insert_rows,
    many_of,
    marks,
    row_tuples,
    upsert_steps,
)
from workbench.changes import Change, Op, merge
from workbench.document import Document
from workbench.entity import Entity
from workbench.entity_columns import Entities
from workbench.errors import WorkbenchError
from workbench.kinds import KINDS, check_deletable, entity_type

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

_BUMP_REVISION = "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'"
Listener = Callable[[list[Change]], None]


def _by_kind(refs: Sequence[Ref]) -> dict[str, list[str]]:
    """The ids of `refs` by kind, each kind in the order it is first named."""
    out: dict[str, list[str]] = {}
    for kind, id_ in refs:
        out.setdefault(kind, []).append(id_)
    return out


def _differing(before: Entity, after: Entity) -> frozenset[str]:
    """The attributes a deletion's reference clearing changed on an entity that stays."""
    old, new = before.values(), after.values()
    return frozenset(name for name, value in new.items() if old[name] != value)


def warm_up() -> None:
    """Import the write machinery ahead of the first edit (called once the window is showing)."""
    # The dialect too: the first deletion makes the store's engine, which would load it on the window's thread.
    for module in ("db.mapping", "sqlalchemy.dialects.sqlite.pysqlite", "workbench.deletion", "workbench.integrity"):
        import_module(module)


class Store:
    """Reads and edits one SQLite document file; `listeners` hear every change after commit."""

    def __init__(self, path: Path, *, read_only: bool = False, conn: sqlite3.Connection | None = None):
        """`conn`: a connection to `path` with the document pragmas already set (opening hands over the one
        it checked the file on), else a new one is made."""
        self.path = Path(path)
        self.read_only = read_only
        if conn is None:
            conn = sqlite3.connect(self.path)
            apply_pragmas(conn)
        self.conn = conn
        self._engine: Engine | None = None
        self.listeners: list[Listener] = []
        self._primed: dict[str, list[Entity]] = {}
        # What the document holds, as a number: every edit makes a new state, its undo returns to the
        # state before it (`apply`), so "modified" compares states rather than counting edits.
        self._states = itertools.count(1)
        self.state = 0
        self._returning: int | None = None
        self._inverse = True  # whether the operation being applied must return its inverse (`apply`)
        self.writing: StepwiseWrite | None = None  # an import being written a slice at a time

    @property
    def engine(self) -> Engine:
        """SQLAlchemy over this store's own connection, made on first use."""
        if self._engine is None:
            from sqlalchemy import create_engine
            from sqlalchemy.pool import StaticPool

            self._engine = create_engine("sqlite://", creator=lambda: self.conn, poolclass=StaticPool)
        return self._engine

    def close(self) -> None:
        if self.writing is not None:
            self.writing.abandon()
        if self._engine is not None:
            self._engine.dispose()
        self.conn.close()

    # ----- reading -------------------------------------------------------------------------
    def prime(self, entities: dict[str, list[Entity]]) -> None:
        """Entities just read and checked on open: the first read of each kind returns them instead of
        reading the rows again (once only, as callers may change what they get; any write drops them)."""
        self._primed = dict(entities)

    def load(self) -> Document:
        """Every entity of the document, as a Document snapshot. Right after opening, a kind the document
        holds none of is not read, nor its declarations loaded (the window shows sooner)."""
        doc = Document()
        for kind in KINDS:
            primed = self._primed.pop(kind, None)
            found = primed if primed is not None else self.all(kind)
            doc.entities[kind] = {e.id: e for e in found}
        return doc

    def primed_snapshot(self) -> Document | None:
        """The document as just opened and checked, when nothing has read or written it since (a Document
        made from rows already in memory: no reading); else None (db.snapshot reads it beside the window)."""
        return self.load() if self._primed and len(self._primed) == len(KINDS) else None

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
        return many_of(self.conn, t, list(ids))

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
    def apply(
        self, operation: Operation, *, initiator: str = "", returns_to: int | None = None, inverse: bool = True
    ) -> Done:
        """Apply an operation (an edit, or the undo or redo of one). `returns_to` is the `state` an undo
        or redo brings back: the document then holds what it held in that state, so an edit and its
        undo leave it unmodified (DocumentSession.dirty). Without `inverse`, a batch's inverse is NotKept:
        what it deletes is not read back (the undo of an import of 5,000 links, on the window's thread)."""
        self._returning, self._inverse = returns_to, inverse
        try:
            return operation.apply(self, initiator)
        finally:
            self._returning, self._inverse = None, True

    def holds(self, state: int) -> None:
        """The document holds again what it held in `state`: edits that ended where they began (a burst
        of typing typed back), which undo then drops as one step."""
        self.state = state

    def create(self, entities: Sequence[Entity], *, initiator: str = "") -> Done:
        """Insert new entities (validated, references checked) in one transaction."""
        return self.batch(create=entities, initiator=initiator)

    def update(self, kind: str, id_: str, changes: dict[str, Any], *, initiator: str = "") -> Done:
        """Change some attributes of one entity."""
        return self.batch(update=[(kind, id_, changes)], initiator=initiator)

    def update_many(self, edits: Sequence[Edit], *, initiator: str = "") -> Done:
        """Change attributes of several entities at once (e.g. moving a selection)."""
        return self.batch(update=edits, initiator=initiator)

    def batch(
        self,
        create: Sequence[Entity] = (),
        update: Sequence[Edit] = (),
        delete: Sequence[Ref] = (),
        *,
        initiator: str = "",
    ) -> Done:
        """Delete, create and update entities of several kinds in one transaction (a stage added where
        later stages move up, a sticky note turned into an instrument, a snapshot restored). Deletes are
        exact: the caller names every dependent and leaves nothing referring to what it deletes. The
        inverse is a batch too: create what went, put back the values written, delete what came."""
        for e in create:
            e.validate()
        for kind, id_ in delete:
            check_deletable(kind, id_)  # an unknown kind fails here too, before its name reaches SQL

        kept = self._inverse

        def run(conn: sqlite3.Connection) -> tuple[list[Change], Operation]:
            changes, gone = [], []
            for kind, ids in _by_kind(delete).items():  # (the undo of an import deletes thousands at once)
                if kept:
                    gone += self._rows_to_delete(conn, kind, ids)
                    delete_rows(conn, kind, ids)
                else:
                    self._delete_each(conn, kind, ids)
                changes.append(Change(kind, Op.DELETED, frozenset(ids)))
            changes += self._insert(conn, create)
            updated, before = self._update_rows(conn, update)
            # Values put back last-written first, so an entity edited twice in one batch ends as it began.
            inverse = Batch(create=gone, update=before[::-1], delete=[(e.KIND, e.id) for e in create])
            return changes + updated, inverse if kept else NotKept()

        return self._write_plain(run, initiator)  # plain SQL on the driver's connection: no SQLAlchemy

    def delete(self, refs: Iterable[Ref], *, initiator: str = "") -> Done:
        """Delete entities with what the domain's deletion plan takes with them (dependents, cleared
        references); the inverse creates them again and puts the cleared references back."""
        from workbench.deletion import plan_deletion

        plan = plan_deletion(refs, self.all)

        def run(conn: Connection) -> tuple[list[Change], Operation]:
            from sqlalchemy import delete, update

            from db.mapping import TABLES

            changes, restore = [], []
            for e in plan.deleted:
                table = TABLES[e.KIND]
                conn.execute(delete(table).where(table.c.id == e.id))
                changes.append(Change(e.KIND, Op.DELETED, frozenset([e.id])))
            for before, after in plan.updated:
                table = TABLES[after.KIND]
                conn.execute(update(table).where(table.c.id == after.id).values(to_row(after)))
                cleared = _differing(before, after)
                changes.append(Change(after.KIND, Op.UPDATED, frozenset([after.id]), cleared))
                restore.append((before.KIND, before.id, {name: before.values()[name] for name in cleared}))
            return changes, Batch(create=plan.deleted, update=restore)

        return self._write(run, initiator)

    def upsert(
        self,
        entities: Sequence[Entity],
        *,
        validated: bool = False,
        initiator: str = "",
        ready: Callable[[], object] | None = None,
    ) -> Done:
        """Insert `entities`, overwriting those whose id exists, in one transaction (an import).

        The inverse puts back the overwritten entities as they were and deletes the new ones. `validated`
        skips checking entities again that an import plan has just checked (half a second for 50,000
        links); references are checked in the transaction either way. `ready` runs once every row is
        written, before the commit (an import names its backup then); if it raises, nothing is kept."""
        groups = _upsert_groups(entities, validated)

        def write(conn: sqlite3.Connection) -> Written:
            written = drained(upsert_steps(conn, groups))
            if ready is not None:
                ready()
            return written

        return self._write_plain(write, initiator)

    def upsert_stepwise(
        self,
        entities: Sequence[Entity],
        what: str,
        *,
        validated: bool = False,
        initiator: str = "",
        returns_to: int | None = None,
    ) -> StepwiseWrite:
        """`upsert`, written a slice per call of the returned write's `step` (the window calls it once a turn
        of its event loop, and paints between), in one transaction on a connection of its own: other
        connections see none of it until its last step commits. Until then the store refuses every
        other write, naming the import by `what` ("5,000 links"), so nothing else can commit half of it.
        `returns_to`: as for `apply` (the redo of an import)."""
        self._writable()
        groups = _upsert_groups(entities, validated)
        self._primed.clear()

        def ended(written: tuple[list[Change], Operation] | None, initiator: str) -> Done | None:
            """Committed (`written`) or rolled back (None)."""
            self.writing = None
            if written is None:
                return None
            self._returning = returns_to
            try:
                return self._done(*written, initiator)
            finally:
                self._returning = None

        self.writing = StepwiseWrite(self.path, lambda conn: upsert_steps(conn, groups), what, initiator, ended)
        return self.writing

    # ----- internals -----------------------------------------------------------------------
    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnlyDocument("This document is open read-only; open a copy to make changes.")
        if self.writing is not None:
            raise DocumentBusy(f"Importing {self.writing.what}: this change was not made; try again once it is done.")

    def _write(self, body: Callable[[Connection], tuple[list[Change], Operation]], initiator: str) -> Done:
        self._writable()
        self._primed.clear()
        try:
            with self.engine.begin() as conn:
                changes, inverse = body(conn)
                conn.exec_driver_sql(_BUMP_REVISION)
        except Exception as err:
            cause = getattr(err, "orig", err)  # SQLAlchemy wraps the driver's error
            if isinstance(cause, sqlite3.Error):
                raise DocumentError(explain_write_failure(cause), f"{type(cause).__name__}: {cause}") from err
            raise
        return self._done(changes, inverse, initiator)

    def _write_plain(self, body: Callable[[sqlite3.Connection], Written], initiator: str) -> Done:
        """`_write` on the driver's connection itself, begun before `body` runs (an import drops indexes
        before its first insert, which would begin one): no SQLAlchemy on the way, nor its start-up."""
        self._writable()
        self._primed.clear()
        conn = self.conn
        try:
            conn.execute("BEGIN")
            try:
                changes, inverse = body(conn)
                conn.execute(_BUMP_REVISION)
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
        except sqlite3.Error as err:
            raise DocumentError(explain_write_failure(err), f"{type(err).__name__}: {err}") from err
        return self._done(changes, inverse, initiator)

    def _done(self, changes: list[Change], inverse: Operation, initiator: str) -> Done:
        """A write committed: the store's new state, heard by every listener."""
        self.state = next(self._states) if self._returning is None else self._returning
        changes = merge([replace(c, initiator=initiator) for c in changes])
        for listener in list(self.listeners):
            listener(changes)
        return Done(changes, inverse)

    def _read_row(self, conn: sqlite3.Connection, kind: str, id_: str) -> Entity:
        row = conn.execute(select_all(kind) + " WHERE id = ?", (id_,)).fetchone()
        if row is None:
            raise WorkbenchError(f"The {entity_type(kind).LABEL.lower()} {id_!r} no longer exists.")
        return from_row(entity_type(kind), row)

    def _rows_to_delete(self, conn: sqlite3.Connection, kind: str, ids: list[str]) -> list[Entity]:
        """The entities a batch deletes, read in its transaction, a statement per thousand; one named twice,
        or no longer there, fails the batch."""
        found = many_of(conn, entity_type(kind), ids)
        if len(found) != len(ids):
            there, named = {e.id for e in found}, set()
            for id_ in ids:
                if id_ not in there or id_ in named:
                    raise WorkbenchError(f"The {entity_type(kind).LABEL.lower()} {id_!r} no longer exists.")
                named.add(id_)
        return found

    def _delete_each(self, conn: sqlite3.Connection, kind: str, ids: list[str]) -> None:
        """Delete exactly these rows without reading them: one not deleted (named twice, or gone) is found
        and named by reading them after all, as the deletions are taken back."""
        conn.execute("SAVEPOINT delete_each")
        before = conn.total_changes
        delete_rows(conn, kind, ids)
        if conn.total_changes - before != len(ids):
            conn.execute("ROLLBACK TO delete_each")
            self._rows_to_delete(conn, kind, ids)  # raises, naming the first
        conn.execute("RELEASE delete_each")

    def _insert(self, conn: sqlite3.Connection, entities: Sequence[Entity], *, check: bool = True) -> list[Change]:
        """Plain SQL, as `upsert` writes (column names from our own schema): a statement SQLAlchemy builds
        is compiled again for every new document, most of the time it took to make one."""
        by_kind: dict[str, list[Entity]] = {}
        for e in entities:
            by_kind.setdefault(e.KIND, []).append(e)
        order = [kind for kind in KINDS if kind in by_kind]
        for kind in order:
            ids = [e.id for e in by_kind[kind]]
            if check:
                twins = [i for i, n in Counter(ids).items() if n > 1]
                if twins:
                    raise WorkbenchError(f"Two new {kind} entities share the id {twins[0]!r}.")
                for start in range(0, len(ids), CHUNK):  # every id, not only the first chunk
                    chunk = ids[start : start + CHUNK]
                    found = f"SELECT id FROM {kind} WHERE id IN {marks(chunk)}"
                    clash = conn.execute(found, tuple(chunk)).fetchone()
                    if clash is not None:
                        raise WorkbenchError(f"An {kind} with id {clash[0]!r} already exists.")
            insert_rows(conn, kind, columns(kind), row_tuples(kind, by_kind[kind]))
        if check:
            check_references(conn, _by_type(entities))
        return [Change(kind, Op.CREATED, frozenset(e.id for e in by_kind[kind])) for kind in order]

    def _update_rows(self, conn: sqlite3.Connection, edits: Sequence[Edit]) -> tuple[list[Change], list[Edit]]:
        """Write the edits; return the changes and the values they replaced (for the inverse)."""
        changed: list[Entity] = []
        out: list[Change] = []
        before: list[Edit] = []
        for kind, id_, changes in edits:
            current = self._read_row(conn, kind, id_)
            after = current.changed(**changes)
            changed.append(after)
            out.append(Change(kind, Op.UPDATED, frozenset([id_]), frozenset(changes)))
            old = current.values()
            before.append((kind, id_, {name: old[name] for name in changes}))
            values = to_row(after)
            columns = sorted(changes)
            assignments = ", ".join(f"{c} = ?" for c in columns)  # column names come from our schema
            conn.execute(f"UPDATE {kind} SET {assignments} WHERE id = ?", (*(values[c] for c in columns), id_))
        check_references(conn, _by_type(changed))
        return out, before


def _upsert_groups(entities: Sequence[Entity], validated: bool) -> dict[type[Entity], Sequence[Entity]]:
    """The entities of an upsert by class, checked unless `validated`; refused when two share an id. An
    import's plan keeps its links as columns (workbench.entity_columns): they stay so."""
    if not validated:
        for e in entities:
            e.validate()
    groups: dict[type[Entity], Sequence[Entity]] = dict(
        entities.by_class() if isinstance(entities, Entities) else _by_type(entities)
    )
    if any(len(set(column(group, "id"))) < len(group) for group in groups.values()):
        keys = Counter(zip(map(attrgetter("KIND"), entities), map(attrgetter("id"), entities), strict=True))
        twin = next(f"{kind} {id_!r}" for (kind, id_), n in keys.items() if n > 1)
        raise WorkbenchError(f"Two entities to import share the id of {twin}.")
    return groups


def _by_type(entities: Sequence[Entity]) -> dict[type[Entity], list[Entity]]:
    types = set(map(type, entities))
    if len(types) == 1:  # an import of links
        return {types.pop(): list(entities)}
    groups: dict[type[Entity], list[Entity]] = {}
    for e in entities:
        groups.setdefault(type(e), []).append(e)
    return groups
