"""The lifecycle of one open document: new, open, edit a working copy, save, recover, close.

Edits go to a working copy in the app-data folder, committed at once, so a killed process loses
nothing: the next start lists the working copies whose process died and offers them back. Saving
writes the working copy over the user's file atomically (see atomic_save).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import asdict, dataclass, replace
from functools import partial
from pathlib import Path
from typing import NoReturn, TypedDict, Unpack

from db import backups, known_files
from db.atomic_save import MMAP_BYTES, copy_file, helpers, leftover_names, remove_leftovers, save_atomically
from db.errors import (
    ChangedOnDisk,
    CorruptDocument,
    DocumentError,
    ReadOnlyDocument,
    SaveFailed,
    is_storage_error,
    plain_error,
)
from db.file_checks import DiskState, read_only_reason, refuse_unwritable, stat_document
from db.lockfile import DocumentLock, LockSeen, host_name, pid_alive
from db.migrations import SCHEMA_VERSION, create_current
from db.paths import HOME_ENV, app_data_dir, working_dir
from db.sqlite_file import (
    APPLICATION_ID,
    FileInfo,
    apply_pragmas,
    check_pages,
    damaged,
    inspect,
    inspected,
    readable,
    roll_back_in_place,
)
from db.store import Store
from db.trust_boundary import Vetted, vet
from db.working_copy import change_counter, examine, is_empty
from workbench import bulk_work
from workbench.entity import Entity
from workbench.safe_files import NAME_MAX

log = logging.getLogger(__name__)
EXTENSION = ".iipw"
WORKING_FILE = "document.sqlite"
SIDECAR = "session.json"


class HowToOpen(TypedDict, total=False):
    """How a document is opened (DocumentSession.open and check): as they name them."""

    read_only: bool
    as_copy: bool
    break_lock: LockSeen | None
    repair: bool
    check_whole: bool  # every page and row, even of a file known to have passed (db.known_files)


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
    saved_counter: int | None = None  # the working file's change counter at saved_revision (see working_copy)

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


@dataclass
class Checked:
    """A document copied into a working copy and checked (DocumentSession.check), not yet a session:
    handed from the thread that checked it to the one that takes it, with the connection it was checked
    on, which the session's store takes over (it already holds the schema and pages SQLite read)."""

    path: Path
    folder: Path
    info: SessionInfo
    lock: DocumentLock | None
    conn: sqlite3.Connection
    vetted: Vetted
    reason: str | None  # why it opens read-only although editing was asked for
    disk_state: DiskState | None


def _give_up(
    err: BaseException, path: Path, folder: Path | None, session: DocumentSession | None, lock: DocumentLock | None
) -> NoReturn:
    """Opening failed: let go of the lock and the working copy, and say plainly what the storage refused."""
    if lock:
        lock.release()
    if folder is None:
        raise err
    _discard_folder(folder, session)
    if is_storage_error(err):
        where = f"the app-data folder ({folder.parent})"
        raise plain_error(err, f"{path.name} could not be copied into {where} to be opened") from err
    raise err


