"""The schema each version must have, kept between runs: building it runs the whole migration ladder
in memory, which the first open of every start-up would otherwise wait for.

The kept copy is named by a digest of the ladder's step files and the SQLite version, so a new step
or another SQLite builds it afresh. It lives in the user's own app-data folder, as the working copies
do; an unreadable or odd copy is built again, and one that cannot be written is simply not kept.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from db.paths import app_data_dir
from workbench.errors import WorkbenchError
from workbench.safe_files import write_atomically

log = logging.getLogger(__name__)

Row = tuple[str, str, str, "str | None"]  # type, name, table, sql as sqlite_master holds them


def digest(step_files: Sequence[Path]) -> str:
    """A name for the ladder: its steps' count, sizes and checksum, and the SQLite that ran them (a checksum,
    not a hash: hashlib is not loaded at start-up, and a name needs no secrecy)."""
    steps = [path.read_bytes() for path in step_files]
    crc = zlib.crc32(sqlite3.sqlite_version.encode())
    for step in steps:
        crc = zlib.crc32(step + b"\0", crc)
    return f"{len(steps)}-{sum(map(len, steps))}-{crc:08x}"


def _valid(rows: object, versions: int) -> bool:
    return (
        isinstance(rows, list)
        and len(rows) == versions
        and all(
            isinstance(of_version, list)
            and all(
                isinstance(row, list)
                and len(row) == 4
                and all(isinstance(v, str) for v in row[:3])
                and (row[3] is None or isinstance(row[3], str))
                for row in of_version
            )
            for of_version in rows
        )
    )


def schemas(step_files: Sequence[Path], build: Callable[[], list[list[Row]]]) -> list[list[Row]]:
    """sqlite_master's rows for versions 0 to len(step_files): from the kept copy when it is sound,
    else from `build`, kept for the next start."""
    path = app_data_dir() / "cache" / f"schema-{digest(step_files)}.json"
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = None
    if _valid(kept, len(step_files) + 1):
        return [[(t, n, tb, sql) for t, n, tb, sql in rows] for rows in kept]
    built = build()
    try:
        path.parent.mkdir(exist_ok=True)
        write_atomically(path, json.dumps(built).encode("utf-8"))
    except (OSError, WorkbenchError) as err:  # a copy that cannot be kept costs time, never the open
        log.info("The schema was not kept for the next start: %s", err)
    return built
