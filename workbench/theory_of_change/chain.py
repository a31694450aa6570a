"""The chain as it is drawn, on the canvas and in a brief's figure: each column's cards in order and the
lines between them.

Columns read left to right: rationale, instruments (activities), outputs, outcomes, impacts. Rationales
and instruments are listed by name; results by their position in the column, then title. A line is a
rationale's tie to an instrument it names, or a causal link.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from workbench.document import Document
from workbench.registers.entities import Objective
from workbench.spheres.items import Item
from workbench.theory_of_change.entities import Rationale, TocLink, TocNode
from workbench.theory_of_change.failures import failures

COLUMN_KEYS = ("rationale", "activity", "output", "outcome", "impact")
COLUMN_TITLES = dict(zip(COLUMN_KEYS, ("Rationale", "Instruments", "Outputs", "Outcomes", "Impacts"), strict=True))
DRAWN_PER_COLUMN = 10  # cards a printed figure draws in a column; a brief lists the rest after it
Ref = tuple[str, str]


@dataclass(frozen=True)
class Card:
    ref: Ref  # (kind, id) of the entity shown
    column: str
    title: str
    detail: str  # the failure, the objective a result stands for, or its indicator


@dataclass(frozen=True)
class Line:
    key: tuple[str, str]  # ("toc_link", id), or (rationale id, item id) for a rationale's tie
    start: Ref
    end: Ref


def cards_of(doc: Document) -> dict[str, list[Card]]:
    objectives = doc.table(Objective)
    kinds = failures()
    out: dict[str, list[Card]] = {key: [] for key in COLUMN_KEYS}
    for r in sorted(doc.all(Rationale), key=lambda r: r.statement.casefold()):
        failure = kinds[r.failure]
        out["rationale"].append(
            Card(("rationale", r.id), "rationale", r.statement, f"{failure.label} ({failure.group_label.lower()})")
        )
    for i in sorted((i for i in doc.all(Item) if i.funded), key=lambda i: i.name.casefold()):
        out["activity"].append(Card(("item", i.id), "activity", i.name, ""))
    for n in sorted(doc.all(TocNode), key=lambda n: (n.position, n.title.casefold())):
        objective = objectives.get(n.objective_id or "")
        detail = (
            f"Objective: {objective.statement}" if objective else f"Indicator: {n.indicator}" if n.indicator else ""
        )
        out[n.result_type].append(Card(("toc_node", n.id), n.result_type, n.title, detail))
    return out


def lines_of(doc: Document, shown: Container[Ref]) -> list[Line]:
    """The lines between cards that are `shown` (a line to something not on the chain is left out)."""
    out = []
    for r in doc.all(Rationale):
        for item_id in r.instrument_ids:
            if ("rationale", r.id) in shown and ("item", item_id) in shown:
                out.append(Line((r.id, item_id), ("rationale", r.id), ("item", item_id)))
    for link in doc.all(TocLink):
        start = ("item", link.from_item_id) if link.from_item_id else ("toc_node", link.source)
        end = ("toc_node", link.to_node_id)
        if start in shown and end in shown:
            out.append(Line(("toc_link", link.id), start, end))
    return out
