"""Schema step 1 -> 2 adds the brief tables; a version-1 file opens with its data intact and takes briefs."""

from __future__ import annotations

import sqlite3

from db.migrations import STEPS
from db.session import DocumentSession
from db.sqlite_file import APPLICATION_ID
from workbench.briefs.entities import Brief, BriefSection


def _version_one(path):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    STEPS[0](conn)
    conn.execute("PRAGMA user_version=1")
    conn.execute(
        "INSERT INTO item (id, kind, name, description, x, y, outside_iip) "
        "VALUES ('old', 'instrument', 'Grant from v1', '', 1.0, 2.0, 0)"
    )
    conn.close()
    return path


def test_version_one_file_gains_brief_tables_and_keeps_its_items(tmp_path):
    path = _version_one(tmp_path / "v1.iipw")
    session = DocumentSession.open(path)
    try:
        assert session.info.upgraded_from == 1
        assert session.store.get("item", "old").name == "Grant from v1"
        assert session.store.all("brief") == [] and session.store.all("brief_section") == []
        session.store.create(
            [
                Brief.create(id="brief-ministerial", template="ministerial", subject="Scale-up"),
                BriefSection.create(template="ministerial", section="background", text="Written after the upgrade"),
            ]
        )
        session.save()
    finally:
        session.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(STEPS) >= 2
    finally:
        conn.close()
    again = DocumentSession.open(path, read_only=True)
    try:
        assert again.store.get("brief", "brief-ministerial").subject == "Scale-up"
        assert [s.text for s in again.store.all("brief_section")] == ["Written after the upgrade"]
    finally:
        again.close()
