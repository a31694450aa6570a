"""The process registers of report 001: objectives, experiments, evaluations and lessons."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from workbench.entity import Entity, check_range
from workbench.errors import ValidationError
from workbench.fields import Choice, attr
from workbench.registers.evaluation_choices import (
    Design,
    EvaluationStatus,
    EvaluationType,
    Proportionality,
    Publication,
    definitions,
)


class ObjectiveKind(Choice):
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


class Aim(Choice):
    ECONOMIC = "economic"
    SOCIETAL = "societal"
    BOTH = "both"


@dataclasses.dataclass(kw_only=True, slots=True)
class Objective(Entity):
    KIND: ClassVar[str] = "objective"
    LABEL: ClassVar[str] = "Objective"
    TITLE_FIELD: ClassVar[str] = "statement"

    statement: str = attr("", label="Statement", required=True, max_length=500)
    objective_kind: str = attr(
        ObjectiveKind.QUANTITATIVE.value, label="Kind", kind="choice", choices=ObjectiveKind, required=True
    )
    aim: str = attr(Aim.ECONOMIC.value, label="Aim", kind="choice", choices=Aim, required=True)
    deadline: str | None = attr(None, label="Deadline", kind="date")
    set_by: str = attr("", label="Set by", max_length=200)
    owner: str = attr("", label="Owner", max_length=200)
    tradeoffs: str = attr("", label="Trade-offs with other objectives", kind="longtext")
    instrument_ids: list[str] = attr(label="Linked instruments", kind="refs", ref="item")


class ExperimentType(Choice):
    PILOT = "pilot"
    REGIONAL_TEST_BED = "regional_test_bed"
    REGULATORY_SANDBOX = "regulatory_sandbox"
    RANDOMISED_TRIAL = "randomised_trial"
    OTHER = "other"


@dataclasses.dataclass(kw_only=True, slots=True)
class Experiment(Entity):
    KIND: ClassVar[str] = "experiment"
    LABEL: ClassVar[str] = "Experiment"

    name: str = attr("", label="Name", required=True, max_length=200)
    experiment_type: str = attr(
        ExperimentType.PILOT.value, label="Type", kind="choice", choices=ExperimentType, required=True
    )
    scale: str = attr("", label="Scale", max_length=200)
    region: str = attr("", label="Region", max_length=200)
    controlled_conditions: str = attr("", label="Controlled conditions", kind="longtext")
    hypothesis: str = attr("", label="Hypothesis", kind="longtext")
    decision_rule: str = attr("", label="Decision rule (scale up or stop)", kind="longtext")
    start_date: str | None = attr(None, label="Start", kind="date")
    end_date: str | None = attr(None, label="End", kind="date")
    instrument_id: str | None = attr(None, label="Linked instrument", kind="ref", ref="item")
    result: str = attr("", label="Result", kind="longtext")

    def check_rules(self) -> None:
        check_range(self, "start_date", "end_date")


class EvaluationTiming(Choice):
    EX_ANTE = "ex_ante"
    INTERIM = "interim"
    EX_POST = "ex_post"
    LONG_TERM = "long_term"


class DacCriterion(Choice):
    """OECD DAC evaluation criteria."""

    RELEVANCE = "relevance"
    COHERENCE = "coherence"
    EFFECTIVENESS = "effectiveness"
    EFFICIENCY = "efficiency"
    IMPACT = "impact"
    SUSTAINABILITY = "sustainability"


class Independence(Choice):
    IN_HOUSE = "in_house"
    INDEPENDENT_AGENCY = "independent_agency"
    EXTERNAL_CONTRACTOR = "external_contractor"


REPORTED = frozenset({"reported", "response_agreed"})  # statuses of an evaluation whose report is in


@dataclasses.dataclass(kw_only=True, slots=True)
class Evaluation(Entity):
    """One evaluation, planned to the Magenta Book's headings: what it asks (its questions are
    `EvaluationQuestion`s), of which type and design, against which counterfactual, from which
    indicators, data and baseline, governed and sized how, published where, and how far it has got."""

    KIND: ClassVar[str] = "evaluation"
    LABEL: ClassVar[str] = "Evaluation"
    TITLE_FIELD: ClassVar[str] = "name"

    name: str = attr("", label="Name", required=True, max_length=200)
    subject_id: str | None = attr(None, label="Instrument or programme", kind="ref", ref="item")
    status: str = attr(
        "planned",
        label="Status",
        kind="choice",
        choices=EvaluationStatus,
        required=True,
        help=definitions("status"),
    )
    planned_date: str | None = attr(None, label="Report due", kind="date")
    timing: str = attr(
        EvaluationTiming.EX_POST.value, label="Timing", kind="choice", choices=EvaluationTiming, required=True
    )
    types: list[str] = attr(label="Type", kind="choices", choices=EvaluationType, help=definitions("types"))
    criteria: list[str] = attr(label="OECD DAC criteria", kind="choices", choices=DacCriterion)
    designs: list[str] = attr(label="Design", kind="choices", choices=Design, help=definitions("designs"))
    counterfactual: str = attr(
        "",
        label="Counterfactual",
        kind="longtext",
        help="What would have happened without the programme, and how the evaluation estimates it.",
    )
    indicator_ids: list[str] = attr(label="Indicators", kind="refs", ref="indicator")
    data_sources: str = attr("", label="Data sources", kind="longtext")
    baseline: str = attr(
        "",
        label="Other baseline data",
        kind="longtext",
        help="Baselines the linked indicators do not hold; the plan prints the indicators' own baselines first.",
    )
    steering_group: str = attr("", label="Steering group", max_length=300)
    quality_assurance: str = attr("", label="Quality assurance", kind="longtext")
    peer_review: str = attr("", label="Peer review", max_length=300)
    independence: str = attr(
        Independence.IN_HOUSE.value, label="Independence", kind="choice", choices=Independence, required=True
    )
    conflict_note: str = attr("", label="Conflict-of-interest note", kind="longtext")
    proportionality: list[str] = attr(
        label="Why it warrants this scale",
        kind="choices",
        choices=Proportionality,
        help=definitions("proportionality"),
    )
    proportionality_note: str = attr("", label="Proportionality rationale", kind="longtext")
    budget: float | None = attr(None, label="Budget", kind="float", minimum=0, maximum=1e15, money=True)
    publication: str | None = attr(
        None, label="Publication", kind="choice", choices=Publication, help=definitions("publication")
    )
    registration: str = attr(
        "", label="Registration", max_length=300, help="Where the plan or protocol is registered before fieldwork."
    )
    management_response: str = attr("", label="Management response", kind="longtext")

    def check_rules(self) -> None:
        if self.status == "response_agreed" and not self.management_response.strip():
            raise ValidationError(self.LABEL, "Management response", "is required once the response is agreed")

    @property
    def reported(self) -> bool:
        return self.status in REPORTED


@dataclasses.dataclass(kw_only=True, slots=True)
class EvaluationQuestion(Entity):
    """A question an evaluation asks, with the theory-of-change links (and so the assumptions) it tests.

    The questions are the one record of which evaluation tests which link: a link is tested by every
    evaluation with a question naming it (`evaluations_testing`). Links used to carry their testers; the schema
    step that added questions turned each such tester into a question of that evaluation, so nothing
    says it twice."""

    KIND: ClassVar[str] = "evaluation_question"
    LABEL: ClassVar[str] = "Evaluation question"
    TITLE_FIELD: ClassVar[str] = "question"

    evaluation_id: str = attr("", label="Evaluation", kind="ref", ref="evaluation", required=True)
    question: str = attr("", label="Question", required=True, max_length=500)
    toc_link_ids: list[str] = attr(label="Links and assumptions it tests", kind="refs", ref="toc_link")
    position: int = attr(0, label="Order", kind="int", required=True, minimum=0, maximum=1_000_000, editable=False)


class LessonSource(Choice):
    OWN_PROGRAMME = "own_programme"
    OTHER_COUNTRY = "other_country"


class Transferability(Choice):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclasses.dataclass(kw_only=True, slots=True)
class Lesson(Entity):
    KIND: ClassVar[str] = "lesson"
    LABEL: ClassVar[str] = "Lesson"
    TITLE_FIELD: ClassVar[str] = "lesson"

    lesson: str = attr("", label="Lesson", required=True, max_length=1000)
    source_kind: str = attr(
        LessonSource.OWN_PROGRAMME.value, label="Source", kind="choice", choices=LessonSource, required=True
    )
    source: str = attr("", label="Programme or country", max_length=200)
    context: str = attr("", label="Context", kind="longtext")
    transferability: str | None = attr(None, label="How far it transfers", kind="choice", choices=Transferability)
    knowledge_holder: str = attr("", label="Who holds the knowledge", max_length=200)
    holder_rotating: bool = attr(
        False,
        label="Holder is rotating out",
        kind="bool",
        required=True,
        help="Lessons are lost when the person who holds them moves post.",
    )
    date: str | None = attr(None, label="Date", kind="date")
    applied_to_ids: list[str] = attr(label="Applied to", kind="refs", ref="item")


class Answer(Choice):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NA = "na"


@dataclasses.dataclass(kw_only=True, slots=True)
class ChecklistResponse(Entity):
    """A user's answer to one checklist question (computed questions need no response)."""

    KIND: ClassVar[str] = "response"
    LABEL: ClassVar[str] = "Checklist answer"
    TITLE_FIELD: ClassVar[str] = "question_id"

    checklist_id: str = attr("", label="Checklist", required=True, max_length=64, editable=False)
    question_id: str = attr("", label="Question", required=True, max_length=64, editable=False)
    answer: str | None = attr(None, label="Answer", kind="choice", choices=Answer)
    note: str = attr("", label="Note", kind="longtext")


