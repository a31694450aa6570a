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
from db.errors import CorruptDocument, DocumentError, ReadOnlyDocument, SaveFailed, is_storage_error, plain_error
from db.lockfile import DocumentLock, host_name, pid_alive
from db.migrations import SCHEMA_VERSION, migrate
from db.paths import HOME_ENV, app_data_dir, working_dir
from db.sqlite_file import APPLICATION_ID, apply_pragmas, connect_readonly, inspect
from db.store import Store
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
    """A fresh folder for a working copy in the app-data folder, or a DocumentError saying why not."""
    session_id = os.urandom(6).hex()
    try:
        folder = working_dir() / session_id
        folder.mkdir(parents=True)
    except OSError as err:
        raise plain_error(err, f"The app-data folder ({_app_data_name()}) cannot hold a working copy") from err
    return session_id, folder


def _app_data_name() -> str:
    """Where the app-data folder is, for a message about it (which may be that it cannot be made)."""
    try:
        return str(app_data_dir())
    except OSError:
        return os.environ.get(HOME_ENV) or "in your user profile"


def _discard_folder(folder: Path, session: DocumentSession | None) -> None:
    """Remove a working copy that failed to be made, so a failure leaves nothing in app data."""
    if session is not None:
        session.store.close()
    shutil.rmtree(folder, ignore_errors=True)


def _resolved(path: Path) -> Path:
    """The document's absolute path; a loop of links or an unreadable folder on the way is said plainly."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError) as err:  # RuntimeError: a symlink loop, before Python 3.13
        raise plain_error(err, f"{Path(path).name} cannot be found") from err


class DocumentSession:
    """One open document. Use the class methods `new`, `open` and `recover` to make one."""

    def __init__(self, folder: Path, info: SessionInfo, lock: DocumentLock | None):
        self.folder = folder
        self.info = info
        self.lock = lock
        self.store = Store(folder / WORKING_FILE, read_only=info.read_only)

    # ----- making sessions -----------------------------------------------------------------
    @classmethod
    def new(cls, entities: Sequence[Entity] | None = None, title: str | None = None) -> DocumentSession:
        """An untitled document holding `entities` (by default the project, spheres and stages)."""
        session_id, folder = _new_folder()
        session = None
        try:
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
        except BaseException as err:
            _discard_folder(folder, session)
            if is_storage_error(err):
                where = f"the app-data folder ({folder.parent})"
                raise plain_error(err, f"A new document could not be made in {where}") from err
            raise

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, as_copy: bool = False) -> DocumentSession:
        """Open a saved document. Raises DocumentLocked if someone else has it open for editing
        (unless read_only or as_copy), and a DocumentError naming the problem if it is unsound."""
        path = _resolved(path)
        found = inspect(path, SCHEMA_VERSION)
        if found.schema_version < 0:  # no version of the app writes one: the header was altered
            raise CorruptDocument(
                f"{path.name} is damaged: it gives its document version as {found.schema_version}, "
                "which no IIP Workbench writes."
            )
        lock = None
        if not (read_only or as_copy):
            lock = DocumentLock(path)
            try:
                lock.acquire()
            except PermissionError as err:
                raise DocumentError(
                    f"The folder holding {path.name} cannot be written to, so it cannot be edited there; "
                    "open it read-only, or open a copy.",
                    str(err),
                ) from err
            except OSError as err:
                raise plain_error(err, f"The lock file beside {path.name} ({lock.path.name}) cannot be used") from err
            except (ValueError, OverflowError, TypeError) as err:  # e.g. a lock naming an impossible process
                raise DocumentError(
                    f"The lock file beside {path.name} ({lock.path.name}) is garbled; if nobody else has the "
                    "document open, delete that file and open it again.",
                    f"{type(err).__name__}: {err}",
                ) from err
        try:
            return cls._working_copy_of(path, found.schema_version, lock, read_only=read_only, as_copy=as_copy)
        except BaseException:
            if lock:
                lock.release()
            raise

    @classmethod
    def _working_copy_of(
        cls, path: Path, version: int, lock: DocumentLock | None, *, read_only: bool, as_copy: bool
    ) -> DocumentSession:
        """A session on a fresh working copy of `path`; on any failure nothing is left in app data."""
        session_id, folder = _new_folder()
        session = None
        try:
            _copy_into(path, folder / WORKING_FILE)
            title = path.stem if not as_copy else f"Copy of {path.stem}"
            info = SessionInfo(
                session_id,
                None if as_copy else str(path),
                title,
                os.getpid(),
                host_name(),
                _now(),
                0,
                read_only=read_only,
                upgraded_from=version if version < SCHEMA_VERSION else None,
            )
            session = cls(folder, info, lock)
            session._mark_saved()
            return session
        except BaseException as err:
            _discard_folder(folder, session)
            if is_storage_error(err):
                where = f"the app-data folder ({folder.parent})"
                raise plain_error(err, f"{path.name} could not be copied into {where} to be opened") from err
            raise

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
        self._note_in_folder()
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
        self._note_in_folder()
        try:
            backups.make_backup(target)
        except Exception as err:  # a backup failure must not fail a save that succeeded
            log.warning("Rolling backup of %s failed: %s", target, err)
        return target

    def _note_in_folder(self) -> None:
        """Write session.json after a save. The save has reached the disk, so failing here must not
        report it failed: the stale note only makes a crash offer back work that is already saved."""
        try:
            self.info.write(self.folder)
        except OSError as err:
            log.warning("Saved, but the working-copy note %s could not be updated: %s", self.folder / SIDECAR, err)

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
        lock, self.lock = self.lock, None
        if lock:
            try:
                lock.release()
            except OSError as err:  # the work is done; a lock left behind is taken over as stale later
                log.warning("The lock %s could not be removed: %s", lock.path, err)
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def opened(path: Path, *, read_only: bool = True) -> Iterator[DocumentSession]:
    """Open a document for the length of a `with` block (headless commands)."""
    session = DocumentSession.open(path, read_only=read_only)
    try:
        yield session
    finally:
        session.close()


def _copy_into(source: Path, target: Path) -> None:
    """Copy a checked document into a working file with the SQLite backup API, then migrate it.

    The copy is not flushed to disk (about 1 ms of every open): until the first edit it holds
    nothing the saved file does not, and that edit's commit flushes the whole file."""
    src = connect_readonly(source)
    try:
        dst = sqlite3.connect(target, isolation_level=None)
    except BaseException:
        src.close()
        raise
    try:
        dst.execute("PRAGMA synchronous=OFF")
        src.backup(dst)
        apply_pragmas(dst)
        version = dst.execute("PRAGMA user_version").fetchone()[0]
        try:
            migrate(dst)
        except sqlite3.Error as err:
            if getattr(err, "sqlite_errorname", "") != "SQLITE_ERROR":
                raise  # the disk, not the document
            raise CorruptDocument(
                f"{source.name} cannot be opened: what it holds does not match its document version ({version}), "
                "so another program may have changed it.",
                str(err),
            ) from err
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
