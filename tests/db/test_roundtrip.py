"""What is written is what is read back: every kind and field survives save, close and reopen."""

from __future__ import annotations

import shutil
import sqlite3
from importlib import resources

import pytest

from db.migrations import SCHEMA_VERSION
from db.session import DocumentSession
from db.sqlite_file import APPLICATION_ID, inspect
from tests.db.support import all_kinds, field_default, rich_entities, snapshot
from workbench.document import Document


def test_rich_entities_cover_every_kind_and_field():
    """Guard the fixture itself: each kind present, each field holding a non-default value somewhere."""
    entities = rich_entities()
    assert {e.KIND for e in entities} == all_kinds()
    for t in {type(e) for e in entities}:
        of_kind = [e for e in entities if type(e) is t]
        for name in t.specs():
            if (t.KIND, name) == ("sphere", "key"):
                continue  # keys are A, B and C; one of them is the default
            assert any(getattr(e, name) != field_default(t, name) for e in of_kind), (t.KIND, name)


def test_every_kind_and_field_round_trips(tmp_path):
    entities = rich_entities()
    session = DocumentSession.new(entities)
    written = snapshot(session.store.load())
    assert written == snapshot(Document.of(entities))
    path = session.save_as(tmp_path / "Batterie – 🔋")
    assert path.name == "Batterie – 🔋.iipw"
    session.close()

    reopened = DocumentSession.open(path)
    try:
        loaded = reopened.store.load()
        assert snapshot(loaded) == written
        assert loaded == Document.of(entities)  # dataclass equality, types included
        for e in entities:
            got = loaded.entities[e.KIND][e.id]
            for name in e.specs():
                assert type(getattr(got, name)) is type(getattr(e, name)), (e.KIND, name)
        assert loaded.project.title == "Batterie-Hochlauf – Ελλάδα 🔋 «scale-up»"
        assert not reopened.dirty
    finally:
        reopened.close()


def test_edits_after_reopen_round_trip_too(tmp_path, saved_doc):
    session = DocumentSession.open(saved_doc)
    session.store.update("item", "itm-1", {"name": "Renamed ✓", "x": -0.5})
    session.store.update("objective", "obj-1", {"instrument_ids": ["itm-2"]})
    assert session.dirty
    expected = snapshot(session.store.load())
    session.save()
    assert not session.dirty
    session.close()
    again = DocumentSession.open(saved_doc)
    try:
        assert snapshot(again.store.load()) == expected
        assert again.store.get("item", "itm-1").name == "Renamed ✓"
    finally:
        again.close()


def test_a_copied_file_alone_opens_with_all_data(tmp_path, saved_doc):
    elsewhere = tmp_path / "usb-stick"
    elsewhere.mkdir()
    copy = elsewhere / "emailed.iipw"
    shutil.copy(saved_doc, copy)
    assert sorted(p.name for p in elsewhere.iterdir()) == ["emailed.iipw"]
    session = DocumentSession.open(copy)
    try:
        assert snapshot(session.store.load()) == snapshot(Document.of(rich_entities()))
    finally:
        session.close()


def test_saved_file_is_self_contained(saved_doc):
    names = sorted(p.name for p in saved_doc.parent.iterdir())
    assert names == ["policy.iipw"]  # no -journal, -wal, -shm, temp file, .bak or lock after close
    conn = sqlite3.connect(saved_doc)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
    header = saved_doc.read_bytes()[:100]
    assert header[18:20] == b"\x01\x01"  # file format: legacy (rollback journal), not WAL
    info = inspect(saved_doc, SCHEMA_VERSION, full_check=True)
    assert (info.application_id, info.schema_version) == (APPLICATION_ID, SCHEMA_VERSION)


def test_open_session_keeps_no_journal_beside_the_saved_file(tmp_path, saved_doc):
    session = DocumentSession.open(saved_doc)
    try:
        session.store.update("project", "project", {"title": "Changed"})
        session.save()
        beside = sorted(p.name for p in saved_doc.parent.iterdir())
        assert beside == [".~lock.policy.iipw#", "policy.iipw", "policy.iipw.bak"]
        working = sorted(p.name for p in session.folder.iterdir())
        assert not [n for n in working if n.endswith(("-wal", "-shm", "-journal"))]
    finally:
        session.close()


def test_second_save_keeps_the_previous_version_as_bak(tmp_path, saved_doc):
    before = saved_doc.read_bytes()
    session = DocumentSession.open(saved_doc)
    try:
        session.store.update("project", "project", {"title": "Second version"})
        session.save()
    finally:
        session.close()
    assert (saved_doc.parent / "policy.iipw.bak").read_bytes() == before
    bak = DocumentSession.open(saved_doc.parent / "policy.iipw.bak", read_only=True)
    try:
        assert bak.store.load().project.title == "Batterie-Hochlauf – Ελλάδα 🔋 «scale-up»"
    finally:
        bak.close()


def _sample_available() -> bool:
    try:
        return resources.files("resources").joinpath("sample", "battery_scale_up.json").is_file()
    except (ModuleNotFoundError, FileNotFoundError):
        return False


@pytest.mark.skipif(not _sample_available(), reason="resources/sample/battery_scale_up.json is not there yet")
def test_sample_project_round_trips(tmp_path):
    from workbench.sample import sample_entities

    entities = sample_entities()
    session = DocumentSession.new(entities)
    path = session.save_as(tmp_path / "sample.iipw")
    session.close()
    reopened = DocumentSession.open(path)
    try:
        assert snapshot(reopened.store.load()) == snapshot(Document.of(entities))
    finally:
        reopened.close()
