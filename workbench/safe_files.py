"""Files written beside a user's file: names that fit the folder, temporary files nobody can plant.

A temporary file beside a document lives in a folder others may write to. A fixed name (say
`plan.iipw.bak.tmp`) lets someone plant a symbolic link there and have us write through it into
another file; so every temporary file gets a random name and is created exclusively, refusing to
follow a link (O_CREAT|O_EXCL|O_NOFOLLOW). File systems allow 255 bytes per name: a derived name
(lock, temporary file, .bak) that would not fit keeps the start of the name and a short hash of it.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from workbench.errors import WorkbenchError

NAME_MAX = 255  # bytes per file name on every file system a document is likely to live on
_EXCLUSIVE = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


def fit_name(prefix: str, name: str, suffix: str, reserve: int = 0) -> str:
    """`prefix + name + suffix`, with `name` shortened (start kept, hash added) if the whole would not fit,
    leaving `reserve` bytes to spare (SQLite adds `-journal` to a database's name).

    The same inputs always give the same name, so every program computes the same lock name."""
    whole = f"{prefix}{name}{suffix}"
    if len(whole.encode("utf-8", "surrogateescape")) + reserve <= NAME_MAX:
        return whole
    import hashlib  # here: only over-long names need it, and start-up does without it

    digest = "~" + hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    room = NAME_MAX - reserve - len(f"{prefix}{suffix}{digest}".encode())
    start = name.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
    return f"{prefix}{start}{digest}{suffix}"


def sibling(path: Path, prefix: str = "", suffix: str = "", reserve: int = 0) -> Path:
    """A name derived from `path` in the same folder, fitted to the name limit."""
    path = Path(path)
    return path.with_name(fit_name(prefix, path.name, suffix, reserve))


def create_exclusive(path: Path, mode: int = 0o600) -> int:
    """Open a new file for writing; fails if anything (a file, a link, a pipe) already has the name."""
    return os.open(path, _EXCLUSIVE, mode)


def open_temp_beside(target: Path, tag: str, mode: int = 0o600, reserve: int = 0) -> tuple[int, Path]:
    """Create a hidden temporary file `.<name>.<random>.<tag>` beside `target`: (open descriptor, path)."""
    target = Path(target)
    for _attempt in range(8):
        temp = sibling(target, ".", f".{os.urandom(4).hex()}.{tag}", reserve)
        try:
            return create_exclusive(temp, mode), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def temp_names(target: Path, tag: str, reserve: int = 0) -> re.Pattern:
    """Matches the names `open_temp_beside(target, tag, reserve=...)` gives: to clean up after a crash."""
    tail = f".{'0' * 8}.{tag}"
    start = fit_name(".", Path(target).name, tail, reserve)[: -len(tail)]
    return re.compile(re.escape(start) + rf"\.[0-9a-f]{{8}}\.{re.escape(tag)}")


def remove_stale_temps(target: Path, tag: str, reserve: int = 0, age: float = 60.0) -> None:
    """Remove temporary files of `target` that a killed writer left more than `age` seconds ago."""
    ours = temp_names(target, tag, reserve)
    try:
        names = [p for p in Path(target).parent.iterdir() if ours.fullmatch(p.name)]
    except OSError:
        return
    for path in names:
        try:
            if time.time() - os.lstat(path).st_mtime > age:
                path.unlink()
        except OSError:
            pass


def new_temp_beside(target: Path, tag: str, mode: int = 0o600) -> Path:
    """An empty temporary file beside `target`, closed, for SQLite to write (with room for its -journal)."""
    fd, temp = open_temp_beside(target, tag, mode, reserve=len("-journal"))
    os.close(fd)
    return temp


def write_atomically(target: Path, data: bytes) -> None:
    """A reader never sees half a file: write a temporary file beside it, flush it, rename it over.

    The new file gets the usual permissions (0o666 less the umask), as if written directly."""
    target = Path(target)
    remove_stale_temps(target, "partial")
    temp = None
    try:
        fd, temp = open_temp_beside(target, "partial", mode=0o666)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except OSError as err:
        if temp is not None:
            temp.unlink(missing_ok=True)
        raise WorkbenchError(f"Could not write {target}: {err.strerror or err}.", str(err)) from err
