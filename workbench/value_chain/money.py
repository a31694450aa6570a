"""Public money along the value chain: each stage's spend by budget type and financial year.

The rule of the coverage analysis (workbench.value_chain.analysis.BUDGET_RULE): an instrument's money
is shared equally among the stages it spans. Types stay apart (a loan at Production is not a grant
there); money of instruments placed on no stage is kept under NOT_PLACED so nothing goes missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.document import Document
from workbench.money.budget import Totals, totals
from workbench.money.entities import SpendLine
from workbench.spheres.items import Instrument
from workbench.value_chain.entities import ValueChainStage
from workbench.value_chain.spans import span_of
from workbench.value_chain.stage_order import ordered, stage_index

NOT_PLACED = ""  # the key of the money of instruments on no stage


@dataclass(frozen=True)
class StageMoney:
    stage_ids: tuple[str, ...]  # in chain order
    by_stage: dict[str, Totals]  # stage id (or NOT_PLACED) -> type -> year -> amount

    def as_json(self) -> dict:
        return {
            stage: {key: {str(y): v for y, v in sorted(t.by_type[key].items())} for key in t.types()}
            for stage, t in self.by_stage.items()
        }


def stage_money(doc: Document) -> StageMoney:
    order = ordered(doc.all(ValueChainStage))
    index = stage_index(order)
    instruments = doc.table(Instrument)
    spans = {i.id: span_of(i, index) for i in instruments.values()}
    lines: dict[str, list[tuple[str, int, float]]] = {s.id: [] for s in order}
    lines[NOT_PLACED] = []
    for line in doc.all(SpendLine):
        inst = instruments.get(line.instrument_id)
        if inst is None:
            continue
        span = spans[inst.id]
        if span is None:
            lines[NOT_PLACED].append((inst.budget_type, line.year, line.amount))
            continue
        share = line.amount / (span[1] - span[0] + 1)
        for stage in order[span[0] : span[1] + 1]:
            lines[stage.id].append((inst.budget_type, line.year, share))
    return StageMoney(tuple(s.id for s in order), {stage: totals(found) for stage, found in lines.items()})
