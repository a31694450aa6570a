"""Schema step 3 -> 4 adds the workshop tables; a version-3 file opens with its data intact and takes notes."""

from __future__ import annotations

import sqlite3

from db.migrations import STEPS
from db.session import DocumentSession
from db.sqlite_file import APPLICATION_ID
from workbench.workshop.entities import Note, Participant, Vote


def _version_three(path):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    for step in STEPS[:3]:
        step(conn)
    conn.execute("PRAGMA user_version=3")
    conn.execute(
        "INSERT INTO practice (id, title, country, theme, summary, lesson, source) "
        "VALUES ('mine', 'Kept from v3', 'Éire', 'sme_engagement', '', '', '')"
    )
    conn.close()
    return path


def test_version_three_file_gains_workshop_tables_and_keeps_its_practices(tmp_path):
    path = _version_three(tmp_path / "v3.iipw")
    session = DocumentSession.open(path)
    try:
        assert session.info.upgraded_from == 3
        assert session.store.get("practice", "mine").title == "Kept from v3"
        assert session.store.all("note") == []
        group = Participant.create(id="g1", name="Table one")
        note = Note.create(id="n1", text="Pilot line for cells", participant_id="g1", x=1.5, y=-2.0)
        session.store.create([group, note, Vote.create(id="v1", voter_id="g1", note_id="n1", count=2)])
        session.save()
    finally:
        session.close()
    again = DocumentSession.open(path, read_only=True)
    try:
        assert again.store.get("note", "n1").text == "Pilot line for cells"
        assert again.store.get("vote", "v1").count == 2
    finally:
        again.close()
