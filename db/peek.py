"""A quick, read-only look at a document for lists of recent files: title and last change."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db.schema_guard import objects
from db.sqlite_file import APPLICATION_ID, connect_readonly


@dataclass(frozen=True)
class Peek:
    path: Path
    title: str
    modified: dt.datetime


def peek(path: Path) -> Peek | None:
    """Title and modification time, or None if the file is missing or not a readable document."""
    path = Path(path)
    try:
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime)
        conn = connect_readonly(path)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return None
            project = objects(conn).get("project")
            if project is None or not project.plain:  # a view there could count for ever (a hostile file)
                return None
            row = conn.execute("SELECT title FROM project").fetchone()
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return None
    return Peek(path, row[0] if row else path.stem, modified)
