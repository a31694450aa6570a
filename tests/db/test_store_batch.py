"""The batch service: creates, updates and deletes of several kinds in one transaction, reported precisely."""

from __future__ import annotations

import pytest

from db.session import DocumentSession
from workbench.changes import Op
from workbench.document import Document
from workbench.errors import WorkbenchError
from workbench.spheres.items import Instrument, Item
from workbench.workshop.entities import Note, Participant, Vote


def _state(store) -> dict:
    return {kind: {i: e.values() for i, e in group.items()} for kind, group in store.load().entities.items()}


@pytest.fixture
def store():
    session = DocumentSession.new()
    session.store.create(
        [
            Participant.create(id="g1", name="Table one"),
            Note.create(id="n1", text="Pilot line", participant_id="g1"),
            Vote.create(id="v1", voter_id="g1", note_id="n1"),
        ]
    )
    yield session.store
    session.close()


def test_one_batch_creates_updates_and_deletes_and_says_exactly_what(store):
    heard = []
    store.listeners.append(heard.append)
    revision = store.revision
    item = Item.create(id="i1", name="Pilot line")
    changes = store.batch(
        create=[item, Instrument.create(id="i1")],
        update=[("note", "n1", {"converted_kind": "instrument", "converted_id": "i1"})],
        delete=[("vote", "v1")],
    ).changes
    assert {(c.kind, c.op, c.ids) for c in changes} == {
        ("vote", Op.DELETED, frozenset({"v1"})),
        ("item", Op.CREATED, frozenset({"i1"})),
        ("instrument", Op.CREATED, frozenset({"i1"})),
        ("note", Op.UPDATED, frozenset({"n1"})),
    }
    assert heard == [changes] and store.revision == revision + 1
    assert store.get("note", "n1").converted_id == "i1"
    assert store.get("vote", "v1") is None


def test_a_failing_batch_changes_nothing(store):
    before, revision = _state(store), store.revision
    with pytest.raises(WorkbenchError, match="unknown participant"):
        store.batch(
            create=[Note.create(id="n2", text="Orphan", participant_id="ghost")],
            delete=[("vote", "v1")],
        )
    with pytest.raises(WorkbenchError, match="no longer exists"):
        store.batch(create=[Note.create(id="n3", text="Fine")], update=[("note", "gone", {"text": "x"})])
    assert _state(store) == before and store.revision == revision


def test_the_inverse_batch_brings_back_exactly_what_was_there(store):
    before, revision = _state(store), store.revision
    done = store.batch(
        create=[Item.create(id="i1", name="Pilot line"), Instrument.create(id="i1")],
        update=[("note", "n1", {"converted_kind": "instrument", "converted_id": "i1"})],
        delete=[("vote", "v1")],
    )
    store.apply(done.inverse)
    assert _state(store) == before and store.revision == revision + 2


def test_the_inverse_of_a_batch_editing_one_entity_twice_ends_where_it_began(store):
    before = _state(store)
    done = store.batch(update=[("note", "n1", {"text": "First"}), ("note", "n1", {"text": "Second"})])
    assert store.get("note", "n1").text == "Second"
    store.apply(done.inverse)
    assert _state(store) == before


def test_a_batch_refuses_to_delete_what_is_not_there(store):
    before = _state(store)
    with pytest.raises(WorkbenchError, match="no longer exists"):
        store.batch(delete=[("vote", "v1"), ("vote", "ghost")])
    assert _state(store) == before


def test_an_unknown_kind_never_reaches_sql(store):
    with pytest.raises(WorkbenchError, match="Unknown kind"):
        store.batch(delete=[("note; DROP TABLE note", "n1")])
    assert Document.of(store.all("note")).get(Note, "n1") is not None


def test_a_batch_deleting_thousands_makes_a_handful_of_calls_and_undoes_exactly(monkeypatch):
    """The undo of an import deletes every link it made: two statements made a row held the window 0.2 s."""
    from sqlalchemy.engine import Connection

    from workbench.ecosystem.entities import Actor, Link

    session = DocumentSession.new()
    try:
        store = session.store
        store.create([Actor.create(id="a", name="A"), Actor.create(id="b", name="B")])
        links = [Link.create(id=f"l{n}", source_id="a", target_id="b") for n in range(3000)]
        imported = store.upsert(links)
        before = _state(store)
        calls: list[str] = []
        real = Connection.exec_driver_sql
        monkeypatch.setattr(
            Connection, "exec_driver_sql", lambda conn, sql, *a, **k: calls.append(sql) or real(conn, sql, *a, **k)
        )
        undone = store.apply(imported.inverse)
        monkeypatch.undo()
        assert len(calls) < 10
        assert [c.op for c in undone.changes] == [Op.DELETED] and len(undone.changes[0].ids) == 3000
        assert store.counts(["link"]) == {"link": 0}
        store.apply(undone.inverse)
        assert _state(store) == before
        with pytest.raises(WorkbenchError, match="no longer exists"):
            store.batch(delete=[("link", "l1"), ("link", "l1")])
        assert store.counts(["link"]) == {"link": 3000}
    finally:
        session.close()


def test_edits_and_their_undo_are_written_without_loading_sqlalchemy(store):
    """Plain statements on the driver's connection: the first edit of a session waited 15 ms for
    SQLAlchemy's dialect to load, and every edit went through its execution machinery."""
    done = store.update("note", "n1", {"text": "Pilot line, phase two"})
    store.apply(done.inverse)
    store.batch(delete=[("vote", "v1")])
    assert store._engine is None


def test_a_batch_whose_inverse_is_not_wanted_deletes_exactly_without_reading_back(store, monkeypatch):
    """An undo needs no inverse (the stack redoes with the command's operation): what it deletes is not
    read back, yet a row gone or named twice still fails it, named, with nothing deleted."""
    import db.store
    from db.operations import Batch, NotKept

    read = []
    real = db.store.many_of
    monkeypatch.setattr(db.store, "many_of", lambda *a: read.append(a) or real(*a))
    before = _state(store)
    for refs, named in (([("vote", "v1"), ("note", "gone")], "'gone'"), ([("vote", "v1"), ("vote", "v1")], "'v1'")):
        with pytest.raises(WorkbenchError, match=f"{named} no longer exists"):
            store.apply(Batch(delete=refs), inverse=False)
        assert _state(store) == before
    read.clear()
    done = store.apply(Batch(delete=[("vote", "v1"), ("note", "n1")]), inverse=False)
    assert read == [] and store.counts(["vote", "note"]) == {"vote": 0, "note": 0}
    assert isinstance(done.inverse, NotKept)
    with pytest.raises(RuntimeError):
        store.apply(done.inverse)


def test_after_the_warm_up_the_first_deletion_loads_none_of_the_write_machinery(tmp_path):
    """Loaded beside the window once it is whole (ui.app): the SQLite dialect of SQLAlchemy, which the first
    deletion's engine loaded on the window's thread (15 ms), is part of it."""
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json, sys\n"
        "from db.store import warm_up\n"
        "from db.session import DocumentSession\n"
        "from workbench.workshop.entities import Participant\n"
        "session = DocumentSession.new()\n"
        "session.store.create([Participant.create(id='g1', name='Table one')])\n"
        "warm_up()\n"
        "before = set(sys.modules)\n"
        "session.store.delete([('participant', 'g1')])\n"
        "session.close()\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))\n"
    )
    env = dict(os.environ, IIP_WORKBENCH_HOME=str(tmp_path / "home"))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert [m for m in json.loads(out.stdout) if m.startswith("sqlalchemy")] == []
