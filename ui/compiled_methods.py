"""The methods the dataclasses module writes for each class (__init__, __eq__, __repr__, ...), and the
modules PySide compiles from the source it carries, compiled once and kept between starts. Python compiles
their source anew for every class at every start: the 90-odd dataclasses of the window and the document
took 40 to 60 ms of each start, more than opening a document of 10,000 entities; PySide's own support
modules (its signatures and `__feature__` switches) take 20 ms more, as it loads.

dataclasses runs the source it writes with `exec`; while installed, that name in its module is `run` here,
which runs the code kept for the very same source, else compiles it as `exec` would and keeps it. Until the
window is whole the built-in `compile` is `compile` here, which does the same for a module's code. The code
is named by its whole source (and a module's by its file name and the `__future__` switches it inherits)
and kept, per Python version, in the app-data folder, as the expected schema is (db.schema_cache); a copy
that cannot be read is not used, and one that cannot be written is not kept.
"""

from __future__ import annotations
import __future__

import builtins
import dataclasses
import logging
import marshal
import sys
from functools import reduce
from operator import or_
from pathlib import Path
from types import CodeType
from typing import Any

from db.paths import app_data_dir
from workbench.errors import WorkbenchError
from workbench.safe_files import write_atomically

log = logging.getLogger(__name__)
MOST = 4000  # methods kept at most: more, and the copy starts afresh from those this start used
FORMAT = 2  # of the kept copy: a new one when what is kept, or how it is compiled, changes
# The switches a module's `compile` passes on from its caller's `from __future__ import ...` (as CPython does).
FUTURES = reduce(or_, (getattr(__future__, name).compiler_flag for name in __future__.all_feature_names))
_COMPILE = builtins.compile
Key = tuple[str, int, str | bytes]  # the file name, the __future__ switches and the source compiled


def kept_path() -> Path:
    """Where the compiled methods are kept: code is only ever read by the Python that wrote it."""
    python = f"{sys.implementation.cache_tag}-{sys.hexversion:x}"
    return app_data_dir() / "cache" / f"dataclass-methods-{FORMAT}-{python}.bin"


class CompiledMethods:
    """The methods kept at `path`, those compiled since, and those used this start."""

    def __init__(self, path: Path):
        self.path = path
        self.kept = _read(path)
        self.used: dict[Key, CodeType] = {}
        self.compiled = 0  # methods and modules compiled here, not found kept

    def run(self, source: Any, namespace: dict | None = None, local: dict | None = None) -> None:
        """`exec` as dataclasses calls it, with the code kept for `source` when there is some."""
        if not isinstance(source, str):
            exec(source, namespace, local)
            return
        exec(self._code(source, "<string>", 0), namespace, local)  # not this module's __future__

    def compile(self, source: Any, filename: Any, mode: str, flags=0, dont_inherit=False, optimize=-1, **rest: Any):
        """The built-in `compile`, with the code kept for a module's source (a whole module: mode "exec"),
        compiled with the `__future__` switches of the code that called it, as the built-in would."""
        plain = mode == "exec" and not flags and optimize == -1 and not rest
        if not (plain and isinstance(filename, str) and isinstance(source, str | bytes)):
            return _COMPILE(source, filename, mode, flags, dont_inherit, optimize, **rest)
        return self._code(source, filename, 0 if dont_inherit else sys._getframe(1).f_code.co_flags & FUTURES)

    def _code(self, source: str | bytes, filename: str, switches: int) -> CodeType:
        key = (filename, switches, source)
        code = self.kept.get(key) or self.used.get(key)
        if code is None:
            code = _COMPILE(source, filename, "exec", switches, dont_inherit=True)
            self.compiled += 1
        self.used[key] = code
        return code

    def keep(self) -> None:
        """Keep what was compiled since the copy was read, for the next start (nothing new: nothing written)."""
        if not self.compiled:
            return
        kept = self.kept | self.used if len(self.kept) + len(self.used) <= MOST else dict(self.used)
        try:
            self.path.parent.mkdir(exist_ok=True)
            write_atomically(self.path, marshal.dumps(kept))
        except (OSError, ValueError, WorkbenchError) as err:  # not kept: the next start compiles them again
            log.info("The compiled dataclass methods and modules were not kept: %s", err)
            return
        self.kept, self.compiled = kept, 0


def _read(path: Path) -> dict[Key, CodeType]:
    try:
        kept = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(kept, dict) or not all(_is_key(k) and isinstance(c, CodeType) for k, c in kept.items()):
        return {}
    return kept


def _is_key(key: object) -> bool:
    if not (isinstance(key, tuple) and len(key) == 3):
        return False
    filename, switches, source = key
    return isinstance(filename, str) and isinstance(switches, int) and isinstance(source, str | bytes)


_installed: CompiledMethods | None = None


def install(path: Path | None = None) -> CompiledMethods:
    """From now on dataclasses run the methods kept at `path` (by default `kept_path()`)."""
    global _installed
    _installed = CompiledMethods(path or kept_path())
    dataclasses.exec = _installed.run  # type: ignore[attr-defined]  # its module's name, before the built-in
    builtins.compile = _installed.compile  # the built-in, for the same calls
    return _installed


def keep() -> None:
    """Keep what the installed methods compiled (call it once the window is whole: it may write a file);
    modules loaded from now on are compiled by the built-in `compile`."""
    builtins.compile = _COMPILE
    if _installed is not None:
        _installed.keep()


def uninstall() -> None:
    """dataclasses compile their methods again (the built-in `exec`), and modules theirs."""
    global _installed
    _installed = None
    vars(dataclasses).pop("exec", None)
    builtins.compile = _COMPILE
