"""Answers and notes as undo commands: the first answer creates the question's ChecklistResponse, later
ones update it, so each question keeps one record and every step can be undone."""

from __future__ import annotations

from db import operations as ops
from ui.commands import StoreCommand
from ui.document import OpenDocument
from ui.forms import NO_BURST
from workbench.checklists.answers import new_response
from workbench.checklists.scoring import QuestionResult
from workbench.registers.entities import Answer, ChecklistResponse


def record(
    doc: OpenDocument, checklist_id: str, result: QuestionResult, values: dict[str, str | None], burst: int = NO_BURST
) -> bool:
    """Store `answer` and/or `note` for a question; nothing happens when they are unchanged. Commits of
    one burst of typing (`burst`, see ui.forms) are one undo step."""
    question = result.question
    current = doc.get(ChecklistResponse.KIND, result.response_id) if result.response_id else None
    if current is not None:
        values = {k: v for k, v in values.items() if getattr(current, k) != v}
    if not values:
        return False
    text = _command_text(question.text, values)
    if current is None:
        response = new_response(checklist_id, question.id, values.get("answer"), values.get("note") or "")
        return doc.run(StoreCommand(ops.create([response]), text, burst=burst, origin="checklists"))
    return doc.run(
        StoreCommand(ops.update([(ChecklistResponse.KIND, current.id, values)]), text, burst=burst, origin="checklists")
    )


def _command_text(question: str, values: dict[str, str | None]) -> str:
    short = question if len(question) <= 40 else question[:39] + "…"
    if "answer" in values:
        answer = values["answer"]
        return f"Answer '{short}': {Answer(answer).label if answer else 'cleared'}"
    return f"Note on '{short}'"
