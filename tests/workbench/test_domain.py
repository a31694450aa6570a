"""Pure domain rules: validation messages, derived values, backup retention, deletion plans."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import pytest

from workbench.deletion import plan_deletion
from workbench.ecosystem.entities import Actor, Link
from workbench.entity import Entity
from workbench.errors import ValidationError, WorkbenchError
from workbench.kinds import KINDS, entity_type, entity_types
from workbench.money.entities import OptionFlow, SpendLine
from workbench.monitoring.entities import Measurement
from workbench.project import Project
from workbench.registers.entities import Evaluation, EvaluationQuestion, Experiment, Lesson, Objective
from workbench.retention import backups_to_keep
from workbench.spheres.entities import Sphere
from workbench.spheres.items import Instrument, Item
from workbench.theory_of_change.entities import TocLink
from workbench.value_chain.entities import Capability
from workbench.workshop.entities import Vote

# ----- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "field", "words"),
    [
        (lambda: Item.create(name="Grant", kind="subsidy"), "Kind", ["must be one of", "instrument", "'subsidy'"]),
        (lambda: Instrument.create(trl_min=10), "TRL from", ["at most 9", "10"]),
        (lambda: Instrument.create(trl_max=0), "TRL to", ["at least 1", "0"]),
        (lambda: Instrument.create(trl_min=2.5), "TRL from", ["whole number"]),
        (lambda: Instrument.create(trl_min=7, trl_max=3), "TRL from", ["(7)", "must not exceed", "TRL to", "(3)"]),
        (lambda: Instrument.create(mrl_min=8, mrl_max=4), "MRL from", ["must not exceed", "MRL to"]),
        (lambda: Item.create(name="Bad\x07bell"), "Name", ["control characters"]),
        (lambda: Item.create(name="Line one\nline two"), "Name", ["one line"]),
        (lambda: Item.create(name="Line one\rline two"), "Name", ["one line"]),
        (lambda: Instrument.create(start_date="31/03/2026"), "Start", ["date like", "31/03/2026"]),
        (lambda: Instrument.create(start_date="2026-02-30"), "Start", ["not a real date", "2026-02-30"]),
        (
            lambda: Instrument.create(start_date="2026-05-01", end_date="2026-01-01"),
            "Start",
            ["must not exceed", "End"],
        ),
        (lambda: Sphere.create(name="S", colour="red"), "Colour", ["colour like", "'red'"]),
        (lambda: Sphere.create(name="S", colour="#12345"), "Colour", ["colour like"]),
        (lambda: Item.create(name="X", bogus=1), "bogus", ["is not a known field"]),
        (lambda: Item.create(name=""), "Name", ["is required"]),
        (lambda: Item.create(name="   "), "Name", ["is required"]),
        (lambda: Item.create(name="x" * 201), "Name", ["too long", "201", "200"]),
        (lambda: Item.create(name="X", x="12"), "x", ["must be a number"]),
        (lambda: Item.create(name="X", x=float("nan")), "x", ["finite"]),
        (lambda: Item.create(name="X", outside_iip=1), "Outside IIP", ["yes or no"]),
        (lambda: Instrument.create(target_groups="sme"), "Target groups", ["must be a list"]),
        (lambda: Instrument.create(target_groups=["sme", "aliens"]), "Target groups", ["must be one of", "'aliens'"]),
        (lambda: Instrument.create(lead_actor_id="a\x00b"), "Lead actor", ["id of a actor"]),
        (lambda: Objective.create(statement="S", instrument_ids=[""]), "Linked instruments", ["id of a item"]),
        (lambda: Link.create(source_id="a", target_id="a"), "To", ["different actor"]),
        (lambda: Capability.create(name="C", current=6), "Current level (0-5)", ["at most 5"]),
    ],
)
def test_validation_names_the_entity_and_the_field(make, field, words):
    with pytest.raises(ValidationError) as info:
        make()
    err = info.value
    assert err.field == field
    assert field in err.message
    assert err.message.startswith(f"{err.entity}: ")
    for w in words:
        assert w in err.message, (w, err.message)


def test_validation_normalises_values():
    item = Item.create(name="Grant", x=3, y=-2)
    assert isinstance(item.x, float) and item.x == 3.0
    sphere = Sphere.create(name="S", colour="#ABCDEF")
    assert sphere.colour == "#abcdef"
    inst = Instrument.create(target_groups=("sme", "sme", "workers"), trl_min=3.0)
    assert inst.target_groups == ["sme", "workers"]
    assert inst.trl_min == 3 and isinstance(inst.trl_min, int)
    lesson = Lesson.create(lesson="L", applied_to_ids=["a", "b", "a"])
    assert lesson.applied_to_ids == ["a", "b"]
    assert Item.create(name="Grant", description="line 1\nline 2\ttab").description == "line 1\nline 2\ttab"
    assert Instrument.create(loss_rate=None, start_date="  ").start_date is None


def test_every_entity_kind_builds_with_its_defaults_except_required_text():
    for t in entity_types():
        specs = t.specs()
        values = {n: "x" for n, s in specs.items() if s.required and s.kind == "text"}
        if t is Link:
            values = {"source_id": "a", "target_id": "b"}
        if t is Vote:
            values = {"voter_id": "a", "note_id": "b"}
        if t is SpendLine:
            values = {"instrument_id": "a"}
        if t is OptionFlow:
            values = {"option_id": "a"}
        if t is TocLink:
            values = {"from_node_id": "a", "to_node_id": "b"}
        if t is Measurement:
            values = {"indicator_id": "a", "date": "2026-03-31"}
        if t is EvaluationQuestion:
            values = {"evaluation_id": "a", "question": "x"}
        e = t.create(**values)
        assert e.values()["id"] == e.id


def _subclasses(cls: type) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in {direct, *_subclasses(direct)}}


def test_the_kinds_registry_names_every_entity_class_under_its_own_kind():
    import workbench

    for info in pkgutil.walk_packages(workbench.__path__, "workbench."):
        importlib.import_module(info.name)
    declared = {t for t in _subclasses(Entity) if t.__module__.startswith("workbench.")}
    assert set(entity_types()) == declared
    assert [t.KIND for t in entity_types()] == list(KINDS)
    with pytest.raises(WorkbenchError, match="Unknown kind of entity: 'widget'"):
        entity_type("widget")


def test_changed_validates_and_leaves_the_original_alone():
    item = Item.create(name="Grant", x=1.0)
    moved = item.changed(x=5.0)
    assert moved.x == 5.0 and moved.id == item.id
    assert item.x == 1.0
    with pytest.raises(ValidationError, match="Name is required"):
        item.changed(name="")
    with pytest.raises(ValidationError, match="must be one of"):
        item.changed(kind="nonsense")
    with pytest.raises(ValidationError, match="colour is not a known field"):
        item.changed(colour="#000000")
    inst = Instrument.create(trl_min=2, trl_max=4)
    with pytest.raises(ValidationError, match=r"TRL from \(5\) must not exceed TRL to \(4\)"):
        inst.changed(trl_min=5)
    assert item.name == "Grant" and inst.trl_min == 2


def test_values_copies_lists():
    obj = Objective.create(statement="S", instrument_ids=["a"])
    values = obj.values()
    values["instrument_ids"].append("b")
    assert obj.instrument_ids == ["a"]


# ----- derived values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marking", "caveat", "text"),
    [
        ("official", "", "OFFICIAL"),
        ("official_sensitive", "", "OFFICIAL-SENSITIVE"),
        ("official_sensitive", "commercial", "OFFICIAL-SENSITIVE COMMERCIAL"),
        ("official_sensitive", " personal ", "OFFICIAL-SENSITIVE PERSONAL"),
        ("secret", "commercial", "SECRET"),  # a descriptor goes with OFFICIAL-SENSITIVE only
        ("top_secret", "", "TOP SECRET"),
    ],
)
def test_project_marking_text(marking, caveat, text):
    assert Project(marking=marking, caveat=caveat).marking_text == text  # as an old document may hold them


def test_project_defaults():
    p = Project.create()
    assert p.id == "project"
    assert p.title == "Untitled policy project"
    assert p.marking_text == "OFFICIAL"


@pytest.mark.parametrize(
    ("current", "required", "gap"),
    [(2, 4, 2), (0, 5, 5), (4, 4, 0), (5, 3, 0), (None, 3, None), (3, None, None), (None, None, None)],
)
def test_capability_gap(current, required, gap):
    assert Capability.create(name="Cell manufacturing", current=current, required=required).gap == gap


# ----- backup retention ----------------------------------------------------------------------


def _day(month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, month, day, hour)


def test_retention_of_40_daily_backups():
    # 1 Jan 2026 (a Thursday) to 9 Feb 2026, one backup a day at noon.
    stamps = [_day(1, 1) + dt.timedelta(days=i) for i in range(40)]
    keep = backups_to_keep(stamps)
    # Daily: the 12 newest days, 29 Jan .. 9 Feb.
    daily = {_day(1, 29), _day(1, 30), _day(1, 31)} | {_day(2, d) for d in range(1, 10)}
    # Weekly (ISO weeks, newest of each): 9 Feb, 8 Feb, 1 Feb (already daily) and the Sundays before.
    weekly = {_day(1, 25), _day(1, 18), _day(1, 11), _day(1, 4)}
    # Monthly: 9 Feb and 31 Jan, both already kept as dailies.
    assert keep == daily | weekly
    assert len(keep) == 16
    assert max(stamps) in keep


def test_retention_with_small_limits_by_hand():
    newest = dt.datetime(2026, 3, 10, 18)  # Tuesday, ISO week 11
    stamps = [
        dt.datetime(2026, 3, 10, 9),  # same day, older: dropped
        newest,
        dt.datetime(2026, 3, 9, 12),  # Monday, week 11: second daily
        dt.datetime(2026, 3, 2, 12),  # week 10: second weekly
        dt.datetime(2026, 2, 20, 12),  # February: second monthly
        dt.datetime(2026, 1, 15, 12),  # beyond every limit
        dt.datetime(2025, 12, 1, 12),  # beyond every limit
    ]
    keep = backups_to_keep(stamps, daily=2, weekly=2, monthly=2)
    assert keep == {newest, dt.datetime(2026, 3, 9, 12), dt.datetime(2026, 3, 2, 12), dt.datetime(2026, 2, 20, 12)}


def test_retention_keeps_the_newest_even_with_zero_limits():
    stamps = [_day(1, d) for d in (3, 1, 2)]
    assert backups_to_keep(stamps, daily=0, weekly=0, monthly=0) == {_day(1, 3)}
    assert backups_to_keep([]) == set()
    assert backups_to_keep([_day(5, 5)]) == {_day(5, 5)}


def test_retention_of_many_backups_a_day_keeps_one_per_day():
    stamps = [_day(4, d, h) for d in range(1, 6) for h in range(8, 18)]
    keep = backups_to_keep(stamps)
    assert keep == {_day(4, d, 17) for d in range(1, 6)}


def test_retention_over_two_years_respects_every_limit():
    stamps = [dt.datetime(2024, 1, 1, 12) + dt.timedelta(days=i) for i in range(730)]
    keep = backups_to_keep(stamps)
    newest = max(stamps)
    ordered = sorted(stamps, reverse=True)
    assert set(ordered[:12]) <= keep  # 12 daily
    # 10 weekly: the last day of each of the 10 newest ISO weeks.
    weeks: dict[tuple, dt.datetime] = {}
    for t in ordered:
        weeks.setdefault(t.isocalendar()[:2], t)
    assert set(list(weeks.values())[:10]) <= keep
    months: dict[tuple, dt.datetime] = {}
    for t in ordered:
        months.setdefault((t.year, t.month), t)
    assert set(list(months.values())[:9]) <= keep
    assert keep <= set(ordered[:12]) | set(list(weeks.values())[:10]) | set(list(months.values())[:9])
    assert newest in keep
    assert min(stamps) not in keep


# ----- deletion plans ------------------------------------------------------------------------


def _world() -> dict[str, list[Entity]]:
    a1 = Actor.create(id="a1", name="Ministry")
    a2 = Actor.create(id="a2", name="Agency")
    a3 = Actor.create(id="a3", name="University")
    i1 = Item.create(id="i1", name="Grant", kind="instrument")
    i2 = Item.create(id="i2", name="Loan", kind="programme")
    i3 = Item.create(id="i3", name="Institute", kind="institution")
    return {
        "actor": [a1, a2, a3],
        "item": [i1, i2, i3],
        "instrument": [Instrument.create(id="i1", lead_actor_id="a1"), Instrument.create(id="i2", lead_actor_id="a2")],
        "link": [
            Link.create(id="l1", source_id="a1", target_id="a2"),
            Link.create(id="l2", source_id="a3", target_id="a1"),
            Link.create(id="l3", source_id="a2", target_id="a3"),
        ],
        "objective": [
            Objective.create(id="o1", statement="Grow", instrument_ids=["i1", "i2"]),
            Objective.create(id="o2", statement="Other", instrument_ids=["i2"]),
        ],
        "experiment": [Experiment.create(id="x1", name="Pilot", instrument_id="i1")],
        "evaluation": [Evaluation.create(id="e1", name="Eval", subject_id="i2")],
    }


def _lookup(world):
    return lambda kind: list(world.get(kind, []))


def _ids(entities) -> set[tuple[str, str]]:
    return {(e.KIND, e.id) for e in entities}


def test_deleting_an_item_takes_its_instrument_and_clears_references():
    world = _world()
    plan = plan_deletion([("item", i) for i in ["i1"]], _lookup(world))
    assert _ids(plan.deleted) == {("item", "i1"), ("instrument", "i1")}
    after = {(a.KIND, a.id): a for _, a in plan.updated}
    before = {(b.KIND, b.id): b for b, _ in plan.updated}
    assert set(after) == {("objective", "o1"), ("experiment", "x1")}
    assert after[("objective", "o1")].instrument_ids == ["i2"]
    assert after[("experiment", "x1")].instrument_id is None
    # The before values are the untouched originals, for undo.
    assert before[("objective", "o1")].instrument_ids == ["i1", "i2"]
    assert before[("experiment", "x1")].instrument_id == "i1"


def test_deleting_an_actor_takes_its_links_and_clears_the_lead_actor():
    world = _world()
    plan = plan_deletion([("actor", i) for i in ["a1"]], _lookup(world))
    assert _ids(plan.deleted) == {("actor", "a1"), ("link", "l1"), ("link", "l2")}
    assert [(b.id, b.lead_actor_id, a.lead_actor_id) for b, a in plan.updated] == [("i1", "a1", None)]
    assert all(a.KIND == "instrument" for _, a in plan.updated)


def test_deleting_several_actors_does_not_update_links_that_go_too():
    world = _world()
    plan = plan_deletion([("actor", i) for i in ["a1", "a2"]], _lookup(world))
    assert _ids(plan.deleted) == {("actor", "a1"), ("actor", "a2"), ("link", "l1"), ("link", "l2"), ("link", "l3")}
    assert {(a.id, a.lead_actor_id) for _, a in plan.updated} == {("i1", None), ("i2", None)}


def test_deleting_an_item_nobody_refers_to():
    world = _world()
    plan = plan_deletion([("item", i) for i in ["i3"]], _lookup(world))
    assert _ids(plan.deleted) == {("item", "i3")}
    assert plan.updated == []


def test_deleting_unknown_ids_plans_nothing():
    plan = plan_deletion([("item", i) for i in ["nope"]], _lookup(_world()))
    assert plan.deleted == [] and plan.updated == []


def test_actors_and_links_chosen_together_are_one_plan_and_their_links_go_once():
    world = _world()
    plan = plan_deletion([("actor", "a1"), ("link", "l1"), ("link", "l3")], _lookup(world))
    assert _ids(plan.deleted) == {("actor", "a1"), ("link", "l1"), ("link", "l2"), ("link", "l3")}
    assert len(plan.deleted) == 4


@pytest.mark.parametrize("kind", ["project", "sphere"])
def test_the_project_and_the_spheres_cannot_be_deleted(kind):
    with pytest.raises(WorkbenchError, match="cannot be deleted"):
        plan_deletion([(kind, "x")], _lookup(_world()))


def test_deleting_two_items_updates_each_referrer_once():
    world = _world()
    plan = plan_deletion([("item", i) for i in ["i1", "i2"]], _lookup(world))
    assert _ids(plan.deleted) == {("item", "i1"), ("item", "i2"), ("instrument", "i1"), ("instrument", "i2")}
    updated = {(a.KIND, a.id): a for _, a in plan.updated}
    assert len(updated) == len(plan.updated)
    assert updated[("objective", "o1")].instrument_ids == []
    assert updated[("objective", "o2")].instrument_ids == []
    assert updated[("evaluation", "e1")].subject_id is None
    assert updated[("experiment", "x1")].instrument_id is None


def test_nouns_for_counts_use_the_right_plural():
    from workbench.registers.entities import Objective
    from workbench.value_chain.entities import Capability

    assert Capability.noun(1) == "1 capability"
    assert Capability.noun(6) == "6 capabilities"
    assert Objective.noun(0) == "0 objectives"
