"""Edit services: what they report, when listeners hear it, and that failures change nothing."""

from __future__ import annotations

import sqlite3

import pytest

from db.errors import ReadOnlyDocument
from db.session import WORKING_FILE, DocumentSession, SessionInfo
from tests.db.support import snapshot
from workbench.changes import Change, Op
from workbench.ecosystem.entities import Actor, Link
from workbench.errors import ValidationError, WorkbenchError
from workbench.registers.entities import Experiment, Objective
from workbench.spheres.items import Instrument, Item


@pytest.fixture
def session():
    s = DocumentSession.new()
    yield s
    s.close()


@pytest.fixture
def world(session):
    """Two actors with a link, a funded item with its instrument, a plain item, an objective, an experiment."""
    store = session.store
    store.create([
        Actor.create(id="a1", name="Ministry"),
        Actor.create(id="a2", name="Agency"),
        Link.create(id="l1", source_id="a1", target_id="a2"),
        Item.create(id="i1", name="Grant", kind="instrument"),
        Instrument.create(id="i1", lead_actor_id="a1", stage_from_id="stage-0"),
        Item.create(id="i2", name="Institute", kind="institution"),
        Objective.create(id="o1", statement="Grow", instrument_ids=["i1", "i2"]),
        Experiment.create(id="x1", name="Pilot", instrument_id="i1"),
    ])
    return store


def _as_set(changes: list[Change]) -> set[tuple[str, Op, frozenset]]:
    return {(c.kind, c.op, c.ids) for c in changes}


def _unchanged(store, action, error=WorkbenchError, match=None):
    """Run `action`, expecting `error`; the document and its revision are left exactly as they were."""
    before, revision = snapshot(store.load()), store.revision
    heard = []
    store.listeners.append(heard.append)
    try:
        with pytest.raises(error, match=match):
            action()
    finally:
        store.listeners.remove(heard.append)
    assert store.revision == revision
    assert snapshot(store.load()) == before
    assert heard == []  # no listener hears about a change that did not happen


def test_create_reports_created_ids_per_kind(session):
    changes = session.store.create([
        Item.create(id="n1", name="One"),
        Item.create(id="n2", name="Two"),
        Instrument.create(id="n1"),
        Actor.create(id="ac", name="Actor"),
    ]).changes
    assert _as_set(changes) == {
        ("actor", Op.CREATED, frozenset({"ac"})),
        ("item", Op.CREATED, frozenset({"n1", "n2"})),
        ("instrument", Op.CREATED, frozenset({"n1"})),
    }
    assert len(changes) == 3


def test_update_reports_one_updated_id_and_the_fields_written(world):
    changes = world.update("item", "i1", {"x": 42.0, "name": "Renamed"}).changes
    assert changes == [Change("item", Op.UPDATED, frozenset({"i1"}), frozenset({"x", "name"}))]
    assert changes[0].touches("name") and not changes[0].touches("y", "width")
    got = world.get("item", "i1")
    assert (got.x, got.name, got.kind) == (42.0, "Renamed", "instrument")


def test_update_many_reports_each_kind(world):
    changes = world.update_many([
        ("item", "i1", {"x": 1.0}),
        ("item", "i2", {"x": 2.0}),
        ("actor", "a1", {"x": 3.0, "y": 4.0}),
    ]).changes
    assert _as_set(changes) == {
        ("item", Op.UPDATED, frozenset({"i1", "i2"})),
        ("actor", Op.UPDATED, frozenset({"a1"})),
    }
    assert [world.get("item", i).x for i in ("i1", "i2")] == [1.0, 2.0]


