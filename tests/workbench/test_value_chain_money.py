"""Money along the value chain: shared equally over an instrument's stages, kept apart by budget type."""

from __future__ import annotations

import pytest

from workbench.document import Document
from workbench.money.entities import SpendLine
from workbench.project import Project
from workbench.spheres.items import Instrument, Item
from workbench.value_chain.entities import ValueChainStage
from workbench.value_chain.money import chain_money


def instrument(id_: str, budget_type: str, first: str | None, last: str | None) -> list:
    return [Item(id=id_, name=id_),
            Instrument(id=id_, budget_type=budget_type, stage_from_id=first, stage_to_id=last)]


def test_spend_is_shared_over_the_stages_spanned_and_types_never_mix():
    stages = [ValueChainStage(id=f"s{n}", name=f"Stage {n}", position=n) for n in range(3)]
    doc = Document.of([
        Project(), *stages,
        *instrument("grant", "grant", "s0", "s1"),
        *instrument("loan", "loan", "s1", "s1"),
        *instrument("loose", "grant", None, None),
        SpendLine(id="l1", instrument_id="grant", year=2026, amount=100.0),
        SpendLine(id="l2", instrument_id="grant", year=2027, amount=50.0),
        SpendLine(id="l3", instrument_id="loan", year=2026, amount=420.0),
        SpendLine(id="l4", instrument_id="loose", year=2030, amount=7.0),
    ])
    money = chain_money(doc)
    first, middle, last = (s.totals for s in money.stages)
    assert first.by_type == {"grant": {2026: 50.0, 2027: 25.0}}
    assert middle.by_type == {"grant": {2026: 50.0, 2027: 25.0}, "loan": {2026: 420.0}}
    assert last.by_type == {}
    assert money.not_placed.by_type == {"grant": {2030: 7.0}}
    assert money.years == [2026, 2027, 2030]
    assert middle.total("grant") == pytest.approx(75.0) and middle.total("loan") == 420.0
