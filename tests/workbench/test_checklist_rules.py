"""Every computed checklist rule on a document that passes it and one that fails it, the vacuous case,
the rule registry against the TOML files, and scoring."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from importlib import resources

import pytest

from tests.workbench.support import checklist_by_id
from workbench.checklists.answers import new_response
from workbench.checklists.model import CHECKLIST_IDS, Question, load_checklists
from workbench.checklists.report import checklist_report
from workbench.checklists.rules import RULES, dac_criteria_missing, deciding_evaluation
from workbench.checklists.scoring import Score, State, evaluate, evaluate_question, overall
from workbench.document import Document
from workbench.ecosystem.entities import Actor
from workbench.money.entities import SpendLine
from workbench.monitoring.entities import Indicator, Measurement
from workbench.project import Project
from workbench.registers.entities import DacCriterion, Evaluation, Experiment, Lesson, Objective
from workbench.sample import sample_entities
from workbench.spheres.items import Instrument, Item
from workbench.theory_of_change.entities import Rationale

THRESHOLD = 50e6  # a new project's major-programme threshold: 50 million of its currency


def instrument(
    id_: str,
    budget: float | None = 10e6,
    end: str | None = "2030-12-31",
    status: str = "active",
    groups: tuple[str, ...] = (),
    **item,
) -> list:
    """An instrument item with its profile (aimed at `groups`) and, when `budget` is given, one spend line."""
    spend = [] if budget is None else [SpendLine.create(id=f"{id_}-2025", instrument_id=id_, year=2025, amount=budget)]
    start = "2025-01-01" if end else None
    return [
        Item.create(id=id_, name=f"Instrument {id_}", **item),
        Instrument.create(id=id_, status=status, start_date=start, end_date=end, target_groups=list(groups)),
        *spend,
    ]


def objective(id_: str, measured: tuple[float | None, float | None] | None = (0.4, 20.0), **values) -> list:
    """An objective and, unless `measured` is None, an indicator of it with that (baseline, target)."""
    defaults = dict(
        statement=f"Objective {id_}",
        owner="Director, Industrial Strategy",
        deadline="2030-12-31",
        aim="both",
        instrument_ids=["i1"],
    )
    found = [Objective.create(id=id_, **{**defaults, **values})]
    if measured is not None:
        baseline, target = measured
        found.append(
            Indicator.create(
                id=f"ind-{id_}", name="GWh made", objective_id=id_, baseline_value=baseline, target_value=target
            )
        )
    return found


def indicator(id_: str, **values) -> Indicator:
    defaults = dict(name=f"Indicator {id_}", source="Plant returns", owner="Head of Batteries")
    return Indicator.create(id=id_, **{**defaults, **values})


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
    "objectives_have_indicator_baseline_and_target": (
        doc(instrument("i1"), objective("o1")),
        doc(
            instrument("i1"),
            objective("o1"),
            objective("o2", measured=None),
            objective("o3", measured=(0.4, None)),
            objective("o4", measured=(None, 20.0)),
            Indicator.create(id="loose", name="Jobs", baseline_value=1.0, target_value=2.0),  # measures no objective
        ),
        [("objective", "o2"), ("objective", "o3"), ("objective", "o4")],
    ),
    "objectives_have_owner": (
        doc(instrument("i1"), objective("o1"), objective("o2", owner="Head of Battery Programmes, Northland Agency")),
        doc(
            instrument("i1"),
            Actor.create(id="a1", name="Northland Innovation Agency"),
            objective("o1"),
            objective("o2", owner=""),
            objective("o3", owner="Northland Innovation Agency"),  # an actor on the map
            objective("o4", owner="Department for Business and Trade"),
            objective("o5", owner="Ministry of Industry"),
        ),
        [("objective", "o2"), ("objective", "o3"), ("objective", "o4"), ("objective", "o5")],
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
    "new_and_major_instruments_have_ex_ante": (
        doc(
            instrument("i1", status="planned"),
            instrument("big", budget=THRESHOLD),
            instrument("running"),  # neither new nor major: nothing asked
            evaluation("e1", timing="ex_ante"),
            evaluation("e2", subject_id="big", timing="ex_ante"),
        ),
        doc(
            instrument("i1", status="proposed"),
            instrument("big", budget=THRESHOLD),
            evaluation("e1", timing="interim"),
            evaluation("e2", subject_id="big", timing="ex_post"),
            evaluation("e3", subject_id=None, timing="ex_ante"),  # names no instrument: counts for none
        ),
        [("item", "i1"), ("item", "big")],
    ),
    "major_instruments_have_evaluation": (
        doc(instrument("i1", budget=THRESHOLD), instrument("small", budget=THRESHOLD - 1), evaluation("e1")),
        doc(instrument("i1", budget=THRESHOLD), instrument("big", budget=500e6), evaluation("e1", subject_id="big")),
        [("item", "i1")],
    ),
    "major_programmes_independent_evaluator": (
        doc(
            instrument("i1", budget=80e6),
            instrument("unevaluated", budget=80e6),  # listed by the planned-evaluation question only
            evaluation("e1", independence="independent_agency", planned_date="2026-01-31"),
            evaluation("e2", independence="in_house", planned_date="2030-01-31"),
        ),
        doc(
            instrument("i1", budget=80e6),
            instrument("i2", budget=90e6),
            # the in-house ex-ante informs the decision; an independent one in 2037 does not make up for it
            evaluation("e1", independence="in_house", planned_date="2025-02-28"),
            evaluation("e2", independence="independent_agency", planned_date="2037-06-30"),
            evaluation("e3", subject_id="i2", independence="external_contractor"),
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
    "major_programmes_cover_dac_criteria": (
        doc(
            instrument("i1", budget=THRESHOLD),
            instrument("small"),
            evaluation("e1", criteria=["relevance", "coherence", "effectiveness"]),
            evaluation("e2", criteria=["efficiency", "impact", "sustainability"]),
        ),
        doc(
            instrument("i1", budget=THRESHOLD),
            instrument("i2", budget=THRESHOLD),
            evaluation("e1", criteria=["relevance", "coherence", "effectiveness", "efficiency"]),
            # another programme's evaluation covers the rest: it does not count for i1
            evaluation("e2", subject_id="i2", criteria=[c.value for c in DacCriterion]),
        ),
        [("item", "i1")],
    ),
    "roamef_objectives": (
        doc(instrument("i1"), objective("o1")),
        doc(instrument("i1"), objective("o1", deadline=None), objective("o2", measured=(None, 20.0)), objective("o3")),
        [("objective", "o1"), ("objective", "o2")],
    ),
    "roamef_evaluation": (
        doc(
            instrument("i1"),
            # one evaluation of two types and one of the third cover all three between them
            evaluation("e1", types=["process", "impact"], planned_date="2027-01-01", budget=200_000.0),
            evaluation("e2", types=["value_for_money"], planned_date="2027-01-01", budget=200_000.0),
        ),
        doc(
            instrument("i1"),
            instrument("i2"),
            evaluation("e1", types=["process"], planned_date="2027-01-01", budget=200_000.0),
            evaluation("e2", types=["impact"], planned_date="2027-01-01", budget=200_000.0),
            evaluation("e3", types=["value_for_money"], planned_date="2027-01-01"),  # no budget
            evaluation("e4", subject_id="i2", types=["process"], planned_date="2027-01-01", budget=0.1),
        ),
        [("item", "i1"), ("item", "i2")],
    ),
    "roamef_rationale": (
        doc(instrument("i1"), Rationale.create(id="r1", statement="s", evidence="Survey 2025", instrument_ids=["i1"])),
        doc(
            instrument("i1"),
            instrument("i2"),
            instrument("i3"),
            Rationale.create(id="r1", statement="s", evidence="Survey 2025", instrument_ids=["i1"]),
            Rationale.create(id="r2", statement="s", evidence=" ", instrument_ids=["i2"]),  # no evidence
        ),
        [("item", "i2"), ("item", "i3"), ("rationale", "r2")],
    ),
    "roamef_monitoring": (
        doc(instrument("i1"), indicator("n1"), Measurement.create(indicator_id="n1", date="2025-06-30", value=1.0)),
        doc(
            instrument("i1"),
            indicator("n1"),
            indicator("n2", source=""),
            indicator("n3", owner="Ministry of Industry"),
            indicator("n4", owner=""),
            indicator("n5"),  # never measured
            *[Measurement.create(indicator_id=f"n{n}", date="2025-06-30", value=1.0) for n in range(1, 5)],
        ),
        [("indicator", "n2"), ("indicator", "n3"), ("indicator", "n4"), ("indicator", "n5")],
    ),
    "instruments_reach_smes": (
        doc(instrument("i1", groups=("sme", "universities")), instrument("i2")),
        doc(instrument("i1", groups=("large_firms",)), instrument("i2")),
        [("item", "i1"), ("item", "i2")],
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


def test_threshold_rules_pass_when_no_instrument_is_major_or_new():
    small = doc(instrument("i1", budget=THRESHOLD - 1), instrument("i2", budget=None))
    for rule in (r for r, v in RULES.items() if v.uses_threshold):
        assert evaluate_question(small, question_for(rule)).state == State.PASSES


def test_an_instrument_without_evaluation_is_one_gap_counted_once():
    unevaluated = doc(instrument("i1", budget=80e6), evaluation("other", subject_id=None))
    failing = [
        rule
        for rule in ("major_instruments_have_evaluation", "major_programmes_independent_evaluator",
                     "major_programmes_cover_dac_criteria")
        if evaluate_question(unevaluated, question_for(rule)).failing
    ]  # fmt: skip
    assert failing == ["major_instruments_have_evaluation"]


def test_the_deciding_evaluation_is_the_earliest_planned():
    dated = evaluation("late", planned_date="2037-06-30"), evaluation("soon", planned_date="2025-02-28")
    assert deciding_evaluation([*dated, evaluation("undated")]).id == "soon"
    assert deciding_evaluation([evaluation("undated")]).id == "undated"


def test_evaluations_naming_no_instrument_leave_nothing_to_judge_past_the_end():
    result = evaluate_question(
        doc(evaluation("e1", subject_id=None)), question_for("evaluation_runs_past_programme_end")
    )
    assert result.state == State.FAILS and "names the instrument" in result.reason


def test_the_dac_criteria_a_programme_misses_are_named_in_order():
    own = [evaluation("e1", criteria=["relevance", "coherence", "effectiveness", "efficiency"])]
    assert dac_criteria_missing(own) == ["impact", "sustainability"]


def test_collection_rules_say_what_is_missing():
    _passing, failing, _refs = CASES["objectives_cover_societal_and_economic"]
    reason = evaluate_question(failing, question_for("objectives_cover_societal_and_economic")).reason
    assert reason == "No societal aim among the objectives."


def test_every_rule_explains_how_it_is_checked():
    assert {name: r.how for name, r in RULES.items() if len(r.how) < 30} == {}


# ----- the registry against the TOML files ------------------------------------------------------------------------


def _toml_rules() -> dict[str, str]:
    """Each computed question's rule, with the question's text."""
    folder = resources.files("resources").joinpath("checklists")
    found = {}
    for cid in CHECKLIST_IDS:
        for q in tomllib.loads(folder.joinpath(f"{cid}.toml").read_text(encoding="utf-8"))["questions"]:
            if q["mode"] == "computed":
                found[q["rule"]] = q["text"]
    return found


def test_every_toml_rule_is_implemented_and_every_implementation_is_used():
    assert set(_toml_rules()) == set(RULES)


def test_the_questions_of_threshold_rules_and_only_they_show_the_threshold():
    shown = {r for r, text in _toml_rules().items() if "{threshold}" in text}
    assert shown == {r for r, v in RULES.items() if v.uses_threshold}


def test_a_question_shows_the_project_s_own_threshold_in_its_money():
    """A won project's major programme starts at ₩70bn, not at 50 'millions': a ₩1bn instrument is not major."""
    korea = Project.for_country("Korea", title="Batteries")
    assert (korea.currency, korea.major_threshold) == ("KRW", 70e9)
    small = doc(korea, instrument("i1", budget=1e9))
    result = evaluate_question(small, question_for("major_instruments_have_evaluation"))
    assert result.question.text == "Does every instrument with a budget of ₩70bn or more have an evaluation planned?"
    assert result.state == State.PASSES
    raised = doc(korea.changed(major_threshold=5e8), instrument("i1", budget=1e9))
    result = evaluate_question(raised, question_for("major_instruments_have_evaluation"))
    assert "₩500m or more" in result.question.text and result.failing == (("item", "i1"),)
    report = checklist_report(raised)
    [q] = [q for c in report["checklists"] for q in c["questions"] if q["id"] == "major_instruments_evaluated"]
    assert q["threshold"] == 5e8 and "₩500m" in q["text"]