class DocumentSession:
    """One open document. Use the class methods `new`, `open` and `recover` to make one."""

    def __init__(
        self, folder: Path, info: SessionInfo, lock: DocumentLock | None, conn: sqlite3.Connection | None = None
    ):
        self.folder = folder
        self.info = info
        self.lock = lock
        self.store = Store(folder / WORKING_FILE, read_only=info.read_only, conn=conn)
        self._saved_state: int | None = None  # the store's state when saved (None: unknown, so modified)
        self.store.listeners.append(self._note_if_saved_state)
        self.read_only_reason: str | None = None  # why it opened read-only although editing was asked for
        self.disk_state: DiskState | None = None  # the file as last opened or saved here (see file_checks)
        self._saved_here: DiskState | None = None  # the file as last saved here, and so flushed to disk
        self.repairs: list[str] = []  # what opening a repaired copy left out, in plain words
        self.file_digest: str | None = None  # of the file as last opened or saved here (db.known_files)
        self._kept_findings: list | None = None  # the overview's, kept for the file as opened (findings_kept)
        self._naming: Future[object] | None = None  # the last save's rolling backup being named (_save_to)

    # ----- making sessions -----------------------------------------------------------------
    @classmethod
    def new(cls, entities: Sequence[Entity] | None = None, title: str | None = None) -> DocumentSession:
        """An untitled document holding `entities` (by default the project, spheres and stages)."""
        session_id, folder = _new_folder()
        session = None
        try:
            conn = sqlite3.connect(folder / WORKING_FILE, isolation_level=None)
            try:
                create_current(conn, APPLICATION_ID)
                apply_pragmas(conn)
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
    def open(cls, path: Path, **how: Unpack[HowToOpen]) -> DocumentSession:
        """Open a saved document. Raises DocumentLocked if someone else has it open for editing
        (unless read_only or as_copy), and a DocumentError naming the problem if it is unsound.
        `break_lock` is a lock the user chose to break (DocumentLocked.seen, when it is breakable).

        A file that must not be changed (read-only, hard-linked, in a folder that cannot be written)
        opens read-only, and `read_only_reason` says why.

        A file holding things IIP Workbench did not write raises ForeignSchema or InvalidRows; with
        `repair` it opens instead as an untitled repaired copy (the file itself is never changed, and
        may be someone else's), and `repairs` says what was left out."""
        return cls.take(cls.check(path, **how))

    @classmethod
    def check(
        cls,
        path: Path,
        *,
        read_only: bool = False,
        as_copy: bool = False,
        break_lock: LockSeen | None = None,
        repair: bool = False,
        check_whole: bool = False,
    ) -> Checked:
        """The first part of `open` (same arguments, same errors): lock the file, copy it into a working
        copy and check every row of it, on connections of its own, so that it may run on any thread."""
        st = stat_document(path)  # before anything reads it: a named pipe would hang the reader
        path = _resolved(path)
        as_copy = as_copy or repair
        # A change a stopped program left unfinished is rolled back on a copy; the pages are checked on ours.
        with readable(path) as source, inspected(path, SCHEMA_VERSION, source) as reader:
            reason = None if (read_only or as_copy) else read_only_reason(path, st, leftover_names(path, st))
            lock = None
            if not (read_only or as_copy or reason):
                lock = DocumentLock(path)
                try:
                    lock.acquire(override=break_lock)
                except OSError as err:
                    if err.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                        raise plain_error(err, f"The lock file beside {path.name} cannot be used") from err
                    lock, reason = (
                        None,
                        (
                            f"The folder holding {path.name} cannot be written to, so it opened read-only; "
                            "use Save As to keep an editable copy."
                        ),
                    )
                else:
                    remove_leftovers(path)  # temporary files of a save that was interrupted (the lock is ours now)
            read_only = read_only or reason is not None
            folder = conn = None
            try:
                session_id, folder = _new_folder()
                conn, vetted = _copy_into(reader, folder / WORKING_FILE, path.name, repair=repair, whole=check_whole)
                if lock is not None and source != path:
                    roll_back_in_place(path)  # or a later Save would leave the journal beside the new file
                disk_state = DiskState.of(path)  # after our own roll-back, which is no one else's change
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
                return Checked(path, folder, info, lock, conn, vetted, reason, None if as_copy else disk_state)
            except BaseException as err:
                if conn is not None:
                    conn.close()
                _give_up(err, path, folder, None, lock)

    @classmethod
    def take(cls, checked: Checked) -> DocumentSession:
        """The session of a document `check` copied and checked, on the thread that is to use it."""
        session = None
        try:
            session = cls(checked.folder, checked.info, checked.lock, checked.conn)
            session.store.prime(checked.vetted.entities)
            session.read_only_reason, session.disk_state = checked.reason, checked.disk_state
            session.repairs = checked.vetted.repairs
            session.file_digest, session._kept_findings = checked.vetted.digest, checked.vetted.findings
            session._mark_saved()
            return session
        except BaseException as err:
            if session is None:
                checked.conn.close()
            _give_up(err, checked.path, checked.folder, session, checked.lock)

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
        """True when the document holds something its file does not: the one meaning of "modified" (the
        window's title and close question, and crash recovery, all ask this). An edit and its undo
        cancel out, as the store's `state` returns to what it was."""
        return self.store.state != self._saved_state

    def _note_if_saved_state(self, _changes: object) -> None:
        """After an edit that brought back the saved state (an undo), note the working copy as it is
        now as the saved state, so a crash from here offers nothing back. Failing to write the note
        only makes a crash offer back work that equals the file."""
        if not self.dirty:
            try:
                self._mark_saved()
            except OSError as err:
                log.warning("The working-copy note %s could not be updated: %s", self.folder / SIDECAR, err)

    def findings_kept(self) -> list | None:
        """The overview's findings kept for the file as opened (workbench.findings.summary_data), while the
        document holds just what that file held; else None."""
        return None if self.dirty else self._kept_findings

    def _counter(self) -> int:
        return change_counter(self.folder / WORKING_FILE)

    # ----- saving --------------------------------------------------------------------------
    def save(self, *, overwrite: bool = False) -> Path:
        """Save to the document's own file. Raises ChangedOnDisk if another program changed or replaced
        the file since it was opened or saved here, unless `overwrite` (the user chose to)."""
        if self.read_only:
            raise ReadOnlyDocument(
                self.read_only_reason or "This document is open read-only; use Save As to keep a copy of it."
            )
        if self.path is None:
            raise SaveFailed("This document has not been saved yet; choose where to save it (Save As).")
        refuse_unwritable(self.path)
        now = DiskState.of(self.path)
        if not overwrite and None not in (self.disk_state, now) and now != self.disk_state:
            raise ChangedOnDisk(self.path.name)  # (a file deleted meanwhile is simply written again)
        return self._save_to(self.path)

    def save_as(self, target: Path) -> Path:
        target = Path(target).resolve()
        if target.suffix.lower() != EXTENSION:
            target = target.with_name(target.name + EXTENSION)
        if len(target.name.encode("utf-8", "surrogateescape")) > NAME_MAX:
            raise SaveFailed(f"The name {target.name[:40]}… is too long for a file name; choose a shorter one.")
        refuse_unwritable(target)
        if self.path != target or self.lock is None:  # (a read-only session holds no lock on its own file)
            new_lock = DocumentLock(target)
            try:
                new_lock.acquire()
            except OSError as err:
                message = f"{target.name} cannot be saved in {target.parent} ({err.strerror}); choose another folder."
                raise SaveFailed(message, str(err)) from err
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
        self.store.read_only, self.read_only_reason = False, None
        self._note_in_folder()
        return target

    def _save_to(self, target: Path) -> Path:
        """Write the working copy to `target`. The file is in place, whole and checked, when this returns; its
        rolling backup, already written and flushed beside the check, is then named and the older ones thinned
        beside (renaming and deleting files waits on the disk, as long again as the copy's flush)."""
        self.backups_named()
        revision, counter, state = self.store.revision, self._counter(), self.store.state
        backup = backups.SaveBackup(target)  # copied from the new file while the save checks it
        digests: list[str | None] = []
        beside = (backup.fill, lambda new_file: digests.append(_known_as_written(new_file)))

        try:
            flushed = self._saved_here is not None and DiskState.of(target) == self._saved_here
            # Copied from the store's own connection, which holds no transaction between edits: a new
            # one would first read the whole schema again (half a millisecond of every save).
            save_atomically(self.store.conn, target, SCHEMA_VERSION, beside=beside, flushed=flushed)
        except BaseException:
            backup.discard()
            raise
        self.disk_state = self._saved_here = DiskState.of(target)
        self.info.saved_revision, self.info.saved_counter = revision, counter
        self._saved_state = state
        self.info.upgraded_from = None
        self.file_digest, self._kept_findings = (digests or [None])[0], None
        self._note_in_folder()
        # Named beside: a backup failure must not fail a save that succeeded (it is logged), nor keep the user.
        self._naming = helpers().submit(backup.publish)
        return target

    def backups_named(self) -> None:
        """Wait until the last save's rolling backup is named (and older ones thinned): before anything else
        writes in the document's backup folder, and before the session ends."""
        naming, self._naming = self._naming, None
        if naming is not None:
            naming.exception()  # (SaveBackup.publish logs its own failures)

    def _note_in_folder(self) -> None:
        """Write session.json after a save. The save has reached the disk, so failing here must not
        report it failed: the stale note only makes a crash offer back work that is already saved."""
        try:
            self.info.write(self.folder)
        except OSError as err:
            log.warning("Saved, but the working-copy note %s could not be updated: %s", self.folder / SIDECAR, err)

    def backup(self, reason: str, pending: backups.Pending | None = None) -> Path:
        """Snapshot the working copy into the rolling backups (before an import or a repair); `pending`: the
        snapshot made ahead (`pending_backup`), to be named a backup now."""
        try:
            return (pending or self.pending_backup(reason)).publish()
        except OSError as err:
            raise _backup_failed(reason, err) from err

    def pending_backup(self, reason: str) -> backups.Pending:
        """The snapshot `backup` makes, written but not yet flushed nor named a backup."""
        self.backups_named()
        name = self.path or Path(self.folder / f"{self.info.title}{EXTENSION}")
        snapshot = partial(_snapshot, self.folder / WORKING_FILE)
        try:
            return backups.pending(backups.backup_path(name, reason, dt.datetime.now()), snapshot)
        except (OSError, sqlite3.Error) as err:
            raise _backup_failed(reason, err) from err

    def _mark_saved(self) -> None:
        self._saved_state = self.store.state
        self.info.saved_revision, self.info.saved_counter = self.store.revision, self._counter()
        self.info.write(self.folder)

    # ----- closing -------------------------------------------------------------------------
    def close(self) -> None:
        """Close and discard the working copy (the caller has saved or chosen to discard)."""
        self.backups_named()
        self.store.close()
        lock, self.lock = self.lock, None
        if lock:
            try:
                lock.release()
            except OSError as err:  # the work is done; a lock left behind is taken over as stale later
                log.warning("The lock %s could not be removed: %s", lock.path, err)
        _remove_beside(self.folder)


