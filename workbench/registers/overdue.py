"""Which evaluations are overdue, by one stated rule (OVERDUE_RULE): pure, `today` is given.

An evaluation is due on its report date; until its report is in (status reported or response agreed)
it is overdue from the day after. Undated evaluations are never overdue: the plan says nothing yet.
"""

from __future__ import annotations

import datetime as dt

from workbench.document import Document
from workbench.registers.entities import Evaluation
from workbench.registers.evaluation_choices import EvaluationStatus

OVERDUE_RULE = (
    "An evaluation is overdue from the day after its report is due until its status says the report is in "
    "(reported, or response agreed)."
)


def is_overdue(evaluation: Evaluation, today: dt.date) -> bool:
    due = evaluation.planned_date
    return due is not None and due < today.isoformat() and not evaluation.reported


def overdue_evaluations(doc: Document, today: dt.date) -> list[Evaluation]:
    """The overdue evaluations, longest overdue first."""
    late = [e for e in doc.all(Evaluation) if is_overdue(e, today)]
    return sorted(late, key=lambda e: (e.planned_date or "", e.name.casefold()))


def overdue_line(evaluation: Evaluation) -> str:
    """What the overview says of one overdue evaluation."""
    status = EvaluationStatus(evaluation.status).label.lower()
    return (
        f"Evaluation '{evaluation.name}' was due to report on {evaluation.planned_date} and is still {status}: "
        "record its report, or give it a new date."
    )


def evaluation_status_json(doc: Document, today: dt.date) -> dict:
    """For `analyse --json`: the rule, each evaluation's status and whether it is overdue, and the overdue
    ones as findings in words (which `analyse` without --json prints)."""
    evaluations = sorted(doc.all(Evaluation), key=lambda e: (e.planned_date or "9999", e.name.casefold()))
    return {
        "rule": OVERDUE_RULE,
        "evaluations": [
            {
                "id": e.id,
                "name": e.name,
                "status": e.status,
                "report_due": e.planned_date,
                "overdue": is_overdue(e, today),
            }
            for e in evaluations
        ],
        "findings": [
            {"kind": "evaluation_overdue", "text": overdue_line(e), "refs": [["evaluation", e.id]]}
            for e in overdue_evaluations(doc, today)
        ],
    }
