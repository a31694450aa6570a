"""Write a document so that a crash at any instant leaves the old file or the new one, never a torn one.

Steps: VACUUM INTO a temporary file beside the target, check it, flush it to disk, copy the current
target to `<name>.iipw.bak`, then rename the temporary file over the target and flush the folder.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
from pathlib import Path

from db.errors import SaveFailed, reason_of
from db.sqlite_file import APPLICATION_ID, fsync_path

log = logging.getLogger(__name__)


def bak_path(target: Path) -> Path:
    return target.with_name(target.name + ".bak")


def write_temp(source: sqlite3.Connection, temp: Path) -> None:
    """A compact, self-contained copy of the working document (no -journal, no -wal)."""
    source.execute("VACUUM INTO ?", (str(temp),))


def verify(temp: Path, schema_version: int) -> None:
    conn = sqlite3.connect(temp)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    if not ok or app_id != APPLICATION_ID or version != schema_version:
        raise SaveFailed("The copy written for saving did not pass its check; your previous file is unchanged.")


def keep_previous(target: Path) -> None:
    """Copy the current file to .bak (via a temporary name, so the .bak is never torn either)."""
    if not target.exists():
        return
    bak = bak_path(target)
    tmp = bak.with_name(bak.name + ".tmp")
    try:
        shutil.copyfile(target, tmp)
        fsync_path(tmp)
        os.replace(tmp, bak)
    finally:
        discard(tmp)  # a failed copy (e.g. disk full) must not leave a stray file


def replace(temp: Path, target: Path) -> None:
    os.replace(temp, target)
    try:
        fsync_path(target.parent)
    except OSError as err:  # the new file is in place; only the folder entry's flush failed
        log.warning("Could not flush folder %s after saving: %s", target.parent, err)


def remove_leftovers(target: Path) -> None:
    """Delete temporary files an interrupted save left beside the target (we hold its lock)."""
    for leftover in target.parent.glob(f".{target.name}.*.saving*"):
        discard(leftover)


def discard(temp: Path) -> None:
    """Remove a temporary file if it is there. Failing to is logged, not raised: it must not turn a
    save that reached the disk into a reported failure (the next save removes it)."""
    try:
        temp.unlink(missing_ok=True)
    except OSError as err:
        log.warning("Could not remove the temporary file %s: %s", temp, err)


def save_atomically(source: sqlite3.Connection, target: Path, schema_version: int) -> None:
    """Save the open working document to `target`; raise SaveFailed with a plain message on failure."""
    target = Path(target)
    temp = target.with_name(f".{target.name}.{os.urandom(4).hex()}.saving")
    try:
        remove_leftovers(target)
        write_temp(source, temp)
        verify(temp, schema_version)
        fsync_path(temp)
        keep_previous(target)
        replace(temp, target)
    except SaveFailed:
        raise
    except (OSError, sqlite3.Error) as err:
        raise SaveFailed(_explain(err, target), f"{type(err).__name__}: {err}") from err
    finally:
        discard(temp)


def _explain(err: Exception, target: Path) -> str:
    """One sentence: why the save failed, that nothing was lost, and what to do."""
    text = str(err).lower()
    code = getattr(err, "errno", None)
    safe = "your work is safe in the open document and the previous file is unchanged"
    elsewhere = "free some space, or use Save As to save elsewhere"
    if code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or "full" in text or "too large" in text:
        return f"The disk is full, so {target.name} could not be saved; {safe} ({elsewhere})."
    if getattr(err, "sqlite_errorname", None) == "SQLITE_IOERR_WRITE":
        # SQLite reports only ENOSPC as "full"; a quota (EDQUOT) or file-size limit (EFBIG) arrives as a write error.
        return f"The disk is full or could not be written, so {target.name} could not be saved; {safe} ({elsewhere})."
    if isinstance(err, PermissionError) or code in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text:
        return (
            f"You do not have permission to save in {target.parent}, so {target.name} could not be saved; "
            f"{safe} (use Save As to choose another folder)."
        )
    what, todo = reason_of(err)
    return f"{target.name} could not be saved because {what}; {safe} ({todo})."
