"""The lifecycle of one open document: new, open, edit a working copy, save, recover, close.

Edits go to a working copy in the app-data folder, committed at once, so a killed process loses
nothing: the next start lists the working copies whose process died and offers them back. Saving
writes the working copy over the user's file atomically (see atomic_save).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from db import backups
from db.atomic_save import save_atomically
from db.errors import DocumentError, ReadOnlyDocument, SaveFailed
from db.lockfile import DocumentLock, host_name, pid_alive
from db.migrations import SCHEMA_VERSION, migrate
from db.paths import working_dir
from db.sqlite_file import (
    APPLICATION_ID,
    FileInfo,
    apply_pragmas,
    connect_readonly,
    inspect,
    readable,
    roll_back_in_place,
)
from db.store import Store
from db.trust_boundary import Vetted, vet
from workbench.entity import Entity

log = logging.getLogger(__name__)
EXTENSION = ".iipw"
WORKING_FILE = "document.sqlite"
SIDECAR = "session.json"


@dataclass
class SessionInfo:
    """What the working-copy folder says about itself (kept in session.json beside the copy)."""

    session_id: str
    origin: str | None
    title: str
    pid: int
    host: str
    opened_at: str
    saved_revision: int
    read_only: bool = False
    upgraded_from: int | None = None

    @classmethod
    def read(cls, folder: Path) -> SessionInfo | None:
        try:
            data = json.loads((folder / SIDECAR).read_text(encoding="utf-8"))
            return cls(**data)
        except (OSError, ValueError, TypeError):
            return None

    def write(self, folder: Path) -> None:
        tmp = folder / (SIDECAR + ".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")
        os.replace(tmp, folder / SIDECAR)


@dataclass(frozen=True)
class Recoverable:
    """An unsaved working copy left behind by a process that is no longer running."""

    folder: Path
    origin: Path | None
    title: str
    modified: dt.datetime


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _new_folder() -> tuple[str, Path]:
    session_id = os.urandom(6).hex()
    folder = working_dir() / session_id
    folder.mkdir(parents=True)
    return session_id, folder


class DocumentSession:
    """One open document. Use the class methods `new`, `open` and `recover` to make one."""

    def __init__(self, folder: Path, info: SessionInfo, lock: DocumentLock | None):
        self.folder = folder
        self.info = info
        self.lock = lock
        self.store = Store(folder / WORKING_FILE, read_only=info.read_only)
        self.repairs: list[str] = []  # what opening a repaired copy left out, in plain words

    # ----- making sessions -----------------------------------------------------------------
    @classmethod
    def new(cls, entities: Sequence[Entity] | None = None, title: str | None = None) -> DocumentSession:
        """An untitled document holding `entities` (by default the project, spheres and stages)."""
        session_id, folder = _new_folder()
        conn = sqlite3.connect(folder / WORKING_FILE, isolation_level=None)
        try:
            apply_pragmas(conn)
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            migrate(conn)
        finally:
            conn.close()
        from workbench.sample import starter_entities

        entities = list(entities) if entities is not None else starter_entities()
        info = SessionInfo(session_id, None, title or "Untitled", os.getpid(), host_name(), _now(), 0)
        session = cls(folder, info, None)
        session.store.create(entities)
        session._mark_saved()
        return session

    @classmethod
    def open(
        cls, path: Path, *, read_only: bool = False, as_copy: bool = False, repair: bool = False
    ) -> DocumentSession:
        """Open a saved document. Raises DocumentLocked if someone else has it open for editing
        (unless read_only or as_copy), and a DocumentError naming the problem if it is unsound.

        A file holding things IIP Workbench did not write raises ForeignSchema or InvalidRows; with
        `repair` it opens instead as an untitled repaired copy (the file itself is never changed, and
        may be someone else's), and `repairs` says what was left out."""
        path = Path(path).resolve()
        as_copy = as_copy or repair
        with readable(path) as source:  # a change a stopped program left unfinished is rolled back on a copy
            inspect(path, SCHEMA_VERSION, source=source)
            lock = None
            if not (read_only or as_copy):
                lock = DocumentLock(path)
                try:
                    lock.acquire()
                except PermissionError as err:
                    raise DocumentError(
                        f"The folder holding {path.name} cannot be written to, so it cannot be edited there. "
                        "Open it read-only, or open a copy.",
                        str(err),
                    ) from err
            folder = None
            try:
                session_id, folder = _new_folder()
                vetted = _copy_into(source, folder / WORKING_FILE, path.name, repair=repair)
                if lock is not None and source != path:
                    roll_back_in_place(path)  # or a later Save would leave the journal beside the new file
                copy_of = "Repaired copy" if repair else "Copy"
                title = path.stem if not as_copy else f"{copy_of} of {path.stem}"
                info = SessionInfo(
                    session_id,
                    None if as_copy else str(path),
                    title,
                    os.getpid(),
                    host_name(),
                    _now(),
                    0,
                    read_only=read_only,
                    upgraded_from=vetted.version if vetted.version < SCHEMA_VERSION else None,
                )
                session = cls(folder, info, lock)
                session.store.prime(vetted.entities)
            except BaseException:
                if lock:
                    lock.release()
                if folder is not None:
                    shutil.rmtree(folder, ignore_errors=True)
                raise
        session.repairs = vetted.repairs
        session._mark_saved()
        return session

    @classmethod
    def recover(cls, item: Recoverable) -> DocumentSession:
        """Take over a crashed session's working copy; if its file is now locked by someone else,
        the recovered work opens as an untitled copy so nothing is overwritten."""
        info = SessionInfo.read(item.folder)
        if info is None:
            raise DocumentError("This recovered work can no longer be read.")
        lock = None
        if info.origin and not info.read_only:
            lock = DocumentLock(Path(info.origin))
            try:
                lock.acquire()
            except (DocumentError, OSError):
                lock, info.origin, info.title = None, None, f"Recovered {info.title}"
        info.pid, info.host, info.read_only = os.getpid(), host_name(), False
        info.write(item.folder)
        return cls(item.folder, info, lock)

    # ----- state ---------------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        return Path(self.info.origin) if self.info.origin else None

    @property
    def read_only(self) -> bool:
        return self.info.read_only

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else self.info.title

    @property
    def dirty(self) -> bool:
        """True when the working copy holds edits not yet saved to the user's file."""
        return self.store.revision != self.info.saved_revision

    # ----- saving --------------------------------------------------------------------------
    def save(self) -> Path:
        if self.read_only:
            raise ReadOnlyDocument("This document is open read-only; use Save As to keep a copy of it.")
        if self.path is None:
            raise SaveFailed("This document has not been saved yet; choose where to save it (Save As).")
        return self._save_to(self.path)

    def save_as(self, target: Path) -> Path:
        target = Path(target).resolve()
        if target.suffix.lower() != EXTENSION:
            target = target.with_name(target.name + EXTENSION)
        if self.path != target:
            new_lock = DocumentLock(target)
            new_lock.acquire()
        else:
            new_lock = self.lock
        try:
            self._save_to(target)
        except BaseException:
            if new_lock is not self.lock and new_lock is not None:
                new_lock.release()
            raise
        if new_lock is not self.lock and self.lock:
            self.lock.release()
        self.lock = new_lock
        self.info.origin, self.info.title, self.info.read_only = str(target), target.stem, False
        self.store.read_only = False
        self.info.write(self.folder)
        return target

    def _save_to(self, target: Path) -> Path:
        revision = self.store.revision
        conn = sqlite3.connect(self.folder / WORKING_FILE, isolation_level=None)
        try:
            save_atomically(conn, target, SCHEMA_VERSION)
        finally:
            conn.close()
        self.info.saved_revision = revision
        self.info.upgraded_from = None
        self.info.write(self.folder)
        try:
            backups.make_backup(target)
        except OSError as err:  # a backup failure must not fail a save that succeeded
            log.warning("Rolling backup of %s failed: %s", target, err)
        return target

    def backup(self, reason: str) -> Path:
        """Snapshot the working copy into the rolling backups (before an import or a repair)."""
        name = self.path or Path(self.folder / f"{self.info.title}{EXTENSION}")
        folder = backups.folder_for(name)
        target = folder / f"{reason}-{dt.datetime.now().strftime(backups.STAMP)}{EXTENSION}"
        conn = sqlite3.connect(self.folder / WORKING_FILE, isolation_level=None)
        try:
            conn.execute("VACUUM INTO ?", (str(target),))
        finally:
            conn.close()
        return target

    def _mark_saved(self) -> None:
        self.info.saved_revision = self.store.revision
        self.info.write(self.folder)

    # ----- closing -------------------------------------------------------------------------
    def close(self) -> None:
        """Close and discard the working copy (the caller has saved or chosen to discard)."""
        self.store.close()
        if self.lock:
            self.lock.release()
            self.lock = None
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def opened(path: Path, *, read_only: bool = True) -> Iterator[DocumentSession]:
    """Open a document for the length of a `with` block (headless commands)."""
    session = DocumentSession.open(path, read_only=read_only)
    try:
        yield session
    finally:
        session.close()


def check_document(path: Path) -> FileInfo:
    """Everything opening checks (schema and rows included) plus SQLite's full integrity check; the
    file is not changed. Raises the DocumentError that opening it would."""
    found = inspect(path, SCHEMA_VERSION, full_check=True)
    DocumentSession.open(path, read_only=True).close()
    return found


def _copy_into(source: Path, target: Path, name: str, *, repair: bool = False) -> Vetted:
    """Copy a checked document into a working file with the SQLite backup API, vet its schema and
    rows (db.trust_boundary), migrate it; return what the checks learnt.

    The copy is not flushed to disk (about 1 ms of every open): until the first edit it holds
    nothing the saved file does not, and that edit's commit flushes the whole file."""
    src = connect_readonly(source)
    dst = sqlite3.connect(target, isolation_level=None)
    try:
        dst.execute("PRAGMA synchronous=OFF")
        src.backup(dst)
        apply_pragmas(dst)
        return vet(dst, name, repair=repair)
    finally:
        src.close()
        dst.close()


def list_recoverable() -> list[Recoverable]:
    """Working copies whose process has died, with unsaved edits; clean leftovers are removed."""
    found = []
    for folder in sorted(working_dir().iterdir()):
        if not folder.is_dir():
            continue
        info = SessionInfo.read(folder)
        if info is None:
            continue
        if info.host != host_name() or info.pid == os.getpid() or pid_alive(info.pid):
            continue  # ours, or owned by a running copy of the app (or another computer's)
        revision = _revision_of(folder / WORKING_FILE)
        if revision is None or revision == info.saved_revision:
            shutil.rmtree(folder, ignore_errors=True)  # nothing unsaved in it
            continue
        modified = dt.datetime.fromtimestamp((folder / WORKING_FILE).stat().st_mtime)
        found.append(Recoverable(folder, Path(info.origin) if info.origin else None, _title_of(folder, info), modified))
    return found


def discard_recoverable(item: Recoverable) -> None:
    shutil.rmtree(item.folder, ignore_errors=True)


def _revision_of(path: Path) -> int | None:
    try:
        conn = connect_readonly(path)
        try:
            return int(conn.execute("SELECT value FROM meta WHERE key='revision'").fetchone()[0])
        finally:
            conn.close()
    except (sqlite3.Error, TypeError, ValueError):
        return None


def _title_of(folder: Path, info: SessionInfo) -> str:
    try:
        conn = connect_readonly(folder / WORKING_FILE)
        try:
            row = conn.execute("SELECT title FROM project").fetchone()
        finally:
            conn.close()
        return row[0] if row else info.title
    except sqlite3.Error:
        return info.title