_removing: set[Future[None]] = set()  # closed sessions' working copies being removed (working_copies_removed)


def _remove_beside(folder: Path) -> None:
    """Remove a closed session's working copy beside the caller: deleting files waits on the file system
    (a third of closing a small document). Its note goes first, here, so that a removal cut short (the
    program killed) leaves a folder recovery never offers back. One whose note cannot go is removed here."""
    try:
        (folder / SIDECAR).unlink(missing_ok=True)
        removing = helpers().submit(shutil.rmtree, folder, ignore_errors=True)
    except (OSError, RuntimeError):  # RuntimeError: the program is ending, its threads take no more work
        shutil.rmtree(folder, ignore_errors=True)  # (a copy left with its note is tidied at the next start)
        return
    _removing.add(removing)
    removing.add_done_callback(_removing.discard)


def working_copies_removed() -> None:
    """Wait until the working copies of the sessions closed so far are gone (before a command ends)."""
    for removing in list(_removing):
        removing.exception()


def _snapshot(working: Path, temp: Path) -> None:
    """The working copy as committed, into `temp`. While no write is under way its bytes are copied by the
    system, a write lock held meanwhile so that none starts: a third of the time SQLite's backup API took
    to copy its pages, a twentieth of an import of a thousand links. During a write the window makes in
    turns, its pages are copied as they were committed (the backup API reads them under a read lock).

    The copy's own handle, once closed, drops the locks this process holds on the file as the system keeps
    them. Nothing relies on those: SQLite's connections in this process keep their own record of their
    locks, and no other process opens a session's working copy (its owner is known by its lock file)."""
    source = sqlite3.connect(working, isolation_level=None, timeout=0)
    try:
        try:
            source.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            if err.sqlite_errorcode != sqlite3.SQLITE_BUSY:
                raise
            source.execute("PRAGMA busy_timeout=5000")  # a commit under way ends in a moment
            _copy_pages(source, temp)
            return
        try:
            with open(working, "rb") as file, open(temp, "wb") as copy:
                copy_file(file, copy)
        finally:
            source.execute("ROLLBACK")
    finally:
        source.close()


