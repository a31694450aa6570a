"""Opening is a trust boundary: a document is used only once its schema and every row are the app's own.

Runs on the private working copy, before anything else reads it: first the schema (nothing runs from
a file whose triggers or views are not ours), then the migrations, then the rows. Without `repair`
anything foreign is refused with one sentence; with it, it is stripped and the caller is told what
was done, so that the user can agree to a repaired copy.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from db import schema_guard
from db.errors import DocumentError, ForeignSchema, InvalidRows
from db.migrations import migrate
from db.rows import to_row
from workbench.entity import Entity
from workbench.kinds import KINDS, entity_type

if TYPE_CHECKING:
    from db.row_guard import RowProblems

_OFFER = "it was not opened, but IIP Workbench can open a repaired copy without them"


@cache
def _defaults() -> dict[str, dict[str, object]]:
    """Per table, the stored value of each field a new entity gets (for a column a file lacks)."""
    out = {}
    for kind in KINDS:
        row = to_row(entity_type(kind)())
        row.pop("id")
        out[kind] = row
    return out


def schema_problems(conn: sqlite3.Connection, name: str) -> ForeignSchema | None:
    found = schema_guard.compare(conn).foreign
    if not found:
        return None
    what = f"{name} contains things IIP Workbench did not write ({schema_guard.summary(found)})"
    return ForeignSchema(what, _OFFER, [f.describe() for f in found])


def _refusal(problems: RowProblems, name: str) -> InvalidRows:
    lines = problems.lines()
    what = f"{name} holds entries IIP Workbench cannot use ({problems.summary()}; first: {lines[0][:200]})"
    return InvalidRows(what, _OFFER, lines)


@dataclass
class Vetted:
    """What opening learnt: the version the document was, what a repair did, and (when nothing needed
    repairing) every entity as checked, which the store hands out on its first read instead of reading
    the rows a second time."""

    version: int
    repairs: list[str]
    entities: dict[str, list[Entity]]
    digest: str | None = None  # of the file's bytes, when they passed as they are (db.known_files)
    findings: list | None = None  # the overview's findings kept for those bytes today (db.known_files)


def vet(conn: sqlite3.Connection, name: str, *, repair: bool = False) -> Vetted:
    """Check (and with `repair`, fix) the working copy `conn`, then migrate it. Raises ForeignSchema or
    InvalidRows, naming what was found, when `repair` is False."""
    done: list[str] = []
    refused = schema_problems(conn, name)
    if refused is not None:
        if not repair:
            raise refused
        done += schema_guard.strip(conn, _defaults())
        left = schema_guard.compare(conn).foreign
        if left:
            raise DocumentError(
                f"{name} contains things IIP Workbench did not write that cannot be removed "
                f"({schema_guard.summary(left)}); it was not opened.",
                "\n".join(f.describe() for f in left),
            )
    from db import row_guard  # loaded to check rows: a file known to have passed is not (db.known_files)

    version = migrate(conn)
    row_guard.complete(conn)
    problems, _ = row_guard.find_problems(conn)
    if not problems:
        return Vetted(version, done, problems.usable)
    if not repair:
        raise _refusal(problems, name)
    return Vetted(version, done + row_guard.repair(conn), {})
