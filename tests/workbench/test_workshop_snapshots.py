"""Board snapshots: capture, read back, compare two, and plan a restore that keeps references whole."""

from __future__ import annotations

import json

import pytest

from workbench.document import Document
from workbench.entity import Entity
from workbench.errors import WorkbenchError
from workbench.integrity import dangling_references
from workbench.registers.entities import Objective
from workbench.sample import starter_entities
from workbench.spheres.items import Instrument, Item
from workbench.workshop.entities import AgendaStep, Note, Participant, Snapshot, Vote, WorkshopState
from workbench.workshop.snapshots import KEPT_KINDS, board_kinds, compare, plan_restore, read_board, take

WHEN = "2026-05-04T10:15:00"


def board_document(*extra: Entity) -> Document:
    group = Participant.create(id="g1", name="Table one", votes=5)
    return Document.of(
        [
            *starter_entities(),
            AgendaStep.create(id="s1", title="Gaps", position=0),
            WorkshopState.create(current_step_id="s1"),
            group,
            Note.create(id="n1", text="Pilot line", participant_id="g1", x=10.0, y=20.0, step_id="s1"),
            Note.create(id="n2", text="Skills academy", x=30.0, y=40.0),
            Vote.create(id="v1", voter_id="g1", note_id="n1", count=2),
            Item.create(id="i1", name="Scale-up loan", x=-5.0, y=5.0),
            Instrument.create(id="i1"),
            *extra,
        ]
    )


def apply_plan(doc: Document, plan) -> Document:
    """The document after the plan, as the store's batch service would leave it."""
    entities = {(e.KIND, e.id): e for e in doc}
    for e in plan.delete:
        del entities[(e.KIND, e.id)]
    for e in plan.create:
        entities[(e.KIND, e.id)] = e
    for kind, id_, changes in plan.update:
        entities[(kind, id_)] = entities[(kind, id_)].changed(**changes)
    return Document.of(entities.values())


def values(doc: Document, kinds) -> dict:
    return {k: {i: e.values() for i, e in doc.entities[k].items()} for k in kinds}


def test_the_board_leaves_out_the_workshop_machinery_and_the_header():
    kinds = board_kinds()
    assert {"note", "vote", "participant", "item", "instrument", "sphere", "actor"} <= set(kinds)
    assert not KEPT_KINDS & set(kinds)


def test_a_snapshot_reads_back_exactly_what_was_on_the_board():
    doc = board_document()
    snap = take(doc, "After step 1", WHEN, "s1")
    assert isinstance(snap, Snapshot) and snap.step_id == "s1" and snap.taken == WHEN
    board = read_board(snap)
    assert set(board) == set(board_kinds())
    for kind in board_kinds():
        assert {i: e.values() for i, e in board[kind].items()} == values(doc, [kind])[kind]
    assert take(doc, "again", WHEN).board == snap.board  # same board, same text


def test_restore_brings_the_board_back_and_keeps_agenda_and_later_snapshots():
    doc = board_document()
    snap = take(doc, "Step 1", WHEN)
    later_snapshot = take(doc, "Later", WHEN)
    entities = {(e.KIND, e.id): e for e in doc}
    entities[("note", "n1")] = entities[("note", "n1")].changed(x=200.0, text="Pilot line (moved)")
    del entities[("note", "n2")]
    entities[("note", "n3")] = Note.create(id="n3", text="New idea", x=1.0, y=1.0)
    entities[("vote", "v2")] = Vote.create(id="v2", voter_id="g1", note_id="n3")
    entities[("agenda_step", "s2")] = AgendaStep.create(id="s2", title="Votes", position=1)
    entities[("snapshot", later_snapshot.id)] = later_snapshot
    now = Document.of(entities.values())

    plan = plan_restore(now, read_board(snap))
    assert {(e.KIND, e.id) for e in plan.create} == {("note", "n2")}
    assert {(e.KIND, e.id) for e in plan.delete} == {("note", "n3"), ("vote", "v2")}
    assert plan.update == [("note", "n1", {"text": "Pilot line", "x": 10.0})]
    restored = apply_plan(now, plan)
    assert values(restored, board_kinds()) == values(doc, board_kinds())
    assert set(restored.entities["agenda_step"]) == {"s1", "s2"}
    assert later_snapshot.id in restored.entities["snapshot"]
    assert not dangling_references(restored)


def test_restore_clears_a_reference_to_an_agenda_step_deleted_since():
    doc = board_document()
    snap = take(doc, "Step 1", WHEN)
    later = Document.of(
        [
            e.changed(step_id=None) if e.KIND == "note" else e
            for e in doc
            if e.KIND != "agenda_step" and e.KIND != "workshop"
        ]
    )
    plan = plan_restore(later, read_board(snap))
    assert plan.empty  # the note is back as it was, without the step that no longer exists


def test_restore_refuses_a_board_that_would_break_references():
    """A snapshot holding only items (say, from a version without objectives) must not orphan an objective."""
    snap = take(board_document(), "Step 1", WHEN)
    data = json.loads(snap.board)
    data["entities"] = {k: data["entities"][k] for k in ("item", "instrument", "vote", "note", "participant")}
    objective = Objective.create(id="o1", statement="Double output", instrument_ids=["i2"])
    now = board_document(Item.create(id="i2", name="Later grant"), objective)
    with pytest.raises(WorkbenchError, match=r"cannot be restored.*Linked instruments refers to unknown item 'i2'"):
        plan_restore(now, read_board(snap.changed(board=json.dumps(data))))


def test_compare_names_what_was_added_removed_moved_changed_and_voted():
    doc = board_document()
    first = read_board(take(doc, "1", WHEN))
    entities = {(e.KIND, e.id): e for e in doc}
    entities[("note", "n1")] = entities[("note", "n1")].changed(x=99.0)
    entities[("note", "n2")] = entities[("note", "n2")].changed(decision=True)
    entities[("item", "i1")] = entities[("item", "i1")].changed(name="Scale-up loan fund")
    entities[("note", "n4")] = Note.create(id="n4", text="Test bed", x=0.0, y=0.0)
    entities[("vote", "v1")] = entities[("vote", "v1")].changed(count=4)
    del entities[("instrument", "i1")]
    del entities[("item", "i1")]
    second = read_board(take(Document.of(entities.values()), "2", WHEN))

    diff = compare(first, second)
    assert [e.title for e in diff.added] == ["Test bed"]
    assert sorted(e.title for e in diff.removed) == ["Scale-up loan", "i1"]
    assert [e.title for e in diff.moved] == ["Pilot line"]
    assert [(e.title, fields) for e, fields in diff.changed] == [("Skills academy", ["Decision"])]
    assert diff.votes == [("Pilot line", 2, 4)]
    assert compare(first, first).empty


def test_a_damaged_snapshot_is_refused_in_plain_words():
    bad = Snapshot.create(name="Broken", taken=WHEN, board="{not json")
    with pytest.raises(WorkbenchError, match="'Broken' cannot be read"):
        read_board(bad)
    newer = Snapshot.create(name="Future", taken=WHEN, board=json.dumps({"format": 99, "entities": {}}))
    with pytest.raises(WorkbenchError, match="cannot be read"):
        read_board(newer)


def test_kinds_a_snapshot_does_not_know_are_left_alone():
    doc = board_document()
    snap = take(doc, "Only notes", WHEN)
    data = json.loads(snap.board)
    data["entities"] = {"note": data["entities"]["note"], "mystery": [{"id": "x"}]}
    board = read_board(snap.changed(board=json.dumps(data)))
    assert set(board) == {"note"}
    assert plan_restore(doc, board).empty
