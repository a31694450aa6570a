"""Public money along the value chain: each stage's spend by budget type and financial year.

An instrument's spend line is shared equally among the stages the instrument spans (the rule the
coverage analysis states); money of different types stays apart (workbench.money.budget.Totals).
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


@dataclass(frozen=True)
class StageMoney:
    stage: ValueChainStage
    totals: Totals


@dataclass(frozen=True)
class ChainMoney:
    stages: list[StageMoney]
    not_placed: Totals  # the spend of instruments on no stage yet
    years: list[int]


def chain_money(doc: Document) -> ChainMoney:
    order = ordered(doc.all(ValueChainStage))
    index = stage_index(order)
    instruments = doc.table(Instrument)
    shares: list[list[tuple[str, int, float]]] = [[] for _ in order]
    loose: list[tuple[str, int, float]] = []
    years: set[int] = set()
    for line in doc.all(SpendLine):
        instrument = instruments.get(line.instrument_id)
        if instrument is None:
            continue
        years.add(line.year)
        span = span_of(instrument, index)
        if span is None:
            loose.append((instrument.budget_type, line.year, line.amount))
            continue
        share = line.amount / (span[1] - span[0] + 1)
        for n in range(span[0], span[1] + 1):
            shares[n].append((instrument.budget_type, line.year, share))
    return ChainMoney(
        [StageMoney(stage, totals(lines)) for stage, lines in zip(order, shares, strict=True)],
        totals(loose),
        sorted(years),
    )
