"""The Risks section of a submission: the risk register as a table, the most serious first."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Column, Table
from workbench.briefs.context import BriefContext
from workbench.briefs.format import DASH, choice_label
from workbench.registers.entities import Risk, RiskCategory, RiskLevel

_RANK = {RiskLevel.HIGH.value: 3, RiskLevel.MEDIUM.value: 2, RiskLevel.LOW.value: 1}


def severity(risk: Risk) -> int:
    """Likelihood times impact, on the register's three steps (9 is high and high)."""
    return _RANK.get(risk.likelihood, 0) * _RANK.get(risk.impact, 0)


def risk_table(ctx: BriefContext) -> list[Block]:
    risks = sorted(ctx.doc.all(Risk), key=lambda r: (-severity(r), r.risk.casefold()))
    if not risks:
        return []
    return [
        Table(
            columns=(
                Column("Risk", 3.0),
                Column("Category", 1.2),
                Column("Likelihood", 1.0),
                Column("Impact", 0.9),
                Column("Owner", 1.8),
                Column("Mitigation", 3.4),
            ),
            rows=tuple(
                (
                    r.risk,
                    choice_label(RiskCategory, r.category),
                    choice_label(RiskLevel, r.likelihood),
                    choice_label(RiskLevel, r.impact),
                    r.owner or DASH,
                    r.mitigation or DASH,
                )
                for r in risks
            ),
            caption="The risk register, the most likely and most serious first.",
        )
    ]
