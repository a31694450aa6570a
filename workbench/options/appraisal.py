"""Every option of a document appraised against business as usual (HM Treasury Green Book).

An option's costs are its yearly costs by budget type, counted as the net cost to the public sector:
grants, procurement, tax forgone and administration in full, loans, equity and guarantees by their
expected loss. That loss rate is the instruments' own (the rule lives on the instrument): those of the
type the option adds or changes, else every instrument of that type in the document, weighted by
their money. Its benefits are the gross monetised benefits it lists by year and outcome; the arithmetic
(optimism bias, additionality, discounting) is workbench.money.appraisal's.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from workbench.document import Document
from workbench.errors import WorkbenchError
from workbench.money import appraisal as green_book
from workbench.money.budget import FINANCIAL_TRANSACTION, budget_type, budget_types, net_share
from workbench.money.data import money_data
from workbench.money.entities import BAU_ID, BAU_NAME, Flow, Option, OptionFlow
from workbench.options.coverage import Coverage, coverage_by_option
from workbench.options.spending import by_year
from workbench.spheres.budgets import budgets
from workbench.spheres.items import Instrument

ADDITIONALITY = ("leakage", "deadweight", "displacement", "substitution")
COST, BENEFIT = Flow.COST.value, Flow.BENEFIT.value


@dataclass(frozen=True)
class OptionResult:
    option: Option
    costs_by_type: dict[str, dict[int, float]]  # as entered, before optimism bias
    costs: dict[int, float]  # net cost to the public sector by year, before optimism bias
    benefits: dict[int, float]  # gross, by year
    benefits_by_outcome: dict[str, dict[int, float]]  # objective id ("" for none) -> year -> gross
    central: green_book.Appraisal
    cases: dict[str, green_book.Appraisal]  # sensitivity, the central case first
    coverage: Coverage
    gaps_closed: tuple[str, ...]  # against business as usual
    gaps_opened: tuple[str, ...]

    @property
    def is_bau(self) -> bool:
        return self.option.id == BAU_ID


@dataclass(frozen=True)
class OptionsAppraisal:
    currency: str
    base_year: int
    year_start_month: int
    results: tuple[OptionResult, ...]  # business as usual first, then by number

    def as_json(self) -> dict:
        return {
            "currency": self.currency,
            "base_year": self.base_year,
            "year_start_month": self.year_start_month,
            "discount_rates": money_data("green_book")["discount_rates"],
            "options": [_result_json(r) for r in self.results],
        }


@functools.cache
def _sensitivity_data() -> dict:
    return money_data("green_book")["sensitivity"]


def appraise_options(doc: Document) -> OptionsAppraisal:
    """Each option's figures, sensitivity cases and coverage; a bad figure raises one sentence naming
    the option and the year."""
    project = doc.project
    options = sorted(doc.all(Option), key=lambda o: (o.position, o.name.casefold(), o.id))
    bau = next((o for o in options if o.id == BAU_ID), None) or Option(id=BAU_ID, name=BAU_NAME, position=0)
    if bau not in options:
        options.insert(0, bau)
    sums = sums_by_option(doc.table(OptionFlow).values())
    money = budgets(doc)
    instruments = doc.all(Instrument)
    inputs = {o.id: option_inputs(o, sums[o.id], project.base_year, instruments, money) for o in options}
    covered = coverage_by_option(doc, options)
    results = []
    for o in options:
        by_type, costs, benefits, by_outcome, arithmetic = inputs[o.id]
        cases = green_book.sensitivity(arithmetic, inputs[BAU_ID][4], project.base_year, _cases(o))
        results.append(
            OptionResult(
                option=o,
                costs_by_type=by_type,
                costs=costs,
                benefits=benefits,
                benefits_by_outcome=by_outcome,
                central=cases["central"],
                cases=cases,
                coverage=covered[o.id],
                gaps_closed=tuple(covered[o.id].closed(covered[BAU_ID])),
                gaps_opened=tuple(covered[o.id].opened(covered[BAU_ID])),
            )
        )
    return OptionsAppraisal(project.currency, project.base_year, project.year_start_month, tuple(results))


Sums = dict[str, defaultdict[tuple[str, int], float]]  # cost or benefit -> (budget type or outcome, year) -> amount


def sums_by_option(flows: Iterable[OptionFlow]) -> defaultdict[str, Sums]:
    """Every option's costs by budget type and year and benefits by outcome and year, in one pass over
    the costs and benefits (a large appraisal has tens of thousands)."""
    out: defaultdict[str, Sums] = defaultdict(lambda: {COST: defaultdict(float), BENEFIT: defaultdict(float)})
    for f in flows:
        out[f.option_id][f.flow][f.budget_type or "" if f.flow == COST else f.objective_id or "", f.year] += f.amount
    return out


Inputs = tuple[
    dict[str, dict[int, float]], dict[int, float], dict[int, float], dict[str, dict[int, float]], green_book.Option
]


def option_inputs(
    o: Option, summed: Sums, base_year: int, instruments: Sequence[Instrument], money: Mapping[str, float | None]
) -> Inputs:
    """The option's yearly figures (by type, net cost, gross benefit, by outcome) and the option as the
    Green Book arithmetic takes it; a view keeps these per option and remakes only the edited one's."""
    for flow, sums in summed.items():
        early = min((year for _key, year in sums if year < base_year), default=None)
        if early is not None:
            raise WorkbenchError(
                f"The {flow} of option {o.position} ({o.name}) in {early} is before the base year {base_year}; "
                "move the base year back or the figure on."
            )
    by_type = _nested(summed[COST])
    by_outcome = _nested(summed[BENEFIT])
    gross: dict[int, float] = {}
    for (_outcome, year), amount in summed[BENEFIT].items():
        gross[year] = gross.get(year, 0.0) + amount
    net: dict[int, float] = {}
    for key, years in by_type.items():
        share = net_share(key, _loss_rate(instruments, o, key, money) if _is_financial(key) else None)
        for year, amount in years.items():
            net[year] = net.get(year, 0.0) + amount * share
    arithmetic = green_book.Option(
        name=o.name,
        costs=net,
        benefits=gross,
        optimism_bias=o.optimism_bias,
        additionality=_additionality(o),
        outcome_units=o.outcome_units,
    )
    ordered = {key: by_type[key] for key in budget_types() if key in by_type}  # the list's order, as totals keep it
    return ordered, net, gross, by_outcome, arithmetic


