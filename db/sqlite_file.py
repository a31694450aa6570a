"""File-level checks and pragmas for `.iipw` SQLite files.

These are deliberately plain sqlite3: they run before any mapping is trusted, on files that may be
foreign, damaged or hostile.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from db.errors import CorruptDocument, DocumentError, NewerVersion, NotADocument
from db.file_checks import stat_document

APPLICATION_ID = 0x49495057  # "IIPW"
SQLITE_MAGIC = b"SQLite format 3\x00"

# Pragmas for every connection to a document: no WAL (a -wal file is lost when a document is
# emailed), every commit durable, no SQL functions run from the schema of a hostile file, and what is
# deleted or overwritten is zeroed (a save copies the working file page for page: see atomic_save).
CONNECTION_PRAGMAS = (
    "PRAGMA journal_mode=DELETE",
    "PRAGMA synchronous=FULL",
    "PRAGMA secure_delete=ON",
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


def journal_of(path: Path) -> Path:
    return Path(path).with_name(Path(path).name + "-journal")


def hot_journal(path: Path) -> bool:
    """True when a program stopped in the middle of changing `path` and left its rollback journal:
    SQLite must roll that change back before the file can be read, which a read-only open cannot.
    SQLite itself decides (under its locks), so a journal a running program is using never counts."""
    journal = journal_of(path)
    try:
        if not journal.is_file() or journal.stat().st_size == 0:
            return False
        conn = connect_readonly(path)
    except (OSError, sqlite3.Error):
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as err:
        return getattr(err, "sqlite_errorcode", None) == sqlite3.SQLITE_READONLY_ROLLBACK
    finally:
        conn.close()
    return False


@contextlib.contextmanager
def readable(path: Path) -> Iterator[Path]:
    """The file as SQLite would read it: `path` itself, or, after a program stopped mid-change, a private
    copy (file and journal) in which SQLite rolled that change back. The user's file and its journal are
    never changed here: someone else may have the file open, and a journal left beside a file that was
    since replaced would damage it."""
    path = Path(path)
    if not hot_journal(path):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="iipw-") as folder:
        copy = Path(folder) / path.name
        try:
            shutil.copyfile(path, copy)
            shutil.copyfile(journal_of(path), journal_of(copy))
        except FileNotFoundError:
            if path.is_file():  # another program rolled the change back meanwhile: the file is settled
                yield path
                return
            raise _describe_os_error(path, FileNotFoundError(2, "No such file", str(path))) from None
        except OSError as err:
            raise _describe_os_error(path, err) from err
        conn = sqlite3.connect(copy, isolation_level=None)
        try:
            conn.execute("PRAGMA trusted_schema=OFF")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # rolls the change back
        except sqlite3.DatabaseError as err:
            raise CorruptDocument(f"{path.name} is damaged and cannot be opened.", str(err)) from err
        finally:
            conn.close()
        yield copy


def roll_back_in_place(path: Path) -> None:
    """Let SQLite roll back the unfinished change beside `path`, as its next reader must (called with
    the document's lock held, once the same roll-back on a private copy gave a sound document).
    SQLite takes its own exclusive lock for this, so no program using the file sees it half done."""
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=2)
        try:
            conn.execute("PRAGMA trusted_schema=OFF")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as err:
        raise DocumentError(
            f"{path.name} has a change left unfinished by a program that stopped, and it could not be undone "
            "there; open it read-only or open a copy.",
            str(err),
        ) from err


def inspect(path: Path, current_version: int, *, full_check: bool = False) -> FileInfo:
    """Check that `path` is a sound IIP Workbench document this version can open.

    Raises NotADocument, CorruptDocument, NewerVersion or DocumentError with a plain message.
    """
    path = Path(path)
    _check_header(path)
    with readable(path) as source, _connected(path.name, source, current_version) as (conn, found):
        try:
            check_pages(conn, path.name, full=full_check)
        except sqlite3.DatabaseError as err:
            raise CorruptDocument(f"{path.name} is damaged and cannot be opened.", str(err)) from err
    return found


@contextlib.contextmanager
def inspected(path: Path, current_version: int, source: Path) -> Iterator[sqlite3.Connection]:
    """`inspect` but for the pages, and then its read-only connection to `source` (what `readable(path)`
    gave) for the caller to copy from: one connection, not two. The caller checks the pages of its copy,
    which SQLite then reads from memory."""
    path = Path(path)
    _check_header(path)
    with _connected(path.name, source, current_version) as (conn, _):
        yield conn


def _check_header(path: Path) -> None:
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


@contextlib.contextmanager
def _connected(name: str, source: Path, current_version: int) -> Iterator[tuple[sqlite3.Connection, FileInfo]]:
    """A read-only connection to `source`, once its document id and version are this program's to open."""
    try:
        conn = connect_readonly(source)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except BaseException:
            conn.close()
            raise
    except sqlite3.DatabaseError as err:
        raise CorruptDocument(f"{name} is damaged and cannot be opened.", str(err)) from err
    try:
        if app_id != APPLICATION_ID:
            raise NotADocument(
                f"{name} is a database, but not an IIP Workbench document.",
                f"application_id={app_id:#x}, expected {APPLICATION_ID:#x}",
            )
        if version > current_version:
            raise NewerVersion(
                f"{name} was saved by a newer IIP Workbench (document version {version}); "
                f"this copy reads up to version {current_version}. Please update IIP Workbench to open it."
            )
        yield conn, FileInfo(app_id, version)
    finally:
        conn.close()


def check_pages(conn: sqlite3.Connection, name: str, *, full: bool = False) -> None:
    """Every page and record of the database on `conn` readable (quick_check; `full`: integrity_check,
    which also compares every index with its table). Raises CorruptDocument."""
    check = "integrity_check" if full else "quick_check"
    result = [r[0] for r in conn.execute(f"PRAGMA {check}").fetchall()]
    if result != ["ok"]:
        raise CorruptDocument(f"{name} is damaged and cannot be opened safely.", "; ".join(result[:10]))


def damaged(err: sqlite3.Error) -> bool:
    """True when SQLite found the file damaged (not when the disk or the system failed it)."""
    return (getattr(err, "sqlite_errorname", "") or "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


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
