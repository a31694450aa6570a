"""Value-chain analysis (workbench.value_chain.analysis) and stage spans (workbench.value_chain.spans)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.workbench.support import examples
from workbench.deletion import plan_deletion
from workbench.document import Document
from workbench.entity import Entity
from workbench.money.entities import SpendLine
from workbench.sample import sample_entities, starter_entities
from workbench.spheres.items import Instrument, Item
from workbench.value_chain.analysis import analyse_value_chain
from workbench.value_chain.entities import Capability, ValueChainStage, default_stages
from workbench.value_chain.readiness import scale
from workbench.value_chain.spans import kept_span, span_of
from workbench.value_chain.stage_order import inserted, moved, ordered, stage_index

# Every @given sets database=None: hypothesis writes nothing outside tmp_path.


def instrument(
    name: str, first: str | None, last: str | None, budget: float | None = None, **profile
) -> list[Entity]:
    """An instrument item, its profile and, when `budget` is given, one spend line of that much."""
    item = Item.create(id=f"i-{name}", name=name)
    spend = [] if budget is None else [SpendLine.create(instrument_id=item.id, year=2026, amount=budget)]
    return [item, Instrument.create(id=item.id, stage_from_id=first, stage_to_id=last, **profile), *spend]


def doc_with(*groups: list[Entity], stages: list[ValueChainStage] | None = None) -> Document:
    entities = [e for g in groups for e in g]
    return Document.of([*(default_stages() if stages is None else stages), *entities])


def stage_row(analysis, stage_id: str):
    return next(s for s in analysis.stages if s.stage.id == stage_id)


# ----- the sample -------------------------------------------------------------------------------


def test_sample_production_is_named_as_the_thin_prototype_to_production_gap():
    analysis = analyse_value_chain(Document.of(sample_entities()))
    assert stage_row(analysis, "stage-3").ids == ["item-gigafactory-loan"]
    assert analysis.valley.status == "thin"
    assert analysis.valley.stage_ids == ("stage-2", "stage-3")
    assert analysis.valley.bridging_ids == ()
    first = analysis.findings[0]
    assert first.kind == "prototype_to_production"
    assert "valley of death" in first.text and "Production has only 'Gigafactory first-of-a-kind loan'" in first.text
    assert "no instrument spans both ends" in first.text
    assert analysis.uncovered_stage_ids == []
    assert analysis.uncovered_trl == [] and analysis.uncovered_mrl == []


def test_sample_value_balance_is_stated_in_words():
    data = analyse_value_chain(Document.of(sample_entities())).as_json()
    assert "At Research, 4 instruments create value but none captures it." in data["value_balance"]["imbalances"]
    assert "At Production, one instrument captures value but none creates it." in data["value_balance"]["imbalances"]
    assert data["value_balance"]["text"].startswith("Of the net cost placed on the value chain, ")
    gaps = data["capability_gaps"]
    assert [g["gap"] for g in gaps] == sorted((g["gap"] for g in gaps), reverse=True)
    assert gaps[0]["id"] in ("cap-volume-manufacturing", "cap-production-skills")
    assert all(g["gap"] > 0 for g in gaps)


# ----- spans -------------------------------------------------------------------------------------


def test_a_reversed_pair_means_the_stages_between_them():
    forward = analyse_value_chain(doc_with(instrument("a", "stage-1", "stage-3")))
    backward = analyse_value_chain(doc_with(instrument("a", "stage-3", "stage-1")))
    assert forward.spans == backward.spans == {"i-a": (1, 3)}
    assert [s.count for s in forward.stages] == [s.count for s in backward.stages] == [0, 1, 1, 1, 0, 0, 0]


def test_one_end_alone_is_one_stage_and_no_end_is_not_placed():
    analysis = analyse_value_chain(doc_with(instrument("only-to", None, "stage-4"), instrument("nowhere", None, None)))
    assert analysis.spans == {"i-only-to": (4, 4)}
    assert analysis.not_placed == ["i-nowhere"]
    assert all("i-nowhere" not in s.ids for s in analysis.stages)
    finding = next(f for f in analysis.findings if f.kind == "not_placed")
    assert finding.text == "One instrument is not placed on the value chain: 'nowhere'."


def test_stages_are_read_by_position_not_by_id():
    stages = [ValueChainStage.create(id=f"s{n}", name=name, position=p) for n, (name, p) in
              enumerate([("Late", 9), ("Early", 1), ("Middle", 5)])]  # fmt: skip
    analysis = analyse_value_chain(doc_with(instrument("a", "s1", "s0"), stages=stages))
    assert [s.stage.name for s in analysis.stages] == ["Early", "Middle", "Late"]
    assert [s.count for s in analysis.stages] == [1, 1, 1]


# ----- stages, budget, readiness -----------------------------------------------------------------


def test_stages_without_instruments_are_flagged_in_words():
    analysis = analyse_value_chain(doc_with(instrument("a", "stage-0", "stage-2")))
    assert analysis.uncovered_stage_ids == ["stage-3", "stage-4", "stage-5", "stage-6"]
    texts = [f.text for f in analysis.findings if f.kind == "uncovered_stage"]
    assert texts[0] == "No instrument acts at Production."
    assert analysis.valley.status == "gap"
    assert "no instrument supports Production" in analysis.valley.text


def test_budget_is_shared_equally_across_the_span():
    analysis = analyse_value_chain(
        doc_with(instrument("a", "stage-0", "stage-3", budget=80.0), instrument("b", "stage-3", "stage-3"))
    )
    assert [round(s.budget, 6) for s in analysis.stages][:4] == [20.0, 20.0, 20.0, 20.0]
    assert stage_row(analysis, "stage-3").without_budget == 1


def test_uncovered_readiness_levels_are_listed_as_runs():
    analysis = analyse_value_chain(
        doc_with(
            instrument("a", "stage-0", "stage-0", trl_min=2, trl_max=4, mrl_min=3, mrl_max=3),
            instrument("b", "stage-1", "stage-1", trl_min=6, mrl_max=9),
            instrument("c", "stage-1", "stage-1"),
        )
    )
    assert analysis.uncovered_trl == [1, 5, 7, 8, 9]
    assert analysis.trl_counts == [0, 1, 1, 1, 0, 1, 0, 0, 0]
    assert analysis.uncovered_mrl == [1, 2, 4, 5, 6, 7, 8, 10]
    assert analysis.trl_not_given == ["i-c"]
    texts = {f.kind: f.text for f in analysis.findings}
    assert texts["uncovered_trl"] == "No instrument supports TRL 1, 5 and 7–9."
    assert texts["uncovered_mrl"] == "No instrument supports MRL 1–2, 4–8 and 10."


# ----- value creation and capture ---------------------------------------------------------------


def test_value_balance_counts_both_on_each_side():
    analysis = analyse_value_chain(
        doc_with(
            instrument("make", "stage-4", "stage-4", value_role="creation"),
            instrument("make2", "stage-4", "stage-4", value_role="creation"),
            instrument("keep", "stage-5", "stage-5", value_role="capture"),
            instrument("both", "stage-6", "stage-6", value_role="both"),
        )
    )
    scale_up, market, further = (stage_row(analysis, f"stage-{n}") for n in (4, 5, 6))
    assert (scale_up.lean, market.lean, further.lean) == ("creation", "capture", "balanced")
    assert (further.creating, further.capturing) == (1, 1)
    texts = [f.text for f in analysis.findings if f.kind == "value_imbalance"]
    assert texts == [
        "At Scale-up, 2 instruments create value but none captures it.",
        "At Market, one instrument captures value but none creates it.",
    ]


# ----- prototype to production ------------------------------------------------------------------


def test_prototype_to_production_is_found_by_name_when_default_ids_are_gone():
    stages = [ValueChainStage.create(id=f"x{n}", name=name, position=n)
              for n, name in enumerate(["Lab", "Pilot demonstrator", "Series production", "Sales"])]  # fmt: skip
    analysis = analyse_value_chain(doc_with(instrument("a", "x1", "x2"), instrument("b", "x1", "x2"), stages=stages))
    assert analysis.valley.status == "covered"
    assert analysis.valley.stage_ids == ("x1", "x2")
    assert analysis.valley.bridging_ids == ("i-a", "i-b")
    assert not any(f.kind == "prototype_to_production" for f in analysis.findings)


def test_a_renamed_default_stage_keeps_its_role():
    stages = default_stages()
    stages[3] = stages[3].changed(name="Manufacturing")
    analysis = analyse_value_chain(doc_with(stages=stages))
    assert analysis.valley.status == "gap" and "Manufacturing" in analysis.valley.text


def test_without_prototype_or_production_stages_the_gap_is_not_guessed():
    stages = [ValueChainStage.create(id="x", name="Everything", position=0)]
    analysis = analyse_value_chain(doc_with(stages=stages))
    assert analysis.valley.status == "not_found"
    assert not any(f.kind == "prototype_to_production" for f in analysis.findings)


# ----- capabilities ------------------------------------------------------------------------------


def test_capability_gaps_name_the_shortfall_and_the_missing_links():
    caps = [
        Capability.create(id="c1", name="Skills", current=1, required=4),
        Capability.create(id="c2", name="Met", current=4, required=3),
        Capability.create(id="c3", name="Unknown"),
    ]
    analysis = analyse_value_chain(doc_with(caps))
    data = analysis.as_json()["capability_gaps"]
    assert [c["id"] for c in data] == ["c1"]
    (finding,) = [f for f in analysis.findings if f.kind == "capability_gap"]
    assert finding.text == (
        "Capability 'Skills' is 3 levels short of what is required (current 1, required 4); "
        "no instrument is linked to it."
    )


def test_potential_below_required_is_a_finding_that_goes_once_the_potential_meets_it():
    short = Capability.create(id="c1", name="Skills", current=1, required=4, potential=3)
    (finding,) = [f for f in analyse_value_chain(doc_with([short])).findings if f.kind == "potential_below_required"]
    assert finding.ids == ("c1",)
    assert finding.text.startswith("Capability 'Skills' can reach at most level 3 at home but level 4 is required")
    for enough in (short.changed(potential=4), short.changed(potential=None)):
        assert not [f for f in analyse_value_chain(doc_with([enough])).findings if f.kind == "potential_below_required"]


def test_the_sample_flags_its_three_capabilities_whose_potential_is_below_required():
    data = analyse_value_chain(Document.of(sample_entities())).as_json()
    flagged = sorted(i for f in data["findings"] if f["kind"] == "potential_below_required" for i in f["ids"])
    assert flagged == ["cap-materials-supply", "cap-production-skills", "cap-volume-manufacturing"]
    assert {g["id"]: g["potential_below_required"] for g in data["capability_gaps"]}["cap-recycling"] is False


def test_the_capability_scale_anchors_every_level_from_0_to_5():
    anchors = scale("capability")
    assert [lv.level for lv in anchors.levels] == list(range(6))
    assert all(lv.name and lv.definition and lv.example for lv in anchors.levels)
    assert (Capability.specs()["current"].minimum, Capability.specs()["current"].maximum) == (0, anchors.top)
    for level in ("current", "required", "potential"):  # each level field's help gives every anchor
        assert "0: Absent." in Capability.specs()[level].help and "5: World-leading." in Capability.specs()[level].help


def test_a_capability_spans_the_stages_of_its_instruments():
    caps = [Capability.create(id="c1", name="Skills", instrument_ids=["i-a", "i-b"])]
    doc = doc_with(instrument("a", "stage-1", "stage-2"), instrument("b", "stage-4", None), caps)
    analysis = analyse_value_chain(doc)
    assert analysis.capabilities[0].span == (1, 4)


# ----- deleting a stage keeps spans meaningful ---------------------------------------------------


def _delete_stages(entities: list[Entity], ids: set[str]) -> dict[str, Instrument]:
    by_kind: dict[str, list[Entity]] = {}
    for e in entities:
        by_kind.setdefault(e.KIND, []).append(e)
    plan = plan_deletion([("stage", i) for i in ids], lambda kind: by_kind.get(kind, []))
    after = {e.id: e for e in by_kind["instrument"]}
    after.update({a.id: a for _b, a in plan.updated if isinstance(a, Instrument)})
    return after  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("deleted", "expected"),
    [
        ({"stage-4"}, ("stage-2", "stage-3")),  # the lost end moves inwards
        ({"stage-2"}, ("stage-3", "stage-4")),
        ({"stage-3"}, ("stage-2", "stage-4")),  # a middle stage: the ends stay
        ({"stage-2", "stage-4"}, ("stage-3", "stage-3")),
        ({"stage-2", "stage-3", "stage-4"}, (None, None)),  # nothing left: not placed
        ({"stage-6"}, ("stage-2", "stage-4")),  # outside the span: untouched
    ],
)
def test_deleting_a_stage_keeps_the_rest_of_the_span(deleted, expected):
    entities = [*starter_entities(), *instrument("a", "stage-2", "stage-4")]
    after = _delete_stages(entities, deleted)["i-a"]
    assert (after.stage_from_id, after.stage_to_id) == expected


def test_deleting_a_stage_keeps_a_reversed_span_reversed():
    entities = [*starter_entities(), *instrument("a", "stage-4", "stage-2")]
    after = _delete_stages(entities, {"stage-4"})["i-a"]
    assert (after.stage_from_id, after.stage_to_id) == ("stage-3", "stage-2")


# ----- properties ----------------------------------------------------------------------------------


@st.composite
def chains(draw):
    """Stages with any positions (ties too) and instruments with any ends, roles, budgets and ranges."""
    n = draw(st.integers(min_value=1, max_value=8))
    positions = draw(st.lists(st.integers(0, 12), min_size=n, max_size=n))
    stages = [ValueChainStage.create(id=f"s{k}", name=f"Stage {k}", position=p) for k, p in enumerate(positions)]
    ends = st.one_of(st.none(), st.sampled_from([s.id for s in stages]), st.just("gone-stage"))
    levels = st.one_of(st.none(), st.integers(1, 9))
    entities: list[Entity] = []
    for k in range(draw(st.integers(0, 12))):
        trl, mrl = _ascending(draw(levels), draw(levels)), _ascending(draw(levels), draw(levels))
        entities += instrument(
            f"n{k}",
            draw(ends),
            draw(ends),
            budget=draw(st.one_of(st.none(), st.floats(0, 1e6, allow_nan=False))),
            value_role=draw(st.sampled_from(["creation", "capture", "both"])),
            trl_min=trl[0],
            trl_max=trl[1],
            mrl_min=mrl[0],
            mrl_max=mrl[1],
        )
    return stages, entities


def _ascending(low: int | None, high: int | None) -> tuple[int | None, int | None]:
    return (high, low) if low is not None and high is not None and low > high else (low, high)


def _expected_stages(inst: Instrument, stages: list[ValueChainStage]) -> set[str]:
    """Independent reading of a span: stages whose sort key lies between those of the two ends."""
    key = {s.id: (s.position, s.name.casefold(), s.id) for s in stages}
    ends = [key[e] for e in (inst.stage_from_id, inst.stage_to_id) if e in key]
    if not ends:
        return set()
    return {s.id for s in stages if min(ends) <= key[s.id] <= max(ends)}


@settings(max_examples=examples(200), database=None)
@given(chains())
def test_coverage_agrees_with_an_independent_count(chain):
    stages, entities = chain
    analysis = analyse_value_chain(Document.of([*stages, *entities]))
    instruments = [e for e in entities if isinstance(e, Instrument)]
    for inst in instruments:
        expected = _expected_stages(inst, stages)
        assert {s.stage.id for s in analysis.stages if inst.id in s.ids} == expected
        assert (inst.id in analysis.not_placed) == (not expected)
    for row in analysis.stages:
        assert row.count == sum(r.count for r in row.roles.values())
        assert (row.stage.id in analysis.uncovered_stage_ids) == (row.count == 0)
    spent = {e.instrument_id: e.amount for e in entities if isinstance(e, SpendLine)}
    placed_budget = sum(spent.get(i.id, 0.0) for i in instruments if i.id in analysis.spans)
    assert math.isclose(sum(s.budget for s in analysis.stages), placed_budget, rel_tol=1e-9, abs_tol=1e-6)
    for top, counts, low_name, high_name in ((9, analysis.trl_counts, "trl_min", "trl_max"),
                                             (10, analysis.mrl_counts, "mrl_min", "mrl_max")):  # fmt: skip
        for level in range(1, top + 1):
            supporting = [i for i in instruments if _supports(i, low_name, high_name, level)]
            assert counts[level - 1] == len(supporting)
    assert analysis.as_json()["uncovered_trl"] == [n for n in range(1, 10) if not analysis.trl_counts[n - 1]]


def _supports(inst: Instrument, low_name: str, high_name: str, level: int) -> bool:
    low, high = getattr(inst, low_name), getattr(inst, high_name)
    if low is None and high is None:
        return False
    return (low if low is not None else high) <= level <= (high if high is not None else low)


@settings(max_examples=examples(200), database=None)
@given(chains(), st.data())
def test_reordering_stages_keeps_every_span_between_its_ends(chain, data):
    stages, entities = chain
    shuffled = data.draw(st.permutations(range(len(stages))))
    moved = [s.changed(position=p) for s, p in zip(stages, shuffled, strict=True)]
    analysis = analyse_value_chain(Document.of([*moved, *entities]))
    order = [s.stage.id for s in analysis.stages]
    for inst in (e for e in entities if isinstance(e, Instrument)):
        span = analysis.spans.get(inst.id)
        if span is None:
            continue
        ends = {order.index(e) for e in (inst.stage_from_id, inst.stage_to_id) if e in order}
        assert span == (min(ends), max(ends))  # the ends still bound the span, whichever came first


@settings(max_examples=examples(200), database=None)
@given(chains(), st.data())
def test_deleting_stages_removes_exactly_them_from_every_span(chain, data):
    stages, entities = chain
    gone = set(data.draw(st.sets(st.sampled_from([s.id for s in stages]))))
    instruments = [e for e in entities if isinstance(e, Instrument)]
    for inst in instruments:
        old = _expected_stages(inst, stages)
        new_inst = inst.changed(**kept_span(inst, gone, stages))
        remaining = [s for s in stages if s.id not in gone]
        assert _expected_stages(new_inst, remaining) == old - gone


def test_span_helpers_order_ties_by_name():
    stages = [ValueChainStage.create(id=k, name=k.upper(), position=0) for k in ("b", "a")]
    order = ordered(stages)
    assert [s.id for s in order] == ["a", "b"]
    assert span_of(Instrument.create(stage_from_id="b", stage_to_id="a"), stage_index(order)) == (0, 1)


@pytest.mark.parametrize(("key", "top"), [("trl", 9), ("mrl", 10)])
def test_readiness_scales_load_with_their_source(key, top):
    found = scale(key)
    assert found.top == top
    assert found.source
    assert [lv.level for lv in found.within(7, 5)] == [5, 6, 7]
    assert [lv.level for lv in found.within(None, 3)] == [3]
    assert found.within(None, None) == []


# ----- moving and inserting stages -----------------------------------------------------------------


def test_moving_a_stage_swaps_positions_with_its_neighbour_only():
    stages = default_stages()
    assert moved(stages, "stage-3", -1) == {"stage-3": 2, "stage-2": 3}
    assert moved(stages, "stage-0", -1) == {}  # already first


def test_inserting_at_the_end_moves_nothing_and_in_the_middle_moves_the_rest():
    stages = default_stages()
    assert inserted(stages, 7) == (7, {})
    position, shifted = inserted(stages, 5)
    assert position == 5 and shifted == {"stage-5": 6, "stage-6": 7}


@settings(max_examples=examples(200), database=None)
@given(st.lists(st.integers(0, 20), min_size=1, max_size=9), st.data())
def test_a_move_puts_the_stage_where_asked_and_keeps_the_others_in_order(positions, data):
    stages = [ValueChainStage.create(id=f"s{k}", name=f"S{k}", position=p) for k, p in enumerate(positions)]
    before = [s.id for s in ordered(stages)]
    stage_id = data.draw(st.sampled_from(before))
    offset = data.draw(st.integers(-10, 10))
    changes = moved(stages, stage_id, offset)
    after = [s.id for s in ordered([s.changed(position=changes.get(s.id, s.position)) for s in stages])]
    target = max(0, min(len(before) - 1, before.index(stage_id) + offset))
    assert after.index(stage_id) == target
    assert [i for i in after if i != stage_id] == [i for i in before if i != stage_id]
