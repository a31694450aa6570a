"""SQLite's files beside a document (`-wal`, `-shm`, `-journal`), settled before a save replaces it.

The next read-write opener of a file replays a `-wal` beside it, and rolls a hot `-journal` back into
it, whether or not they were written for that file. After a save renames a new file into place, a
sidecar left from the old file would be written into the new one and damage it for good.
So before a save:

- a `-wal` of a file in WAL mode, or a hot `-journal` of a writer that died, belongs to the old
  file: it is settled INTO the old file (checkpoint, or roll back), exactly as any SQLite reader would
  do; the old file becomes whole and is what `.bak` keeps. If another program still has the file
  open, the save is refused (it may be writing), with a sentence.
- anything else (a `-wal` beside a file that is not in WAL mode, a journal with no transaction in
  it, sidecars of a file that is gone or is not a database) cannot be meant for the file we are
  about to write: it is moved aside under a name SQLite never reads, never deleted, so whatever it
  holds is still there for an expert. A `-shm` is only an index of its `-wal` and is removed.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from db.errors import SaveFailed
from workbench.safe_files import sibling

log = logging.getLogger(__name__)
SUFFIXES = ("-wal", "-journal", "-shm")
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def sidecars(target: Path) -> list[Path]:
    """The sidecar files present beside `target` (a dangling link counts: it has the name)."""
    target = Path(target)
    return [p for p in (target.with_name(target.name + s) for s in SUFFIXES) if os.path.lexists(p)]


def settle(target: Path) -> list[Path]:
    """Leave no sidecar beside `target`; returns where moved-aside sidecars went."""
    target = Path(target)
    found = sidecars(target)
    if not found:
        return []
    if _belongs_to_target(target):
        _settle_into(target)
    moved = []
    for path in sidecars(target):
        if path.name.endswith("-shm"):
            path.unlink(missing_ok=True)
            continue
        aside = sibling(path, "", f".set-aside-{os.urandom(4).hex()}")
        os.rename(path, aside)
        log.warning("Moved %s aside to %s before saving over %s", path.name, aside.name, target.name)
        moved.append(aside)
    return moved


def _belongs_to_target(target: Path) -> bool:
    """True when SQLite's own rules make a sidecar part of the file: WAL mode with a -wal, or a hot journal."""
    try:
        with open(target, "rb", opener=_nonblocking) as fh:
            head = fh.read(100)
    except OSError:
        return False
    if not head.startswith(b"SQLite format 3\x00") or len(head) < 100:
        return False
    wal_mode = head[18] == 2 or head[19] == 2
    if wal_mode and os.path.lexists(target.with_name(target.name + "-wal")):
        return True  # even empty: a program may have the file open (settling then finds it busy)
    journal = target.with_name(target.name + "-journal")
    try:
        with open(journal, "rb", opener=_nonblocking) as fh:
            return not wal_mode and fh.read(8) == JOURNAL_MAGIC
    except OSError:
        return False


def _settle_into(target: Path) -> None:
    """Open the old file read-write, as any SQLite program would: a hot journal is rolled back, a
    WAL checkpointed and the file switched to rollback mode (which removes the -wal)."""
    try:
        conn = sqlite3.connect(f"{target.resolve().as_uri()}?mode=rw", uri=True, timeout=0, isolation_level=None)
        try:
            conn.execute("PRAGMA trusted_schema=OFF")
            conn.execute("PRAGMA journal_mode=DELETE").fetchall()  # needs the only connection in WAL mode
            conn.execute("BEGIN IMMEDIATE")  # busy while another program is writing (its journal is live)
            conn.execute("COMMIT")
        finally:
            conn.close()
    except sqlite3.OperationalError as err:
        if "locked" in str(err) or "busy" in str(err):
            raise SaveFailed(
                f"Another program is using {target.name} right now; close it there and save again, or use Save As. "
                "Your work is safe in the open document and the previous file is unchanged.",
                str(err),
            ) from err
        log.warning("Could not settle the sidecars of %s: %s", target, err)
    except sqlite3.DatabaseError as err:  # the old file is damaged: its sidecars are moved aside instead
        log.warning("Could not settle the sidecars of %s: %s", target, err)


def _nonblocking(path, flags):
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
