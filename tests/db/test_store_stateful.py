"""A state machine of edits, undo, redo, save and reopen: the store always equals a plain Python model
and a fresh reload of its file. Undo and redo are the real ones: each edit is an operation
(db.operations) applied by the store, undone by the inverse the store returned."""

from __future__ import annotations

import copy
import itertools

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from db import operations as ops
from db.session import DocumentSession
from db.store import Store
from tests.db.support import snapshot
from workbench.ecosystem.entities import Actor, Link
from workbench.errors import ValidationError
from workbench.registers.entities import Objective
from workbench.spheres.items import Instrument, Item

names = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1, max_size=12)
names = names.filter(lambda s: s.strip() != "")
coords = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
picks = st.integers(min_value=0, max_value=10_000)

Model = dict[str, dict[str, dict]]


def _delete_in_model(model: Model, kind: str, id_: str) -> None:
    """The cascade rules, written out independently of workbench.deletion."""
    model[kind].pop(id_)
    if kind == "item":
        model["instrument"].pop(id_, None)
        for values in model["objective"].values():
            values["instrument_ids"] = [i for i in values["instrument_ids"] if i != id_]
    elif kind == "actor":
        for link_id, values in list(model["link"].items()):
            if id_ in (values["source_id"], values["target_id"]):
                del model["link"][link_id]
        for values in model["instrument"].values():
            if values["lead_actor_id"] == id_:
                values["lead_actor_id"] = None


def _add(model: Model, entities) -> None:
    for e in entities:
        model[e.KIND][e.id] = e.values()


