"""Budget types and their totals: money of different types is never added together.

A loan is repaid and a grant is not, so "£420m of loans + £250m of equity + £35m of tax credit" is not
£705m of anything. Totals are kept per type; the only figure that brings types together is the net
cost to the public sector, whose definition (resources/money/budget_types.json) travels with it.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from workbench.errors import WorkbenchError
from workbench.fields import Choice
from workbench.money.data import money_data

FINANCIAL_TRANSACTION = "expected_loss"  # loans, equity, guarantees: only the expected loss is a cost


@dataclass(frozen=True)
class BudgetType:
    key: str
    label: str
    counts_in_net_cost: str  # "all", "expected_loss" or "none"
    help: str


@functools.cache
def budget_types() -> dict[str, BudgetType]:
    """Every budget type, by key, in the order the form offers them."""
    return {t["key"]: BudgetType(**t) for t in money_data("budget_types")["types"]}


class _BudgetTypeChoice(Choice):
    @property
    def label(self) -> str:
        return budget_types()[self.value].label


# The list an instrument's or a cost's budget type is chosen from, in the data file's order.
BudgetTypeCode: type[Choice] = _BudgetTypeChoice("BudgetTypeCode", [(k, k) for k in budget_types()])  # type: ignore[call-arg,assignment]


def budget_type(key: str) -> BudgetType:
    found = budget_types().get(key)
    if found is None:
        raise WorkbenchError(f"{key!r} is not a budget type; choose one of {', '.join(budget_types())}.")
    return found


def net_cost_definition() -> tuple[str, str]:
    """The net cost's name and the sentence that defines it, shown one click away from the figure."""
    entry = money_data("budget_types")["net_cost"]
    return entry["name"], entry["definition"]


class MixedBudgetTypes(WorkbenchError):
    """Someone tried to add money of two types together."""


@dataclass(frozen=True)
class Amount:
    """An amount of public money of one budget type; adding another type is refused."""

    value: float
    type: str

    def __add__(self, other: Amount) -> Amount:
        if other.type != self.type:
            a, b = budget_type(self.type).label, budget_type(other.type).label
            raise MixedBudgetTypes(f"{a} and {b} are different kinds of money and cannot be added together.")
        return Amount(self.value + other.value, self.type)


@dataclass
class Totals:
    """Money per budget type (and per year within a type); never one sum across types."""

    by_type: dict[str, dict[int, float]] = field(default_factory=dict)

    def add(self, type_key: str, year: int, value: float) -> None:
        budget_type(type_key)  # an unknown type is refused, not silently kept
        years = self.by_type.setdefault(type_key, {})
        years[year] = years.get(year, 0.0) + value

    def total(self, type_key: str) -> float:
        return sum(self.by_type.get(type_key, {}).values())

    def amount(self, type_key: str) -> Amount:
        """The total of one type as money that refuses to be added to another type."""
        return Amount(self.total(type_key), type_key)

    def types(self) -> list[str]:
        """The types present, in the list's order."""
        return [k for k in budget_types() if k in self.by_type]


def totals(lines: Iterable[tuple[str, int, float]]) -> Totals:
    """Totals of (budget type, year, amount) lines; the types are checked once each, not per line."""
    summed: defaultdict[tuple[str, int], float] = defaultdict(float)
    for type_key, year, value in lines:
        summed[type_key, year] += value
    out = Totals()
    for (type_key, year), value in summed.items():
        years = out.by_type.get(type_key)
        if years is None:
            budget_type(type_key)  # an unknown type is refused, not silently kept
            years = out.by_type[type_key] = {}
        years[year] = value
    return out


def net_cost(t: Totals, loss_rates: Mapping[str, float] | None = None) -> float:
    """The net cost to the public sector of these totals.

    `loss_rates` gives the expected loss rate (0 to 1) of each financial-transaction type present; a
    type with no rate given is refused rather than counted as costless or as lost."""
    return sum(net_cost_by_year(t, loss_rates).values())


def net_cost_by_year(t: Totals, loss_rates: Mapping[str, float] | None = None) -> dict[int, float]:
    """The net cost to the public sector in each year (what an options appraisal discounts)."""
    rates = loss_rates or {}
    out: dict[int, float] = {}
    for key in t.types():
        share = net_share(key, rates.get(key))
        for year, value in t.by_type[key].items():
            out[year] = out.get(year, 0.0) + value * share
    return out


def net_share(key: str, loss_rate: float | None = None) -> float:
    """How much of an amount of this type is a cost to the public sector: all of a grant, none of a
    regulation, the expected loss rate (0 to 1) of a loan, equity or guarantee."""
    kind = budget_type(key).counts_in_net_cost
    if kind != FINANCIAL_TRANSACTION:
        return 1.0 if kind == "all" else 0.0
    if loss_rate is None:
        raise WorkbenchError(f"Give the expected loss rate of the {budget_type(key).label.lower()} first.")
    rate = loss_rate
    if not 0.0 <= rate <= 1.0:
        raise WorkbenchError(f"An expected loss rate is between 0% and 100%, not {rate:.0%}.")
    return rate
