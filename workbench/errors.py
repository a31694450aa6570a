"""Errors a user may see. Each carries a plain-language message and optional technical detail."""

from __future__ import annotations

import errno
import re


class WorkbenchError(Exception):
    """Base of every error shown to a user: `message` is for people, `detail` for the log."""

    def __init__(self, message: str, detail: str | None = None):
        super().__init__(message)
        self.message = message
        self.detail = detail


class ValidationError(WorkbenchError):
    """A value does not fit the field it is meant for; names the entity and the field."""

    def __init__(self, entity: str, field: str, problem: str):
        super().__init__(f"{entity}: {field} {problem}")
        self.entity = entity
        self.field = field
        self.problem = problem


def sentence(text: str) -> str:
    """`text` as one line ending in a full stop, as a message is printed on the command line."""
    line = re.sub(r"\s+", " ", text).strip()
    return line if line.endswith((".", "!", "?")) else f"{line}."


# What went wrong and what to do about it, by the operating system's error number: the words a
# user reads instead of "[Errno 28] No space left on device".
_OS_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("the disk is full", "free some space and try again"),
    errno.EFBIG: ("the file is larger than that disk allows", "use another disk"),
    errno.EACCES: ("permission was refused", "check who may read and write there"),
    errno.EPERM: ("the system did not permit it", "check who may read and write there"),
    errno.EROFS: ("the disk is read-only", "use a folder on a disk that can be written to"),
    errno.ELOOP: ("its path goes round a loop of links", "check the links (shortcuts) on the way to it"),
    errno.ENAMETOOLONG: ("a file name is too long", "use a shorter name or a folder nearer the top"),
    errno.EIO: ("the disk reported a read or write error", "check the disk or network drive and try again"),
    errno.ENOENT: ("a file or folder it needs is missing", "check the path and try again"),
    errno.EISDIR: ("a folder stands where a file should be", "choose a file"),
    errno.ENOTDIR: ("part of the path is a file, not a folder", "check the path"),
    errno.EMFILE: ("too many files are open", "close some programs and try again"),
    errno.ENFILE: ("too many files are open", "close some programs and try again"),
    errno.EBUSY: ("a file is in use by another program", "close it there and try again"),
    errno.ETXTBSY: ("a file is in use by another program", "close it there and try again"),
    errno.ENOMEM: ("the computer ran out of memory", "close some programs and try again"),
    errno.EEXIST: ("a file of the same name is in the way", "move it aside and try again"),
    errno.EAGAIN: ("the system was busy", "try again"),
    errno.EXDEV: ("the file would have to move between disks", "choose a folder on the same disk"),
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _OS_REASONS[errno.EDQUOT] = ("your disk quota is used up", "free some space and try again")


def os_reason(err: OSError) -> tuple[str, str]:
    """(what went wrong, what to do) for an OSError, in words without error numbers."""
    if err.errno in _OS_REASONS:
        return _OS_REASONS[err.errno]
    what = (err.strerror or "the system refused the operation").rstrip(".").lower()
    return what, "try again, or choose another folder"
