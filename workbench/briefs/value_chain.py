"""The value-chain annex of a brief: the coverage figure (budget and instruments per stage, the
readiness levels) and what the value-chain analysis found, in its words."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Bullets, Figure, ValueChainDiagram
from workbench.briefs.context import BriefContext

CAPTION = (
    "Budget per value-chain stage, split by whether the instruments there create value, capture it or do "
    "both (a budget spanning several stages is shared equally among them), and the number of instruments "
    "at each stage. Below: how many instruments support each technology (TRL) and manufacturing (MRL) "
    "readiness level. A warning mark names a stage or level with no instrument, and a thin "
    "prototype-to-production stretch."
)


def value_chain_figure(ctx: BriefContext) -> list[Block]:
    a = ctx.value_chain
    if not a.stages or not (a.spans or a.not_placed):
        return []
    return [Figure(ValueChainDiagram(a, ctx.currency), CAPTION)]


def value_chain_findings(ctx: BriefContext) -> list[Block]:
    """The value chain's findings, most pressing first, and the balance of value creation and capture."""
    a = ctx.value_chain
    if not (a.spans or a.not_placed):
        return []
    return [Bullets((*(f.text for f in a.findings), a.balance_text))]
