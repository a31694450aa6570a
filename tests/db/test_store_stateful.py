"""A state machine of edits, undo, save and reopen: the store always equals a plain Python model."""

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

from db.session import DocumentSession
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


def test_store_state_machine(tmp_path):
    runs = itertools.count()

    class StoreMachine(RuleBasedStateMachine):
        @initialize()
        def start(self):
            self.folder = tmp_path / f"run{next(runs)}"
            self.folder.mkdir()
            self.session = DocumentSession.new()
            self.model: Model = snapshot(self.session.store.load())
            self.saved: Model | None = None
            self.undo: list[tuple[str, object, Model]] = []
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
            before = copy.deepcopy(self.model)
            self.store.create(entities)
            for e in entities:
                self.model[e.KIND][e.id] = e.values()
            self.undo.append(("create", ("item", id_), before))

        @rule(name=names, x=coords)
        def create_actor(self, name, x):
            actor = Actor.create(id=self._new_id("actor"), name=name, x=x, actor_type="agency")
            before = copy.deepcopy(self.model)
            self.store.create([actor])
            self.model["actor"][actor.id] = actor.values()
            self.undo.append(("create", ("actor", actor.id), before))

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
            before = copy.deepcopy(self.model)
            changes = self.store.create(entities)
            assert {c.kind for c in changes} == {e.KIND for e in entities}
            for e in entities:
                self.model[e.KIND][e.id] = e.values()
            self.undo.append(("create-many", [(e.KIND, e.id) for e in reversed(entities)], before))

        @rule(statement=names, refs=st.lists(picks, max_size=5))
        def create_objective(self, statement, refs):
            ids = [self._pick("item", r) for r in refs] if self._has("item") else []
            objective = Objective.create(id=self._new_id("objective"), statement=statement, instrument_ids=ids)
            before = copy.deepcopy(self.model)
            self.store.create([objective])
            self.model["objective"][objective.id] = objective.values()
            self.undo.append(("create", ("objective", objective.id), before))

        # ----- update --------------------------------------------------------------------------
        def _update(self, kind: str, id_: str, changes: dict) -> None:
            before = copy.deepcopy(self.model)
            old = {k: before[kind][id_][k] for k in changes}
            self.store.update(kind, id_, changes)
            self.model[kind][id_].update(copy.deepcopy(changes))
            self.undo.append(("update", (kind, id_, old), before))

        @precondition(lambda self: self._has("item"))
        @rule(n=picks, name=names, x=coords)
        def update_item(self, n, name, x):
            self._update("item", self._pick("item", n), {"name": name, "x": x})

        @precondition(lambda self: self._has("instrument"))
        @rule(n=picks, lead=st.one_of(st.none(), picks), budget=st.one_of(st.none(), st.floats(0, 1e9)))
        def update_instrument(self, n, lead, budget):
            lead_id = self._pick("actor", lead) if lead is not None and self._has("actor") else None
            self._update("instrument", self._pick("instrument", n), {"lead_actor_id": lead_id, "budget": budget})

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
            before = copy.deepcopy(self.model)
            plan, _changes = self.store.delete(kind, [id_])
            _delete_in_model(self.model, kind, id_)
            self.undo.append(("delete", plan, before))

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
            op, data, before = self.undo.pop()
            if op == "create":
                kind, id_ = data
                self.store.delete(kind, [id_])
            elif op == "create-many":
                for kind, id_ in data:
                    self.store.delete(kind, [id_])
            elif op == "update":
                kind, id_, old = data
                self.store.update(kind, id_, old)
            else:
                self.store.restore(data)
            self.model = before

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
            self.undo.clear()

        @invariant()
        def store_equals_model(self):
            assert snapshot(self.store.load()) == self.model

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
            max_examples=25,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            database=None,
        ),
    )
