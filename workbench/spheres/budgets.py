"""The budget of each instrument in a document: the total of its spend lines (workbench.money.spending)."""

from __future__ import annotations

from workbench.document import Document
from workbench.money.entities import SpendLine
from workbench.money.spending import instrument_budgets
from workbench.spheres.items import Instrument


def budgets(doc: Document) -> dict[str, float | None]:
    """Instrument id -> its public money over all years (None: not given), of the instrument's budget type."""
    return instrument_budgets(doc.all(SpendLine), {i.id: i.budget_type for i in doc.all(Instrument)})