def test_delete_item_reports_cascade_and_cleared_references(world):
    done = world.delete([("item", "i1")])
    changes = done.changes
    assert _as_set(changes) == {
        ("item", Op.DELETED, frozenset({"i1"})),
        ("instrument", Op.DELETED, frozenset({"i1"})),
        ("objective", Op.UPDATED, frozenset({"o1"})),
        ("experiment", Op.UPDATED, frozenset({"x1"})),
    }
    assert world.get("item", "i1") is None and world.get("instrument", "i1") is None
    assert world.get("objective", "o1").instrument_ids == ["i2"]
    assert world.get("experiment", "x1").instrument_id is None
    assert {(e.KIND, e.id) for e in done.inverse.create} == {("item", "i1"), ("instrument", "i1")}


def test_delete_actor_reports_links_and_cleared_lead(world):
    changes = world.delete([("actor", "a1")]).changes
    assert _as_set(changes) == {
        ("actor", Op.DELETED, frozenset({"a1"})),
        ("link", Op.DELETED, frozenset({"l1"})),
        ("instrument", Op.UPDATED, frozenset({"i1"})),
    }
    assert world.get("instrument", "i1").lead_actor_id is None
    assert world.all("link") == []
    cleared = next(c for c in changes if c.op == Op.UPDATED)
    assert cleared.fields == {"lead_actor_id"}  # only the reference cleared, so views redraw no geometry


def test_the_inverse_of_a_delete_puts_back_exactly_what_went(world):
    before = snapshot(world.load())
    done = world.delete([("item", "i1")])
    changes = world.apply(done.inverse).changes
    assert _as_set(changes) >= {
        ("item", Op.CREATED, frozenset({"i1"})),
        ("instrument", Op.CREATED, frozenset({"i1"})),
        ("objective", Op.UPDATED, frozenset({"o1"})),
    }
    assert snapshot(world.load()) == before


def test_listeners_hear_changes_after_commit(session, world):
    heard = []

    def listener(changes):
        # Another connection sees the change already: the transaction has committed.
        conn = sqlite3.connect(session.folder / WORKING_FILE)
        try:
            name = conn.execute("SELECT name FROM item WHERE id='i2'").fetchone()[0]
            revision = int(conn.execute("SELECT value FROM meta WHERE key='revision'").fetchone()[0])
        finally:
            conn.close()
        heard.append((changes, name, revision))

    world.listeners.append(listener)
    revision = world.revision
    changes = world.update("item", "i2", {"name": "Seen by listeners"}).changes
    assert heard == [(changes, "Seen by listeners", revision + 1)]
    world.create([Actor.create(id="a3", name="Third")])
    assert heard[-1][0] == [Change("actor", Op.CREATED, frozenset({"a3"}))]
    assert len(heard) == 2


def test_revision_counts_every_service(world):
    r = world.revision
    world.update("item", "i1", {"x": 1.0})
    world.create([Actor.create(name="A")])
    done = world.delete([("item", "i2")])
    world.apply(done.inverse)
    assert world.revision == r + 4


@pytest.mark.parametrize(
    ("kind", "id_", "changes", "match"),
    [
        ("instrument", "i1", {"trl_min": 12}, "TRL from must be at most 9"),
        ("instrument", "i1", {"trl_min": 8, "trl_max": 2}, "must not exceed"),
        ("item", "i1", {"name": "two\nlines"}, "one line"),
        ("item", "i1", {"kind": "gadget"}, "must be one of"),
        ("item", "i1", {"colour": "#000000"}, "is not a known field"),
        ("actor", "a1", {"name": ""}, "Name is required"),
    ],
)
def test_a_bad_value_raises_and_changes_nothing(world, kind, id_, changes, match):
    _unchanged(world, lambda: world.update(kind, id_, changes), ValidationError, match)


def test_update_of_a_missing_entity_is_refused(world):
    _unchanged(world, lambda: world.update("item", "ghost", {"x": 1.0}), WorkbenchError, "no longer exists")


