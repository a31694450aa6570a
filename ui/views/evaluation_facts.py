"""Inspector lines that come from an evaluation's questions and dates: which evaluations test a causal
link (the questions say so, not the link), and whether an evaluation is overdue by the stated rule.

Registered when the inspector first shows an entity (ui.inspector.FACT_MODULES).
"""

from __future__ import annotations

import datetime as dt

from ui.dates import shown_date
from ui.document import OpenDocument
from ui.inspector import FACTS
from ui.markup import escape
from workbench.entity import Entity
from workbench.registers.entities import Evaluation, EvaluationQuestion
from workbench.registers.overdue import OVERDUE_RULE, is_overdue
from workbench.theory_of_change.entities import TocLink


def link_lines(doc: OpenDocument, entity: Entity) -> list[tuple[str, str]]:
    if not isinstance(entity, TocLink):
        return []
    asked = [q for q in doc.all(EvaluationQuestion.KIND) if isinstance(q, EvaluationQuestion)]
    testers = []
    for q in asked:
        evaluation = doc.get(Evaluation.KIND, q.evaluation_id) if entity.id in q.toc_link_ids else None
        if evaluation is not None:
            testers.append(f"{evaluation.title}: '{q.question}'")
    if not testers:
        return [("Tested by", "no evaluation yet; give an evaluation a question that tests this link")]
    return [("Tested by", escape("; ".join(testers)))]


def evaluation_lines(doc: OpenDocument, entity: Entity) -> list[tuple[str, str]]:
    if not isinstance(entity, Evaluation) or not is_overdue(entity, dt.date.today()):
        return []
    due = escape(f"its report was due on {shown_date(entity.planned_date)}")
    return [("Overdue", due), ("", f"<i>{escape(OVERDUE_RULE)}</i>")]


FACTS.setdefault("toc_link", []).append(link_lines)
FACTS.setdefault("evaluation", []).append(evaluation_lines)
