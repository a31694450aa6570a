"""Folding a run of changes for a view that missed them: each entity once, as it ends up."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.changes import Change, Op, net

IDS = ("a", "b", "c")
FIELDS = ("name", "x", "y")


STEPS = st.lists(
    st.tuples(st.sampled_from(IDS), st.booleans(), st.frozensets(st.sampled_from(FIELDS), min_size=1)), max_size=12
)


def history(before: frozenset[str], steps: list[tuple[str, bool, frozenset[str]]]) -> list[Change]:
    """Edits a store could really report: only what exists is updated or deleted, only what does not is created."""
    existing = set(before)
    changes = []
    for id_, delete, fields in steps:
        if id_ not in existing:
            changes.append(Change("item", Op.CREATED, frozenset([id_])))
            existing.add(id_)
        elif delete:
            changes.append(Change("item", Op.DELETED, frozenset([id_])))
            existing.discard(id_)
        else:
            changes.append(Change("item", Op.UPDATED, frozenset([id_]), fields, initiator="spheres"))
    return changes


@settings(deadline=None, database=None)
@given(st.frozensets(st.sampled_from(IDS)), STEPS)
def test_net_names_each_entity_once_as_it_ends_up(before, steps):
    changes = history(before, steps)
    folded = net(changes)
    named = [(c.kind, i) for c in folded for i in c.ids]
    assert len(named) == len(set(named)) == len({(c.kind, i) for c in changes for i in c.ids})
    after = set(before)
    for c in changes:
        (after.difference_update if c.op == Op.DELETED else after.update)(c.ids)
    for c in folded:
        for id_ in c.ids:
            assert (c.op != Op.DELETED) == (id_ in after)
            new = id_ not in before or any(d.op == Op.DELETED and id_ in d.ids for d in changes)
            if id_ in after and new:
                assert c.op == Op.CREATED  # a view that never saw it must make it, whole
            if c.op == Op.UPDATED:
                written = {f for d in changes if id_ in d.ids for f in d.fields}
                assert c.fields == written  # every field written, so the view redraws all it must


def test_net_puts_deletions_first_and_forgets_who_asked():
    changes = [
        Change("item", Op.UPDATED, frozenset(["a"]), frozenset(["name"]), initiator="spheres"),
        Change("item", Op.UPDATED, frozenset(["a"]), frozenset(["x"]), initiator="undo"),
        Change("actor", Op.CREATED, frozenset(["p"])),
        Change("link", Op.DELETED, frozenset(["k"])),
    ]
    assert net(changes) == [
        Change("link", Op.DELETED, frozenset(["k"])),
        Change("item", Op.UPDATED, frozenset(["a"]), frozenset(["name", "x"])),
        Change("actor", Op.CREATED, frozenset(["p"])),
    ]
