"""The checklist annex of a brief: how far each built-in checklist is met, and every question the
programme's own records show it does not meet (computed ones), each with every record at fault, so the
minister sees the gaps without opening the tool."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Bullets, Column, Subheading, Table
from workbench.briefs.context import BriefContext
from workbench.checklists.scoring import ChecklistResult, QuestionResult, Score, State, overall
from workbench.words import listing

PASSING, FAILED = (State.PASSES, State.YES), (State.FAILS, State.NO)


def checklist_status(ctx: BriefContext) -> list[Block]:
    results = ctx.checklists
    table = Table(
        columns=(
            Column("Checklist", 3.0),
            Column("Score", 0.8, numeric=True),
            Column("Met", 0.8, numeric=True),
            Column("Partly", 0.8, numeric=True),
            Column("Not met", 0.8, numeric=True),
            Column("Not answered", 1.1, numeric=True),
        ),
        rows=tuple(_row(r.checklist.title, r.score, r.questions) for r in results),
        caption="Questions met, partly met, not met and not yet answered; a not applicable answer is not scored.",
        total=_row("All checklists", overall(results), tuple(q for r in results for q in r.questions)),
    )
    failing = [(r, q) for r in results for q in r.questions if q.question.computed and q.state is State.FAILS]
    if not failing:
        return [table]
    heading = f"Questions the programme's records show are not met ({len(failing)})"
    return [table, Subheading(heading), Bullets(tuple(_failing(ctx, r, q) for r, q in failing))]


def _row(title: str, score: Score, questions: tuple[QuestionResult, ...]) -> tuple[str, ...]:
    def n(*states: State) -> str:
        return str(sum(q.state in states for q in questions))

    percent = "n/a" if score.percent is None else f"{score.percent}%"
    return (title, percent, n(*PASSING), n(State.PARTLY), n(*FAILED), n(State.NOT_ANSWERED))


def _failing(ctx: BriefContext, result: ChecklistResult, q: QuestionResult) -> str:
    """'<Checklist>: <question> Not met by “A”, “B” and “C”.' (every one) or why nothing could be checked
    (titles are quoted: some, like a lesson's, are sentences themselves)."""
    titles = [f"“{_title(ctx, kind, id_)}”" for kind, id_ in q.failing]
    detail = f"Not met by {listing(titles)}." if titles else q.reason
    return f"{result.checklist.title}: {q.question.text} {detail}".strip()


def _title(ctx: BriefContext, kind: str, id_: str) -> str:
    entity = ctx.doc.entities.get(kind, {}).get(id_)
    return entity.title if entity is not None else id_