def _nested(sums: dict[tuple[str, int], float]) -> dict[str, dict[int, float]]:
    out: dict[str, dict[int, float]] = {}
    for (key, year), amount in sums.items():
        out.setdefault(key, {})[year] = amount
    return out


def _is_financial(key: str) -> bool:
    return budget_type(key).counts_in_net_cost == FINANCIAL_TRANSACTION


def _loss_rate(instruments: Sequence[Instrument], o: Option, key: str, money: Mapping[str, float | None]) -> float:
    """The expected loss rate of the option's costs of a financial-transaction type (see the module)."""
    of_type = [i for i in instruments if i.budget_type == key and i.loss_rate is not None]
    named = set(o.adds_ids) | set(o.changes_ids)
    pool = [i for i in of_type if i.id in named] or of_type
    if not pool:
        label = budget_type(key).label.lower()
        raise WorkbenchError(
            f"Option {o.position} ({o.name}) has {label} costs but no {label} instrument gives an expected loss "
            "rate; set one on the instrument it adds."
        )
    weights = [money.get(i.id) or 0.0 for i in pool]
    if not sum(weights):
        weights = [1.0] * len(pool)
    return sum(w * (i.loss_rate or 0.0) for w, i in zip(weights, pool, strict=True)) / sum(weights)