@pytest.mark.parametrize(
    "entities",
    [
        [Instrument.create(id="i2", lead_actor_id="nobody")],
        [Instrument.create(id="no-such-item")],
        [Link.create(source_id="a1", target_id="ghost")],
        [Objective.create(statement="S", instrument_ids=["i1", "ghost"])],
        [Experiment.create(name="E", instrument_id="ghost")],
    ],
    ids=["lead actor", "instrument without item", "link target", "objective refs", "experiment ref"],
)
def test_create_with_unknown_references_is_refused(world, entities):
    _unchanged(world, lambda: world.create(entities), WorkbenchError, "unknown")


def test_update_to_an_unknown_reference_is_refused(world):
    _unchanged(world, lambda: world.update("instrument", "i1", {"lead_actor_id": "ghost"}), WorkbenchError, "actor")
    _unchanged(world, lambda: world.update("objective", "o1", {"instrument_ids": ["ghost"]}), WorkbenchError, "item")


def test_create_with_an_existing_id_is_refused(world):
    _unchanged(world, lambda: world.create([Item.create(id="i1", name="Clash")]), WorkbenchError, "already exists")


def test_create_is_all_or_nothing(world):
    good = Item.create(id="fine", name="Fine")
    bad = Objective.create(statement="S", instrument_ids=["ghost"])
    _unchanged(world, lambda: world.create([good, bad]), WorkbenchError)
    assert world.get("item", "fine") is None


def test_create_validates_entities_built_without_create(world):
    sneaky = Item(id="raw", name="x", x=5e9)  # bypasses Item.create
    _unchanged(world, lambda: world.create([sneaky]), ValidationError, "at most")


def test_update_many_is_all_or_nothing(world):
    _unchanged(
        world,
        lambda: world.update_many([
            ("item", "i1", {"x": 10.0}),
            ("actor", "a1", {"name": "New name"}),
            ("instrument", "i1", {"trl_min": 99}),
        ]),
        ValidationError,
    )
    _unchanged(
        world,
        lambda: world.update_many([("item", "i1", {"x": 10.0}), ("item", "ghost", {"x": 1.0})]),
        WorkbenchError,
        "no longer exists",
    )
    world.update_many([("item", "i1", {"x": 10.0}), ("actor", "a1", {"name": "New name"})])
    assert world.get("item", "i1").x == 10.0 and world.get("actor", "a1").name == "New name"


@pytest.mark.parametrize(("kind", "id_"), [("sphere", "sphere-A"), ("project", "project")])
def test_spheres_and_the_project_cannot_be_deleted(world, kind, id_):
    _unchanged(world, lambda: world.delete([(kind, id_)]), WorkbenchError, "cannot be deleted")
    _unchanged(world, lambda: world.batch(delete=[(kind, id_)]), WorkbenchError, "cannot be deleted")
    assert world.get(kind, id_) is not None


def test_read_only_store_refuses_every_edit(tmp_path, session, world):
    path = session.save_as(tmp_path / "ro.iipw")
    ro = DocumentSession.open(path, read_only=True)
    try:
        store = ro.store
        before = snapshot(store.load())
        undo = world.delete([("item", "i2")]).inverse
        for action in (
            lambda: store.create([Item.create(name="No")]),
            lambda: store.update("item", "i1", {"x": 1.0}),
            lambda: store.update_many([("item", "i1", {"x": 1.0})]),
            lambda: store.delete([("item", "i1")]),
            lambda: store.apply(undo),
            lambda: store.upsert([Item.create(name="No")]),
        ):
            _unchanged(store, action, ReadOnlyDocument, "read-only")
        assert snapshot(store.load()) == before
        assert not ro.dirty
    finally:
        ro.close()


def test_get_many_keeps_the_order_asked_for(world):
    assert [e.id for e in world.get_many("item", ["i2", "i1", "ghost"])] == ["i2", "i1"]
    many = [Item.create(id=f"m{n:04d}", name=f"M{n}") for n in range(1200)]
    world.create(many)
    wanted = [f"m{n:04d}" for n in range(1199, -1, -3)]
    assert [e.id for e in world.get_many("item", wanted)] == wanted
    assert world.counts()["item"] == 1202


