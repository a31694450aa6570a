"""Every computed checklist rule on a document that passes it and one that fails it, the vacuous case,
the rule registry against the TOML files, and scoring."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from tests.workbench.support import checklist_by_id
from workbench.checklists.answers import new_response
from workbench.checklists.model import CHECKLIST_IDS, Question, load_checklists
from workbench.checklists.report import checklist_report
from workbench.checklists.rules import RULES
from workbench.checklists.scoring import Score, State, evaluate, evaluate_question, overall
from workbench.document import Document
from workbench.registers.entities import Evaluation, Experiment, Lesson, Objective
from workbench.sample import sample_entities
from workbench.spheres.items import Instrument, Item

THRESHOLD = 50.0


def instrument(id_: str, budget: float | None = 10.0, end: str | None = "2030-12-31", **item) -> list:
    return [
        Item.create(id=id_, name=f"Instrument {id_}", **item),
        Instrument.create(id=id_, budget=budget, start_date="2025-01-01" if end else None, end_date=end),
    ]


def objective(id_: str, **values) -> Objective:
    defaults = dict(
        statement=f"Objective {id_}",
        indicator="GWh",
        target="20",
        owner="Ministry",
        deadline="2030-12-31",
        aim="both",
        instrument_ids=["i1"],
    )
    return Objective.create(id=id_, **{**defaults, **values})


def evaluation(id_: str, **values) -> Evaluation:
    defaults = dict(name=f"Evaluation {id_}", subject_id="i1", timing="long_term", independence="independent_agency")
    return Evaluation.create(id=id_, **{**defaults, **values})


def experiment(id_: str, **values) -> Experiment:
    defaults = dict(name=f"Experiment {id_}", hypothesis="h", decision_rule="scale if > 5%", instrument_id="i1")
    return Experiment.create(id=id_, **{**defaults, **values})


def lesson(id_: str, **values) -> Lesson:
    defaults = dict(
        lesson=f"Lesson {id_}", source_kind="other_country", knowledge_holder="Evaluation office", applied_to_ids=["i1"]
    )
    return Lesson.create(id=id_, **{**defaults, **values})


def doc(*groups) -> Document:
    entities = []
    for g in groups:
        entities += g if isinstance(g, list) else [g]
    return Document.of(entities)


# rule -> (a document that passes, a document that fails, the refs that fail)
CASES = {
    "objectives_have_indicator_and_target": (
        doc(instrument("i1"), objective("o1")),
        doc(instrument("i1"), objective("o1"), objective("o2", indicator=""), objective("o3", target=" ")),
        [("objective", "o2"), ("objective", "o3")],
    ),
    "objectives_have_owner": (
        doc(instrument("i1"), objective("o1")),
        doc(instrument("i1"), objective("o1"), objective("o2", owner="")),
        [("objective", "o2")],
    ),
    "objectives_have_deadline": (
        doc(instrument("i1"), objective("o1")),
        doc(instrument("i1"), objective("o1", deadline=None)),
        [("objective", "o1")],
    ),
    "objectives_cover_societal_and_economic": (
        doc(instrument("i1"), objective("o1", aim="economic"), objective("o2", aim="societal")),
        doc(instrument("i1"), objective("o1", aim="economic"), objective("o2", aim="economic")),
        [("objective", "o1"), ("objective", "o2")],
    ),
    "objectives_linked_to_instruments": (
        doc(instrument("i1"), instrument("out", outside_iip=True, kind="other"), objective("o1")),
        doc(instrument("i1"), instrument("i2"), objective("o1"), objective("o2", instrument_ids=[])),
        [("objective", "o2"), ("item", "i2")],
    ),
    "evaluation_has_ex_ante": (
        doc(instrument("i1"), evaluation("e1", timing="ex_ante"), evaluation("e2")),
        doc(instrument("i1"), evaluation("e1", timing="interim"), evaluation("e2")),
        [("evaluation", "e1"), ("evaluation", "e2")],
    ),
    "major_instruments_have_evaluation": (
        doc(instrument("i1", budget=THRESHOLD), instrument("small", budget=THRESHOLD - 1), evaluation("e1")),
        doc(instrument("i1", budget=THRESHOLD), instrument("big", budget=500.0), evaluation("e1", subject_id="big")),
        [("item", "i1")],
    ),
    "major_programmes_independent_evaluator": (
        doc(instrument("i1", budget=80.0), evaluation("e1", independence="in_house"), evaluation("e2")),
        doc(
            instrument("i1", budget=80.0),
            instrument("i2", budget=90.0),
            evaluation("e1", independence="in_house"),
            evaluation("e2", subject_id="i2", independence="external_contractor"),
        ),
        [("item", "i1")],
    ),
    "evaluation_runs_past_programme_end": (
        doc(
            instrument("i1", end="2028-12-31"),
            instrument("i2", end=None),
            evaluation("e1", timing="ex_post", planned_date="2029-06-30"),
            evaluation("e2", subject_id="i2", timing="long_term"),
            evaluation("e3", subject_id=None, timing="interim"),
        ),
        doc(
            instrument("i1", end="2028-12-31"),
            instrument("i2", end=None),
            evaluation("e1", timing="interim", planned_date="2027-01-01"),
            evaluation("e2", timing="ex_post", planned_date="2028-12-31"),
            evaluation("e3", subject_id="i2", timing="ex_post", planned_date="2040-01-01"),
        ),
        [("evaluation", "e1"), ("evaluation", "e2"), ("evaluation", "e3")],
    ),
    "evaluations_cover_dac_criteria": (
        doc(
            instrument("i1"),
            evaluation("e1", criteria=["relevance", "coherence", "effectiveness"]),
            evaluation("e2", criteria=["efficiency", "impact", "sustainability"]),
        ),
        doc(instrument("i1"), evaluation("e1", criteria=["relevance", "coherence", "effectiveness", "efficiency"])),
        [("evaluation", "e1")],
    ),
    "experiments_have_decision_rule": (
        doc(instrument("i1"), experiment("x1")),
        doc(instrument("i1"), experiment("x1"), experiment("x2", decision_rule="")),
        [("experiment", "x2")],
    ),
    "experiments_have_hypothesis": (
        doc(instrument("i1"), experiment("x1")),
        doc(instrument("i1"), experiment("x1", hypothesis="  ")),
        [("experiment", "x1")],
    ),
    "experiments_linked_to_instrument": (
        doc(instrument("i1"), experiment("x1")),
        doc(instrument("i1"), experiment("x1", instrument_id=None)),
        [("experiment", "x1")],
    ),
    "lessons_have_stable_owner": (
        doc(instrument("i1"), lesson("l1")),
        doc(instrument("i1"), lesson("l1", knowledge_holder=""), lesson("l2", holder_rotating=True), lesson("l3")),
        [("lesson", "l1"), ("lesson", "l2")],
    ),
    "lessons_from_other_countries": (
        doc(instrument("i1"), lesson("l1"), lesson("l2", source_kind="own_programme")),
        doc(instrument("i1"), lesson("l1", source_kind="own_programme")),
        [("lesson", "l1")],
    ),
    "lessons_applied": (
        doc(instrument("i1"), lesson("l1")),
        doc(instrument("i1"), lesson("l1"), lesson("l2", applied_to_ids=[])),
        [("lesson", "l2")],
    ),
}


def question_for(rule: str) -> Question:
    for checklist in load_checklists():
        for q in checklist.questions:
            if q.rule == rule:
                return q
    raise AssertionError(rule)


def test_every_rule_has_a_pass_and_fail_case():
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_passes(rule):
    passing, _failing, _refs = CASES[rule]
    result = evaluate_question(passing, question_for(rule))
    assert (result.state, result.failing, result.reason) == (State.PASSES, (), "")


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fails_naming_the_objects(rule):
    _passing, failing, refs = CASES[rule]
    result = evaluate_question(failing, question_for(rule))
    assert result.state == State.FAILS
    assert sorted(result.failing) == sorted(refs)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule_with_nothing_to_check_fails_with_a_reason(rule):
    result = evaluate_question(Document(), question_for(rule))
    assert result.state == State.FAILS
    assert result.failing == ()
    assert result.reason.startswith("No ")


def test_threshold_rules_pass_when_no_instrument_is_major():
    small = doc(instrument("i1", budget=THRESHOLD - 0.5), instrument("i2", budget=None))
    for rule in ("major_instruments_have_evaluation", "major_programmes_independent_evaluator"):
        assert evaluate_question(small, question_for(rule)).state == State.PASSES


def test_evaluations_naming_no_instrument_leave_nothing_to_judge_past_the_end():
    result = evaluate_question(
        doc(evaluation("e1", subject_id=None)), question_for("evaluation_runs_past_programme_end")
    )
    assert result.state == State.FAILS and "names the instrument" in result.reason


def test_collection_rules_say_what_is_missing():
    _passing, failing, _refs = CASES["evaluations_cover_dac_criteria"]
    assert evaluate_question(failing, question_for("evaluations_cover_dac_criteria")).reason == (
        "No evaluation covers: impact, sustainability."
    )
    _passing, failing, _refs = CASES["objectives_cover_societal_and_economic"]
    reason = evaluate_question(failing, question_for("objectives_cover_societal_and_economic")).reason
    assert reason == "No societal aim among the objectives."


def test_every_rule_explains_how_it_is_checked():
    assert {name: r.how for name, r in RULES.items() if len(r.how) < 30} == {}


# ----- the registry against the TOML files ------------------------------------------------------------------------


def _toml_rules() -> dict[str, float | None]:
    folder = resources.files("resources").joinpath("checklists")
    found = {}
    for cid in CHECKLIST_IDS:
        for q in tomllib.loads(folder.joinpath(f"{cid}.toml").read_text(encoding="utf-8"))["questions"]:
            if q["mode"] == "computed":
                found[q["rule"]] = q.get("threshold")
    return found


def test_every_toml_rule_is_implemented_and_every_implementation_is_used():
    assert set(_toml_rules()) == set(RULES)


def test_threshold_rules_match_the_toml_thresholds():
    assert {r for r, t in _toml_rules().items() if t is not None} == {r for r, v in RULES.items() if v.uses_threshold}


def test_loader_keeps_file_order_and_question_fields():
    checklists = load_checklists()
    assert tuple(c.id for c in checklists) == CHECKLIST_IDS
    q = checklist_by_id("evaluation").question("major_instruments_evaluated")
    assert (q.computed, q.rule, q.threshold) == (True, "major_instruments_have_evaluation", 50)


# ----- scoring ----------------------------------------------------------------------------------------------------


def test_scoring_counts_answers_and_leaves_out_not_applicable():
    roamef = checklist_by_id("roamef")
    answers = ["yes", "partly", "no", "na", None]
    responses = [new_response("roamef", q.id, a, note="n") for q, a in zip(roamef.questions, answers, strict=False)]
    result = evaluate(Document.of(responses), roamef)
    states = [q.state for q in result.questions]
    assert states == [State.YES, State.PARTLY, State.NO, State.NA, State.NOT_ANSWERED, State.NOT_ANSWERED]
    assert result.score == Score(1.5, 5)
    assert result.score.percent == 30
    assert result.not_answered == 2
    assert result.questions[0].note == "n"


def test_score_of_all_not_applicable_is_no_percent():
    roamef = checklist_by_id("roamef")
    result = evaluate(Document.of(new_response("roamef", q.id, "na") for q in roamef.questions), roamef)
    assert result.score == Score(0.0, 0) and result.score.percent is None


def test_computed_questions_score_one_when_passing():
    passing, failing, _refs = CASES["experiments_have_decision_rule"]
    experimentation = checklist_by_id("experimentation")
    assert evaluate(passing, experimentation).result("decision_rule_set").score == Score(1.0, 1)
    assert evaluate(failing, experimentation).result("decision_rule_set").score == Score(0.0, 1)


def test_overall_weighs_every_question_the_same():
    results = tuple(evaluate(Document(), c) for c in load_checklists())
    total = sum(len(c.questions) for c in load_checklists())
    assert overall(results) == Score(0.0, total)


def test_report_of_the_sample_names_its_deliberate_gaps():
    report = checklist_report(Document.of(sample_entities()))
    by_id = {c["id"]: {q["id"]: q for q in c["questions"]} for c in report["checklists"]}
    assert [f["id"] for f in by_id["objectives"]["indicator_and_target"]["failing"]] == ["obj-community-benefit"]
    assert [f["id"] for f in by_id["experimentation"]["decision_rule_set"]["failing"]] == ["exp-second-life-sandbox"]
    assert [f["id"] for f in by_id["learning"]["stable_owner"]["failing"]] == ["lesson-own-pilot-lines"]
    assert by_id["learning"]["stable_owner"]["failing"][0]["title"].startswith("Firms that proved")
    assert report["overall"]["possible"] == sum(c["score"]["possible"] for c in report["checklists"])
