"""Checklist results and completion scores, from the document alone.

Scoring: an answer of yes counts 1, partly 0.5, no 0; not applicable leaves the question out of the
score. A computed question counts 1 when it passes and 0 when it fails. An unanswered question
counts 0 and is reported as "not answered", so a blank checklist scores 0%, never 100%.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workbench.checklists.model import Checklist, Question, load_checklists
from workbench.checklists.rules import RULES, Ref
from workbench.document import Document
from workbench.passes import one_pass
from workbench.registers.entities import Answer, ChecklistResponse


class State(StrEnum):
    PASSES = "passes"
    FAILS = "fails"
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NA = "na"
    NOT_ANSWERED = "not_answered"


# How a state is shown: a symbol and a word, so colour is never the only carrier of meaning.
STATE_TEXT: dict[State, tuple[str, str]] = {
    State.PASSES: ("✔", "Passes"),
    State.FAILS: ("✖", "Fails"),
    State.YES: ("✔", "Yes"),
    State.PARTLY: ("◐", "Partly"),
    State.NO: ("✖", "No"),
    State.NA: ("–", "Not applicable"),
    State.NOT_ANSWERED: ("?", "Not answered"),
}

# What each state is worth; None leaves the question out of the score.
POINTS: dict[State, float | None] = {
    State.PASSES: 1.0,
    State.FAILS: 0.0,
    State.YES: 1.0,
    State.PARTLY: 0.5,
    State.NO: 0.0,
    State.NA: None,
    State.NOT_ANSWERED: 0.0,
}


@dataclass(frozen=True, slots=True)
class Score:
    points: float
    possible: int

    @property
    def percent(self) -> int | None:
        """Whole percent, or None when every question is not applicable."""
        return round(100 * self.points / self.possible) if self.possible else None

    def __add__(self, other: Score) -> Score:
        return Score(self.points + other.points, self.possible + other.possible)

    def as_json(self) -> dict:
        return {"points": self.points, "possible": self.possible, "percent": self.percent}


@dataclass(frozen=True, slots=True)
class QuestionResult:
    question: Question
    state: State
    failing: tuple[Ref, ...] = ()
    reason: str = ""  # why a computed question fails (no objects to check, or what is missing overall)
    note: str = ""  # the user's note on an answered question
    response_id: str | None = None  # the ChecklistResponse holding the answer, if any

    @property
    def score(self) -> Score:
        points = POINTS[self.state]
        return Score(0.0, 0) if points is None else Score(points, 1)


@dataclass(frozen=True, slots=True)
class ChecklistResult:
    checklist: Checklist
    questions: tuple[QuestionResult, ...]

    @property
    def score(self) -> Score:
        return sum((q.score for q in self.questions), Score(0.0, 0))

    @property
    def not_answered(self) -> int:
        return sum(q.state == State.NOT_ANSWERED for q in self.questions)

    def result(self, question_id: str) -> QuestionResult:
        return next(q for q in self.questions if q.question.id == question_id)


def responses_by_question(doc: Document) -> dict[tuple[str, str], ChecklistResponse]:
    return {(r.checklist_id, r.question_id): r for r in doc.all(ChecklistResponse)}


def evaluate_question(doc: Document, question: Question, response: ChecklistResponse | None = None) -> QuestionResult:
    """The question's state; the result holds the question as this project reads it (its own threshold)."""
    question = question.for_project(doc.project)
    if question.computed:
        assert question.rule is not None
        rule = RULES[question.rule]
        missing = rule.needs(doc)
        if missing:
            return QuestionResult(question, State.FAILS, reason=missing)
        failing = tuple(rule.check(doc, doc.project.major_threshold if rule.uses_threshold else None))
        reason = (rule.detail(doc) if rule.detail else "") if failing else ""
        return QuestionResult(question, State.FAILS if failing else State.PASSES, failing, reason)
    if response is None:
        return QuestionResult(question, State.NOT_ANSWERED)
    if response.answer is None:
        return QuestionResult(question, State.NOT_ANSWERED, note=response.note, response_id=response.id)
    return QuestionResult(question, State(Answer(response.answer).value), note=response.note, response_id=response.id)


def evaluate(doc: Document, checklist: Checklist) -> ChecklistResult:
    responses = responses_by_question(doc)
    return ChecklistResult(
        checklist, tuple(evaluate_question(doc, q, responses.get((checklist.id, q.id))) for q in checklist.questions)
    )


def evaluate_all(doc: Document) -> tuple[ChecklistResult, ...]:
    with one_pass(doc):
        return tuple(evaluate(doc, c) for c in load_checklists())


def overall(results: tuple[ChecklistResult, ...]) -> Score:
    """Every question of every checklist weighs the same."""
    return sum((r.score for r in results), Score(0.0, 0))
