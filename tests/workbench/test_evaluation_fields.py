"""An evaluation's Magenta Book fields: closed lists from the data file with their definitions, the
rule that an agreed response is written down, when an evaluation is overdue (at the date's edges), and
what deleting an evaluation or a link does to the questions."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.deletion import plan_deletion
from workbench.document import Document
from workbench.errors import ValidationError
from workbench.registers.entities import Evaluation, EvaluationQuestion
from workbench.registers.evaluation_choices import Design, EvaluationStatus, evaluation_choices
from workbench.registers.overdue import is_overdue
from workbench.theory_of_change.entities import TocLink, TocNode


def test_several_types_and_designs_are_kept_once_each_in_the_order_given():
    e = Evaluation.create(name="Review", types=["impact", "process", "impact"], designs=["process_tracing"])
    assert (e.types, e.designs, e.status) == (["impact", "process"], ["process_tracing"], "planned")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("types", ["outcome"], "Type must be one of process, impact, value_for_money, not 'outcome'"),
        ("designs", ["rct"], "Design must be one of experimental, quasi_experimental"),
        ("status", "done", "Status must be one of planned, in_progress, reported, response_agreed"),
        ("proportionality", ["cost"], "Why it warrants this scale must be one of spend, risk"),
        ("publication", "blog", "Publication must be one of publish_in_full, publish_summary, internal"),
        ("steering_group", "Board\nsecond line", "Steering group must fit on one line"),
    ],
)
def test_a_value_outside_its_list_is_refused_naming_the_field(field, value, message):
    with pytest.raises(ValidationError, match=message):
        Evaluation.create(name="Review", **{field: value})


def test_an_agreed_response_must_be_written_down():
    with pytest.raises(ValidationError, match="Management response is required once the response is agreed"):
        Evaluation.create(name="Review", status="response_agreed", management_response="  ")
    agreed = Evaluation.create(name="Review", status="response_agreed", management_response="Accepted in full.")
    with pytest.raises(ValidationError, match="Management response"):
        agreed.changed(management_response="")
    assert agreed.changed(status="reported", management_response="").status == "reported"


def test_a_question_needs_its_words_and_its_evaluation():
    with pytest.raises(ValidationError, match="Question is required"):
        EvaluationQuestion.create(evaluation_id="ev", question=" ")
    with pytest.raises(ValidationError, match="Evaluation is required"):
        EvaluationQuestion.create(question="Does it work?")


def test_every_choice_has_a_label_and_a_plain_definition_from_the_data_file():
    lists = evaluation_choices()
    assert set(lists) == {"status", "types", "designs", "proportionality", "publication"}
    assert all(d.label and d.definition.endswith((".", "?", ")")) for group in lists.values() for d in group.values())
    assert Design("contribution_analysis").label == "Contribution analysis"
    assert EvaluationStatus("response_agreed").definition.startswith("The report is delivered")


DUE = "2026-09-30"


@pytest.mark.parametrize(
    ("status", "today", "overdue"),
    [
        ("planned", dt.date(2026, 9, 29), False),
        ("planned", dt.date(2026, 9, 30), False),  # due today is not late yet
        ("planned", dt.date(2026, 10, 1), True),
        ("in_progress", dt.date(2026, 10, 1), True),
        ("reported", dt.date(2026, 10, 1), False),
        ("response_agreed", dt.date(2030, 1, 1), False),
    ],
)
def test_overdue_from_the_day_after_its_date_until_its_report_is_in(status, today, overdue):
    response = "Accepted." if status == "response_agreed" else ""
    e = Evaluation.create(name="Review", status=status, planned_date=DUE, management_response=response)
    assert is_overdue(e, today) is overdue


def test_an_undated_evaluation_is_never_overdue():
    assert not is_overdue(Evaluation.create(name="Review"), dt.date(2100, 1, 1))


def test_deleting_an_evaluation_takes_its_questions_and_deleting_a_link_leaves_the_question_without_it():
    entities = [
        Evaluation.create(id="ev", name="Review"),
        TocNode.create(id="out", result_type="output", title="Line built"),
        TocNode.create(id="oc", result_type="outcome", title="Cells made"),
        TocLink.create(id="l1", from_node_id="out", to_node_id="oc", assumption="Buyers sign"),
        TocLink.create(id="l2", from_node_id="out", to_node_id="oc", assumption="Prices fall"),
        EvaluationQuestion.create(id="q", evaluation_id="ev", question="Do buyers sign?", toc_link_ids=["l1", "l2"]),
    ]
    doc = Document.of(entities)

    def lookup(kind):
        return doc.entities[kind].values()

    gone = {(e.KIND, e.id) for e in plan_deletion([("evaluation", "ev")], lookup).deleted}
    assert gone == {("evaluation", "ev"), ("evaluation_question", "q")}
    plan = plan_deletion([("toc_link", "l1")], lookup)
    assert [(before.id, after.toc_link_ids) for before, after in plan.updated] == [("q", ["l2"])]
