"""Evaluation content: the plan per programme, what it leaves uncovered (report 001, 'Evaluation'),
the data and baselines it rests on, and how far each evaluation has got.

The findings are the forum's warnings made concrete: programmes nobody will evaluate, departments
evaluating themselves, and no look at outcomes after a programme ends. Each evaluation under the
Magenta Book's headings is in workbench.briefs.evaluation_detail.
"""

from __future__ import annotations

from collections import defaultdict

from workbench.briefs.blocks import Block, Bullets, Column, Subheading, Table
from workbench.briefs.context import BriefContext
from workbench.briefs.evaluation_detail import indicator_baseline
from workbench.briefs.format import DASH, choice_label, short_date
from workbench.monitoring.entities import Frequency, Indicator
from workbench.registers.entities import DacCriterion, Evaluation, EvaluationTiming, Independence
from workbench.registers.evaluation_choices import EvaluationStatus, EvaluationType, Publication
from workbench.spheres.items import Item
from workbench.words import count

UNTIED = "Not tied to one instrument or programme"
OVERVIEW_NAMES = 4  # a submission names a few and points to the annex for the rest


def evaluation_plan(ctx: BriefContext) -> list[Block]:
    """Per programme: each evaluation's timing, type, criteria, independence and budget."""
    by_subject = _by_subject(ctx)
    if not by_subject:
        return []
    names = _item_names(ctx)
    budgets = {item.id: ctx.budgets[profile.id] for item, profile in ctx.funded()}
    out: list[Block] = []
    for subject, evaluations in sorted(by_subject.items(), key=lambda kv: names.get(kv[0], UNTIED).casefold()):
        title = names.get(subject, UNTIED)
        if subject in budgets:
            title += f" ({ctx.money(budgets[subject])})"
        out.append(Subheading(title))
        out.append(
            Table(
                columns=(
                    Column("Evaluation", 2.8),
                    Column("Timing", 1.6),
                    Column("Type", 1.4),
                    Column("OECD DAC criteria", 2.1),
                    Column("Independence", 1.8),
                    Column("Budget", 1.2, numeric=True),
                    Column("Report due", 1.3, nowrap=True),
                ),
                rows=tuple(_plan_row(ctx, e) for e in evaluations),
            )
        )
        notes = tuple(f"Independence of '{e.name}': {e.conflict_note}" for e in evaluations if e.conflict_note)
        if notes:
            out.append(Bullets(notes))
    findings = evaluation_findings(ctx)
    if findings:
        out += [Subheading("What the plan leaves open"), Bullets(tuple(findings))]
    return out


def evaluation_overview(ctx: BriefContext) -> list[Block]:
    """One table of every planned evaluation, then what the plan leaves open (for a submission)."""
    names = _item_names(ctx)
    evaluations = [e for group in _by_subject(ctx).values() for e in group]
    out: list[Block] = []
    if evaluations:
        rows = tuple(
            (
                names.get(e.subject_id or "", UNTIED),
                e.name,
                choice_label(EvaluationTiming, e.timing),
                choice_label(Independence, e.independence),
                short_date(e.planned_date),
            )
            for e in sorted(evaluations, key=lambda e: (e.planned_date or "9999", e.name))
        )
        out.append(
            Table(
                columns=(
                    Column("Programme", 2.6),
                    Column("Evaluation", 3.2),
                    Column("Timing", 1.6),
                    Column("Independence", 1.8),
                    Column("Planned", 1.3, nowrap=True),
                ),
                rows=rows,
                caption=f"{len(evaluations)} planned evaluations, by date.",
            )
        )
    findings = evaluation_findings(ctx, name_limit=OVERVIEW_NAMES)
    if findings:
        out.append(Bullets(tuple(findings)))
    return out


def evaluation_findings(ctx: BriefContext, name_limit: int | None = None) -> list[str]:
    """The plan's blind spots; with `name_limit`, long lists of names are cut short ("and 9 more")."""
    funded = ctx.funded()
    evaluations = ctx.doc.all(Evaluation)
    if not funded and not evaluations:
        return []
    covered = {e.subject_id for e in evaluations}
    missing = sorted((item.name for item, _ in funded if item.id not in covered), key=str.casefold)
    out = []
    if missing:
        out.append(
            f"{len(missing)} of {count(len(funded), 'instrument or programme', 'instruments and programmes')} "
            + ("has" if len(missing) == 1 else "have")
            + " no planned evaluation: "
            + _names(missing, name_limit)
            + "."
        )
    in_house = [e.name for e in evaluations if e.independence == Independence.IN_HOUSE.value]
    if in_house:
        out.append(
            count(len(in_house), "evaluation")
            + (" is" if len(in_house) == 1 else " are")
            + " run in-house by the department responsible, a conflict of interest unless someone "
            + ("independent reviews it: " if len(in_house) == 1 else "independent reviews them: ")
            + _names(in_house, name_limit)
            + "."
        )
    if evaluations and not any(e.timing == EvaluationTiming.LONG_TERM.value for e in evaluations):
        out.append("No evaluation looks at outcomes after programmes end, where long-term effects show.")
    return out


