"""A document's money and options: totals per budget type and year, each option appraised against
business as usual from its yearly costs and benefits, the gaps it would close, and bad figures named.

Expected figures are worked by hand in the comments beside them (amounts in millions, m).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.workbench.support import examples
from workbench.analysis import analyse
from workbench.document import Document
from workbench.entity import Entity
from workbench.errors import WorkbenchError
from workbench.money.budget import MixedBudgetTypes, budget_types
from workbench.money.entities import BAU_ID, Option, OptionFlow, SpendLine, business_as_usual
from workbench.options.appraisal import appraise_options, bcr_text
from workbench.options.spending import document_money
from workbench.options.table import comparison_lines
from workbench.project import Project
from workbench.registers.entities import Objective
from workbench.sample import sample_entities
from workbench.spheres.items import Instrument, Item
from workbench.value_chain.entities import default_stages

M = 1e6
BASE = 2026


def instrument(id_: str, budget_type: str, loss_rate: float | None = None, spend: dict[int, float] | None = None,
               stages: tuple[str, str] | None = None) -> list[Entity]:
    first, last = stages or (None, None)
    return [
        Item.create(id=id_, name=id_.capitalize()),
        Instrument.create(id=id_, budget_type=budget_type, loss_rate=loss_rate, stage_from_id=first, stage_to_id=last),
        *(SpendLine.create(instrument_id=id_, year=y, amount=a * M) for y, a in (spend or {}).items()),
    ]


def cost(option: str, year: int, amount: float, budget_type: str = "grant") -> OptionFlow:
    return OptionFlow.create(option_id=option, budget_type=budget_type, year=year, amount=amount * M)


def benefit(option: str, year: int, amount: float, objective: str | None = None) -> OptionFlow:
    return OptionFlow.create(option_id=option, flow="benefit", budget_type=None, year=year, amount=amount * M,
                             objective_id=objective)


def document(*groups: Entity | list[Entity]) -> Document:
    entities: list[Entity] = [Project.create(base_year=BASE, currency="GBP"), business_as_usual()]
    for g in groups:
        entities += g if isinstance(g, list) else [g]
    return Document.of(entities)


def result(doc: Document, option_id: str):
    return next(r for r in appraise_options(doc).results if r.option.id == option_id)


# ----- the document's money ---------------------------------------------------------------------------------------


def test_money_is_totalled_per_type_and_year_and_only_the_net_cost_brings_types_together():
    doc = document(
        instrument("grant", "grant", spend={2026: 10, 2027: 5}),
        instrument("loan", "loan", loss_rate=0.2, spend={2026: 100}),
        instrument("rules", "regulation"),
    )
    money = document_money(doc)
    assert money.totals.by_type == {"grant": {2026: 10 * M, 2027: 5 * M}, "loan": {2026: 100 * M}}
    # net cost: the grant in full, the loan by its expected loss: 2026: 10 + 100 x 0.2 = 30; 2027: 5
    assert money.net_cost == {2026: pytest.approx(30 * M), 2027: pytest.approx(5 * M)}
    out = money.as_json()
    assert set(out["by_type"]) == {"grant", "loan"} and "total" not in out  # no sum across types
    assert out["by_type"]["loan"] == {"label": "Loan", "total": 100 * M, "years": {"2026": 100 * M}}
    assert out["net_cost"]["total"] == pytest.approx(35 * M) and "expected loss" in out["net_cost"]["definition"]


def test_adding_money_of_two_types_is_refused():
    money = document_money(document(instrument("grant", "grant", spend={2026: 10}),
                                    instrument("loan", "loan", 0.1, {2026: 5})))
    with pytest.raises(MixedBudgetTypes):
        money.totals.amount("grant") + money.totals.amount("loan")


def test_the_net_cost_names_the_instruments_whose_loss_rate_is_missing():
    money = document_money(document(instrument("loan", "loan", spend={2026: 100})))
    assert money.net_cost is None and money.missing_loss_rates == ("Loan",)


def test_the_sample_s_mix_is_never_one_sum():
    """The sample's "EUR 1.5 billion" mixed a €420m loan, €250m of equity, €35m of tax credit and €150m of
    procurement with the grants."""
    money = document_money(Document.of(sample_entities()))
    totals = {key: money.totals.total(key) for key in money.totals.types()}
    assert {k: totals[k] for k in ("loan", "equity", "tax_relief", "procurement")} == {
        "loan": 420 * M, "equity": 250 * M, "tax_relief": 35 * M, "procurement": 150 * M
    }
    assert set(totals) <= set(budget_types())


# ----- each option against business as usual -------------------------------------------------------------------


def test_an_option_s_figures_by_hand():
    """Option 1: a grant of 100 in 2026 and 100 in 2027, a gross benefit of 300 in 2028, optimism bias 20%,
    deadweight 50%, 1,000 jobs; business as usual has nothing.
    PV costs    = (100 + 100 / 1.035) x 1.2          = (100 + 96.6184) x 1.2 = 235.9420
    PV benefits = 300 / 1.035^2 x (1 - 0.5)          = 280.0532 x 0.5        = 140.0266
    NPSV        = 140.0266 - 235.9420                                         = -95.9155
    BCR         = 140.0266 / 235.9420                                         = 0.5935
    switching   = -95.9155 / 140.0266 (benefits must rise 68.5%)              = -0.6850
    cost a job  = 235.9420 m / 1,000                                          = 235,942"""
    doc = document(
        Option.create(id="o1", name="Grant", position=1, optimism_bias=0.2, deadweight=0.5, outcome="jobs",
                      outcome_units=1000),
        cost("o1", 2026, 100), cost("o1", 2027, 100), benefit("o1", 2028, 300),
    )
    r = result(doc, "o1").central
    assert r.pv_costs == pytest.approx(235.9420 * M, rel=1e-6)
    assert r.pv_benefits == pytest.approx(140.0266 * M, rel=1e-6)
    assert r.npsv == pytest.approx(-95.9155 * M, rel=1e-5)
    assert r.bcr == pytest.approx(0.5935, abs=1e-4)
    assert r.switching_value == pytest.approx(-0.6850, abs=1e-4)
    assert r.cost_per_unit == pytest.approx(235_942, rel=1e-5)


def test_costs_and_benefits_are_counted_over_and_above_business_as_usual():
    """BAU spends 50 in 2026 and gains 60 in 2026; the option spends 80 and gains 150 in 2026.
    PV costs = 80 - 50 = 30; PV benefits = 150 - 60 = 90; NPSV = 60; BCR = 3."""
    doc = document(
        cost(BAU_ID, 2026, 50), benefit(BAU_ID, 2026, 60),
        Option.create(id="o1", name="More", position=1), cost("o1", 2026, 80), benefit("o1", 2026, 150),
    )
    r = result(doc, "o1").central
    assert (r.pv_costs, r.pv_benefits, r.npsv, r.bcr) == pytest.approx((30 * M, 90 * M, 60 * M, 3.0))


def test_a_loan_costs_its_expected_loss_at_the_rate_of_the_loan_instruments_the_option_adds():
    """Option 1 lends 200 in 2026 and adds a loan instrument with a 10% loss rate: PV costs 200 x 0.1 = 20.
    Option 2 lends 200 and adds no loan: the document's loans' rates, weighted by their money:
    (300 x 0.1 + 100 x 0.5) / 400 = 0.2, so PV costs 40."""
    doc = document(
        instrument("new-loan", "loan", 0.1, {2026: 300}),
        instrument("old-loan", "loan", 0.5, {2026: 100}),
        Option.create(id="o1", name="New loan", position=1, adds_ids=["new-loan"]), cost("o1", 2026, 200, "loan"),
        Option.create(id="o2", name="Any loan", position=2), cost("o2", 2026, 200, "loan"),
    )
    assert result(doc, "o1").central.pv_costs == pytest.approx(20 * M)
    assert result(doc, "o2").central.pv_costs == pytest.approx(40 * M)


def test_business_as_usual_has_no_benefit_cost_ratio_and_says_so():
    r = result(document(), BAU_ID)
    assert (r.central.pv_costs, r.central.npsv, r.central.bcr) == (0.0, 0.0, None)
    assert bcr_text(r) == "undefined (the counterfactual)"
    table = comparison_lines(appraise_options(document()))
    assert "undefined (the counterfactual)" in table[2]


def test_each_option_has_every_sensitivity_case():
    doc = document(Option.create(id="o1", name="A", position=1, deadweight=0.4), cost("o1", 2026, 10),
                   benefit("o1", 2027, 30))
    cases = result(doc, "o1").cases
    assert list(cases) == ["central", "costs +20%", "costs -20%", "benefits +20%", "benefits -20%",
                           "additionality low", "additionality high"]
    # additionality low scales the deadweight by 1.5 (0.6), high by 0.5 (0.2): benefits x 0.4 and x 0.8 of gross
    gross = 30 * M / 1.035
    assert cases["additionality low"].pv_benefits == pytest.approx(gross * 0.4)
    assert cases["additionality high"].pv_benefits == pytest.approx(gross * 0.8)
    assert cases["costs +20%"].pv_costs == pytest.approx(12 * M)


@pytest.mark.parametrize(
    ("flows", "message"),
    [
        ([cost("o1", 2025, 10)],
         "The cost of option 1 (Pilot) in 2025 is before the base year 2026; move the base year back or the figure "
         "on."),
        ([benefit("o1", 2024, 10)],
         "The benefit of option 1 (Pilot) in 2024 is before the base year 2026; move the base year back or the figure "
         "on."),
        ([cost("o1", 2026, 10, "equity")],
         "Option 1 (Pilot) has equity costs but no equity instrument gives an expected loss rate; set one on the "
         "instrument it adds."),
    ],
)
def test_a_figure_the_appraisal_cannot_take_is_named_in_one_sentence(flows, message):
    doc = document(Option.create(id="o1", name="Pilot", position=1), *flows)
    with pytest.raises(WorkbenchError) as refused:
        appraise_options(doc)
    assert refused.value.message == message
    assert analyse(doc)["appraisal"] == {"error": message}  # the other analyses still stand


def test_negative_costs_and_loss_rates_over_100_percent_never_reach_the_appraisal():
    with pytest.raises(WorkbenchError, match="Amount must be at least 0, not -5e"):
        cost("o1", 2026, -5)
    with pytest.raises(WorkbenchError, match="Expected loss rate is at most 100%"):
        Instrument.create(budget_type="guarantee", loss_rate=1.5)


# ----- coverage as if adopted ---------------------------------------------------------------------------------------


def test_each_option_is_compared_on_the_gaps_it_closes_and_opens():
    """Business as usual: the instruments no option adds. Option 1 adds one at Production (closing that
    stage's gap); option 2 stops the one at Research (opening a gap there)."""
    stages = default_stages()
    doc = document(
        stages,
        instrument("research", "grant", stages=("stage-0", "stage-0")),
        instrument("production", "grant", stages=("stage-3", "stage-3")),
        Option.create(id="o1", name="Add production", position=1, adds_ids=["production"]),
        Option.create(id="o2", name="Stop research", position=2, stops_ids=["research"]),
    )
    names = {s.id: s.name for s in stages}
    one, two = result(doc, "o1"), result(doc, "o2")
    assert f"No instrument acts at {names['stage-3']}." in one.gaps_closed and one.gaps_opened == ()
    assert two.gaps_opened == (f"No instrument acts at {names['stage-0']}.",)
    assert result(doc, BAU_ID).gaps_closed == ()


# ----- properties -------------------------------------------------------------------------------------------------

years = st.dictionaries(st.integers(BASE, BASE + 40), st.floats(0, 1e3, allow_nan=False), min_size=1, max_size=12)


def _option_doc(costs: dict[int, float], benefits: dict[int, float], order: int = 0) -> Document:
    flows = [cost("o1", y, a) for y, a in costs.items()] + [benefit("o1", y, a) for y, a in benefits.items()]
    random.Random(order).shuffle(flows)
    return document(Option.create(id="o1", name="A", position=1, optimism_bias=0.1, leakage=0.2), *flows)


@settings(max_examples=examples(100), deadline=None)
@given(costs=years, benefits=years, extra=st.floats(0.01, 1e3))
def test_npsv_falls_when_an_option_s_costs_rise(costs, benefits, extra):
    before = result(_option_doc(costs, benefits), "o1").central.npsv
    year = min(costs)
    more = {**costs, year: costs[year] + extra}
    assert result(_option_doc(more, benefits), "o1").central.npsv < before


@settings(max_examples=examples(100), deadline=None)
@given(costs=years, benefits=years, order=st.integers(0, 1000))
def test_the_order_of_the_yearly_figures_never_changes_the_present_values(costs, benefits, order):
    a = result(_option_doc(costs, benefits), "o1").central
    b = result(_option_doc(costs, benefits, order), "o1").central
    assert (b.pv_costs, b.pv_benefits) == pytest.approx((a.pv_costs, a.pv_benefits))


# ----- the sample ---------------------------------------------------------------------------------------------------


def test_the_sample_s_options_read_as_a_worked_example():
    appraisal = appraise_options(Document.of(sample_entities()))
    by_name = {r.option.name: r for r in appraisal.results}
    assert list(by_name) == ["Business as usual", "Loan only", "Growth fund in two tranches", "Production subsidy"]
    assert [r.option.name for r in appraisal.results if r.option.preferred] == ["Growth fund in two tranches"]
    fund, loan, subsidy = (by_name[n].central for n in ("Growth fund in two tranches", "Loan only",
                                                          "Production subsidy"))
    assert fund.npsv > loan.npsv > 0 > subsidy.npsv  # the subsidy pays for output that would happen anyway
    assert all(r.benefits_by_outcome and set(r.benefits_by_outcome) <= {o.id for o in sample_objectives()}
               for r in appraisal.results if not r.is_bau)


def sample_objectives() -> list[Objective]:
    return [e for e in sample_entities() if isinstance(e, Objective)]
