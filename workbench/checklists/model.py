"""The built-in checklists as read from resources/checklists/*.toml (data, not code).

Loaded through importlib.resources so an installed wheel finds them; a question naming a rule that
has no implementation stops loading with a clear error instead of silently never failing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from workbench.checklists.rules import RULES
from workbench.errors import WorkbenchError
from workbench.money.currency import format_money
from workbench.project import Project

# Navigator order: the four process steps of report 001, the report's themes around them, then the Green Book
# cycle as an overview.
CHECKLIST_IDS = ("objectives", "experimentation", "evaluation", "learning", "context", "roamef")
THRESHOLD = "{threshold}"  # where a question shows the project's major-programme threshold


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    why: str
    source: str
    mode: str  # "computed" (a rule reads the document) or "answered" (the user says yes/partly/no/n.a.)
    rule: str | None = None
    threshold: float | None = None  # the project's threshold once the text shows it (for_project)

    @property
    def computed(self) -> bool:
        return self.mode == "computed"

    @property
    def uses_threshold(self) -> bool:
        return THRESHOLD in self.text or self.threshold is not None

    def for_project(self, project: Project) -> Question:
        """The question as the project's team reads it: its threshold in the project's own money."""
        if THRESHOLD not in self.text:
            return self
        shown = format_money(project.major_threshold, project.currency)
        return replace(self, text=self.text.replace(THRESHOLD, shown), threshold=project.major_threshold)


@dataclass(frozen=True, slots=True)
class Checklist:
    id: str
    title: str
    summary: str
    source: str
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise WorkbenchError(f"The {self.title} checklist has no question {question_id!r}.")


def parse_checklist(data: dict) -> Checklist:
    questions = tuple(
        Question(
            id=q["id"],
            text=q["text"],
            why=q["why"],
            source=q["source"],
            mode=q["mode"],
            rule=q.get("rule"),
        )
        for q in data["questions"]
    )
    return Checklist(data["id"], data["title"], data["summary"], data["source"], questions)


@cache
def load_checklists() -> tuple[Checklist, ...]:
    """The five built-in checklists, in CHECKLIST_IDS order."""
    folder = resources.files("resources").joinpath("checklists")
    out = []
    for cid in CHECKLIST_IDS:
        checklist = parse_checklist(tomllib.loads(folder.joinpath(f"{cid}.toml").read_text(encoding="utf-8")))
        for q in checklist.questions:
            if q.uses_threshold != (q.computed and q.rule in RULES and RULES[q.rule].uses_threshold) or (
                q.computed and q.rule not in RULES
            ):
                problem = f"rule {q.rule!r} is unknown, or its text does not show the threshold ({THRESHOLD}) it uses"
                raise WorkbenchError(f"Checklist {cid!r}, question {q.id!r}: {problem}.")
        out.append(checklist)
    return tuple(out)
