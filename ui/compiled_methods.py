"""The methods the dataclasses module writes for each class (__init__, __eq__, __repr__, ...), the modules
PySide compiles from the source it carries, and the regular expressions compiled as the window starts,
compiled once and kept between starts. Python compiles their source anew for every class at every start:
the 90-odd dataclasses of the window and the document took 40 to 60 ms of each start, more than opening a
document of 10,000 entities; PySide's own support modules (its signatures and `__feature__` switches) take
20 ms more as it loads, and the patterns its signatures are read with 12 ms.

dataclasses runs the source it writes with `exec`; while installed, that name in its module is `run` here,
which runs the code kept for the very same source, else compiles it as `exec` would and keeps it. Until the
window is whole the built-in `compile` is `compile` here, which does the same for a module's code, and so
is re's compiler of a new pattern: what re hands `_sre` to make the pattern is kept. The code is named by
its whole source (and a module's by its file name and the `__future__` switches it inherits), a pattern by
itself and its flags, and kept, per Python version, in the app-data folder, as the expected schema is
(db.schema_cache); a copy that cannot be read is not used, and one that cannot be written is not kept.
Each is kept as bytes of its own, read when asked for: a start uses half of what the starts before it kept.
"""

from __future__ import annotations
import __future__

import builtins
import dataclasses
import logging
import marshal
import re
import sys
import threading
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
_PATTERNS: Any = sys.modules["re._compiler"]  # re compiles each new pattern with its `compile`
_PATTERN = _PATTERNS.compile
_SRE = _PATTERNS._sre
# Kept: a module's file name, __future__ switches and source, with its code; a pattern and its flags, with
# what re's compiler handed `_sre.compile` for it.
Key = tuple[str, int, str | bytes] | tuple[int, str | bytes]


class _Noted(threading.local):
    """`_sre` as re's compiler calls it, noting what it last handed `_sre.compile` (on each thread)."""

    parts: tuple | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(_SRE, name)

    def compile(self, *parts: Any) -> Any:
        self.parts = parts
        return _SRE.compile(*parts)


_NOTED = _Noted()


def kept_path() -> Path:
    """Where the compiled methods are kept: code is only ever read by the Python that wrote it."""
    python = f"{sys.implementation.cache_tag}-{sys.hexversion:x}"
    return app_data_dir() / "cache" / f"dataclass-methods-{FORMAT}-{python}.bin"


