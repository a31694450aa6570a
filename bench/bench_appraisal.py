"""Options appraisal at the size a large programme reaches: 20 options of 40 instruments over 30 years.

Each option's yearly spend by budget type is rolled up to the net cost to the public sector, then
appraised against business as usual with the usual sensitivity cases (costs and benefits +/- 20%,
additionality low and high). Target: the whole comparison in under 50 ms, first as arithmetic alone,
then from a document (its options' 25,000 yearly costs and benefits, each option's coverage as if
adopted included), as `appraise` and `analyse` run it.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import median_time, report
from workbench.document import Document
from workbench.entity import Entity
from workbench.money import entities as money
from workbench.money.appraisal import Additionality, Option, Sensitivity, sensitivity
from workbench.money.budget import budget_types, net_cost_by_year, totals
from workbench.options.appraisal import appraise_options
from workbench.project import Project
from workbench.spheres.entities import default_spheres
from workbench.spheres.items import Instrument, Item
from workbench.value_chain.entities import default_stages

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


def document(rng: random.Random) -> Document:
    """Instruments placed on the spheres and the value chain, each with a spend line a year; each option
    adds one of them and has a cost of a random type per instrument and year, and a benefit a year."""
    types = list(budget_types())
    entities: list[Entity] = [
        Project.create(base_year=BASE), *default_spheres(), *default_stages(), money.business_as_usual()
    ]
    for n in range(INSTRUMENTS):
        first, last = sorted(rng.sample(range(7), 2))
        entities += [
            Item.create(id=f"i{n}", name=f"Instrument {n}", x=rng.uniform(-300, 300), y=rng.uniform(-300, 300)),
            Instrument.create(id=f"i{n}", budget_type=rng.choice(types), loss_rate=RATES["loan"],
                              stage_from_id=f"stage-{first}", stage_to_id=f"stage-{last}"),
            *(money.SpendLine.create(instrument_id=f"i{n}", year=BASE + y, amount=rng.uniform(0, 5e6))
              for y in range(YEARS)),
        ]
    for o in range(OPTIONS):
        entities.append(money.Option.create(id=f"o{o}", name=f"Option {o + 1}", position=o + 1, adds_ids=[f"i{o}"],
                                            optimism_bias=0.2, deadweight=0.3))
        entities += [money.OptionFlow.create(option_id=f"o{o}", budget_type=rng.choice(types), year=BASE + y,
                                             amount=rng.uniform(0, 5e6))
                     for _ in range(INSTRUMENTS) for y in range(YEARS)]
        entities += [money.OptionFlow.create(option_id=f"o{o}", flow="benefit", budget_type=None, year=BASE + y,
                                             amount=rng.uniform(0, 4e8)) for y in range(YEARS)]
    return Document.of(entities)


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
    doc = document(rng)
    assert len(appraise_options(doc).results) == OPTIONS + 1
    report(
        "the same from a document, with each option's coverage as if adopted",
        median_time(lambda: appraise_options(doc)),
        target="< 50 ms",
    )


if __name__ == "__main__":
    main()