def test_create_refuses_a_clashing_id_anywhere_in_a_large_batch(world):
    batch = [Item.create(id=f"b{n:04d}", name=f"B{n}") for n in range(700)]
    batch[650] = Item.create(id="i2", name="Clashes with an existing item")
    _unchanged(world, lambda: world.create(batch), WorkbenchError, "'i2' already exists")


def test_create_refuses_the_same_id_twice_in_one_batch(world):
    batch = [Item.create(id="twin", name="One"), Item.create(id="twin", name="Two")]
    _unchanged(world, lambda: world.create(batch), WorkbenchError, "'twin'")


def test_a_full_disk_refuses_the_edit_in_plain_words_and_changes_nothing():
    from db.errors import DocumentError
    from db.session import DocumentSession
    from workbench.registers.entities import Objective

    session = DocumentSession.new()
    try:
        store = session.store
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count={pages}")  # the file may not grow: as if the disk were full
        revision = store.revision
        with pytest.raises(DocumentError, match="disk is full"):
            store.create([Objective.create(statement="x" * 400, tradeoffs="y" * 9000) for _ in range(40)])
        assert store.revision == revision and store.counts()["objective"] == 0
    finally:
        session.close()


# ----- every service returns its inverse, and names who asked -------------------------------------
def _services(store):
    """One call of each service on `world`, as (name, call)."""
    return [
        ("create", lambda: store.create([Item.create(id="n1", name="New"), Instrument.create(id="n1")])),
        ("update", lambda: store.update("item", "i1", {"x": 5.0, "name": "Moved"})),
        ("update_many", lambda: store.update_many([("item", "i2", {"x": 1.0}), ("actor", "a2", {"name": "B"})])),
        ("delete", lambda: store.delete([("actor", "a1"), ("item", "i1")])),
        ("batch", lambda: store.batch(create=[Actor.create(id="a9", name="Nine")],
                                      update=[("link", "l1", {"weight": 3.0})], delete=[("experiment", "x1")])),
        ("upsert", lambda: store.upsert([Actor.create(id="a1", name="Renamed"), Actor.create(id="a8", name="Eight")])),
    ]


@pytest.mark.parametrize("service", [name for name, _ in _services(None)])
def test_every_service_returns_the_inverse_that_puts_the_document_back(world, service):
    before = snapshot(world.load())
    call = dict(_services(world))[service]
    done = call()
    assert snapshot(world.load()) != before
    undone = world.apply(done.inverse)
    assert snapshot(world.load()) == before
    world.apply(undone.inverse)  # the inverse's inverse is the edit again
    again = snapshot(world.load())
    world.apply(done.inverse)
    assert snapshot(world.load()) == before and again != before


def test_every_change_names_who_asked(world):
    heard = []
    world.listeners.append(heard.append)
    done = world.update("item", "i1", {"name": "Renamed"}, initiator="spheres")
    assert [c.initiator for c in done.changes] == ["spheres"] and heard == [done.changes]
    undone = world.apply(done.inverse, initiator="undo")
    assert {c.initiator for c in undone.changes} == {"undo"}
    deleted = world.delete([("item", "i1")], initiator="value-chain")
    assert len(deleted.changes) > 1 and {c.initiator for c in deleted.changes} == {"value-chain"}


def test_an_edit_and_the_undo_that_returns_to_its_state_leave_the_document_unmodified(tmp_path, session, world):
    session.save_as(tmp_path / "saved.iipw")
    assert not session.dirty
    before = world.state
    done = world.update("item", "i1", {"name": "Renamed"})
    assert session.dirty
    world.apply(done.inverse, returns_to=before)
    assert not session.dirty
    note = SessionInfo.read(session.folder)  # what a crash scan compares the working copy with
    assert (note.saved_revision, note.saved_counter) == (world.revision, session._counter())
    world.update("item", "i1", {"name": "Renamed"})  # the same values again, but a new edit
    assert session.dirty
