"""What the file behind a document is, before it is opened or saved over.

Only a regular file is a document: opening a named pipe waits for a writer that never comes, and a
device or folder is no document either. A file its owner made read-only, or one with several names
(hard links, which a save by rename would separate), opens read-only. A file another program
replaced or changed since it was opened is not silently overwritten: its size, time and identity
are remembered and compared at Save.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from db.errors import DocumentError, ReadOnlyDocument
from workbench.safe_files import NAME_MAX

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def stat_document(path: Path) -> os.stat_result:
    """The file's status (through links); a DocumentError with a sentence if it is not a plain file."""
    path = Path(path)
    if len(path.name.encode("utf-8", "surrogateescape")) > NAME_MAX:
        raise DocumentError(f"The name {path.name[:40]}… is too long for a file name (at most {NAME_MAX} bytes).")
    try:
        st = os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise DocumentError(f"{path.name} is a link that leads back to itself, not a document.", str(err)) from err
        if isinstance(err, FileNotFoundError) and os.path.islink(path):
            raise DocumentError(f"{path.name} is a link to a file that no longer exists.", str(err)) from err
        if isinstance(err, FileNotFoundError):
            raise DocumentError(f"{path.name} does not exist (looked in {path.parent}).", str(err)) from err
        if isinstance(err, PermissionError):
            raise DocumentError(f"You do not have permission to read {path.name}.", str(err)) from err
        raise DocumentError(f"{path.name} could not be read: {err.strerror or err}.", str(err)) from err
    for test, kind in _KINDS:
        if test(st.st_mode):
            raise DocumentError(f"{path.name} is {kind}, not a document file; choose an .iipw file.")
    return st


def read_only_reason(path: Path, st: os.stat_result, leftover_names: int = 0) -> str | None:
    """Why a document must open read-only even though the user asked to edit it, or None.

    `leftover_names` of its names are ones an interrupted save gave it (atomic_save.leftover_names)."""
    if not writable(path, st):
        return (f"{path.name} is read-only (its permissions do not allow changes), so it opened read-only; "
                "use Save As to keep an editable copy.")
    if (names := st.st_nlink - leftover_names) > 1:
        return (f"{path.name} has {names} names on disk (hard links) that saving would separate, so it opened "
                "read-only; use Save As to keep an editable copy.")
    return None


def writable(path: Path, st: os.stat_result) -> bool:
    """May we change the file? Not without permission, nor when no one may (no write bit: made
    read-only on purpose, which even an administrator's program respects)."""
    return bool(st.st_mode & 0o222) and os.access(path, os.W_OK)


def refuse_unwritable(target: Path) -> None:
    """Saving must not replace a file its owner made read-only (a rename would do so without asking)."""
    if os.path.lexists(target) and not writable(target, stat_document(target)):
        raise ReadOnlyDocument(
            f"{target.name} is read-only, so it was not overwritten; use Save As to save under another name."
        )


@dataclass(frozen=True)
class DiskState:
    """Enough of a file's status to tell that another program changed or replaced it (and its -wal)."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    wal: tuple[int, int] | None

    @classmethod
    def of(cls, path: Path) -> DiskState | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        try:
            ws = os.stat(Path(path).with_name(Path(path).name + "-wal"))
            wal = (ws.st_size, ws.st_mtime_ns)
        except OSError:
            wal = None
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, wal)
