"""A corpus of hostile documents: a sound saved document, then changed the way a received file could be."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from db.session import DocumentSession
from workbench.sample import sample_entities

FIRST = "rowid = (SELECT min(rowid) FROM {})"


def _sql(*statements: str) -> Callable[[sqlite3.Connection], None]:
    def change(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return change


def _first(table: str, assignment: str) -> Callable[[sqlite3.Connection], None]:
    return _sql(f"UPDATE {table} SET {assignment} WHERE {FIRST.format(table)}")


def _duplicate_ids(conn: sqlite3.Connection) -> None:
    """Two actors with one id: the primary key is hidden from SQLite while the copy goes in, then put
    back, so the file passes SQLite's quick check (which does not compare indexes with tables)."""
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'actor'").fetchone()
    index = conn.execute("SELECT * FROM sqlite_master WHERE name = 'sqlite_autoindex_actor_1'").fetchone()
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("DELETE FROM sqlite_master WHERE name = 'sqlite_autoindex_actor_1'")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'actor'", (re.sub(r",\s*PRIMARY KEY \(id\)", "", sql),))
    conn.commit()
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    other = sqlite3.connect(path)
    other.execute(f"INSERT INTO actor SELECT * FROM actor WHERE {FIRST.format('actor')}")
    other.commit()
    other.close()
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'actor'", (sql,))
    conn.execute("INSERT INTO sqlite_master VALUES (?, ?, ?, ?, ?)", index)


HOSTILE: dict[str, Callable[[sqlite3.Connection], None]] = {
    "trigger on update": _sql(
        "CREATE TRIGGER wipe AFTER UPDATE ON project BEGIN DELETE FROM actor; DELETE FROM link; END"
    ),
    "trigger on insert": _sql("CREATE TRIGGER spy AFTER INSERT ON actor BEGIN UPDATE project SET title = 'x'; END"),
    "view replacing a table": _sql(
        "DROP TABLE link",
        "CREATE VIEW link AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
        "SELECT 'l' || i AS id, 'a' AS source_id, 'b' AS target_id, 'funds' AS link_type, 1.0 AS weight, "
        "0 AS formal, '' AS notes FROM n",
    ),
    "extra table": _sql("CREATE TABLE collected (x TEXT)", "INSERT INTO collected VALUES ('hello')"),
    "extra index": _sql("CREATE INDEX ix_extra ON actor (name)"),
    "virtual table": _sql("CREATE VIRTUAL TABLE search USING fts5(x)", "INSERT INTO search VALUES ('hello')"),
    "statistics table": _sql("ANALYZE"),
    "changed table with text that is not UTF-8": _sql(
        "ALTER TABLE actor ADD COLUMN secret TEXT",
        f"UPDATE actor SET name = CAST(x'ff41fe' AS TEXT) WHERE {FIRST.format('actor')}",
    ),
    "missing column": _sql(
        "CREATE TABLE actor_new AS SELECT id, name, actor_type, level, sphere_key, size, x, y FROM actor",
        "DROP TABLE actor",
        "ALTER TABLE actor_new RENAME TO actor",
    ),
    "extra column": _sql("ALTER TABLE actor ADD COLUMN secret TEXT"),
    "wrong type values": _first("item", "x = 'far away'"),
    "blob in a text field": _first("actor", "notes = x'00ff'"),
    "text that is not UTF-8": _first("actor", "name = CAST(x'ff41fe' AS TEXT)"),
    "blank in a required field": _sql("UPDATE project SET title = ''"),
    "bad enum": _first("actor", "level = 'galactic'"),
    "not yes or no": _first("link", "formal = 7"),
    "out of range": _first("instrument", "trl_min = 12"),
    "min above max": _first("instrument", "trl_min = 8, trl_max = 2"),
    "dangling reference": _first("link", "source_id = 'nobody'"),
    "dangling reference in a list": _first("objective", "instrument_ids = '[\"nobody\"]'"),
    "unparsable JSON list": _first("objective", "instrument_ids = '[not json'"),
    "JSON that is not a list": _first("objective", "instrument_ids = '{\"a\": 1}'"),
    "deeply nested JSON": _first("objective", "instrument_ids = '" + "[" * 100_000 + "'"),
    "huge integer": _first("instrument", "trl_min = 99999999999999999999999"),
    "huge JSON number": _first("objective", "instrument_ids = '[" + "9" * 5000 + "]'"),
    "infinite number": _first("item", "x = 1e999"),
    "duplicate ids": _duplicate_ids,
    "second project": _sql("INSERT INTO project SELECT 'other', title, department, country, author, version, "
                           "marking, caveat, currency, summary, year_start_month, base_year, major_threshold "
                           "FROM project"),
    "unreadable revision": _sql("UPDATE meta SET value = 'many'"),
    "wrong user_version": _sql("PRAGMA user_version = 2"),
    "negative user_version": _sql("PRAGMA user_version = -1"),
}


def sound_document(folder: Path) -> Path:
    """The sample project, saved (30 actors and 47 links)."""
    session = DocumentSession.new(sample_entities(), title="Sample")
    path = session.save_as(folder / "sound.iipw")
    session.close()
    return path


def hostile_document(sound: Path, name: str) -> Path:
    """A copy of `sound` changed as HOSTILE[name] says."""
    path = sound.with_name(re.sub(r"\W+", "-", name) + ".iipw")
    shutil.copyfile(sound, path)
    conn = sqlite3.connect(path)
    try:
        HOSTILE[name](conn)
        conn.commit()
    finally:
        conn.close()
    return path
