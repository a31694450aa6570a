"""File-level checks and pragmas for `.iipw` SQLite files.

These are deliberately plain sqlite3: they run before any mapping is trusted, on files that may be
foreign, damaged or hostile.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db.errors import CorruptDocument, DocumentError, NewerVersion, NotADocument
from db.file_checks import stat_document

APPLICATION_ID = 0x49495057  # "IIPW"
SQLITE_MAGIC = b"SQLite format 3\x00"

# Pragmas for every connection to a document: no WAL (a -wal file is lost when a document is
# emailed), every commit durable, and no SQL functions run from the schema of a hostile file.
CONNECTION_PRAGMAS = (
    "PRAGMA journal_mode=DELETE",
    "PRAGMA synchronous=FULL",
    "PRAGMA trusted_schema=OFF",
    "PRAGMA foreign_keys=OFF",
)


def apply_pragmas(conn) -> None:
    """Set the document pragmas on a DB-API connection (sqlite3 or SQLAlchemy's raw one)."""
    cur = conn.cursor()
    for pragma in CONNECTION_PRAGMAS:
        cur.execute(pragma)
    cur.close()


@dataclass(frozen=True)
class FileInfo:
    application_id: int
    schema_version: int


def _describe_os_error(path: Path, err: OSError) -> DocumentError:
    if isinstance(err, PermissionError):
        return DocumentError(f"You do not have permission to read {path.name}.", str(err))
    if isinstance(err, FileNotFoundError):
        return DocumentError(f"{path.name} does not exist (looked in {path.parent}).", str(err))
    if isinstance(err, IsADirectoryError):
        return DocumentError(f"{path.name} is a folder, not a document.", str(err))
    return DocumentError(f"{path.name} could not be read: {err.strerror or err}.", str(err))


def connect_readonly(path: Path) -> sqlite3.Connection:
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    conn.execute("PRAGMA trusted_schema=OFF")
    return conn


def inspect(path: Path, current_version: int, *, full_check: bool = False) -> FileInfo:
    """Check that `path` is a sound IIP Workbench document this version can open.

    Raises NotADocument, CorruptDocument, NewerVersion or DocumentError with a plain message.
    """
    path = Path(path)
    stat_document(path)  # a named pipe or device is refused before it is read (reading a pipe waits forever)
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
        size = os.path.getsize(path)
    except OSError as err:
        raise _describe_os_error(path, err) from err
    if size == 0:
        raise CorruptDocument(f"{path.name} is empty (0 bytes); it holds no document.")
    if not head.startswith(SQLITE_MAGIC):
        raise NotADocument(f"{path.name} is not an IIP Workbench document (it is not a database file).")
    if len(head) < 100 or size % 512:
        raise CorruptDocument(f"{path.name} is damaged: the file is cut short ({size} bytes).")
    try:
        conn = connect_readonly(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise NotADocument(
                    f"{path.name} is a database, but not an IIP Workbench document.",
                    f"application_id={app_id:#x}, expected {APPLICATION_ID:#x}",
                )
            if version > current_version:
                raise NewerVersion(
                    f"{path.name} was saved by a newer IIP Workbench (document version {version}); "
                    f"this copy reads up to version {current_version}. Please update IIP Workbench to open it."
                )
            check = "integrity_check" if full_check else "quick_check"
            result = [r[0] for r in conn.execute(f"PRAGMA {check}").fetchall()]
            if result != ["ok"]:
                raise CorruptDocument(f"{path.name} is damaged and cannot be opened safely.", "; ".join(result[:10]))
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise CorruptDocument(f"{path.name} is damaged and cannot be opened.", str(err)) from err
    return FileInfo(app_id, version)


def fsync_path(path: Path) -> None:
    """Flush a file (or directory, where the platform allows) to stable storage."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if Path(path).is_dir() else os.O_RDONLY
    try:
        fd = os.open(path, flags)
    except OSError:
        if Path(path).is_dir():
            return  # Windows cannot open directories; os.replace is durable enough there.
        raise
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
