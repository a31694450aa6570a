"""Financial implications of a submission: public money by budget type and financial year, and the net
cost to the public sector, the one figure that brings the types together (workbench.options.spending).
A loan is never added to a grant: each type has its own row, and only the net cost row sums them."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Column, Note, Table
from workbench.briefs.context import BriefContext
from workbench.money.budget import budget_type, net_cost_definition
from workbench.money.currency import currency
from workbench.money.years import year_label
from workbench.options.spending import document_money
from workbench.words import listing


def financial_implications(ctx: BriefContext) -> list[Block]:
    money = document_money(ctx.doc)
    types = money.totals.types()
    if not types:
        return []
    years = sorted({year for key in types for year in money.totals.by_type[key]})
    name, definition = net_cost_definition()
    symbol = currency(ctx.currency).symbol

    def amount(value: float) -> str:
        """'67.2m': the currency is said once, in the caption, so nine years fit across the page."""
        return ctx.money(value).replace(symbol, "", 1)

    def row(label: str, amounts: dict[int, float]) -> tuple[str, ...]:
        cells = [amount(amounts[y]) if amounts.get(y) else "–" for y in years]
        return (label, *cells, amount(sum(amounts.values())))

    table = Table(
        columns=(
            Column("Budget type", 2.2),
            *(Column(year_label(y, money.year_start_month), 1.0, numeric=True) for y in years),
            Column("All years", 1.1, numeric=True),
        ),
        rows=tuple(row(budget_type(key).label, money.totals.by_type[key]) for key in types),
        caption=(
            f"Public money by budget type and financial year, in {symbol} (m: million, k: thousand). "
            "Types are different kinds of money and are "
            f"never added together; the last row is the {name.lower()}: {definition}"
        ),
        total=None if money.net_cost is None else row(name, money.net_cost),
    )
    if money.net_cost is not None:
        return [table]
    names = listing([f"“{n}”" for n in money.missing_loss_rates])
    return [table, Note(f"The {name.lower()} needs the expected loss rate of {names}.")]
