"""Options appraisal as HM Treasury's Green Book sets it out.

Each option is appraised against option 0, business as usual (the counterfactual): its costs and
benefits minus those of BAU, so BAU's own benefit-cost ratio is undefined (nothing over nothing).
Costs carry the option's optimism-bias uplift; gross benefits are netted down by additionality
(leakage, deadweight, displacement, substitution, then a multiplier: the HCA Additionality Guide's
steps); both are discounted to the project's base year at the social time preference rate, whose
schedule is data (resources/money/green_book.json).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from workbench.errors import WorkbenchError
from workbench.money.data import money_data

Flows = Mapping[int, float]  # amount by year (whole units of the project currency, real terms)


@dataclass(frozen=True)
class Additionality:
    """Shares of gross benefit that are not additional, each 0 to 1, and the multiplier on what is left."""

    leakage: float = 0.0
    deadweight: float = 0.0
    displacement: float = 0.0
    substitution: float = 0.0
    multiplier: float = 1.0

    def __post_init__(self) -> None:
        for name in ("leakage", "deadweight", "displacement", "substitution"):
            share = getattr(self, name)
            if not 0.0 <= share <= 1.0:
                raise WorkbenchError(f"The {name} share is between 0% and 100%, not {share:.0%}.")
        if self.multiplier < 0:
            raise WorkbenchError(f"The multiplier cannot be negative ({self.multiplier:g}).")

    @property
    def factor(self) -> float:
        """net = gross x factor."""
        kept = (1 - self.leakage) * (1 - self.deadweight) * (1 - self.displacement) * (1 - self.substitution)
        return kept * self.multiplier


@dataclass(frozen=True)
class Option:
    name: str
    costs: Flows = field(default_factory=dict)
    benefits: Flows = field(default_factory=dict)  # gross monetised benefits
    optimism_bias: float = 0.0  # uplift on costs: 0.2 adds 20%
    additionality: Additionality = Additionality()
    outcome_units: float | None = None  # of the main outcome (jobs, GWh), for the cost per unit


@dataclass(frozen=True)
class Appraisal:
    """An option's figures against business as usual, discounted to the base year."""

    pv_costs: float
    pv_benefits: float
    npsv: float  # net present social value: pv_benefits - pv_costs
    bcr: float | None  # None: undefined (no extra cost over BAU)
    switching_value: float | None  # share of benefits that may be lost before NPSV < 0 (negative: must rise)
    cost_per_unit: float | None


@functools.cache
def _schedule() -> tuple[tuple[int, int | None, float], ...]:
    return tuple((r["from_year"], r["to_year"], r["rate"]) for r in money_data("green_book")["discount_rates"])


def schedule_text(shown: int = 2) -> str:
    """The first steps of the rate schedule in words: '3.5% for years 0-30, 3% for years 31-75, lower after'."""
    steps = [f"{rate:.1%}".replace(".0%", "%") + f" for years {low}-{high}" for low, high, rate in _schedule()[:shown]]
    return ", ".join(steps) + (", lower after" if len(_schedule()) > shown else "")


def rate_in(year: int) -> float:
    """The discount rate for a year counted from the base year."""
    for first, last, rate in _schedule():
        if year >= first and (last is None or year <= last):
            return rate
    raise WorkbenchError(f"No discount rate is set for year {year}.")


@functools.cache
def _factors(up_to: int) -> tuple[float, ...]:
    out = [1.0]
    for year in range(1, up_to + 1):
        out.append(out[-1] / (1 + rate_in(year)))
    return tuple(out)


def discount_factor(years_from_base: int) -> float:
    """1 in the base year; each later year divides by one plus that year's rate (3.5% to year 30, then 3%)."""
    if years_from_base < 0:
        raise WorkbenchError("A year before the base year cannot be discounted; move the base year back.")
    return _factors(max(years_from_base, 64))[years_from_base]


