"""The options of a submission: the comparison table in the argument, and the appraisal annex (each
option's figures, sensitivity, what it closes and its risks), from workbench.options.appraisal."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Bullets, Column, Note, Subheading, Table
from workbench.briefs.context import BriefContext
from workbench.money.budget import net_cost_definition
from workbench.money.currency import format_money
from workbench.options.appraisal import OptionResult, bcr_text
from workbench.options.table import switching_text


def options_table(ctx: BriefContext) -> list[Block]:
    """Each option against business as usual: present costs and benefits, net value, ratio."""
    a = ctx.options
    if isinstance(a, str):
        return [Note(a)]
    compared = [r for r in a.results if not r.is_bau]
    if not compared:
        return []
    name, _ = net_cost_definition()
    return [
        Table(
            columns=(
                Column("Option", 3.4),
                Column("Present cost", 1.1, numeric=True),
                Column("Present benefits", 1.2, numeric=True),
                Column("Net present social value", 1.3, numeric=True),
                Column("Benefit-cost ratio", 1.1, numeric=True),
            ),
            rows=tuple(
                (
                    _option_name(r),
                    format_money(r.central.pv_costs, a.currency),
                    format_money(r.central.pv_benefits, a.currency),
                    format_money(r.central.npsv, a.currency),
                    bcr_text(r),
                )
                for r in compared
            ),
            caption=(
                f"Each option against business as usual, in {a.base_year} prices; costs are the "
                f"{name.lower()}. Annex B gives the full appraisal."
            ),
        )
    ]


def options_appraisal(ctx: BriefContext) -> list[Block]:
    """The annex: the full comparison, then each option's sensitivity, gaps closed and risks."""
    a = ctx.options
    if isinstance(a, str):
        return [Note(a)]
    compared = [r for r in a.results if not r.is_bau]
    if not compared:
        return []
    name, definition = net_cost_definition()
    table = Table(
        columns=(
            Column("Option", 3.0),
            Column("Present cost", 1.1, numeric=True),
            Column("Present benefits", 1.2, numeric=True),
            Column("Net present social value", 1.3, numeric=True),
            Column("Benefit-cost ratio", 1.1, numeric=True),
            Column("Switching value", 1.5),
        ),
        rows=tuple(
            (
                _option_name(r),
                format_money(r.central.pv_costs, a.currency),
                format_money(r.central.pv_benefits, a.currency),
                format_money(r.central.npsv, a.currency),
                bcr_text(r),
                switching_text(r),
            )
            for r in compared
        ),
        caption=(
            f"Each option against business as usual (HM Treasury Green Book), in real terms, discounted to "
            f"{a.base_year}; costs include the optimism-bias uplift and benefits are net of additionality. "
            f"Costs are the {name.lower()}: {definition}"
        ),
    )
    out: list[Block] = [table]
    for r in compared:
        out += [Subheading(_option_name(r)), Bullets(_details(r, a.currency))]
    return out


def _option_name(r: OptionResult) -> str:
    return f"Option {r.option.position}: {r.option.name}{' (preferred)' if r.option.preferred else ''}"


def _details(r: OptionResult, currency: str) -> tuple[str, ...]:
    cases = "; ".join(f"{case} {format_money(result.npsv, currency)}" for case, result in r.cases.items())
    out = [f"Net present social value by case: {cases}."]
    out += [f"Closes a gap: {text}" for text in r.gaps_closed]
    out += [f"Opens a gap: {text}" for text in r.gaps_opened]
    if r.option.non_monetised.strip():
        out.append(f"Benefits not valued in money: {' '.join(r.option.non_monetised.split())}")
    if r.option.key_risks.strip():
        out.append(f"Key risks: {' '.join(r.option.key_risks.split())}")
    return tuple(out)
