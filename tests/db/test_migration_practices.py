"""Schema step 2 -> 3 adds the user's practices; a version-2 file opens with its data intact and takes practices."""

from __future__ import annotations

import sqlite3

from db.migrations import STEPS
from db.session import DocumentSession
from db.sqlite_file import APPLICATION_ID
from workbench.practice_entity import Practice


def _version_two(path):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    STEPS[0](conn)
    STEPS[1](conn)
    conn.execute("PRAGMA user_version=2")
    conn.execute(
        "INSERT INTO lesson (id, lesson, source_kind, source, context, transferability, knowledge_holder, "
        "holder_rotating, date, applied_to_ids) VALUES ('old', 'Kept from v2', 'own_programme', '', '', NULL, '', 0, "
        "NULL, '[]')"
    )
    conn.close()
    return path


def test_version_two_file_gains_practice_table_and_keeps_its_lessons(tmp_path):
    path = _version_two(tmp_path / "v2.iipw")
    session = DocumentSession.open(path)
    try:
        assert session.info.upgraded_from == 2
        assert session.store.get("lesson", "old").lesson == "Kept from v2"
        assert session.store.all("practice") == []
        session.store.create([Practice.create(id="mine", title="Our voucher pilot", country="Ireland")])
        session.save()
    finally:
        session.close()
    again = DocumentSession.open(path, read_only=True)
    try:
        assert again.store.get("practice", "mine").country == "Ireland"
    finally:
        again.close()
