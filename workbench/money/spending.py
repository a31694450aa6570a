"""Spend lines rolled up: each instrument's public money, and the money of many instruments by type and year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from workbench.money.budget import Totals, budget_type, totals
from workbench.money.entities import SpendLine


def instrument_budgets(lines: Iterable[SpendLine], types: Mapping[str, str]) -> dict[str, float | None]:
    """Each instrument's money over all its years (all of its one budget type), by instrument id.

    `types` gives every instrument's budget type. An instrument with no spend line has no known budget
    (None), unless its type spends nothing directly (regulation): that is a known zero."""
    out: dict[str, float | None] = {
        id_: 0.0 if budget_type(key).counts_in_net_cost == "none" else None for id_, key in types.items()
    }
    for line in lines:
        if line.instrument_id in out:
            out[line.instrument_id] = (out[line.instrument_id] or 0.0) + line.amount
    return out


def spend_totals(lines: Iterable[SpendLine], types: Mapping[str, str]) -> Totals:
    """The money of the instruments by budget type and financial year (never one sum across types)."""
    return totals((types[line.instrument_id], line.year, line.amount) for line in lines if line.instrument_id in types)
