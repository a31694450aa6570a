"""The instrument table of a brief: every funded instrument and programme, along the value chain."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Column, Table
from workbench.briefs.context import BriefContext
from workbench.briefs.format import DASH, choice_label, span
from workbench.money.budget import budget_type, totals
from workbench.spheres.items import Instrument, InstrumentType, Level, Status
from workbench.words import count


def instrument_table(ctx: BriefContext) -> list[Block]:
    funded = sorted(ctx.funded(), key=lambda pair: (_first_stage(ctx, pair[1]), pair[0].name.casefold()))
    if not funded:
        return []
    rows = tuple(
        (
            item.name,
            choice_label(InstrumentType, profile.instrument_type),
            choice_label(Level, profile.level),
            choice_label(Status, profile.status),
            _stages(ctx, profile),
            span(profile.trl_min, profile.trl_max),
            _money(ctx, profile),
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
                Column("Level", 1.1),
                Column("Status", 1.1),
                Column("Value-chain stages", 2.9),
                Column("TRL", 0.6, nowrap=True),
                Column("Budget", 1.5),
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


def _stages(ctx: BriefContext, profile: Instrument) -> str:
    first = ctx.stage_names.get(profile.stage_from_id or "")
    last = ctx.stage_names.get(profile.stage_to_id or "")
    if not first and not last:
        return DASH
    if not first or not last or first == last:
        return first or last or DASH
    return f"{first} {DASH} {last}"
