"""Edit services over one open document file.

Each service is one short transaction that validates through the domain model, bumps the
document revision, commits (synchronous=FULL: on disk when it returns) and reports what changed.
Undo replays the same services with stored before/after values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, delete, event, func, insert, select, update
from sqlalchemy.pool import StaticPool

from db.errors import ReadOnlyDocument
from db.mapping import SELECT_ALL, TABLES, from_row, meta_table, read_rows, to_row
from db.sqlite_file import apply_pragmas
from workbench.changes import Change, Op, merge
from workbench.deletion import DeletionPlan, plan_deletion
from workbench.document import Document
from workbench.entity import Entity
from workbench.errors import WorkbenchError
from workbench.integrity import dangling_references
from workbench.kinds import ENTITY_TYPES, entity_type

_BUMP_REVISION = "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'"
_COMPILED: dict = {}  # SQLAlchemy compiled-statement cache shared across engines
Listener = Callable[[list[Change]], None]
UNDELETABLE = frozenset({"project", "sphere"})


class Store:
    """Reads and edits one SQLite document file; `listeners` hear every change after commit."""

    def __init__(self, path: Path, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self.engine = create_engine(f"sqlite:///{self.path}", poolclass=StaticPool)
        event.listen(self.engine, "connect", lambda dbapi_conn, _rec: apply_pragmas(dbapi_conn))
        self.listeners: list[Listener] = []

    def close(self) -> None:
        self.engine.dispose()

    # ----- reading -------------------------------------------------------------------------
    def load(self) -> Document:
        """Every entity of the document, as a Document snapshot."""
        doc = Document()
        with self._connect() as conn:
            for t in ENTITY_TYPES:
                rows = conn.exec_driver_sql(SELECT_ALL[t.KIND]).all()
                doc.entities[t.KIND] = {e.id: e for e in read_rows(t, rows)}
        return doc

    def all(self, kind: str) -> list[Entity]:
        t = entity_type(kind)
        with self._connect() as conn:
            return read_rows(t, conn.exec_driver_sql(SELECT_ALL[kind]).all())

    def get(self, kind: str, id_: str) -> Entity | None:
        found = self.get_many(kind, [id_])
        return found[0] if found else None

    def get_many(self, kind: str, ids: Iterable[str]) -> list[Entity]:
        t, table = entity_type(kind), TABLES[kind]
        ids = list(ids)
        out: list[Entity] = []
        with self._connect() as conn:
            for start in range(0, len(ids), 500):
                rows = conn.execute(select(table).where(table.c.id.in_(ids[start : start + 500]))).all()
                out.extend(read_rows(t, rows))
        order = {id_: n for n, id_ in enumerate(ids)}
        return sorted(out, key=lambda e: order[e.id])

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                t.KIND: conn.execute(select(func.count()).select_from(TABLES[t.KIND])).scalar_one()
                for t in ENTITY_TYPES
            }

    @property
    def revision(self) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(select(meta_table.c.value).where(meta_table.c.key == "revision")).scalar()
        return int(value or 0)

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

        def run(conn: Connection) -> list[Change]:
            changed: list[Entity] = []
            for kind, id_, changes in edits:
                row = conn.exec_driver_sql(SELECT_ALL[kind] + " WHERE id = ?", (id_,)).first()
                if row is None:
                    raise WorkbenchError(f"The {entity_type(kind).LABEL.lower()} {id_!r} no longer exists.")
                after = from_row(entity_type(kind), row).changed(**changes)
                changed.append(after)
                values = to_row(after)
                columns = sorted(changes)
                assignments = ", ".join(f"{c} = ?" for c in columns)  # column names come from our schema
                conn.exec_driver_sql(
                    f"UPDATE {kind} SET {assignments} WHERE id = ?", (*(values[c] for c in columns), id_)
                )
            self._check_references(conn, changed)
            return [Change(e.KIND, Op.UPDATED, frozenset([e.id])) for e in changed]

        return self._write(run)

    def delete(self, kind: str, ids: Iterable[str]) -> tuple[DeletionPlan, list[Change]]:
        """Delete entities with their dependents, clearing references; the plan lets undo restore them."""
        if kind in UNDELETABLE:
            raise WorkbenchError(f"The {entity_type(kind).LABEL.lower()} cannot be deleted; edit it instead.")
        plan = plan_deletion(kind, ids, self.all)

        def run(conn: Connection) -> list[Change]:
            changes = []
            for e in plan.deleted:
                table = TABLES[e.KIND]
                conn.execute(delete(table).where(table.c.id == e.id))
                changes.append(Change(e.KIND, Op.DELETED, frozenset([e.id])))
            for _before, after in plan.updated:
                table = TABLES[after.KIND]
                conn.execute(update(table).where(table.c.id == after.id).values(to_row(after)))
                changes.append(Change(after.KIND, Op.UPDATED, frozenset([after.id])))
            return changes

        return plan, self._write(run)

    def restore(self, plan: DeletionPlan) -> list[Change]:
        """Undo a deletion: put the deleted entities back and the cleared references too."""

        def run(conn: Connection) -> list[Change]:
            changes = self._insert(conn, plan.deleted, check=False)
            for before, _after in plan.updated:
                table = TABLES[before.KIND]
                conn.execute(update(table).where(table.c.id == before.id).values(to_row(before)))
                changes.append(Change(before.KIND, Op.UPDATED, frozenset([before.id])))
            return changes

        return self._write(run)

    def replace_all(self, entities: Sequence[Entity]) -> list[Change]:
        """Make the document hold exactly `entities` (import or snapshot restore), in one transaction."""
        for e in entities:
            e.validate()
        problems = dangling_references(entities)
        if problems:
            raise WorkbenchError(f"{len(problems)} broken references, first: {problems[0]}", "\n".join(problems))

        def run(conn: Connection) -> list[Change]:
            for t in ENTITY_TYPES:
                conn.execute(delete(TABLES[t.KIND]))
            self._insert(conn, entities, check=False)
            return [Change(t.KIND, Op.UPDATED, frozenset()) for t in ENTITY_TYPES]

        return self._write(run)

    # ----- internals -----------------------------------------------------------------------
    def _connect(self) -> Connection:
        """A connection sharing compiled SQL with every other open document (open is faster)."""
        return self.engine.connect().execution_options(compiled_cache=_COMPILED)

    def _write(self, body: Callable[[Connection], list[Change]]) -> list[Change]:
        if self.read_only:
            raise ReadOnlyDocument("This document is open read-only; open a copy to make changes.")
        with self._connect() as conn, conn.begin():
            changes = body(conn)
            conn.exec_driver_sql(_BUMP_REVISION)
        changes = merge(changes)
        for listener in list(self.listeners):
            listener(changes)
        return changes

    def _insert(self, conn: Connection, entities: Sequence[Entity], *, check: bool = True) -> list[Change]:
        by_kind: dict[str, list[Entity]] = {}
        for e in entities:
            by_kind.setdefault(e.KIND, []).append(e)
        order = [t.KIND for t in ENTITY_TYPES if t.KIND in by_kind]
        for kind in order:
            table = TABLES[kind]
            ids = [e.id for e in by_kind[kind]]
            clash = conn.execute(select(table.c.id).where(table.c.id.in_(ids[:500]))).first() if check else None
            if clash is not None:
                raise WorkbenchError(f"An {kind} with id {clash[0]!r} already exists.")
            conn.execute(insert(table), [to_row(e) for e in by_kind[kind]])
        if check:
            self._check_references(conn, entities)
        return [Change(kind, Op.CREATED, frozenset(e.id for e in by_kind[kind])) for kind in order]

    def _check_references(self, conn: Connection, entities: Sequence[Entity]) -> None:
        """Raise (rolling the transaction back) if any entity refers to an id that does not exist."""
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
            for start in range(0, len(id_list), 500):
                chunk = id_list[start : start + 500]
                found.update(conn.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars())
            missing = ids - found
            if missing:
                raise WorkbenchError(f"Refers to an unknown {kind}: {sorted(missing)[0]!r}")
