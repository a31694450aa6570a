"""`iip-workbench checklist`: every checklist's score and each question's state as one JSON-ready object."""

from __future__ import annotations

from workbench.checklists.scoring import STATE_TEXT, ChecklistResult, QuestionResult, State, evaluate_all, overall
from workbench.document import Document


def _title(doc: Document, kind: str, id_: str) -> str:
    entity = doc.entities.get(kind, {}).get(id_)
    return entity.title if entity is not None else id_


def _question(doc: Document, q: QuestionResult) -> dict:
    return {
        "id": q.question.id,
        "text": q.question.text,
        "mode": q.question.mode,
        "rule": q.question.rule,
        "threshold": q.question.threshold,
        "state": q.state.value,
        "reason": q.reason,
        "note": q.note,
        "failing": [{"kind": kind, "id": id_, "title": _title(doc, kind, id_)} for kind, id_ in q.failing],
    }


def _checklist(doc: Document, r: ChecklistResult) -> dict:
    return {
        "id": r.checklist.id,
        "title": r.checklist.title,
        "score": r.score.as_json(),
        "not_answered": r.not_answered,
        "questions": [_question(doc, q) for q in r.questions],
    }


def checklist_report(doc: Document) -> dict:
    results = evaluate_all(doc)
    return {"overall": overall(results).as_json(), "checklists": [_checklist(doc, r) for r in results]}


def _score_text(score: dict, not_answered: int) -> str:
    percent = "n/a" if score["percent"] is None else f"{score['percent']}%"
    return f"{percent} ({score['points']:g} of {score['possible']} points; {not_answered} not answered)"


def report_lines(report: dict) -> list[str]:
    """The report as plain text for a terminal: scores, each question's state and its failing objects."""
    not_answered = sum(c["not_answered"] for c in report["checklists"])
    lines = [f"Overall: {_score_text(report['overall'], not_answered)}"]
    for c in report["checklists"]:
        lines += ["", f"{c['title']}: {_score_text(c['score'], c['not_answered'])}"]
        for q in c["questions"]:
            symbol, word = STATE_TEXT[State(q["state"])]
            lines.append(f"  {symbol} {word:<15} {q['id']}: {q['text']}")
            lines += [f"      {q['reason']}"] if q["reason"] else []
            lines += [f"      - {f['kind']} {f['id']}: {f['title']}" for f in q["failing"]]
    return lines