def _additionality(o: Option, scale: float = 1.0) -> green_book.Additionality:
    """The option's additionality, each non-additional share scaled (at most 100%) for a sensitivity case."""
    shares = {name: min(1.0, getattr(o, name) * scale) for name in ADDITIONALITY}
    return green_book.Additionality(**shares, multiplier=o.multiplier)


def _cases(o: Option) -> green_book.Sensitivity:
    data = _sensitivity_data()
    return green_book.Sensitivity(
        costs=data["costs"],
        benefits=data["benefits"],
        additionality={name: _additionality(o, scale) for name, scale in data["additionality"].items()},
    )


def _figures(a: green_book.Appraisal) -> dict:
    return {
        "pv_costs": a.pv_costs,
        "pv_benefits": a.pv_benefits,
        "npsv": a.npsv,
        "bcr": a.bcr,
        "switching_value": a.switching_value,
        "cost_per_unit": a.cost_per_unit,
    }


def _result_json(r: OptionResult) -> dict:
    o = r.option
    return {
        "id": o.id,
        "position": o.position,
        "name": o.name,
        "business_as_usual": r.is_bau,
        "preferred": o.preferred,
        **_figures(r.central),
        "bcr_text": bcr_text(r),
        "outcome": o.outcome,
        "outcome_units": o.outcome_units,
        "optimism_bias": o.optimism_bias,
        "additionality": {
            **{name: getattr(o, name) for name in ADDITIONALITY},
            "multiplier": o.multiplier,
            "factor": _additionality(o).factor,
        },
        "costs": {
            "by_type": {key: by_year(years) for key, years in r.costs_by_type.items()},
            "net_cost_by_year": by_year(r.costs),
        },
        "benefits": {
            "gross_by_year": by_year(r.benefits),
            "by_outcome": {key: by_year(years) for key, years in r.benefits_by_outcome.items()},
        },
        "sensitivity": {name: _figures(a) for name, a in r.cases.items()},
        "coverage": {
            "gaps": list(r.coverage.gaps.values()),
            "gaps_closed": list(r.gaps_closed),
            "gaps_opened": list(r.gaps_opened),
        },
        "non_monetised": o.non_monetised,
        "key_risks": o.key_risks,
    }


def bcr_text(r: OptionResult) -> str:
    """The benefit-cost ratio as a reader takes it; business as usual's is undefined (nothing over nothing)."""
    if r.central.bcr is None:
        return "undefined (the counterfactual)" if r.is_bau else "undefined (no extra cost)"
    return f"{r.central.bcr:.2f}"



@dataclass(frozen=True)
class Compared:
    """An option's central figures against business as usual, or why it has none."""

    option: Option
    costs: dict[int, float]  # net cost to the public sector by year, before optimism bias
    benefits: dict[int, float]  # gross, by year
    central: green_book.Appraisal | None
    problem: str = ""
    cases: dict[str, green_book.Appraisal] = field(default_factory=dict)  # sensitivity, the central case first


def compare(options: Sequence[Option], inputs: Mapping[str, Inputs | str], base_year: int) -> list[Compared]:
    """The options' central figures from inputs kept per option (a sentence for an option whose figures
    cannot be read): a view re-appraises every option this way after an edit, which is cheap, and
    remakes only the edited option's inputs."""
    bau = inputs.get(BAU_ID)
    if isinstance(bau, str):
        return [Compared(o, {}, {}, None, f"Business as usual cannot be appraised: {bau}") for o in options]
    base = bau[4] if bau is not None else green_book.Option(BAU_NAME)
    out = []
    for o in options:
        mine = inputs[o.id]
        if isinstance(mine, str):
            out.append(Compared(o, {}, {}, None, mine))
            continue
        try:
            cases = green_book.sensitivity(mine[4], base, base_year, _cases(o))
            out.append(Compared(o, mine[1], mine[2], cases["central"], cases=cases))
        except WorkbenchError as err:
            out.append(Compared(o, mine[1], mine[2], None, err.message))
    return out
