"""Each evaluation under the Magenta Book's headings (HM Treasury, The Magenta Book, 2020, chapter 3 'Scoping
and designing an evaluation'): what it asks, of which type and design, against which counterfactual,
from which indicators, data and baselines, governed and sized how, published where, and how far it has
got. Every heading prints what the model holds; where it holds nothing the line says what to add,
so a gap shows as a gap and never as an empty heading.
"""

from __future__ import annotations

import datetime as dt

from workbench.briefs.blocks import Block, Column, Subheading, Table
from workbench.briefs.context import BriefContext
from workbench.briefs.format import choice_label, long_date
from workbench.monitoring.entities import Indicator
from workbench.registers.entities import Evaluation, EvaluationTiming, Independence
from workbench.registers.evaluation_choices import (
    Design,
    EvaluationStatus,
    EvaluationType,
    Proportionality,
    Publication,
)
from workbench.registers.overdue import is_overdue
from workbench.registers.questions import questions_of
from workbench.spheres.items import Item
from workbench.theory_of_change.entities import TocLink, TocNode

HEADINGS = (
    "Evaluation questions",
    "Type",
    "Design and counterfactual",
    "Indicators and data sources",
    "Baseline",
    "Governance",
    "Proportionality",
    "Publication",
    "Status and management response",
)


def evaluation_details(ctx: BriefContext) -> list[Block]:
    """One table per evaluation, by report date: a row per Magenta Book heading."""
    evaluations = sorted(ctx.doc.all(Evaluation), key=lambda e: (e.planned_date or "9999", e.name.casefold()))
    out: list[Block] = []
    for e in evaluations:
        out.append(Subheading(_title(ctx, e)))
        rows = tuple(zip(HEADINGS, _contents(ctx, e), strict=True))
        out.append(Table(columns=(Column("Heading", 1.7), Column("The plan", 6.0)), rows=rows))
    return out


def _title(ctx: BriefContext, e: Evaluation) -> str:
    subject = ctx.doc.get(Item, e.subject_id or "")
    return f"{e.name} ({subject.name})" if subject is not None and subject.name not in e.name else e.name


def _contents(ctx: BriefContext, e: Evaluation) -> tuple[str, ...]:
    return (
        _questions(ctx, e),
        _type(e),
        _design(e),
        _indicators_and_data(ctx, e),
        baseline_text(ctx, e),
        _governance(e),
        _proportionality(ctx, e),
        _publication(e),
        _status(e, ctx.today),
    )


def _labels(choices, values: list[str]) -> str:
    return "; ".join(choice_label(choices, v) for v in values)


def _questions(ctx: BriefContext, e: Evaluation) -> str:
    questions = questions_of(ctx.doc, e.id)
    if not questions:
        return (
            "No questions yet: add what the evaluation must answer, each tied to the step of the theory of "
            "change it tests."
        )
    links = ctx.doc.table(TocLink)
    lines = []
    for n, q in enumerate(questions, start=1):
        tested = [link_words(ctx, links[i]) for i in q.toc_link_ids if i in links]
        lines.append(f"{n}. {q.question}" + (f" Tests: {'; '.join(tested)}." if tested else ""))
    return "\n".join(lines)


def link_words(ctx: BriefContext, link: TocLink) -> str:
    """A link as a reader knows it: its assumption, else the step it makes (from one result to the next)."""
    if link.assumption.strip():
        return f"the assumption '{link.assumption.strip()}'"
    nodes, items = ctx.doc.table(TocNode), ctx.doc.table(Item)
    start = nodes.get(link.from_node_id or "") or items.get(link.from_item_id or "")
    end = nodes.get(link.to_node_id)
    return f"the step from '{start.title if start else '?'}' to '{end.title if end else '?'}'"


def _type(e: Evaluation) -> str:
    kinds = _labels(EvaluationType, e.types) or "Type not chosen yet (process, impact, value for money)"
    return f"{kinds}. Timing: {choice_label(EvaluationTiming, e.timing).lower()}."


def _design(e: Evaluation) -> str:
    design = _labels(Design, e.designs) or "Design not chosen yet"
    counterfactual = e.counterfactual.strip() or "not stated yet: say what would have happened without the programme"
    return f"{design}.\nCounterfactual: {counterfactual}"


def _indicators_and_data(ctx: BriefContext, e: Evaluation) -> str:
    indicators = [i for i in (ctx.doc.get(Indicator, n) for n in e.indicator_ids) if i is not None]
    names = "; ".join(f"{i.name} ({i.unit})" if i.unit else i.name for i in indicators) or "none linked yet"
    sources = e.data_sources.strip() or "not stated yet"
    return f"Indicators: {names}.\nData sources: {sources}"


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "not set"
    shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}".strip()


def indicator_baseline(ind: Indicator) -> str:
    """'0.2 GWh on 1 January 2024, target 8 GWh by 31 December 2030', from what the indicator stores."""
    base = _number(ind.baseline_value, ind.unit)
    if ind.baseline_date:
        base += f" on {long_date(ind.baseline_date)}"
    target = _number(ind.target_value, ind.unit)
    if ind.target_date:
        target += f" by {long_date(ind.target_date)}"
    return f"{base}; target {target}"


def baseline_text(ctx: BriefContext, e: Evaluation) -> str:
    """The linked indicators' stored baselines first, then what else the evaluation records."""
    lines = [
        f"{i.name}: {indicator_baseline(i)}."
        for i in (ctx.doc.get(Indicator, n) for n in e.indicator_ids)
        if i is not None and i.baseline_value is not None
    ]
    if e.baseline.strip():
        lines.append(e.baseline.strip())
    return "\n".join(lines) or "No baseline recorded: link an indicator with a baseline, or say what the baseline is."


def _governance(e: Evaluation) -> str:
    independence = choice_label(Independence, e.independence)
    lines = [
        f"Steering group: {e.steering_group.strip() or 'not named yet'}.",
        f"Quality assurance: {e.quality_assurance.strip() or 'not stated yet'}",
        f"Peer review: {e.peer_review.strip() or 'none planned'}.",
        f"Independence: {independence}." + (f" {e.conflict_note.strip()}" if e.conflict_note.strip() else ""),
    ]
    return "\n".join(lines)


def _proportionality(ctx: BriefContext, e: Evaluation) -> str:
    reasons = _labels(Proportionality, e.proportionality)
    note = e.proportionality_note.strip()
    first = f"{reasons}." if reasons else "No reason for its scale recorded yet (spend, risk, novelty, profile)."
    return "\n".join(filter(None, (first, note, f"Budget: {ctx.money(e.budget)}.")))


def _publication(e: Evaluation) -> str:
    chosen = choice_label(Publication, e.publication) if e.publication else "Not decided yet"
    registration = e.registration.strip()
    return f"{chosen}." + (f"\nRegistration: {registration}" if registration else "")


def _status(e: Evaluation, today: dt.date) -> str:
    status = choice_label(EvaluationStatus, e.status)
    due = f", report due {long_date(e.planned_date)}" if e.planned_date else ", no report date yet"
    if is_overdue(e, today):
        due = f", report overdue since {long_date(e.planned_date)}"
    response = e.management_response.strip()
    if response:
        return f"{status}{due}.\nManagement response: {response}"
    waiting = "awaited once the report is in" if not e.reported else "not recorded yet"
    return f"{status}{due}.\nManagement response: {waiting}."