def test_loader_keeps_file_order_and_question_fields():
    checklists = load_checklists()
    assert tuple(c.id for c in checklists) == CHECKLIST_IDS
    q = checklist_by_id("evaluation").question("major_instruments_evaluated")
    assert (q.computed, q.rule, q.uses_threshold) == (True, "major_instruments_have_evaluation", True)


# ----- scoring ----------------------------------------------------------------------------------------------------


def test_scoring_counts_answers_and_leaves_out_not_applicable():
    whole = checklist_by_id("context")  # SMEs are computed: on an empty document that question fails
    context = replace(whole, questions=whole.questions[:5])
    answers = {
        "international_context": "yes",
        "beyond_economics": "partly",
        "regional_or_national": "no",
        "sme_engagement": "yes",
        "policymaking_competencies": "na",
    }
    responses = [new_response("context", qid, a, note="n") for qid, a in answers.items()]
    result = evaluate(Document.of(responses), context)
    states = [q.state for q in result.questions]
    assert states == [State.YES, State.PARTLY, State.NO, State.FAILS, State.NA]
    assert result.score == Score(1.5, 4)  # a computed question ignores an answer given to it
    assert result.score.percent == 38
    assert result.questions[0].note == "n"
    unanswered = evaluate(Document.of(responses[:1]), context)
    assert unanswered.not_answered == 3 and unanswered.score == Score(1.0, 5)