def _copy_pages(source: sqlite3.Connection, temp: Path) -> None:
    """The pages `source` reads, as committed, into `temp` in one step (under one read lock, so whole)."""
    copy = sqlite3.connect(temp, isolation_level=None)
    try:
        # The copy is flushed to disk once, whole, before it is named (backups.filled); SQLite would flush it
        # more, each a wait on the disk. A copy cut short is never named, so it keeps no journal; the pages
        # are read where the file is mapped, not one call each.
        copy.execute("PRAGMA synchronous=OFF")
        copy.execute("PRAGMA journal_mode=OFF")
        source.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        source.backup(copy)
    finally:
        copy.close()


def _backup_failed(reason: str, err: OSError | sqlite3.Error) -> DocumentError:
    why = getattr(err, "strerror", None) or err
    return DocumentError(f"The backup before this {reason} could not be made ({why}), so it was not done.", str(err))


@contextlib.contextmanager
def opened(path: Path, *, read_only: bool = True) -> Iterator[DocumentSession]:
    """Open a document for the length of a `with` block (headless commands)."""
    session = DocumentSession.open(path, read_only=read_only)
    with held(session):
        if session.read_only and not read_only:
            raise ReadOnlyDocument(session.read_only_reason or f"{Path(path).name} can only be opened read-only.")
        yield session


