"""A lock file beside an open document, `.~lock.<name>#`, as LibreOffice does.

It says who has the document open, on which computer, in which process (and when that process
started) and since when, so a second opener can be told plainly. Every lock can be resolved:

- Written atomically: the whole lock is written under a temporary name, then hard-linked to the lock
  name, which fails if the name exists. Nobody ever sees an empty or half-written lock of ours
  (where a file system has no hard links, it is created exclusively and written at once instead).
- A lock of this computer whose process has died, or whose process number now belongs to another
  process (its start time differs), is stale and taken over without asking.
- A lock from another computer, or one that cannot be read (empty, garbage, a folder, a dangling
  link), is reported as such; the user may break it after a warning (`acquire(override=...)`).
- Taking over cannot race. The lock judged stale is renamed to a unique name, which only one
  process can do; that process then compares what it moved (device, inode and bytes) with what it
  judged. If they differ, another process had already taken over and written a new lock in between:
  the moved lock is linked back under its name. Only then is a new lock created, again by link, so
  of two processes taking over the same stale lock exactly one ends up holding it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import json
import logging
import os
import platform
import stat
from dataclasses import dataclass
from pathlib import Path

from db.errors import DocumentLocked
from workbench.safe_files import create_exclusive, open_temp_beside, remove_stale_temps, sibling

log = logging.getLogger(__name__)
MAX_LOCK_BYTES = 64 * 1024
MAX_PID = 2**31 - 1
LEFTOVER_AGE = 60  # seconds
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS, errno.EXDEV}


def lock_path(document: Path) -> Path:
    return sibling(Path(document), ".~lock.", "#")


def host_name() -> str:
    """This computer's network name (what `host_name()` gives, without loading sockets)."""
    return platform.node()


