"""An evaluation's questions, and from them which evaluations test each theory-of-change link.

The questions are the single record of what is tested (see EvaluationQuestion): the chain's finding
"assumptions no evaluation tests", the canvas and the evaluation plan all read `evaluations_testing`.
"""

from __future__ import annotations

from workbench.document import Document
from workbench.registers.entities import Evaluation, EvaluationQuestion


def questions_of(doc: Document, evaluation_id: str) -> list[EvaluationQuestion]:
    """The evaluation's questions in the order it asks them."""
    own = [q for q in doc.all(EvaluationQuestion) if q.evaluation_id == evaluation_id]
    return sorted(own, key=lambda q: (q.position, q.question.casefold()))


def evaluations_testing(doc: Document) -> dict[str, list[str]]:
    """Link id -> ids of the evaluations (that exist) with a question testing it, each once."""
    evaluations = doc.table(Evaluation)
    out: dict[str, list[str]] = {}
    for q in doc.all(EvaluationQuestion):
        if q.evaluation_id not in evaluations:
            continue
        for link in q.toc_link_ids:
            testers = out.setdefault(link, [])
            if q.evaluation_id not in testers:
                testers.append(q.evaluation_id)
    return out


def next_position(doc: Document, evaluation_id: str) -> int:
    """Where a new question of the evaluation goes: after its last."""
    return max((q.position + 1 for q in questions_of(doc, evaluation_id)), default=0)
