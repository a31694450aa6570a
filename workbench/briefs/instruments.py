"""The instrument table of a brief: every funded instrument and programme, along the value chain, with
its money (of its own budget type), readiness levels, lead body and dates."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Column, Table
from workbench.briefs.context import BriefContext
from workbench.briefs.format import DASH, choice_label, short_date, span
from workbench.ecosystem.entities import Actor
from workbench.money.budget import budget_type, totals
from workbench.spheres.items import Instrument, InstrumentType
from workbench.words import count


def instrument_table(ctx: BriefContext) -> list[Block]:
    funded = sorted(ctx.funded(), key=lambda pair: (_first_stage(ctx, pair[1]), pair[0].name.casefold()))
    if not funded:
        return []
    leads = {a.id: a.name for a in ctx.doc.all(Actor)}
    rows = tuple(
        (
            item.name,
            choice_label(InstrumentType, profile.instrument_type),
            _money(ctx, profile),
            span(profile.trl_min, profile.trl_max),
            span(profile.mrl_min, profile.mrl_max),
            leads.get(profile.lead_actor_id or "", DASH),
            _dates(profile),
        )
        for item, profile in funded
    )
    by_type = totals((p.budget_type, 0, b) for _, p in funded if (b := ctx.budgets[p.id]) is not None)
    unknown = sum(ctx.budgets[p.id] is None for _, p in funded)
    per_type = "; ".join(f"{budget_type(t).label}: {ctx.money(by_type.total(t))}" for t in by_type.types())
    caption = (
        f"{count(len(funded), 'instrument or programme', 'instruments and programmes')}, "
        "ordered by the first value-chain stage they support."
    )
    if per_type:
        caption += f" Money by budget type (types are never added together): {per_type}."
    if unknown:
        caption += f" {unknown} without a budget."
    return [
        Table(
            columns=(
                Column("Instrument or programme", 2.8),
                Column("Type", 1.5),
                Column("Spend and budget type", 1.6),
                Column("TRL", 0.6, nowrap=True),
                Column("MRL", 0.6, nowrap=True),
                Column("Lead body", 2.4),
                Column("Dates", 1.5, nowrap=True),
            ),
            rows=rows,
            caption=caption,
        )
    ]


def _money(ctx: BriefContext, profile: Instrument) -> str:
    """'€420m loan': the amount with its budget type, since a loan and a grant are different money."""
    amount = ctx.budgets[profile.id]
    if amount is None:
        return DASH
    return f"{ctx.money(amount)} {budget_type(profile.budget_type).label.lower()}"


def _first_stage(ctx: BriefContext, profile: Instrument) -> int:
    return ctx.stage_order.get(profile.stage_from_id or "", 10**6)


def _dates(profile: Instrument) -> str:
    """'1 Apr 2025 –' over '31 Mar 2030', 'from 1 Apr 2025', 'until ...' or a dash."""
    start, end = profile.start_date, profile.end_date
    if start and end:
        return f"{short_date(start)} {DASH}\n{short_date(end)}"
    if start or end:
        return f"from {short_date(start)}" if start else f"until {short_date(end)}"
    return DASH