class CompiledMethods:
    """The methods kept at `path`, those compiled since, and those used this start."""

    def __init__(self, path: Path):
        self.path = path
        self.kept = _read(path)  # each code, or pattern's parts, as marshal bytes of its own
        self.used: dict[Key, Any] = {}
        self.compiled = 0  # methods, modules and patterns compiled here, not found kept
        self.code_compiled = 0  # of which methods and modules

    def run(self, source: Any, namespace: dict | None = None, local: dict | None = None) -> None:
        """`exec` as dataclasses calls it, with the code kept for `source` when there is some."""
        if not isinstance(source, str):
            exec(source, namespace, local)
            return
        exec(self._code(source, "<string>", 0), namespace, local)  # not this module's __future__

    def compile(self, source: Any, filename: Any, mode: str, flags=0, dont_inherit=False, optimize=-1, **rest: Any):
        """The built-in `compile`, with the code kept for a module's source (a whole module: mode "exec"),
        compiled with the `__future__` switches of the code that called it, as the built-in would. Not a
        module Python imports from its file: that one asks `dont_inherit`, and keeps its code itself."""
        plain = mode == "exec" and not flags and not dont_inherit and optimize == -1 and not rest
        if not (plain and isinstance(filename, str) and isinstance(source, str | bytes)):
            return _COMPILE(source, filename, mode, flags, dont_inherit, optimize, **rest)
        return self._code(source, filename, sys._getframe(1).f_code.co_flags & FUTURES)

    def _code(self, source: str | bytes, filename: str, switches: int) -> CodeType:
        key = (filename, switches, source)
        code = self._kept(key, CodeType)
        if code is None:
            code = _COMPILE(source, filename, "exec", switches, dont_inherit=True)
            self.compiled += 1
            self.code_compiled += 1
        self.used[key] = code
        return code

    def pattern(self, pattern: Any, flags: int = 0) -> Any:
        """re's compiler of a new pattern, making it of what it handed `_sre.compile` for the same pattern
        and flags at an earlier start. Only the window's thread's: the modules it loads compile the same
        patterns at every start, where work beside it makes some of a file's name (a temporary copy's)."""
        plain = isinstance(pattern, str | bytes) and not flags & re.DEBUG  # not already parsed, nor printed
        if not plain or threading.current_thread() is not threading.main_thread():
            return _PATTERN(pattern, flags)
        key = (flags, pattern)
        parts = self._kept(key, tuple)
        if parts is not None and parts[:1] == (pattern,):
            self.used[key] = parts
            return _SRE.compile(*parts)
        _NOTED.parts = None
        made = _PATTERN(pattern, flags)
        if _NOTED.parts is not None and _NOTED.parts[0] is pattern:
            source, all_flags, code, *rest = _NOTED.parts
            self.used[key] = (source, all_flags, [int(op) for op in code], *rest)  # its named opcodes as numbers
            self.compiled += 1
        return made

    def _kept(self, key: Key, kind: type) -> Any:
        """What was used for `key` this start, else what was kept for it, if it reads as a `kind`."""
        if key in self.used:
            return self.used[key]
        try:
            value = marshal.loads(self.kept[key])
        except (KeyError, EOFError, ValueError, TypeError):
            return None
        return value if isinstance(value, kind) else None

    def keep(self) -> None:
        """Keep what was compiled since the copy was read, for the next start. Patterns are kept with code
        compiled beside them, never alone: some are made of a set's words, in another order at every start
        (reportlab's safe-eval names), and would have the copy written again at every start for nothing."""
        if not self.code_compiled:
            return
        now = dict(self.used)  # copied at once: work beside the window may still be compiling a row reader
        used = {key: self.kept.get(key) or marshal.dumps(value) for key, value in now.items()}
        kept = self.kept | used if len(self.kept | used) <= MOST else used
        try:
            self.path.parent.mkdir(exist_ok=True)
            write_atomically(self.path, marshal.dumps(kept))
        except (OSError, ValueError, WorkbenchError) as err:  # not kept: the next start compiles them again
            log.info("The compiled dataclass methods and modules were not kept: %s", err)
            return
        self.kept, self.compiled, self.code_compiled = kept, 0, 0


def _read(path: Path) -> dict[Key, bytes]:
    try:
        kept = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(kept, dict) or not all(_is_key(k) and isinstance(v, bytes) for k, v in kept.items()):
        return {}
    return kept


def _is_key(key: object) -> bool:
    """A module's file name, switches and source; or a pattern's flags and source."""
    if isinstance(key, tuple) and len(key) == 3:
        filename, switches, source = key
        return isinstance(filename, str) and isinstance(switches, int) and isinstance(source, str | bytes)
    if isinstance(key, tuple) and len(key) == 2:
        flags, source = key
        return isinstance(flags, int) and isinstance(source, str | bytes)
    return False


_installed: CompiledMethods | None = None


def install(path: Path | None = None) -> CompiledMethods:
    """From now on dataclasses run the methods kept at `path` (by default `kept_path()`)."""
    global _installed
    _installed = CompiledMethods(path or kept_path())
    dataclasses.exec = _installed.run  # type: ignore[attr-defined]  # its module's name, before the built-in
    builtins.compile = _installed.compile  # the built-in, for the same calls
    _PATTERNS.compile, _PATTERNS._sre = _installed.pattern, _NOTED
    return _installed


def _compile_as_usual() -> None:
    builtins.compile = _COMPILE
    _PATTERNS.compile, _PATTERNS._sre = _PATTERN, _SRE


def keep() -> None:
    """Keep what the installed methods compiled (call it once the window is whole: it may write a file);
    modules loaded from now on are compiled by the built-in `compile`, and patterns by re."""
    _compile_as_usual()
    if _installed is not None:
        _installed.keep()


def uninstall() -> None:
    """dataclasses compile their methods again (the built-in `exec`), modules theirs, and re its patterns."""
    global _installed
    _installed = None
    vars(dataclasses).pop("exec", None)
    _compile_as_usual()
