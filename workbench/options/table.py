"""The options compared in words and figures, as `iip-workbench appraise` prints them."""

from __future__ import annotations

from workbench.money.appraisal import schedule_text
from workbench.money.budget import net_cost_definition
from workbench.money.currency import format_money
from workbench.options.appraisal import OptionResult, OptionsAppraisal, bcr_text

HEADERS = ("No.", "Option", "PV costs", "PV benefits", "NPSV", "BCR", "Switching value", "Cost per unit", "Gaps closed")


def switching_text(r: OptionResult) -> str:
    """How far the benefits may fall before the option's NPSV is below zero (or must rise to reach it)."""
    value = r.central.switching_value
    if value is None:
        return "–"
    return f"benefits may fall {value:.0%}" if value >= 0 else f"benefits must rise {-value:.0%}"


def _row(r: OptionResult, currency: str) -> tuple[str, ...]:
    c, o = r.central, r.option
    unit = "–" if c.cost_per_unit is None else f"{format_money(c.cost_per_unit, currency)} ({o.outcome or 'units'})"
    return (
        f"{o.position}{' *' if o.preferred else ''}",
        o.name,
        format_money(c.pv_costs, currency),
        format_money(c.pv_benefits, currency),
        format_money(c.npsv, currency),
        bcr_text(r),
        switching_text(r),
        unit,
        "–" if r.is_bau else str(len(r.gaps_closed)),
    )


def comparison_lines(a: OptionsAppraisal) -> list[str]:
    """The comparison table, then each option's sensitivity, gaps closed and key risks, then the definitions."""
    rows = [HEADERS, *(_row(r, a.currency) for r in a.results)]
    widths = [max(len(row[n]) for row in rows) for n in range(len(HEADERS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if any(r.option.preferred for r in a.results):
        lines.append("* the preferred option")
    for r in a.results:
        if r.is_bau:
            continue
        lines += ["", f"Option {r.option.position}: {r.option.name}"]
        cases = ", ".join(f"{name} {format_money(case.npsv, a.currency)}" for name, case in r.cases.items())
        lines.append(f"  NPSV by case: {cases}")
        lines += [f"  Closes: {text}" for text in r.gaps_closed]
        lines += [f"  Opens: {text}" for text in r.gaps_opened]
        if r.option.key_risks:
            lines.append(f"  Key risks: {' '.join(r.option.key_risks.split())}")
    name, definition = net_cost_definition()
    lines += [
        "",
        f"Each option against business as usual, in real terms, discounted to {a.base_year} at the Green Book's "
        f"social time preference rate ({schedule_text()}); costs include the optimism-bias uplift and benefits "
        "are net of additionality.",
        f"Costs are the {name.lower()}: {definition}",
    ]
    return lines
