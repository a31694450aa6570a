"""What a working copy left by a crashed session holds, read the way SQLite itself would recover it.

A process killed inside a commit leaves a hot journal beside its working copy. SQLite repairs the
file from that journal only on a read-write open (a read-only one answers SQLITE_READONLY_ROLLBACK),
so the copy is opened read-write here; its owner is dead, so nobody else is writing it.

Whether a copy holds unsaved work is not told by the revision row alone (a trigger in the file can
hold it still): the file change counter in the header, which every commit of a rollback-journal
database increments, is compared too.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

_COUNTER = slice(24, 28)  # "file change counter", big-endian, in the 100-byte database header


@dataclass(frozen=True)
class CopyState:
    revision: int | None
    counter: int
    title: str | None


def change_counter(path: Path) -> int:
    """The change counter in the file's header (read from the file, not through SQLite)."""
    with open(path, "rb") as fh:
        head = fh.read(100)
    if len(head) < 100:
        raise OSError(f"{path.name} is shorter than a database header")
    return int.from_bytes(head[_COUNTER], "big")


def is_empty(path: Path) -> bool:
    """True when there is no copy at all, or an empty file with no journal to restore it from."""
    journal = path.with_name(path.name + "-journal")
    try:
        return path.stat().st_size == 0 and not journal.exists()
    except FileNotFoundError:
        return not journal.exists()


def examine(path: Path) -> CopyState:
    """Roll back an interrupted commit, then read the copy's revision, change counter and title.

    Raises sqlite3.Error, OSError or ValueError when the copy cannot be read: the caller must then keep it."""
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=rw", uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        row = conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        revision = int(row[0]) if row else None
        try:
            title_row = conn.execute("SELECT title FROM project").fetchone()
        except sqlite3.Error:
            title_row = None
    finally:
        conn.close()
    return CopyState(revision, change_counter(path), title_row[0] if title_row else None)
