"""A lock file beside an open document, `.~lock.<name>#`, as LibreOffice does.

It says who has the document open, on which computer, in which process and since when, so a second
opener can be told plainly. A lock left by a process that died on this computer is taken over.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import platform
from pathlib import Path

from db.errors import DocumentLocked


def lock_path(document: Path) -> Path:
    document = Path(document)
    return document.with_name(f".~lock.{document.name}#")


def host_name() -> str:
    """This computer's network name (what `host_name()` gives, without loading sockets)."""
    return platform.node()


def _me() -> dict:
    try:
        user = getpass.getuser()
    except Exception:  # no login name on some locked-down systems
        user = "unknown"
    return {
        "user": user,
        "host": host_name(),
        "pid": os.getpid(),
        "time": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def read_owner(document: Path) -> dict | None:
    try:
        text = lock_path(document).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError:
        return {}
    try:
        owner = json.loads(text)
    except ValueError:
        return {}
    return owner if isinstance(owner, dict) else {}


def is_stale(owner: dict) -> bool:
    """A lock is stale when it names this computer and a process that no longer runs."""
    if owner.get("host") != host_name():
        return False
    pid = owner.get("pid")
    return isinstance(pid, int) and not pid_alive(pid)


class DocumentLock:
    """Held while a document is open for editing; `release` removes the file if it is still ours."""

    def __init__(self, document: Path):
        self.document = Path(document)
        self.path = lock_path(self.document)
        self.owner = _me()

    def acquire(self) -> None:
        """Create the lock, taking over a stale one; raise DocumentLocked naming the holder."""
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                owner = read_owner(self.document) or {}
                if owner and is_stale(owner):
                    self.path.unlink(missing_ok=True)
                    continue
                raise DocumentLocked(str(self.document.name), owner) from None
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.owner, fh)
            return
        raise DocumentLocked(str(self.document.name), read_owner(self.document) or {})

    def release(self) -> None:
        owner = read_owner(self.document)
        if owner is not None and owner.get("pid") == self.owner["pid"] and owner.get("host") == self.owner["host"]:
            self.path.unlink(missing_ok=True)
