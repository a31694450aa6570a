"""The theory of change's findings on small hand-built chains: each finding appears on a chain that has
the gap, and goes when the gap is closed; deleting an end takes its links; the failures are data."""

from __future__ import annotations

import pytest

from workbench.deletion import plan_deletion
from workbench.document import Document
from workbench.errors import ValidationError
from workbench.monitoring.entities import Indicator
from workbench.registers.entities import Evaluation, EvaluationQuestion, Objective
from workbench.registers.questions import evaluations_testing
from workbench.spheres.items import Item
from workbench.theory_of_change.analysis import analyse_theory_of_change
from workbench.theory_of_change.entities import Rationale, TocLink, TocNode
from workbench.theory_of_change.failures import FailureKind, described, failures


def chain(*extra, indicator: str = "Cells a year", evidence: str = "", tested: bool = True) -> list:
    """Grant -> pilot line built -> cells made at scale (objective 'Make cells') -> jobs."""
    objective = Objective.create(id="obj", statement="Make cells")
    evaluation = Evaluation.create(id="ev", name="Impact study")
    return [
        Item.create(id="grant", name="Pilot-line grant"),
        objective,
        evaluation,
        TocNode.create(id="out", result_type="output", title="Pilot line built"),
        TocNode.create(id="oc", result_type="outcome", title="Cells at scale", objective_id="obj", indicator=indicator),
        TocNode.create(id="imp", result_type="impact", title="Jobs in the region"),
        TocLink.create(id="a", from_item_id="grant", to_node_id="out"),
        TocLink.create(
            id="b",
            from_node_id="out",
            to_node_id="oc",
            assumption="Buyers sign offtakes",
            evidence=evidence,
        ),
        TocLink.create(id="c", from_node_id="oc", to_node_id="imp"),
        *([EvaluationQuestion.create(id="q", evaluation_id="ev", question="Do buyers sign?", toc_link_ids=["b"])]
          if tested else []),
        *extra,
    ]


def kinds(entities, appraised=()) -> list[str]:
    return [f.kind for f in analyse_theory_of_change(Document.of(entities), appraised).findings]


def test_a_complete_chain_has_no_finding():
    assert kinds(chain()) == []


def test_an_instrument_with_no_path_to_an_outcome_is_found_and_goes_once_linked():
    loose = Item.create(id="voucher", name="Innovation voucher")
    found = analyse_theory_of_change(Document.of(chain(loose))).findings
    assert [(f.kind, f.refs) for f in found] == [("instrument_reaches_no_outcome", (("item", "voucher"),))]
    assert "Innovation voucher" in found[0].text
    assert kinds(chain(loose, TocLink.create(from_item_id="voucher", to_node_id="out"))) == []


def test_an_instrument_reaching_only_an_output_still_reaches_no_outcome():
    entities = [e for e in chain() if e.id != "b"]  # the output no longer leads on
    assert "instrument_reaches_no_outcome" in kinds(entities)


def test_an_institution_is_not_an_instrument():
    assert kinds(chain(Item.create(name="Research council", kind="institution"))) == []


def test_an_outcome_without_indicator_is_found_and_goes_with_its_own_or_its_objectives():
    assert kinds(chain(indicator="")) == ["outcome_without_indicator"]
    objective_measured = Indicator.create(name="Cells made a year", objective_id="obj")
    assert kinds(chain(objective_measured, indicator="")) == []


def test_an_objective_no_path_reaches_is_found_and_goes_once_an_outcome_stands_for_it():
    other = Objective.create(id="exports", statement="Export batteries")
    found = analyse_theory_of_change(Document.of(chain(other))).findings
    assert [(f.kind, f.refs) for f in found] == [("objective_not_reached", (("objective", "exports"),))]
    reached = chain(
        other,
        TocNode.create(id="ex", result_type="impact", title="Exports", objective_id="exports"),
        TocLink.create(from_node_id="oc", to_node_id="ex"),
    )
    assert kinds(reached) == []


def test_an_outcome_standing_for_an_objective_but_unreached_does_not_serve_it():
    entities = [e for e in chain() if e.id != "a"]  # the grant no longer leads anywhere
    assert set(kinds(entities)) == {"instrument_reaches_no_outcome", "objective_not_reached"}