@contextlib.contextmanager
def held(session: DocumentSession) -> Iterator[DocumentSession]:
    """A session for the length of a `with` block (headless commands): closed after it, and its working
    copy gone, as the command ends at once."""
    try:
        yield session
    finally:
        session.close()
        working_copies_removed()


def check_document(path: Path) -> FileInfo:
    """Everything opening checks (schema and rows included) plus SQLite's full integrity check; the
    file is not changed. Raises the DocumentError that opening it would."""
    found = inspect(path, SCHEMA_VERSION, full_check=True)
    with held(DocumentSession.open(path, read_only=True, check_whole=True)):
        pass
    return found


def _copy_into(
    src: sqlite3.Connection, target: Path, name: str, *, repair: bool = False, whole: bool = False
) -> tuple[sqlite3.Connection, Vetted]:
    """Copy the document `src` reads into a working file with the SQLite backup API, check its pages, vet its
    schema and rows (db.trust_boundary), migrate it; return the connection to the copy, for the store to
    take over on its own thread, and what the checks learnt.

    The pages are checked on the copy, which is the file page for page: SQLite then reads them from its
    cache, where the copy left them, rather than from the file a second time (half a millisecond of
    every open). The copy is not flushed to disk (about 1 ms of every open): until the first edit it
    holds nothing the saved file does not, and that edit's commit flushes the whole file. Nor is it
    journalled, as a save's copy is not (atomic_save.write_temp): a copy cut short is in a folder
    without its session note, never offered back, and the journal is on before the first change.

    A copy whose bytes are a file's this program checked whole before (db.known_files) is not checked
    again, unless `whole`; its rows are then read when first asked for, not all at once here."""
    dst = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    try:
        dst.execute("PRAGMA synchronous=OFF")
        dst.execute("PRAGMA journal_mode=OFF")  # until apply_pragmas, before any check or migration writes
        try:
            src.backup(dst)
            hashed = None if repair else _digest_beside(target)  # (a repaired copy is not the file)
            apply_pragmas(dst)
            # Whether the file is known decides whether it is checked; one checked whole anyway is hashed beside it.
            digest = None if hashed is None or whole else hashed()
            known = None if digest is None else known_files.recall(digest, dt.date.today())
            if known is None:
                check_pages(dst, name)
        except sqlite3.DatabaseError as err:
            if not damaged(err):
                raise
            raise CorruptDocument(f"{name} is damaged and cannot be opened.", str(err)) from err
        if known is not None:
            vetted = Vetted(SCHEMA_VERSION, [], {}, digest, known.findings)
        else:
            with bulk_work.no_collection():
                vetted = vet(dst, name, repair=repair)
            digest = None if hashed is None else hashed()
            unchanged = dst.total_changes == 0 and vetted.version == SCHEMA_VERSION  # not completed, nor upgraded
            if digest is not None and unchanged:  # passed as it is
                if not (whole and known_files.recorded(digest)):  # (checked whole again: already known)
                    known_files.remember(digest)
                vetted = replace(vetted, digest=digest)
        dst.isolation_level = "DEFERRED"  # transactions begun as on a new connection of the store (db.store)
        return dst, vetted
    except BaseException:
        dst.close()
        raise


