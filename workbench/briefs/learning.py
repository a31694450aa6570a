"""What the programme learns from besides its evaluations: the experiments, each with the rule that
decides whether it is scaled up or stopped, and the lessons, with who holds them (report 001,
'Experimentation' and 'Policy learning')."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Column, Table
from workbench.briefs.context import BriefContext
from workbench.briefs.format import DASH, choice_label, short_date
from workbench.registers.entities import Experiment, ExperimentType, Lesson, LessonSource, Transferability
from workbench.spheres.items import Item


def experiments(ctx: BriefContext) -> list[Block]:
    """Every experiment: what it tests, its decision rule, when it runs and what it found."""
    found = sorted(ctx.doc.all(Experiment), key=lambda x: (x.start_date or "9999", x.name.casefold()))
    if not found:
        return []
    items = ctx.doc.table(Item)
    rows = tuple(
        (
            x.name + (f" ({items[x.instrument_id].name})" if x.instrument_id in items else ""),
            choice_label(ExperimentType, x.experiment_type),
            x.hypothesis or DASH,
            x.decision_rule or "No decision rule yet: say what result scales it up and what stops it.",
            f"{short_date(x.start_date)} to {short_date(x.end_date)}",
            x.result or "Not yet",
        )
        for x in found
    )
    return [
        Table(
            columns=(
                Column("Experiment", 2.2),
                Column("Type", 1.3),
                Column("Hypothesis", 2.6),
                Column("Decision rule (scale up or stop)", 3.0),
                Column("Runs", 1.5),
                Column("Result", 1.2),
            ),
            rows=rows,
        )
    ]


def lessons(ctx: BriefContext) -> list[Block]:
    """Every lesson: where it comes from, how far it transfers, who holds it and where it was applied."""
    found = sorted(ctx.doc.all(Lesson), key=lambda le: (le.date or "9999", le.lesson.casefold()))
    if not found:
        return []
    items = ctx.doc.table(Item)
    rows = tuple(
        (
            le.lesson,
            choice_label(LessonSource, le.source_kind) + (f": {le.source}" if le.source else ""),
            choice_label(Transferability, le.transferability),
            (le.knowledge_holder or "No one named") + (" (rotating out)" if le.holder_rotating else ""),
            "; ".join(items[i].name for i in le.applied_to_ids if i in items) or "Not applied yet",
        )
        for le in found
    )
    return [
        Table(
            columns=(
                Column("Lesson", 4.0),
                Column("From", 1.8),
                Column("Transfers", 1.1),
                Column("Who holds it", 2.0),
                Column("Applied to", 2.0),
            ),
            rows=rows,
        )
    ]