def test_score_of_all_not_applicable_is_no_percent():
    roamef = checklist_by_id("roamef")
    answered = replace(roamef, questions=tuple(q for q in roamef.questions if not q.computed))
    result = evaluate(Document.of(new_response("roamef", q.id, "na") for q in answered.questions), answered)
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
    # an agency is not a person or role; the loan's decision rests on its in-house ex-ante appraisal
    # (its independent evaluation comes only in 2037)
    assert [f["id"] for f in by_id["objectives"]["named_owner"]["failing"]] == [
        "obj-regional-jobs",
        "obj-community-benefit",
    ]
    assert [f["id"] for f in by_id["evaluation"]["independent_evaluator"]["failing"]] == ["item-gigafactory-loan"]
    # no one owns the residents' trust indicator, an agency owns the jobs one, the concentration panel has not met
    assert sorted(f["id"] for f in by_id["roamef"]["monitoring"]["failing"]) == [
        "ind-community-trust",
        "ind-regional-jobs",
        "ind-supply-resilience",
    ]
    assert by_id["context"]["sme_engagement"]["failing"] == []
    assert by_id["learning"]["stable_owner"]["failing"][0]["title"].startswith("Firms that proved")
    assert report["overall"]["possible"] == sum(c["score"]["possible"] for c in report["checklists"])


def test_every_green_book_and_magenta_book_source_names_the_current_edition():
    editions = {
        "Green Book": "HM Treasury, The Green Book: Central Government Guidance on Appraisal and Evaluation (2022)",
        "Magenta Book": "HM Treasury, The Magenta Book: Central Government Guidance on Evaluation (2020)",
    }
    sources = [c.source for c in load_checklists()] + [q.source for c in load_checklists() for q in c.questions]
    cited = [(book, s) for s in sources for book in editions if book in s]
    assert {book for book, _s in cited} == set(editions)
    assert [s for book, s in cited if editions[book] not in s] == []