@pytest.mark.parametrize(
    "examples",
    [8, pytest.param(40, marks=pytest.mark.slow, id="thorough")],
    ids=lambda n: f"{n}-runs" if isinstance(n, int) else n,
)
def test_store_state_machine(tmp_path, examples):
    """A few runs in the quick suite; many more in the full one (make test-all)."""
    runs = itertools.count()

    class StoreMachine(RuleBasedStateMachine):
        @initialize()
        def start(self):
            self.folder = tmp_path / f"run{next(runs)}"
            self.folder.mkdir()
            self.session = DocumentSession.new()
            self.model: Model = snapshot(self.session.store.load())
            self.saved: Model | None = None
            # (operation, its inverse, the model and store state before it, the model and state after it)
            self.undo: list[tuple[ops.Operation, ops.Operation, Model, int, Model, int]] = []
            self.redo: list[tuple[ops.Operation, ops.Operation, Model, int, Model, int]] = []
            self.ids = itertools.count()
            # A small web of references, so that deletes cascade and clear references from the start.
            seed = [Actor.create(id=f"actor-s{n}", name=f"Actor {n}") for n in range(3)]
            seed += [Item.create(id=f"item-s{n}", name=f"Item {n}", kind="programme" if n else "other")
                     for n in range(4)]
            seed += [Instrument.create(id=f"item-s{n}", lead_actor_id=f"actor-s{n % 2}") for n in range(1, 4)]
            seed += [Link.create(id="link-s0", source_id="actor-s0", target_id="actor-s1"),
                     Link.create(id="link-s1", source_id="actor-s2", target_id="actor-s0")]
            seed += [Objective.create(id="objective-s0", statement="Grow", instrument_ids=["item-s1", "item-s2"]),
                     Objective.create(id="objective-s1", statement="Green",
                                      instrument_ids=["item-s0", "item-s1", "item-s2", "item-s3"])]
            self.store.create(seed)
            for e in seed:
                self.model[e.KIND][e.id] = e.values()
            self.first = copy.deepcopy(self.model)  # where undoing everything returns to

        def teardown(self):
            if hasattr(self, "session"):
                self.session.close()

        @property
        def store(self):
            return self.session.store

        def _new_id(self, prefix: str) -> str:
            return f"{prefix}{next(self.ids)}"

        def _pick(self, kind: str, n: int) -> str:
            ids = sorted(self.model[kind])
            return ids[n % len(ids)]

        def _has(self, kind: str, at_least: int = 1) -> bool:
            return len(self.model[kind]) >= at_least

        def _edit(self, operation: ops.Operation, change_model) -> ops.Done:
            """Apply an operation as the undo command does; `change_model(model)` is what it should do."""
            before, state = copy.deepcopy(self.model), self.store.state
            done = self.store.apply(operation)
            change_model(self.model)
            self.undo.append((operation, done.inverse, before, state, copy.deepcopy(self.model), self.store.state))
            self.redo.clear()
            return done

        # ----- create --------------------------------------------------------------------------
        @rule(name=names, funded=st.booleans(), x=coords, y=coords, lead=picks, trl=st.integers(1, 9))
        def create_item(self, name, funded, x, y, lead, trl):
            id_ = self._new_id("item")
            item = Item.create(id=id_, name=name, kind="programme" if funded else "institution", x=x, y=y)
            entities = [item]
            if funded:
                lead_id = self._pick("actor", lead) if self._has("actor") else None
                entities.append(Instrument.create(id=id_, lead_actor_id=lead_id, trl_min=trl, trl_max=9,
                                                  target_groups=["sme"] if trl % 2 else []))
            self._edit(ops.create(entities), lambda model: _add(model, entities))

        @rule(name=names, x=coords)
        def create_actor(self, name, x):
            actor = Actor.create(id=self._new_id("actor"), name=name, x=x, actor_type="agency")
            self._edit(ops.create([actor]), lambda model: _add(model, [actor]))

        @rule(a=picks, b=picks, weight=st.floats(min_value=0.01, max_value=1000), formal=st.booleans())
        def create_link(self, a, b, weight, formal):
            # Missing actors are created in the same service call (one transaction, two kinds).
            entities: list = [Actor.create(id=self._new_id("actor"), name="Partner")
                              for _ in range(2 - min(2, len(self.model["actor"])))]
            actors = sorted({*self.model["actor"], *(e.id for e in entities)})
            source = actors[a % len(actors)]
            others = [i for i in actors if i != source]
            target = others[b % len(others)]
            link = Link.create(id=self._new_id("link"), source_id=source, target_id=target, weight=weight,
                               formal=formal)
            entities.append(link)
            done = self._edit(ops.create(entities), lambda model: _add(model, entities))
            assert {c.kind for c in done.changes} == {e.KIND for e in entities}

        @rule(statement=names, refs=st.lists(picks, max_size=5))
        def create_objective(self, statement, refs):
            ids = [self._pick("item", r) for r in refs] if self._has("item") else []
            objective = Objective.create(id=self._new_id("objective"), statement=statement, instrument_ids=ids)
            self._edit(ops.create([objective]), lambda model: _add(model, [objective]))

        # ----- update --------------------------------------------------------------------------
        def _update(self, kind: str, id_: str, changes: dict) -> None:
            new = copy.deepcopy(changes)
            self._edit(ops.update([(kind, id_, changes)]), lambda model: model[kind][id_].update(new))

        @precondition(lambda self: self._has("item"))
        @rule(n=picks, name=names, x=coords)
        def update_item(self, n, name, x):
            self._update("item", self._pick("item", n), {"name": name, "x": x})

        @precondition(lambda self: self._has("instrument"))
        @rule(n=picks, lead=st.one_of(st.none(), picks), private=st.one_of(st.none(), st.floats(0, 1e9)))
        def update_instrument(self, n, lead, private):
            lead_id = self._pick("actor", lead) if lead is not None and self._has("actor") else None
            changes = {"lead_actor_id": lead_id, "private_finance": private}
            self._update("instrument", self._pick("instrument", n), changes)

        @precondition(lambda self: self._has("objective"))
        @rule(n=picks, refs=st.lists(picks, max_size=5))
        def update_objective(self, n, refs):
            ids = list(dict.fromkeys(self._pick("item", r) for r in refs)) if self._has("item") else []
            self._update("objective", self._pick("objective", n), {"instrument_ids": ids})

        @precondition(lambda self: self._has("instrument"))
        @rule(n=picks, bad=st.sampled_from([{"trl_min": 0}, {"trl_min": 10}, {"status": "dormant"},
                                            {"start_date": "2026-13-01"}]))
        def update_with_a_bad_value(self, n, bad):
            revision = self.store.revision
            with pytest.raises(ValidationError):
                self.store.update("instrument", self._pick("instrument", n), bad)
            assert self.store.revision == revision

        # ----- delete --------------------------------------------------------------------------
        def _delete(self, kind: str, n: int) -> None:
            id_ = self._pick(kind, n)
            self._edit(ops.delete(kind, [id_]), lambda model: _delete_in_model(model, kind, id_))

        @precondition(lambda self: self._has("item"))
        @rule(n=picks)
        def delete_item(self, n):
            self._delete("item", n)

        @precondition(lambda self: self._has("actor"))
        @rule(n=picks)
        def delete_actor(self, n):
            self._delete("actor", n)

        @precondition(lambda self: self._has("link"))
        @rule(n=picks)
        def delete_link(self, n):
            self._delete("link", n)

        @precondition(lambda self: self._has("objective"))
        @rule(n=picks)
        def delete_objective(self, n):
            self._delete("objective", n)

        # ----- undo, save, reopen ------------------------------------------------------------------
        @precondition(lambda self: bool(self.undo))
        @rule()
        def undo_last(self):
            step = self.undo.pop()
            _operation, inverse, before, state, _after, _state_after = step
            self.store.apply(inverse, initiator="undo", returns_to=state)
            self.model = copy.deepcopy(before)
            self.redo.append(step)

        @precondition(lambda self: bool(self.redo))
        @rule()
        def redo_last(self):
            operation, _inverse, before, state, after, state_after = self.redo.pop()
            done = self.store.apply(operation, initiator="redo", returns_to=state_after)
            self.model = copy.deepcopy(after)
            self.undo.append((operation, done.inverse, before, state, after, state_after))

        @precondition(lambda self: bool(self.undo))
        @rule()
        def undo_everything(self):
            while self.undo:
                self.undo_last()
            assert snapshot(self.store.load()) == self.first

        @rule()
        def save(self):
            if self.session.path is None:
                self.session.save_as(self.folder / "machine.iipw")
            else:
                self.session.save()
            assert not self.session.dirty
            self.saved = copy.deepcopy(self.model)

        @precondition(lambda self: self.saved is not None)
        @rule(save_first=st.booleans())
        def reopen(self, save_first):
            if save_first:
                self.save()
            path = self.session.path
            self.session.close()
            self.session = DocumentSession.open(path)
            self.model = copy.deepcopy(self.saved)  # closing without saving discards unsaved edits
            self.first = copy.deepcopy(self.saved)
            self.undo.clear()
            self.redo.clear()

        @invariant()
        def store_equals_model_and_a_fresh_reload(self):
            held = snapshot(self.store.load())
            assert held == self.model
            fresh = Store(self.store.path, read_only=True)
            try:
                assert snapshot(fresh.load()) == held
            finally:
                fresh.close()

        @invariant()
        def unmodified_means_as_saved(self):
            if self.saved is not None and not self.session.dirty:
                assert self.model == self.saved

        @invariant()
        def references_are_sound(self):
            model = self.model
            for values in model["link"].values():
                assert {values["source_id"], values["target_id"]} <= set(model["actor"])
            for id_, values in model["instrument"].items():
                assert id_ in model["item"]
                assert values["lead_actor_id"] is None or values["lead_actor_id"] in model["actor"]
            for values in model["objective"].values():
                assert set(values["instrument_ids"]) <= set(model["item"])

    run_state_machine_as_test(
        StoreMachine,
        settings=settings(
            max_examples=examples,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            database=None,
        ),
    )
