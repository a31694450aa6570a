"""The instrument table of a brief: every funded instrument and programme, along the value chain."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Column, Table
from workbench.briefs.context import BriefContext
from workbench.briefs.format import DASH, choice_label, millions, span
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
            millions(profile.budget),
        )
        for item, profile in funded
    )
    known = [p.budget for _, p in funded if p.budget is not None]
    unknown = len(funded) - len(known)
    total_note = f"Total ({unknown} without a budget)" if unknown else "Total"
    return [
        Table(
            columns=(
                Column("Instrument or programme", 2.8),
                Column("Type", 1.5),
                Column("Level", 1.1),
                Column("Status", 1.1),
                Column("Value-chain stages", 2.9),
                Column("TRL", 0.6, nowrap=True),
                Column(f"Budget ({ctx.currency} m)", 1.2, numeric=True),
            ),
            rows=rows,
            caption=f"{count(len(funded), 'instrument or programme', 'instruments and programmes')}, "
            "ordered by the first value-chain stage they support.",
            total=(total_note, "", "", "", "", "", millions(sum(known))),
        )
    ]


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