def test_an_assumption_no_evaluation_tests_is_found_and_goes_once_one_does():
    found = analyse_theory_of_change(Document.of(chain(tested=False))).findings
    assert [(f.kind, f.refs) for f in found] == [("assumption_untested", (("toc_link", "b"),))]
    assert "Buyers sign offtakes" in found[0].text
    assert kinds(chain(tested=True)) == []


def test_an_evaluation_that_no_longer_exists_tests_nothing():
    entities = [e for e in chain() if e.id != "ev"]
    assert kinds(entities) == ["assumption_untested"]


def test_a_question_of_the_evaluation_decides_what_it_tests():
    """The questions are the one record of what is tested: a question on another link leaves this one
    untested; a second question on it counts its evaluation once."""
    elsewhere = [e.changed(toc_link_ids=["c"]) if e.id == "q" else e for e in chain()]
    assert kinds(elsewhere) == ["assumption_untested"]
    again = EvaluationQuestion.create(evaluation_id="ev", question="At what price?", toc_link_ids=["b", "c"])
    assert evaluations_testing(Document.of(chain(again))) == {"b": ["ev"], "c": ["ev"]}


def test_an_appraised_outcome_without_evidence_is_found_and_goes_with_evidence():
    assert kinds(chain(), appraised={"obj"}) == ["appraised_outcome_without_evidence"]
    assert kinds(chain(evidence="Three offtake letters (2025)"), appraised={"obj"}) == []
    assert kinds(chain(), appraised={"another"}) == []


def test_findings_are_plain_json():
    data = analyse_theory_of_change(Document.of(chain(indicator="")), ()).as_json()
    assert data["results"] == {"output": 1, "outcome": 1, "impact": 1}
    assert data["findings"][0]["refs"] == [["toc_node", "oc"]]


def test_a_link_starts_at_one_instrument_or_one_result_and_does_not_loop():
    with pytest.raises(ValidationError, match="Start must be one instrument or one result"):
        TocLink.create(from_item_id="grant", from_node_id="out", to_node_id="oc")
    with pytest.raises(ValidationError, match="Start must be one instrument or one result"):
        TocLink.create(to_node_id="oc")
    with pytest.raises(ValidationError, match="must differ"):
        TocLink.create(from_node_id="oc", to_node_id="oc")


def test_deleting_an_instrument_or_a_result_takes_its_links():
    doc = Document.of(chain())

    def lookup(kind):
        return doc.entities[kind].values()

    gone = {(e.KIND, e.id) for e in plan_deletion([("item", "grant")], lookup).deleted}
    assert gone == {("item", "grant"), ("toc_link", "a")}
    gone = {(e.KIND, e.id) for e in plan_deletion([("toc_node", "oc")], lookup).deleted}
    assert gone == {("toc_node", "oc"), ("toc_link", "b"), ("toc_link", "c")}


def test_the_failures_are_the_closed_list_with_plain_definitions():
    assert list(failures()) == [
        "externalities",
        "information",
        "coordination",
        "market_power",
        "capability",
        "network",
        "institutional",
        "directionality",
    ]
    assert [f.value for f in FailureKind] == list(failures())
    assert described("coordination").startswith("Coordination (market failure): ")
    assert {f.group for f in failures().values()} == {"market", "system"}
    with pytest.raises(ValidationError, match="Failure addressed must be one of"):
        Rationale.create(failure="bad luck", statement="x")


def test_findings_come_most_pressing_first():
    loose = Item.create(id="voucher", name="Innovation voucher")
    other = Objective.create(id="exports", statement="Export batteries")
    assert kinds(chain(loose, other, tested=False)) == [
        "objective_not_reached",
        "assumption_untested",
        "instrument_reaches_no_outcome",
    ]


def test_the_sample_has_an_example_of_each_finding_but_the_appraisals():
    from workbench.sample import sample_entities

    found = set(kinds(sample_entities()))
    assert found == {
        "objective_not_reached",
        "outcome_without_indicator",
        "assumption_untested",
        "instrument_reaches_no_outcome",
    }


def test_by_default_the_appraised_objectives_are_those_an_option_flow_names():
    from types import SimpleNamespace

    doc = Document.of(chain())
    assert analyse_theory_of_change(doc).findings == []  # no money model: nothing is appraised
    doc.entities["option_flow"] = {"f": SimpleNamespace(id="f", objective_id="obj")}  # as the money model files it
    assert [f.kind for f in analyse_theory_of_change(doc).findings] == ["appraised_outcome_without_evidence"]
