"""Fault injection for the command line: make the n-th call of one OS function fail with one errno.

The commands run in this process (ui.cli.main), so a patched function is the one the code calls.
A first run counts the calls each command makes; the tests then fail each call in turn.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import re
import shutil
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

# Where a failure can arise: each is (module, attribute) of a function the code calls by that name.
TARGETS: dict[str, tuple[object, str]] = {
    "os.open": (os, "open"),
    "os.write": (os, "write"),
    "os.replace": (os, "replace"),
    "os.fsync": (os, "fsync"),
    "os.mkdir": (os, "mkdir"),
    "os.unlink": (os, "unlink"),
    "open": (builtins, "open"),
    "shutil.copyfile": (shutil, "copyfile"),
    "sqlite3.connect": (sqlite3, "connect"),
}

ERRNOS = (
    errno.ENOSPC,
    errno.EDQUOT,
    errno.EFBIG,
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.ELOOP,
    errno.ENAMETOOLONG,
    errno.EIO,
    errno.ENOENT,
    errno.EISDIR,
    errno.ENOTDIR,
    errno.EMFILE,
    errno.EBUSY,
    errno.ENOMEM,
)

# What a user must never read.
FORBIDDEN = ("Traceback", "unexpected", "[Errno", "Error:", "Error(", "sqlite3.")


def oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def sqlite_error(code: int) -> sqlite3.Error:
    """What sqlite3.connect raises when the file cannot be opened (it never raises OSError itself)."""
    full = code in (errno.ENOSPC, errno.EDQUOT)
    return sqlite3.OperationalError("database or disk is full" if full else "unable to open database file")


@dataclass
class Fault:
    name: str
    n: int  # the call to fail, counted from 1
    code: int


@contextmanager
def counting() -> Iterator[Counter]:
    """Count the calls of every target inside the block."""
    calls: Counter = Counter()
    with pytest.MonkeyPatch.context() as mp:
        for name, (module, attr) in TARGETS.items():
            mp.setattr(module, attr, _wrap(name, getattr(module, attr), calls, None))
            if name == "open":
                mp.setattr(io, "open", getattr(module, attr))
        yield calls


@contextmanager
def failing(fault: Fault) -> Iterator[Counter]:
    """Fail the fault's call of its target; every other call goes through."""
    calls: Counter = Counter()
    module, attr = TARGETS[fault.name]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(module, attr, _wrap(fault.name, getattr(module, attr), calls, fault))
        if fault.name == "open":
            mp.setattr(io, "open", getattr(module, attr))
        yield calls


def _wrap(name: str, real: Callable, calls: Counter, fault: Fault | None) -> Callable:
    def wrapper(*args, **kwargs):
        calls[name] += 1
        if fault is not None and calls[name] == fault.n:
            if name == "sqlite3.connect":
                raise sqlite_error(fault.code)
            raise oserror(fault.code)
        return real(*args, **kwargs)

    return wrapper


def assert_one_sentence(text: str) -> str:
    """The message a user reads: one line, one sentence ending in a full stop, nothing technical."""
    message = text.strip()
    assert message, "no message at all"
    assert "\n" not in message, message
    assert message.endswith("."), message
    assert not re.search(r"[.!?] [A-Z]", message), f"more than one sentence: {message}"
    for word in FORBIDDEN:
        assert word.lower() not in message.lower(), (word, message)
    return message


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (its name and bytes), to compare before and after a command."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