def process_start(pid: int) -> str | None:
    """When process `pid` started, as `boot id:clock ticks since boot` (Linux); None where unknown.

    A process number is reused once its process ends; the start time tells the new process apart."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
        started = fields[19]  # field 22 of proc(5); the list starts at field 3
    except (OSError, IndexError):
        return None
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        boot = ""
    return f"{boot}:{started}"


def _me() -> dict:
    try:
        user = getpass.getuser()
    except Exception:  # no login name on some locked-down systems
        user = "unknown"
    return {
        "user": user,
        "host": host_name(),
        "pid": os.getpid(),
        "started": process_start(os.getpid()),
        "time": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "nonce": os.urandom(8).hex(),
    }


def pid_alive(pid: int) -> bool:
    if not isinstance(pid, int) or isinstance(pid, bool) or not 0 < pid <= MAX_PID:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OSError, OverflowError):
        return False
    return True


@dataclass(frozen=True)
class LockSeen:
    """A lock file as read once: whom it names ({} if it cannot be read), what is wrong with it, and
    which file it was (device, inode, bytes), so that it is broken only if it is still that file."""

    owner: dict
    problem: str | None
    identity: tuple | None

    @property
    def elsewhere(self) -> bool:
        return not self.problem and self.owner.get("host") != host_name()


def _identity(path: Path) -> tuple | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    data = None
    if stat.S_ISREG(st.st_mode):
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as fh:
                data = fh.read(MAX_LOCK_BYTES)
        except OSError:
            data = None
    return (st.st_dev, st.st_ino, stat.S_IFMT(st.st_mode), data)


def read_lock(document: Path) -> LockSeen | None:
    """The lock beside `document`, or None if there is none."""
    path = lock_path(document)
    if not os.path.lexists(path):
        return None
    identity = _identity(path)
    if identity is None:
        return LockSeen({}, "it cannot be read", None)
    kind, data = identity[2], identity[3]
    if kind == stat.S_IFLNK:
        problem = "it is a link to a missing file" if not path.exists() else "it is a link, not a lock file"
        return LockSeen({}, problem, identity)
    if kind == stat.S_IFDIR:
        return LockSeen({}, "it is a folder", identity)
    if kind != stat.S_IFREG or data is None:
        return LockSeen({}, "it cannot be read", identity)
    if not data.strip():
        return LockSeen({}, "it is empty", identity)
    try:
        owner = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        owner = None
    if not (isinstance(owner, dict) and isinstance(owner.get("host"), str) and _valid_pid(owner.get("pid"))):
        return LockSeen({}, "it is not a lock file this program wrote", identity)
    return LockSeen(owner, None, identity)


def _valid_pid(pid) -> bool:
    return isinstance(pid, int) and not isinstance(pid, bool) and 0 < pid <= MAX_PID


def is_stale(owner: dict) -> bool:
    """A lock is stale when it names this computer and a process that no longer runs (or a process
    number now used by a process that started at another time)."""
    if owner.get("host") != host_name() or not _valid_pid(owner.get("pid")):
        return False
    pid = owner["pid"]
    if not pid_alive(pid):
        return True
    started, now = owner.get("started"), process_start(pid)
    return bool(started) and now is not None and started != now


class DocumentLock:
    """Held while a document is open for editing; `release` removes the file if it is still ours."""

    def __init__(self, document: Path):
        self.document = Path(document)
        self.path = lock_path(self.document)
        self.owner = _me()

    def acquire(self, *, override: LockSeen | None = None) -> None:
        """Create the lock, taking over a stale one; raise DocumentLocked saying who holds it.

        `override` is a lock the user chose to break (another computer's, or one that cannot be read):
        it is taken over only if it is still the very same file."""
        seen = None
        for _attempt in range(4):
            if self._create():
                self._remove_leftovers()
                return
            seen = read_lock(self.document)
            if seen is None:
                continue  # released in the meantime
            chosen = override is not None and seen.identity is not None and seen.identity == override.identity
            if chosen or (not seen.problem and is_stale(seen.owner)):
                self._take_over(seen)
                continue
            break
        seen = seen or LockSeen({}, "it cannot be read", None)
        raise DocumentLocked(self.document.name, seen.owner, problem=seen.problem, seen=seen, lock_name=self.path.name)

    def _create(self) -> bool:
        """Write the whole lock, then link it to the lock name; False if a lock is there already."""
        data = json.dumps(self.owner).encode("utf-8")
        fd, temp = open_temp_beside(self.path, "lock", 0o644)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            try:
                os.link(temp, self.path)
            except FileExistsError:
                return False
            except OSError as err:
                if err.errno not in _NO_LINKS:
                    raise
                return self._create_without_link(data)
            return True
        finally:
            with contextlib.suppress(OSError):  # the lock is taken or refused either way; a leftover is tidied later
                temp.unlink(missing_ok=True)

    def _create_without_link(self, data: bytes) -> bool:
        try:
            fd = create_exclusive(self.path, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return True

    def _take_over(self, seen: LockSeen) -> None:
        """Move the lock judged stale out of the way, only if it is still that very file."""
        aside = sibling(self.path, ".", f".{os.urandom(4).hex()}.stale")
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return  # someone else moved it first
        if _identity(aside) == seen.identity:
            _remove(aside)
            return
        try:  # we moved a new lock written in between: put it back
            os.link(aside, self.path)
        except OSError as err:
            log.warning("Could not put back the lock %s: %s", self.path, err)
        _remove(aside)

    def _remove_leftovers(self) -> None:
        """Remove temporary and moved-aside lock files of processes killed a while ago while locking."""
        for tag in ("lock", "stale"):
            remove_stale_temps(self.path, tag, age=LEFTOVER_AGE)

    def release(self) -> None:
        seen = read_lock(self.document)
        if seen is not None and seen.owner == self.owner:
            self.path.unlink(missing_ok=True)


def _remove(path: Path) -> None:
    """Remove a broken lock moved aside (a folder only if empty: it is not ours to empty)."""
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            os.rmdir(path)
        else:
            os.unlink(path)
    except OSError as err:
        log.warning("Left the broken lock %s in place: %s", path, err)