def present_value(flows: Flows, base_year: int) -> float:
    early = sorted(y for y in flows if y < base_year)
    if early:
        raise WorkbenchError(
            f"{early[0]} is before the base year {base_year}; move the base year back or the figure on."
        )
    factors = _factors(max(64, max(flows, default=base_year) - base_year))
    return sum(amount * factors[year - base_year] for year, amount in flows.items())


def appraise(option: Option, bau: Option, base_year: int) -> Appraisal:
    """The option against business as usual; BAU against itself gives zeros and an undefined BCR."""
    for o in (option, bau):
        _check(o)
    pvc = _pv_costs(option, base_year) - _pv_costs(bau, base_year)
    pvb = _pv_benefits(option, base_year) - _pv_benefits(bau, base_year)
    return _figures(pvc, pvb, option.outcome_units)


def _check(o: Option) -> None:
    negative = [y for y, v in o.costs.items() if v < 0]
    if negative:
        raise WorkbenchError(f"The cost of {o.name!r} in {negative[0]} is negative; enter savings as benefits.")
    if o.optimism_bias < 0:
        raise WorkbenchError(f"The optimism-bias uplift of {o.name!r} cannot be negative.")


def _figures(pvc: float, pvb: float, outcome_units: float | None) -> Appraisal:
    npsv = pvb - pvc
    return Appraisal(
        pv_costs=pvc,
        pv_benefits=pvb,
        npsv=npsv,
        bcr=pvb / pvc if pvc > 0 else None,
        switching_value=npsv / pvb if pvb > 0 else None,
        cost_per_unit=pvc / outcome_units if outcome_units else None,
    )


def _pv_costs(o: Option, base_year: int) -> float:
    return present_value(o.costs, base_year) * (1 + o.optimism_bias)


def _pv_benefits(o: Option, base_year: int) -> float:
    return present_value(o.benefits, base_year) * o.additionality.factor


@dataclass(frozen=True)
class Sensitivity:
    """How much the costs and benefits are moved, and the additionality of each case."""

    costs: float = 0.2
    benefits: float = 0.2
    additionality: Mapping[str, Additionality] = field(default_factory=dict)  # e.g. "low", "high"


def sensitivity(option: Option, bau: Option, base_year: int, s: Sensitivity) -> dict[str, Appraisal]:
    """The option appraised under each case: central, costs up/down, benefits up/down, each additionality.

    A present value is linear in its flows, so each case scales the option's two present values
    instead of discounting every year again (the same figures as `appraise` of the scaled option)."""
    for o in (option, bau):
        _check(o)
    costs = present_value(option.costs, base_year) * (1 + option.optimism_bias)
    gross = present_value(option.benefits, base_year)
    bau_costs, bau_benefits = _pv_costs(bau, base_year), _pv_benefits(bau, base_year)
    factor = option.additionality.factor
    cases = {  # name: (costs scaled by, benefits scaled by, additionality factor)
        "central": (1.0, 1.0, factor),
        f"costs +{s.costs:.0%}": (1 + s.costs, 1.0, factor),
        f"costs -{s.costs:.0%}": (1 - s.costs, 1.0, factor),
        f"benefits +{s.benefits:.0%}": (1.0, 1 + s.benefits, factor),
        f"benefits -{s.benefits:.0%}": (1.0, 1 - s.benefits, factor),
    }
    for name, additionality in s.additionality.items():
        cases[f"additionality {name}"] = (1.0, 1.0, additionality.factor)
    return {
        name: _figures(costs * c - bau_costs, gross * b * f - bau_benefits, option.outcome_units)
        for name, (c, b, f) in cases.items()
    }


def optimism_bias_hints() -> list[tuple[str, float, float]]:
    """(project type, lower, upper) uplifts for capital costs from the Green Book's supplementary guidance."""
    return [(e["label"], e["lower"], e["upper"]) for e in money_data("green_book")["optimism_bias"]]
