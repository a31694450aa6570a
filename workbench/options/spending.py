"""The document's public money: its instruments' spend lines by budget type and financial year.

Types are never added together (workbench.money.budget); the one figure across types is the net cost
to the public sector, given with its definition. It needs the expected loss rate of every loan,
equity or guarantee with money; an instrument without one is named instead of a figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.document import Document
from workbench.money.budget import Totals, budget_type, net_cost_definition, net_share
from workbench.money.entities import SpendLine
from workbench.money.spending import spend_totals
from workbench.spheres.items import Instrument, Item


def by_year(amounts: dict[int, float]) -> dict[str, float]:
    """Amounts keyed by financial year ("2026": the year starting in 2026), in year order, for JSON."""
    return {str(year): amounts[year] for year in sorted(amounts)}


@dataclass(frozen=True)
class DocumentMoney:
    currency: str
    year_start_month: int
    totals: Totals  # by type, then by financial year
    net_cost: dict[int, float] | None  # by year; None while a loss rate is missing
    missing_loss_rates: tuple[str, ...]  # names of the instruments whose rate is needed

    def as_json(self) -> dict:
        name, definition = net_cost_definition()
        return {
            "currency": self.currency,
            "year_start_month": self.year_start_month,
            "by_type": {
                key: {
                    "label": budget_type(key).label,
                    "total": self.totals.total(key),
                    "years": by_year(self.totals.by_type[key]),
                }
                for key in self.totals.types()
            },
            "net_cost": {
                "name": name,
                "definition": definition,
                "total": None if self.net_cost is None else sum(self.net_cost.values()),
                "years": None if self.net_cost is None else by_year(self.net_cost),
                "missing_loss_rates": list(self.missing_loss_rates),
            },
        }


def document_money(doc: Document) -> DocumentMoney:
    """The money of every instrument in the document, by type and year, and its net cost."""
    project = doc.project
    instruments = doc.table(Instrument)
    lines = doc.all(SpendLine)
    totals = spend_totals(lines, {i.id: i.budget_type for i in instruments.values()})
    spending = {line.instrument_id for line in lines if line.amount}
    missing = sorted(
        _name(doc, i.id)
        for i in instruments.values()
        if i.id in spending and i.financial_transaction and i.loss_rate is None
    )
    net: dict[int, float] | None = None
    if not missing:
        net = {}
        for line in lines:  # each line at its own instrument's loss rate, so not through the totals by type
            inst = instruments.get(line.instrument_id)
            if inst is not None and line.amount:
                net[line.year] = net.get(line.year, 0.0) + line.amount * net_share(inst.budget_type, inst.loss_rate)
    return DocumentMoney(project.currency, project.year_start_month, totals, net, tuple(missing))


def _name(doc: Document, id_: str) -> str:
    item = doc.get(Item, id_)
    return item.name if item is not None else id_