class RiskCategory(Choice):
    DELIVERY = "delivery"
    FINANCIAL = "financial"
    MARKET = "market"
    LEGAL = "legal"
    SKILLS = "skills"
    REPUTATIONAL = "reputational"
    OTHER = "other"


class RiskLevel(Choice):
    """How likely a risk is, or how much it would hurt: the three steps a submission uses."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


@dataclasses.dataclass(kw_only=True, slots=True)
class Risk(Entity):
    """One entry of the risk register; a submission's Risks section prints them as a table."""

    KIND: ClassVar[str] = "risk"
    LABEL: ClassVar[str] = "Risk"
    TITLE_FIELD: ClassVar[str] = "risk"

    risk: str = attr("", label="Risk", required=True, max_length=500)
    category: str = attr(
        RiskCategory.DELIVERY.value, label="Category", kind="choice", choices=RiskCategory, required=True
    )
    likelihood: str = attr(RiskLevel.MEDIUM.value, label="Likelihood", kind="choice", choices=RiskLevel, required=True)
    impact: str = attr(RiskLevel.MEDIUM.value, label="Impact", kind="choice", choices=RiskLevel, required=True)
    owner: str = attr("", label="Owner", max_length=200)
    mitigation: str = attr("", label="Mitigation", kind="longtext")
