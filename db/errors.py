"""Errors of the document lifecycle, each with a message a civil servant can act on."""

from __future__ import annotations

import datetime as dt
import errno
import sqlite3

from workbench.errors import WorkbenchError, os_reason


def said_time(stamp: object) -> str:
    """A lock's ISO time as people write it ("3 December 2026 at 11:53", in this computer's time zone);
    anything unreadable is said to be unknown rather than shown raw."""
    try:
        moment = dt.datetime.fromisoformat(str(stamp)).astimezone()
    except ValueError:
        return "an unknown time"
    return f"{moment.day} {moment:%B %Y} at {moment:%H:%M}"


class DocumentError(WorkbenchError):
    """A document cannot be opened, saved or changed."""


class NotADocument(DocumentError):
    pass


class CorruptDocument(DocumentError):
    pass


class NewerVersion(DocumentError):
    pass


class ReadOnlyDocument(DocumentError):
    pass


class DocumentBusy(DocumentError):
    """Another change is being written (an import, a slice at a time); this one waits its turn."""


class SaveFailed(DocumentError):
    pass


class DocumentLocked(DocumentError):
    """Someone else has the document open; `owner` says who, from where and since when.

    `problem` says why a lock file cannot be read; `seen` is the lock as read (see db.lockfile), which
    the user may choose to break when it cannot be read or names another computer (`breakable`)."""

    def __init__(self, path: str, owner: dict, *, problem: str | None = None, seen=None, lock_name: str = ""):
        if problem:
            message = (
                f"{path} is locked by a damaged lock file ({problem}), probably left by a crash; if no one else "
                f"has it open, choose Open anyway in the window, or delete the hidden file {lock_name or 'beside it'}."
            )
        else:
            who = owner.get("user") or "another user"
            host = owner.get("host") or "another computer"
            message = f"{path} is open by {who} on {host} since {said_time(owner.get('time'))}."
        super().__init__(message)
        self.path = path
        self.owner = owner
        self.problem = problem
        self.seen = seen

    @property
    def breakable(self) -> bool:
        return self.seen is not None and (self.problem is not None or self.seen.elsewhere)


class ChangedOnDisk(DocumentError):
    """The file was changed or replaced by another program since it was opened or last saved here."""

    def __init__(self, path: str):
        super().__init__(
            f"{path} was changed by another program since you opened it; saving now would overwrite those changes. "
            "Use Save As to keep both, or choose to overwrite or reload it."
        )
        self.path = path


class UntrustedDocument(DocumentError):
    """The file holds things IIP Workbench did not write; `findings` lists them in plain words.

    Opening it with `repair=True` makes a working copy without them instead."""

    def __init__(self, what: str, offer: str, findings: list[str]):
        super().__init__(f"{what}; {offer}.", "\n".join(findings))
        self.what = what  # "policy.iipw contains things IIP Workbench did not write (3 triggers)"
        self.findings = findings


class ForeignSchema(UntrustedDocument):
    """Triggers, views, tables or indexes that are not the app's own, or tables defined differently."""


class InvalidRows(UntrustedDocument):
    """Rows whose values break the domain's rules (type, range, choice, reference, duplicate id)."""


# SQLite reports the same troubles as the operating system, in its own words (sqlite_errorname).
_SQLITE_AS_ERRNO = {
    "SQLITE_FULL": errno.ENOSPC,
    "SQLITE_IOERR_WRITE": errno.EIO,
    "SQLITE_READONLY": errno.EROFS,
    "SQLITE_PERM": errno.EACCES,
    "SQLITE_AUTH": errno.EACCES,
    "SQLITE_NOMEM": errno.ENOMEM,
    "SQLITE_BUSY": errno.EBUSY,
    "SQLITE_LOCKED": errno.EBUSY,
}


def reason_of(err: BaseException) -> tuple[str, str]:
    """(what went wrong, what to do) for an error from the operating system, SQLite or Python,
    in words a user can act on; a database error wrapped by SQLAlchemy is looked through."""
    err = getattr(err, "orig", None) or err
    if isinstance(err, OSError):
        return os_reason(err)
    if isinstance(err, sqlite3.Error):
        name = getattr(err, "sqlite_errorname", "") or ""
        if name in _SQLITE_AS_ERRNO:
            return os_reason(OSError(_SQLITE_AS_ERRNO[name], ""))
        if name.startswith("SQLITE_READONLY"):
            return os_reason(OSError(errno.EROFS, ""))
        if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")) or "disk i/o" in str(err).lower():
            return os_reason(OSError(errno.EIO, ""))
        if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            return "a database file is damaged", "restore it from a backup"
        if "full" in str(err).lower():
            return os_reason(OSError(errno.ENOSPC, ""))
        return "the database reported a problem", "try again; the log file has the details"
    if isinstance(err, MemoryError):
        return os_reason(OSError(errno.ENOMEM, ""))
    if isinstance(err, RuntimeError) and "symlink loop" in str(err).lower():  # Path.resolve before Python 3.13
        return os_reason(OSError(errno.ELOOP, ""))
    if isinstance(err, RecursionError):
        return "the data is nested too deeply to be read", "check the file"
    if isinstance(err, (ValueError, OverflowError)):
        return "a value could not be read", "check the file; the log file has the details"
    return "IIP Workbench met a problem it did not foresee", "the log file has the details"


def is_storage_error(err: BaseException) -> bool:
    """True for a failure of the disk or of SQLite (also when SQLAlchemy wraps it), not of the program."""
    return isinstance(getattr(err, "orig", None) or err, (OSError, sqlite3.Error))


def plain_error(err: BaseException, subject: str) -> DocumentError:
    """`err` as one sentence about `subject` ("policy.iipw could not be opened"), keeping the detail."""
    what, todo = reason_of(err)
    return DocumentError(f"{subject}: {what}; {todo}.", f"{type(err).__name__}: {err}")


def explain_write_failure(err: sqlite3.Error) -> str:
    """One sentence: the change was not made, earlier work is safe, and why."""
    text = str(err).lower()
    if "full" in text or "too large" in text:
        return (
            "The disk is full, so this change could not be kept and was not made; your earlier work is safe "
            "(free some space and try again)."
        )
    if "readonly" in text or "read-only" in text:
        return "The working copy cannot be written to, so this change was not made; your earlier work is safe."
    what, todo = reason_of(err)
    return f"This change could not be written because {what}, so it was not made; your earlier work is safe ({todo})."
