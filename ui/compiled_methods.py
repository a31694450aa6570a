"""The methods the dataclasses module writes for each class (__init__, __eq__, __repr__, ...), compiled once
and kept between starts. Python compiles their source anew for every class at every start: the 90-odd
dataclasses of the window and the document took 40 to 60 ms of each start, more than opening a document
of 10,000 entities.

dataclasses runs the source it writes with `exec`; while installed, that name in its module is `run` here,
which runs the code kept for the very same source, else compiles it as `exec` would and keeps it. The code
is named by its whole source and kept, per Python version, in the app-data folder, as the expected schema
is (db.schema_cache); a copy that cannot be read is not used, and one that cannot be written is not kept.
"""

from __future__ import annotations

import dataclasses
import logging
import marshal
import sys
from pathlib import Path
from types import CodeType
from typing import Any

from db.paths import app_data_dir
from workbench.errors import WorkbenchError
from workbench.safe_files import write_atomically

log = logging.getLogger(__name__)
MOST = 4000  # methods kept at most: more, and the copy starts afresh from those this start used
FORMAT = 1  # of the kept copy: a new one when what is kept, or how it is compiled, changes


def kept_path() -> Path:
    """Where the compiled methods are kept: code is only ever read by the Python that wrote it."""
    python = f"{sys.implementation.cache_tag}-{sys.hexversion:x}"
    return app_data_dir() / "cache" / f"dataclass-methods-{FORMAT}-{python}.bin"


class CompiledMethods:
    """The methods kept at `path`, those compiled since, and those used this start."""

    def __init__(self, path: Path):
        self.path = path
        self.kept = _read(path)
        self.used: dict[str, CodeType] = {}
        self.compiled = 0  # methods compiled here, not found kept

    def run(self, source: Any, namespace: dict | None = None, local: dict | None = None) -> None:
        """`exec` as dataclasses calls it, with the code kept for `source` when there is some."""
        if not isinstance(source, str):
            exec(source, namespace, local)
            return
        code = self.kept.get(source) or self.used.get(source)
        if code is None:
            code = compile(source, "<string>", "exec", dont_inherit=True)  # not this module's __future__
            self.compiled += 1
        self.used[source] = code
        exec(code, namespace, local)

    def keep(self) -> None:
        """Keep what was compiled since the copy was read, for the next start (nothing new: nothing written)."""
        if not self.compiled:
            return
        kept = self.kept | self.used if len(self.kept) + len(self.used) <= MOST else dict(self.used)
        try:
            self.path.parent.mkdir(exist_ok=True)
            write_atomically(self.path, marshal.dumps(kept))
        except (OSError, ValueError, WorkbenchError) as err:  # not kept: the next start compiles them again
            log.info("The compiled dataclass methods were not kept: %s", err)
            return
        self.kept, self.compiled = kept, 0


def _read(path: Path) -> dict[str, CodeType]:
    try:
        kept = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(kept, dict) or not all(isinstance(s, str) and isinstance(c, CodeType) for s, c in kept.items()):
        return {}
    return kept


_installed: CompiledMethods | None = None


def install(path: Path | None = None) -> CompiledMethods:
    """From now on dataclasses run the methods kept at `path` (by default `kept_path()`)."""
    global _installed
    _installed = CompiledMethods(path or kept_path())
    dataclasses.exec = _installed.run  # type: ignore[attr-defined]  # its module's name, before the built-in
    return _installed


def keep() -> None:
    """Keep what the installed methods compiled (call it once the window is whole: it may write a file)."""
    if _installed is not None:
        _installed.keep()


def uninstall() -> None:
    """dataclasses compile their methods again (the built-in `exec`)."""
    global _installed
    _installed = None
    vars(dataclasses).pop("exec", None)
