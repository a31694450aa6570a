"""An old document opens upgraded, with its data intact, and takes the entities the later steps add.

Each case builds a file as an old version wrote it (the frozen steps up to that version, then rows in
its schema), opens it, saves new entities and reopens it read-only. Rows are compared as
{kind: [{field: value}, ...]} so that each case reads as the data it puts in and expects back.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from db.migrations import SCHEMA_VERSION, STEPS
from db.session import DocumentSession
from db.sqlite_file import APPLICATION_ID
from db.store import Store
from workbench.briefs.entities import Brief, BriefSection
from workbench.entity import Entity
from workbench.practice_entity import Practice
from workbench.workshop.entities import Note, Participant, Vote

Rows = dict[str, list[dict[str, object]]]


def old_document(path: Path, version: int, *inserts: str) -> Path:
    """A document file as schema `version` wrote it, holding the rows `inserts` put in."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        for step in STEPS[:version]:
            step(conn)
        conn.execute(f"PRAGMA user_version={version}")
        for sql in inserts:
            conn.execute(sql)
    finally:
        conn.close()
    return path


def rows(store: Store, expected: Rows) -> Rows:
    """Every row of the kinds `expected` names, by id, cut down to the fields it names, to compare whole."""
    found: Rows = {}
    for kind, want in expected.items():
        fields = {name for row in want for name in row}
        found[kind] = [{name: getattr(e, name) for name in fields} for e in sorted(store.all(kind), key=lambda e: e.id)]
    return found


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


@dataclass(frozen=True)
class Upgrade:
    """A version-`version` file holding `inserts`, read back as `kept` after the upgrade; `created`
    is saved into the upgraded document and read back as `written` (tables that start empty)."""

    version: int
    inserts: tuple[str, ...]
    kept: Rows
    created: tuple[Entity, ...]
    written: Rows


V1_ITEM = (
    "INSERT INTO item (id, kind, name, description, x, y, outside_iip) "
    "VALUES ('old', 'instrument', 'Grant from v1', '', 1.0, 2.0, 0)"
)

UPGRADES = [
    pytest.param(
        Upgrade(
            version=1,
            inserts=(V1_ITEM,),
            kept={"item": [{"id": "old", "name": "Grant from v1"}]},
            created=(
                Brief.create(id="brief-ministerial", template="ministerial", subject="Scale-up"),
                BriefSection.create(template="ministerial", section="background", text="Written after the upgrade"),
            ),
            written={
                "brief": [{"id": "brief-ministerial", "subject": "Scale-up"}],
                "brief_section": [{"text": "Written after the upgrade"}],
            },
        ),
        id="v1-gains-briefs",
    ),
    pytest.param(
        Upgrade(
            version=2,
            inserts=(
                "INSERT INTO lesson (id, lesson, source_kind, source, context, transferability, knowledge_holder, "
                "holder_rotating, date, applied_to_ids) "
                "VALUES ('old', 'Kept from v2', 'own_programme', '', '', NULL, '', 0, NULL, '[]')",
            ),
            kept={"lesson": [{"id": "old", "lesson": "Kept from v2"}]},
            created=(Practice.create(id="mine", title="Our voucher pilot", country="Ireland"),),
            written={"practice": [{"id": "mine", "country": "Ireland"}]},
        ),
        id="v2-gains-practices",
    ),
    pytest.param(
        Upgrade(
            version=3,
            inserts=(
                "INSERT INTO practice (id, title, country, theme, summary, lesson, source) "
                "VALUES ('mine', 'Kept from v3', 'Éire', 'sme_engagement', '', '', '')",
            ),
            kept={"practice": [{"id": "mine", "title": "Kept from v3"}]},
            created=(
                Participant.create(id="g1", name="Table one"),
                Note.create(id="n1", text="Pilot line for cells", participant_id="g1", x=1.5, y=-2.0),
                Vote.create(id="v1", voter_id="g1", note_id="n1", count=2),
            ),
            written={
                "participant": [{"id": "g1", "name": "Table one"}],
                "note": [{"id": "n1", "text": "Pilot line for cells"}],
                "vote": [{"id": "v1", "count": 2}],
            },
        ),
        id="v3-gains-workshop",
    ),
    pytest.param(
        Upgrade(
            version=1,
            inserts=(
                V1_ITEM,
                "INSERT INTO actor (id, name, actor_type, level, sphere_key, size, x, y, notes) "
                "VALUES ('agency', 'Agência Nacional', 'agency', 'national', 'B', NULL, NULL, NULL, 'Since v1')",
            ),
            kept={
                "item": [{"id": "old", "name": "Grant from v1"}],
                "actor": [{"id": "agency", "name": "Agência Nacional", "notes": "Since v1"}],
            },
            created=(
                Brief.create(id="brief-workshop", template="workshop", subject="After every step"),
                Practice.create(id="mine", title="Our voucher pilot", country="Ireland"),
                Note.create(id="n1", text="Pilot line for cells"),
            ),
            written={
                "brief": [{"id": "brief-workshop", "subject": "After every step"}],
                "practice": [{"id": "mine", "title": "Our voucher pilot"}],
                "note": [{"id": "n1", "text": "Pilot line for cells"}],
            },
        ),
        id="v1-gains-every-later-step",
    ),
]


@pytest.mark.parametrize("case", UPGRADES)
def test_old_document_opens_upgraded_and_takes_new_entities(tmp_path, case: Upgrade):
    path = old_document(tmp_path / f"v{case.version}.iipw", case.version, *case.inserts)
    session = DocumentSession.open(path)
    try:
        assert session.info.upgraded_from == case.version
        assert rows(session.store, case.kept) == case.kept
        assert rows(session.store, case.written) == {kind: [] for kind in case.written}  # new tables, empty
        session.store.create(list(case.created))
        session.save()
    finally:
        session.close()
    assert user_version(path) == SCHEMA_VERSION
    again = DocumentSession.open(path, read_only=True)
    try:
        assert rows(again.store, case.kept) == case.kept
        assert rows(again.store, case.written) == case.written
    finally:
        again.close()
