"""Money: currencies printed as readers expect, budget types never mixed, the Green Book appraisal.

Expected figures are worked by hand in the comments beside them.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.errors import WorkbenchError
from workbench.money.appraisal import (
    Additionality,
    Option,
    Sensitivity,
    appraise,
    discount_factor,
    optimism_bias_hints,
    present_value,
    sensitivity,
)
from workbench.money.budget import Amount, MixedBudgetTypes, budget_types, net_cost, net_cost_definition, totals
from workbench.money.currency import currencies, currency_for_country, format_amount, format_money
from workbench.money.years import financial_year, year_label


@pytest.mark.parametrize(
    ("amount", "code", "printed"),
    [
        (35e6, "GBP", "£35m"),
        (1.2e9, "GBP", "£1.2bn"),
        (1.25e9, "GBP", "£1.25bn"),
        (6.6e9, "GBP", "£6.6bn"),
        (11.912e9, "GBP", "£11.9bn"),
        (420e6, "EUR", "€420m"),
        (1.5e12, "KRW", "₩1.5tn"),
        (2.5e6, "USD", "$2.5m"),
        (850e3, "JPY", "¥850k"),
        (40e6, "CNY", "CN¥40m"),
        (35e6, "SEK", "SEK 35m"),
        (12e6, "SGD", "S$12m"),
        (999.6e6, "GBP", "£1bn"),  # rounds up into the next scale, never "£1,000m"
        (0, "GBP", "£0"),
        (-35e6, "GBP", "\u2212£35m"),
    ],
)
def test_money_is_printed_with_its_symbol_and_scale_and_no_trailing_zero(amount, code, printed):
    assert format_money(amount, code) == printed


# Every listed currency as its readers write 1.5 billion, 35 million and 850 thousand of it.
PRINTED = {
    "GBP": ("£1.5bn", "£35m", "£850k"),
    "EUR": ("€1.5bn", "€35m", "€850k"),
    "USD": ("$1.5bn", "$35m", "$850k"),
    "KRW": ("₩1.5bn", "₩35m", "₩850k"),
    "JPY": ("¥1.5bn", "¥35m", "¥850k"),
    "CNY": ("CN¥1.5bn", "CN¥35m", "CN¥850k"),
    "SEK": ("SEK 1.5bn", "SEK 35m", "SEK 850k"),
    "NOK": ("NOK 1.5bn", "NOK 35m", "NOK 850k"),
    "DKK": ("DKK 1.5bn", "DKK 35m", "DKK 850k"),
    "CHF": ("CHF 1.5bn", "CHF 35m", "CHF 850k"),
    "SGD": ("S$1.5bn", "S$35m", "S$850k"),
    "CAD": ("C$1.5bn", "C$35m", "C$850k"),
    "AUD": ("A$1.5bn", "A$35m", "A$850k"),
    "NZD": ("NZ$1.5bn", "NZ$35m", "NZ$850k"),
    "TWD": ("NT$1.5bn", "NT$35m", "NT$850k"),
    "INR": ("₹1.5bn", "₹35m", "₹850k"),
    "ILS": ("₪1.5bn", "₪35m", "₪850k"),
    "PLN": ("PLN 1.5bn", "PLN 35m", "PLN 850k"),
    "CZK": ("CZK 1.5bn", "CZK 35m", "CZK 850k"),
}


def test_the_formatting_table_covers_every_listed_currency():
    assert list(PRINTED) == list(currencies())


@pytest.mark.parametrize(("code", "printed"), PRINTED.items())
def test_every_listed_currency_prints_as_its_readers_write_it(code, printed):
    assert tuple(format_money(amount, code) for amount in (1.5e9, 35e6, 850e3)) == printed


@pytest.mark.parametrize("code", list(currencies()))
def test_every_listed_currency_prints_its_own_symbol(code):
    symbol = currencies()[code].symbol
    assert format_money(35e6, code) == f"{symbol}35m"
    assert ".0" not in format_money(1e9, code)


def test_a_figure_under_a_heading_that_names_the_currency_is_written_without_it():
    assert [format_amount(a) for a in (21.1e6, -375e3, 0.0)] == ["21.1m", "\u2212375k", "0"]
    assert format_money(-21.1e6, "SEK") == "\u2212SEK 21.1m"


def test_a_new_project_counts_in_its_countrys_currency():
    assert currency_for_country("United Kingdom") == "GBP"
    assert currency_for_country("south korea") == "KRW"
    assert currency_for_country("Japan") == "JPY"
    assert currency_for_country("Atlantis") == "EUR"  # not listed: the default


def test_an_unknown_currency_is_refused_in_plain_words():
    with pytest.raises(WorkbenchError, match="not a currency"):
        format_money(1, "XXX")


def test_money_of_different_types_is_never_added_together():
    assert (Amount(100, "grant") + Amount(50, "grant")).value == 150
    with pytest.raises(MixedBudgetTypes, match="Loan and Equity are different kinds of money"):
        Amount(420, "loan") + Amount(250, "equity")


def test_totals_are_kept_per_type_and_year():
    t = totals([("grant", 2026, 10), ("grant", 2027, 5), ("loan", 2026, 420), ("grant", 2026, 1)])
    assert t.types() == ["grant", "loan"]
    assert t.by_type["grant"] == {2026: 11, 2027: 5} and t.total("loan") == 420
    with pytest.raises(WorkbenchError, match="not a budget type"):
        t.add("cash", 2026, 1)


def test_the_net_cost_counts_financial_transactions_by_their_expected_loss():
    t = totals([
        ("grant", 2026, 100), ("loan", 2026, 420), ("equity", 2026, 250),
        ("tax_relief", 2026, 35), ("procurement", 2026, 150), ("regulation", 2026, 0),
    ])  # fmt: skip
    # 100 + 420 x 10% + 250 x 30% + 35 + 150 = 100 + 42 + 75 + 35 + 150 = 402
    assert net_cost(t, {"loan": 0.1, "equity": 0.3}) == pytest.approx(402)
    name, definition = net_cost_definition()
    assert name == "Net cost to the public sector" and "expected losses" in definition


def test_the_net_cost_needs_each_loss_rate_and_refuses_one_over_100_percent():
    t = totals([("loan", 2026, 420)])
    with pytest.raises(WorkbenchError, match="expected loss rate of the loan"):
        net_cost(t)
    with pytest.raises(WorkbenchError, match="between 0% and 100%, not 150%"):
        net_cost(t, {"loan": 1.5})


def test_every_budget_type_says_how_it_counts():
    assert {t.counts_in_net_cost for t in budget_types().values()} == {"all", "expected_loss", "none"}


def test_discounting_follows_the_green_book_schedule():
    assert discount_factor(0) == 1
    assert discount_factor(1) == pytest.approx(0.9661836)  # 1 / 1.035
    assert discount_factor(10) == pytest.approx(0.7089188)  # 1 / 1.035^10 = 1 / 1.4105988
    assert discount_factor(31) == pytest.approx(0.3459013)  # 1 / (1.035^30 x 1.03) = 0.3562784 / 1.03
    with pytest.raises(WorkbenchError, match="before the base year"):
        discount_factor(-1)


def test_a_figure_before_the_base_year_is_refused_naming_the_year():
    with pytest.raises(WorkbenchError, match="2025 is before the base year 2026"):
        present_value({2025: 1.0, 2027: 2.0}, 2026)


def test_additionality_nets_gross_benefit_step_by_step():
    a = Additionality(leakage=0.1, deadweight=0.2, displacement=0.25, multiplier=1.5)
    assert a.factor * 100 == pytest.approx(81.0)  # 100 x 0.9 x 0.8 x 0.75 x 1 x 1.5
    with pytest.raises(WorkbenchError, match="deadweight share is between 0% and 100%"):
        Additionality(deadweight=1.2)


def test_an_option_is_appraised_against_business_as_usual():
    bau = Option("Business as usual")
    loan = Option("Loan only", costs={2026: 100.0}, benefits={2027: 207.0}, optimism_bias=0.2, outcome_units=40)
    a = appraise(loan, bau, 2026)
    assert a.pv_costs == pytest.approx(120.0)  # 100 in the base year, uplifted 20%
    assert a.pv_benefits == pytest.approx(200.0)  # 207 / 1.035
    assert a.npsv == pytest.approx(80.0)
    assert a.bcr == pytest.approx(200 / 120)
    assert a.switching_value == pytest.approx(0.4)  # benefits may fall 40% before NPSV < 0
    assert a.cost_per_unit == pytest.approx(3.0)  # 120 / 40


def test_business_as_usual_against_itself_has_no_bcr():
    bau = Option("Business as usual", costs={2026: 50.0}, benefits={2026: 20.0})
    a = appraise(bau, bau, 2026)
    assert (a.pv_costs, a.pv_benefits, a.bcr, a.switching_value) == (0, 0, None, None)


def test_negative_costs_are_refused_naming_the_option_and_year():
    with pytest.raises(WorkbenchError, match="cost of 'Grant' in 2027 is negative"):
        appraise(Option("Grant", costs={2027: -5.0}), Option("BAU"), 2026)


def test_sensitivity_moves_costs_benefits_and_additionality():
    bau = Option("BAU")
    option = Option("Fund", costs={2026: 100.0}, benefits={2026: 200.0})
    cases = sensitivity(option, bau, 2026, Sensitivity(0.1, 0.5, {"low": Additionality(deadweight=0.5)}))
    assert cases["central"].npsv == pytest.approx(100)
    assert cases["costs +10%"].npsv == pytest.approx(90)
    assert cases["benefits -50%"].npsv == pytest.approx(0)
    assert cases["additionality low"].pv_benefits == pytest.approx(100)


def test_optimism_bias_hints_come_from_the_data():
    hints = dict((label, (low, high)) for label, low, high in optimism_bias_hints())
    assert hints["Standard buildings"] == (0.02, 0.24) and hints["Equipment and development"] == (0.10, 2.00)


def test_financial_years_start_in_the_projects_month():
    assert financial_year(date(2027, 3, 31), start_month=4) == 2026
    assert financial_year(date(2027, 4, 1), start_month=4) == 2027
    assert (year_label(2026, 4), year_label(2026)) == ("2026-27", "2026")


years = st.dictionaries(st.integers(2026, 2080), st.floats(0, 1e9, allow_nan=False), min_size=1, max_size=20)


@given(costs=years, benefits=years, extra=st.floats(1, 1e9))
def test_npsv_falls_when_costs_rise(costs, benefits, extra):
    bau = Option("BAU")
    before = appraise(Option("A", costs, benefits), bau, 2026).npsv
    more = dict(costs)
    first = min(more)
    more[first] += extra
    assert appraise(Option("A", more, benefits), bau, 2026).npsv < before


@given(flows=years)
def test_the_order_of_years_never_changes_the_present_value(flows):
    backwards = dict(reversed(list(flows.items())))
    assert present_value(backwards, 2026) == pytest.approx(present_value(flows, 2026))


@given(costs=years, benefits=years, bias=st.floats(0, 2), deadweight=st.floats(0, 1), bau_costs=years)
def test_each_sensitivity_case_equals_appraising_the_changed_option(costs, benefits, bias, deadweight, bau_costs):
    """The cases scale two present values instead of discounting again; pinned against the long way round."""
    option = Option("A", costs, benefits, optimism_bias=bias, additionality=Additionality(deadweight=deadweight))
    bau = Option("BAU", bau_costs)
    low = Additionality(deadweight=min(1.0, deadweight * 1.5))
    cases = sensitivity(option, bau, 2026, Sensitivity(0.2, 0.3, {"low": low}))

    def scaled(cost: float, benefit: float) -> Option:
        return Option("A", {y: v * cost for y, v in costs.items()}, {y: v * benefit for y, v in benefits.items()},
                      optimism_bias=bias, additionality=option.additionality)

    expected = {
        "central": option,
        "costs +20%": scaled(1.2, 1),
        "costs -20%": scaled(0.8, 1),
        "benefits +30%": scaled(1, 1.3),
        "benefits -30%": scaled(1, 0.7),
        "additionality low": Option("A", costs, benefits, optimism_bias=bias, additionality=low),
    }
    assert list(cases) == list(expected)
    for name, changed in expected.items():
        long_way = appraise(changed, bau, 2026)
        assert (cases[name].pv_costs, cases[name].pv_benefits) == pytest.approx(
            (long_way.pv_costs, long_way.pv_benefits), rel=1e-9, abs=1e-3
        ), name
