"""The budget of each instrument in a document: the total of its spend lines (workbench.money.spending)."""

from __future__ import annotations

from workbench.document import Document
from workbench.money.budget import FINANCIAL_TRANSACTION, budget_type, net_share
from workbench.money.entities import SpendLine
from workbench.money.spending import instrument_budgets
from workbench.passes import once_per_pass
from workbench.spheres.items import Instrument


def net_cost_share(instrument: Instrument) -> float | None:
    """How much of the instrument's money is a cost to the public sector (workbench.money.budget):
    all of a grant, none of a regulation, the expected loss rate of a loan, equity or guarantee;
    None when that rate is not given."""
    if budget_type(instrument.budget_type).counts_in_net_cost == FINANCIAL_TRANSACTION and instrument.loss_rate is None:
        return None
    return net_share(instrument.budget_type, instrument.loss_rate)


@once_per_pass
def net_costs(doc: Document) -> dict[str, float | None]:
    """Instrument id -> its net cost to the public sector over all years: the one figure that may be
    added up across instruments of different budget types (None: no spend, or no loss rate to go by)."""
    money = budgets(doc)
    out: dict[str, float | None] = {}
    for instrument in doc.all(Instrument):
        amount, share = money.get(instrument.id), net_cost_share(instrument)
        out[instrument.id] = None if amount is None or share is None else amount * share
    return out


@once_per_pass
def budgets(doc: Document) -> dict[str, float | None]:
    """Instrument id -> its public money over all years (None: not given), of the instrument's budget type."""
    return instrument_budgets(doc.all(SpendLine), {i.id: i.budget_type for i in doc.all(Instrument)})
