"""A snapshot of an open document read beside the window, on a connection of its own.

Work beside the window never uses the store's connection (it belongs to the window's thread), and
reading 10,000 rows there would hold the window still. The working copy is written only by its
store, and every edit is committed at once, so another connection reads what the document holds.
Each kind is read in a statement of its own: the read lock is held for milliseconds at a time, so
an edit committed meanwhile waits no longer than that (and the reader hears of the edit and reads
again).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from db.rows import read_rows, select_all
from workbench.document import Document
from workbench.kinds import KINDS, entity_type


def read_snapshot(path: Path, kinds: Iterable[str] = KINDS) -> Document:
    """Every entity of the working copy at `path` (of the `kinds` asked for), read on a read-only
    connection made here."""
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        doc = Document()
        for kind in (k for k in kinds if k in KINDS):  # only known kinds' names reach SQL
            if conn.execute(f"SELECT 1 FROM {kind} LIMIT 1").fetchone() is None:
                continue  # its declarations need not load
            t = entity_type(kind)
            doc.entities[kind] = {e.id: e for e in read_rows(t, conn.execute(select_all(kind)).fetchall())}
        return doc
    finally:
        conn.close()