def _digest_beside(path: Path) -> Callable[[], str]:
    """The digest of the working copy just made, worked out on another thread while SQLite reads its schema
    (and checks its pages and rows); call the result for it. Its bytes are read here, at once: no handle of
    ours is open on the copy while SQLite reads it (closing one would drop SQLite's locks on the file)."""
    data = path.read_bytes()
    try:
        return helpers().submit(known_files.digest_of_bytes, data).result
    except RuntimeError:  # the program is ending: its threads take no more work
        digest = known_files.digest_of_bytes(data)
        return lambda: digest


def _known_as_written(path: Path) -> str | None:
    """The digest of a file a save is writing, kept as known (db.known_files): it holds the working copy,
    whose every row was checked on opening or written by the domain's rules. A save does not fail for want
    of it: the file is then checked whole when next opened."""
    try:
        digest = known_files.digest_of(path)
    except OSError as err:
        log.info("No digest of the saved %s: %s", path.name, err)
        return None
    known_files.remember(digest)
    return digest


def list_recoverable() -> list[Recoverable]:
    """Working copies whose process has died, with unsaved edits.

    A copy is tidied away only when it is certainly the saved state (or holds nothing at all); one
    that cannot be read is kept where it is, never deleted."""
    found = []
    for folder in sorted(working_dir().iterdir()):
        if not folder.is_dir():
            continue
        info = SessionInfo.read(folder)
        if info is None:
            continue
        if info.host != host_name() or info.pid == os.getpid() or pid_alive(info.pid):
            continue  # ours, or owned by a running copy of the app (or another computer's)
        copy = folder / WORKING_FILE
        if is_empty(copy):
            shutil.rmtree(folder, ignore_errors=True)  # nothing was ever written into it
            continue
        try:
            modified = dt.datetime.fromtimestamp(copy.stat().st_mtime)  # before a rollback touches it
            state = examine(copy)
        except (sqlite3.Error, OSError, ValueError) as err:
            log.warning("Unsaved work in %s cannot be read (%s); it is kept there.", folder, err)
            continue
        if (state.revision, state.counter) == (info.saved_revision, info.saved_counter):
            shutil.rmtree(folder, ignore_errors=True)  # exactly what was saved
            continue
        origin = Path(info.origin) if info.origin else None
        found.append(Recoverable(folder, origin, state.title or info.title, modified))
    return found


def discard_recoverable(item: Recoverable) -> None:
    shutil.rmtree(item.folder, ignore_errors=True)
