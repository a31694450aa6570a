"""The migration ladder: one small step per schema version, applied in order on open.

Step N turns a version-N document into version N+1. Version 0 is an empty file stamped with the
application id; step 0 creates the version-1 schema from a frozen SQL snapshot, so later changes to
the mapping never alter what an old step does (a test checks the ladder ends at the mapping).
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path


def _run_script(path: Path) -> Callable[[sqlite3.Connection], None]:
    def step(conn: sqlite3.Connection) -> None:
        sql = path.read_text(encoding="utf-8")
        for statement in filter(str.strip, sql.split(";")):
            conn.execute(statement)

    step.__doc__ = f"Apply {path.name}."
    return step


# The step files in ladder order. A shipped one never changes (tests/db/shipped_migrations.json pins each).
STEP_FILES = (
    "v0_to_v1.sql",
    "v1_to_v2.sql",
    "v2_to_v3.sql",
    "v3_to_v4.sql",
    "v4_to_v5.sql",
    "v5_to_v6.sql",
    "v6_to_v7.sql",
    "v7_to_v8.sql",
    "v8_to_v9.sql",
    "v9_to_v10.sql",
)
STEP_PATHS = tuple(Path(__file__).parent / name for name in STEP_FILES)
STEPS: tuple[Callable[[sqlite3.Connection], None], ...] = tuple(_run_script(path) for path in STEP_PATHS)
SCHEMA_VERSION = len(STEPS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the open document up to SCHEMA_VERSION in one transaction; return the version it had."""
    start = conn.execute("PRAGMA user_version").fetchone()[0]
    if start >= SCHEMA_VERSION:
        return start
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(start, SCHEMA_VERSION):
            STEPS[version](conn)
            conn.execute(f"PRAGMA user_version={version + 1}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return start


_TEMPLATE_LOCK = threading.Lock()


@functools.cache
def _template(application_id: int) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA application_id={int(application_id)}")
    migrate(conn)
    return conn


def create_current(conn: sqlite3.Connection, application_id: int) -> None:
    """Make the empty database behind `conn` a new document at SCHEMA_VERSION: a page-for-page copy of one
    the ladder made once in this process (running every step again cost each new document ~80 ms, the copy
    a few), so a new document is exactly what migrating an empty file gives."""
    with _TEMPLATE_LOCK:
        _template(application_id).backup(conn)
