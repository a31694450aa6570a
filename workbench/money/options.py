"""The options of a document appraised side by side, from their yearly costs and benefits.

An option's cost in a year is its net cost to the public sector (workbench.money.budget): a loan,
equity or guarantee counts by its expected loss, at the loss rate of the instruments of that type the
option adds or changes. Benefits are gross; the appraisal nets them by the option's additionality.
An option that cannot be appraised (a loan with no loss rate, a year before the base year) carries
the sentence that says why instead of figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from workbench.document import Document
from workbench.errors import WorkbenchError
from workbench.money.appraisal import Additionality, Appraisal, appraise
from workbench.money.appraisal import Option as Appraised
from workbench.money.budget import FINANCIAL_TRANSACTION, budget_type, net_cost_by_year, totals
from workbench.money.entities import BAU_ID, Flow, Option, OptionFlow
from workbench.spheres.items import Instrument


@dataclass(frozen=True)
class OptionResult:
    option: Option
    costs: dict[int, float] = field(default_factory=dict)  # net cost to the public sector by year
    benefits: dict[int, float] = field(default_factory=dict)  # gross monetised benefits by year
    appraisal: Appraisal | None = None
    problem: str = ""  # why there are no figures


def ordered_options(doc: Document) -> list[Option]:
    """Business as usual first, then by number and name."""
    return sorted(doc.all(Option), key=lambda o: (not o.is_bau, o.position, o.name.casefold()))


def flows_by_option(doc: Document) -> dict[str, list[OptionFlow]]:
    out: defaultdict[str, list[OptionFlow]] = defaultdict(list)
    for f in doc.all(OptionFlow):
        out[f.option_id].append(f)
    return out


Inputs = Appraised | str  # an option ready to appraise, or the sentence saying why it cannot be


def appraise_options(doc: Document) -> list[OptionResult]:
    """Every option against business as usual, BAU first (its own figures are zeros, its BCR undefined)."""
    flows = flows_by_option(doc)
    instruments = doc.table(Instrument)
    options = ordered_options(doc)
    inputs = {o.id: option_inputs(o, flows.get(o.id, []), instruments) for o in options}
    return compare(options, inputs, doc.project.base_year)


def compare(options: list[Option], inputs: Mapping[str, Inputs], base_year: int) -> list[OptionResult]:
    """The options (in the order given) appraised from their inputs against business as usual's.

    Appraising is cheap once the inputs are made, so a view keeps the inputs and remakes only those
    of the options an edit touched (the expensive part is rolling up the yearly figures)."""
    bau = inputs.get(BAU_ID, Appraised("Business as usual"))
    if isinstance(bau, str):
        return [OptionResult(o, problem=f"Business as usual cannot be appraised: {bau}") for o in options]
    out = []
    for option in options:
        mine = inputs[option.id]
        if isinstance(mine, str):
            out.append(OptionResult(option, problem=mine))
            continue
        try:
            out.append(OptionResult(option, dict(mine.costs), dict(mine.benefits), appraise(mine, bau, base_year)))
        except WorkbenchError as err:
            out.append(OptionResult(option, problem=err.message))
    return out


def option_inputs(option: Option, flows: Iterable[OptionFlow], instruments: Mapping[str, Instrument]) -> Inputs:
    """The option's yearly net costs and gross benefits, ready to appraise (or why they cannot be)."""
    mine = list(flows)
    costs = totals((f.budget_type or "", f.year, f.amount) for f in mine if f.flow == Flow.COST)
    benefits: defaultdict[int, float] = defaultdict(float)
    for f in mine:
        if f.flow == Flow.BENEFIT:
            benefits[f.year] += f.amount
    try:
        by_year = net_cost_by_year(costs, _loss_rates(option, costs.types(), instruments))
    except WorkbenchError as err:
        return f"{option.name}: {err.message}"
    return Appraised(
        name=option.name,
        costs=by_year,
        benefits=dict(benefits),
        optimism_bias=option.optimism_bias,
        additionality=Additionality(
            option.leakage, option.deadweight, option.displacement, option.substitution, option.multiplier
        ),
        outcome_units=option.outcome_units,
    )


def _loss_rates(option: Option, types: list[str], instruments: Mapping[str, Instrument]) -> dict[str, float]:
    """The expected loss rate of each financial-transaction type the option spends: the mean over the
    instruments of that type it adds or changes that state one."""
    named = [instruments[i] for i in [*option.adds_ids, *option.changes_ids] if i in instruments]
    rates: dict[str, float] = {}
    for key in types:
        if budget_type(key).counts_in_net_cost != FINANCIAL_TRANSACTION:
            continue
        known = [i.loss_rate for i in named if i.budget_type == key and i.loss_rate is not None]
        if known:
            rates[key] = sum(known) / len(known)
    return rates
