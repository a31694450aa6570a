"""The money entities: spend lines go with their instrument, option costs and benefits with their option,
business as usual is always there, and bad values are refused in one sentence."""

from __future__ import annotations

import pytest

from workbench.deletion import plan_deletion
from workbench.document import Document
from workbench.entity import Entity
from workbench.errors import ValidationError, WorkbenchError
from workbench.money.entities import BAU_ID, Option, OptionFlow, SpendLine, business_as_usual
from workbench.project import Project
from workbench.registers.entities import Objective
from workbench.sample import sample_entities, starter_entities
from workbench.spheres.items import Instrument, Item


def _doc() -> Document:
    return Document.of(
        [
            Item.create(id="loan", name="Gigafactory loan"),
            Instrument.create(id="loan", budget_type="loan", loss_rate=0.15),
            SpendLine.create(id="s1", instrument_id="loan", year=2026, amount=180e6),
            SpendLine.create(id="s2", instrument_id="loan", year=2027, amount=120e6),
            Objective.create(id="jobs", statement="3,000 jobs in cell making"),
            business_as_usual(),
            Option.create(id="o1", name="Loan only", position=1, adds_ids=["loan"]),
            OptionFlow.create(id="c1", option_id="o1", budget_type="loan", year=2026, amount=300e6),
            OptionFlow.create(id="b1", option_id="o1", flow="benefit", budget_type=None, year=2030, amount=90e6,
                              objective_id="jobs"),
        ]
    )


def _plan(doc: Document, *refs: tuple[str, str]):
    return plan_deletion(refs, lambda kind: list(doc.entities[kind].values()))


def _ids(entities: list[Entity]) -> set[tuple[str, str]]:
    return {(e.KIND, e.id) for e in entities}


def test_deleting_an_instrument_item_takes_its_spend_lines_and_leaves_the_options_naming_it():
    plan = _plan(_doc(), ("item", "loan"))
    assert _ids(plan.deleted) == {("item", "loan"), ("instrument", "loan"), ("spend", "s1"), ("spend", "s2")}
    assert [(before.id, after.adds_ids) for before, after in plan.updated] == [("o1", [])]


def test_deleting_an_option_takes_its_costs_and_benefits_and_an_objective_leaves_its_benefits_unattached():
    assert _ids(_plan(_doc(), ("option", "o1")).deleted) == {("option", "o1"), ("option_flow", "c1"),
                                                              ("option_flow", "b1")}
    plan = _plan(_doc(), ("objective", "jobs"))
    assert [(after.id, after.objective_id) for _before, after in plan.updated] == [("b1", None)]


def test_business_as_usual_cannot_be_deleted_alone_or_among_others():
    for refs in ([("option", BAU_ID)], [("option", "o1"), ("option", BAU_ID)]):
        with pytest.raises(WorkbenchError) as refused:
            _plan(_doc(), *refs)
        assert refused.value.message == (
            "Business as usual is the option every other is compared with, so it cannot be deleted; edit it instead."
        )


def test_every_new_document_and_the_sample_have_business_as_usual_at_number_0():
    for entities in (starter_entities(), sample_entities()):
        [bau] = [e for e in entities if isinstance(e, Option) and e.position == 0]
        assert (bau.id, bau.name) == (BAU_ID, "Business as usual")


@pytest.mark.parametrize(
    ("option", "problem"),
    [
        (dict(id="o2", name="Another zero", position=0), "Option: Number is 0 for business as usual only"),
        (dict(id=BAU_ID, name="Business as usual", position=2), "Option: Number of business as usual is 0"),
        (dict(id=BAU_ID, name="Business as usual", position=0, adds_ids=["loan"]),
         "Option: Business as usual adds, changes and stops no instrument"),
        (dict(id="o2", name="Too hopeful", optimism_bias=2.5), "Option: Optimism bias must be at most 2, not 2.5"),
        (dict(id="o2", name="Leaky", leakage=1.2), "Option: Leakage must be at most 1, not 1.2"),
    ],
)
def test_an_option_that_breaks_a_rule_is_refused_in_one_sentence(option, problem):
    with pytest.raises(ValidationError) as refused:
        Option.create(**option)
    assert refused.value.message == problem


@pytest.mark.parametrize(
    ("flow", "problem"),
    [
        (dict(flow="cost", budget_type=None), "Budget type is required for a cost"),
        (dict(flow="benefit"), "Budget type is for costs only; clear it for a benefit"),
        (dict(flow="cost", objective_id="jobs"), "Outcome is for benefits only; clear it for a cost"),
        (dict(amount=-5.0), "Amount must be at least 0, not -5"),
        (dict(budget_type="gift"), "Budget type must be one of"),
    ],
)
def test_an_option_cost_or_benefit_that_breaks_a_rule_is_refused(flow, problem):
    with pytest.raises(ValidationError, match=problem):
        OptionFlow.create(option_id="o1", year=2026, **flow)


def test_a_loss_rate_over_100_percent_is_refused_in_words():
    with pytest.raises(ValidationError) as refused:
        Instrument.create(budget_type="loan", loss_rate=1.2)
    assert refused.value.message == "Instrument: Expected loss rate is at most 100% (1), not 120% (1.2)"
    assert Instrument.create(budget_type="loan", loss_rate=1.0).financial_transaction


def test_a_new_project_s_money_follows_its_country():
    uk = Project.for_country("United Kingdom")
    assert (uk.currency, uk.year_start_month, uk.major_threshold) == ("GBP", 4, 50e6)
    japan = Project.for_country("Japan", title="Cells")
    assert (japan.currency, japan.year_start_month, japan.major_threshold, japan.title) == ("JPY", 4, 7.5e9, "Cells")
    elsewhere = Project.for_country("Northland (fictional)")
    assert (elsewhere.currency, elsewhere.year_start_month) == ("EUR", 1)


def test_a_currency_not_on_the_list_is_refused_and_the_list_reads_by_name():
    with pytest.raises(ValidationError, match="Currency must be one of"):
        Project.create(currency="XYZ")
    choices = Project.specs()["currency"].choices
    assert choices is not None and choices("GBP").label == "GBP: Pound sterling"


def test_a_change_of_country_moves_only_the_money_settings_still_at_the_old_country_s_defaults():
    uk = Project.for_country("United Kingdom")
    assert uk.following_country("Korea") == {"currency": "KRW", "year_start_month": 1, "major_threshold": 70e9}
    chosen = uk.changed(currency="EUR", major_threshold=20e6)
    assert chosen.following_country("Korea") == {"year_start_month": 1}
    assert Project().following_country("Germany") == {}  # a new project is already in euros from January