def _names(names: list[str], limit: int | None) -> str:
    if limit is None or len(names) <= limit:
        return "; ".join(names)
    return "; ".join(names[:limit]) + f" and {len(names) - limit} more (see the instrument annex)"


def _item_names(ctx: BriefContext) -> dict[str, str]:
    return {item.id: item.name for item in ctx.doc.all(Item)}


def _by_subject(ctx: BriefContext) -> dict[str, list[Evaluation]]:
    groups: dict[str, list[Evaluation]] = defaultdict(list)
    for e in sorted(ctx.doc.all(Evaluation), key=lambda e: (e.planned_date or "9999", e.name)):
        groups[e.subject_id or ""].append(e)
    return groups


def _plan_row(ctx: BriefContext, e: Evaluation) -> tuple[str, ...]:
    return (
        e.name,
        choice_label(EvaluationTiming, e.timing),
        ", ".join(choice_label(EvaluationType, t) for t in e.types) or DASH,
        ", ".join(DacCriterion(c).label for c in e.criteria) or DASH,
        choice_label(Independence, e.independence),
        ctx.money(e.budget),
        short_date(e.planned_date),
    )


def evaluation_data(ctx: BriefContext) -> list[Block]:
    """The indicators with their stored baselines and targets, who measures them and which evaluation
    uses them; then each evaluation's own data sources."""
    evaluations = sorted(ctx.doc.all(Evaluation), key=lambda e: (e.planned_date or "9999", e.name.casefold()))
    users: dict[str, list[str]] = defaultdict(list)
    for e in evaluations:
        for i in e.indicator_ids:
            users[i].append(e.name)
    out: list[Block] = []
    indicators = sorted(ctx.doc.all(Indicator), key=lambda i: i.name.casefold())
    if indicators:
        rows = tuple(
            (
                i.name,
                indicator_baseline(i),
                f"{i.source or 'Source not named'} ({choice_label(Frequency, i.frequency).lower()})",
                i.owner or "No owner named",
                "; ".join(users.get(i.id, [])) or "No evaluation yet",
            )
            for i in indicators
        )
        out.append(
            Table(
                columns=(
                    Column("Indicator", 2.2),
                    Column("Baseline and target", 2.4),
                    Column("Source (how often)", 2.0),
                    Column("Owner", 1.7),
                    Column("Used by", 2.9),
                ),
                rows=rows,
                caption="Baselines and targets as the indicators record them.",
            )
        )
    sources = tuple(f"{e.name}: {e.data_sources.strip()}" for e in evaluations if e.data_sources.strip())
    if sources:
        out += [Subheading("Data each evaluation draws on"), Bullets(sources)]
    return out


def evaluation_progress(ctx: BriefContext) -> list[Block]:
    """How far each evaluation has got, and what will be published: the use of findings the model knows."""
    evaluations = sorted(ctx.doc.all(Evaluation), key=lambda e: (e.planned_date or "9999", e.name.casefold()))
    if not evaluations:
        return []
    lines = []
    for status in EvaluationStatus:
        named = [e.name for e in evaluations if e.status == status.value]
        if named:
            lines.append(f"{status.label} ({len(named)}): {'; '.join(named)}.")
    published = [e for e in evaluations if e.publication in ("publish_in_full", "publish_summary")]
    undecided = [e.name for e in evaluations if not e.publication]
    lines.append(
        f"{len(published)} of {count(len(evaluations), 'evaluation')} will be published"
        + (f" ({sum(e.publication == 'publish_in_full' for e in published)} in full)." if published else ".")
    )
    if undecided:
        lines.append("Publication not decided yet: " + "; ".join(undecided) + ".")
    internal = [e.name for e in evaluations if e.publication == "internal"]
    if internal:
        lines.append(f"{choice_label(Publication, 'internal')}: " + "; ".join(internal) + ".")
    return [Bullets(tuple(lines))]
