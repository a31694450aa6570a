"""Options appraisal at the size a large programme reaches: 20 options of 40 instruments over 30 years.

Each option's yearly spend by budget type is rolled up to the net cost to the public sector, then
appraised against business as usual with the usual sensitivity cases (costs and benefits +/- 20%,
additionality low and high). Target: the whole comparison in under 50 ms.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import median_time, report
from workbench.money.appraisal import Additionality, Option, Sensitivity, sensitivity
from workbench.money.budget import budget_types, net_cost_by_year, totals

OPTIONS, INSTRUMENTS, YEARS, BASE = 20, 40, 30, 2026
RATES = {"loan": 0.1, "equity": 0.3, "guarantee": 0.05}
CASES = Sensitivity(0.2, 0.2, {"low": Additionality(deadweight=0.5), "high": Additionality(deadweight=0.1)})


def spend_lines(rng: random.Random) -> list[list[tuple[str, int, float]]]:
    """Per option, (budget type, year, amount) of every instrument in every year."""
    types = list(budget_types())
    return [
        [(rng.choice(types), BASE + y, rng.uniform(0, 5e6)) for _ in range(INSTRUMENTS) for y in range(YEARS)]
        for _ in range(OPTIONS)
    ]


def compare(lines, benefits) -> dict:
    bau = Option("Business as usual")
    out = {}
    for n, (spend, gain) in enumerate(zip(lines, benefits, strict=True)):
        option = Option(f"Option {n + 1}", net_cost_by_year(totals(spend), RATES), gain, optimism_bias=0.2)
        out[option.name] = sensitivity(option, bau, BASE, CASES)
    return out


def main() -> None:
    rng = random.Random(7)
    lines = spend_lines(rng)
    benefits = [{BASE + y: rng.uniform(0, 4e8) for y in range(YEARS)} for _ in range(OPTIONS)]
    assert len(compare(lines, benefits)) == OPTIONS
    seconds = median_time(lambda: compare(lines, benefits))
    report(
        f"appraisal of {OPTIONS} options x {INSTRUMENTS} instruments x {YEARS} years with sensitivity",
        seconds,
        target="< 50 ms",
    )


if __name__ == "__main__":
    main()
