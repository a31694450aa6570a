"""Annex A of a submission: what the programme is for and how success is measured: the objectives with
their targets (the registers), and the indicators tracked against them (workbench.monitoring)."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Column, Table
from workbench.briefs.context import BriefContext
from workbench.briefs.format import DASH, choice_label, short_date
from workbench.monitoring.entities import Frequency, Indicator
from workbench.registers.entities import Objective
from workbench.words import count


def objectives_table(ctx: BriefContext) -> list[Block]:
    objectives = ctx.doc.all(Objective)
    if not objectives:
        return []
    measures: dict[str, list[Indicator]] = {}
    for i in ctx.doc.all(Indicator):
        if i.objective_id:
            measures.setdefault(i.objective_id, []).append(i)
    return [
        Table(
            columns=(
                Column("Objective", 3.2),
                Column("Measured by", 2.6),
                Column("Target", 2.2),
                Column("By", 1.0, nowrap=True),
                Column("Owner", 2.0),
            ),
            rows=tuple(
                (
                    o.statement,
                    "; ".join(i.name for i in measures.get(o.id, [])) or DASH,
                    "; ".join(_value(i.target_value, i.unit, i.target_date) for i in measures.get(o.id, [])) or DASH,
                    short_date(o.deadline),
                    o.owner or DASH,
                )
                for o in objectives
            ),
            caption=f"{count(len(objectives), 'objective')}, with the indicators and targets each is held to.",
        )
    ]


def indicator_table(ctx: BriefContext) -> list[Block]:
    indicators = ctx.doc.all(Indicator)
    if not indicators:
        return []
    statements = {o.id: o.statement for o in ctx.doc.all(Objective)}
    return [
        Table(
            columns=(
                Column("Indicator", 2.6),
                Column("Objective it measures", 2.6),
                Column("Baseline", 1.3),
                Column("Target", 1.3),
                Column("Measured", 1.0),
                Column("Owner", 1.8),
            ),
            rows=tuple(
                (
                    i.name,
                    statements.get(i.objective_id or "", DASH),
                    _value(i.baseline_value, i.unit, i.baseline_date),
                    _value(i.target_value, i.unit, i.target_date),
                    choice_label(Frequency, i.frequency),
                    i.owner or DASH,
                )
                for i in indicators
            ),
            caption=f"{count(len(indicators), 'indicator')} tracked against the objectives, and where each should be.",
        )
    ]


def _value(value: float | None, unit: str, day: str | None) -> str:
    """'0.4 GWh (31 Dec 2024)': a figure with its unit and date, as the monitoring register holds it."""
    if value is None:
        return DASH
    figure = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    text = f"{figure} {unit}".strip()
    return f"{text} ({short_date(day)})" if day else text
