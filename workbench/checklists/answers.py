"""The user's answers: one ChecklistResponse per checklist and question, with an id derived from both
so that answering the same question twice updates one record instead of piling up duplicates."""

from __future__ import annotations

from workbench.registers.entities import ChecklistResponse


def response_id(checklist_id: str, question_id: str) -> str:
    return f"{checklist_id}.{question_id}"


def new_response(checklist_id: str, question_id: str, answer: str | None, note: str = "") -> ChecklistResponse:
    return ChecklistResponse.create(
        id=response_id(checklist_id, question_id),
        checklist_id=checklist_id,
        question_id=question_id,
        answer=answer,
        note=note,
    )
