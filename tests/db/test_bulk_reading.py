"""Opening holds Python's collector off while it reads rows in bulk, and leaves it as it found it."""

from __future__ import annotations

import contextlib
import gc

import pytest

import workbench.bulk_work
from db.session import DocumentSession
from tests.db.support import as_received


@pytest.mark.parametrize("was_on", [True, False])
def test_opening_reads_without_the_collector_and_leaves_it_as_it_was(saved_doc, monkeypatch, was_on):
    seen = []
    real = workbench.bulk_work.no_collection

    def watched():
        with real():
            seen.append(gc.isenabled())
            yield

    monkeypatch.setattr(workbench.bulk_work, "no_collection", contextlib.contextmanager(watched))
    (gc.enable if was_on else gc.disable)()
    try:
        DocumentSession.open(as_received(saved_doc), read_only=True).close()
        assert gc.isenabled() is was_on
    finally:
        gc.enable()
    assert seen == [False]


@pytest.mark.parametrize("was_on", [True, False])
def test_an_import_plans_and_writes_without_the_collector_and_leaves_it_as_it_was(tmp_path, monkeypatch, was_on):
    import db.importing
    from workbench.ecosystem.entities import Actor

    sheet = tmp_path / "actors.csv"
    sheet.write_text("workbench_id,name\nm,Ministry of Things\nn,Agency\n", encoding="utf-8")
    session = DocumentSession.new()
    session.store.create([Actor.create(id="m", name="Ministry", actor_type="ministry")])
    session.save_as(tmp_path / "doc.iipw")
    seen = []
    real = db.importing.plan_files

    def watched(*args, **kwargs):
        seen.append(("planning", gc.isenabled()))
        return real(*args, **kwargs)

    monkeypatch.setattr(db.importing, "plan_files", watched)
    session.store.listeners.append(lambda _changes: seen.append(("writing", gc.isenabled())))
    (gc.enable if was_on else gc.disable)()
    try:
        db.importing.import_files(session, [sheet])
        assert gc.isenabled() is was_on
    finally:
        gc.enable()
        session.close()
    assert seen == [("planning", False), ("writing", False)]
