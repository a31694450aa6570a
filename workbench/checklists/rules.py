"""The computed checklist questions: one pure function per rule name used in resources/checklists.

Each check takes the document and the project's major-programme threshold (whole units of the
project currency, for the rules that use one; the question's text shows it) and returns the objects
that fail it as (kind, id) refs; an empty list passes. A rule with nothing to look at does not pass
vacuously: its `needs` names what is missing ("No objectives recorded yet") and the question fails
with that reason and no objects.
Instruments are referred to by their item ("item", id), which the canvas and inspector select.
The docstring of each check is what the user reads under "How this is checked".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.document import Document
from workbench.ecosystem.entities import Actor
from workbench.entity import Entity
from workbench.monitoring.entities import Indicator, Measurement
from workbench.monitoring.status import unmeasured_objectives
from workbench.passes import once_per_pass
from workbench.registers.entities import (
    Aim,
    DacCriterion,
    Evaluation,
    EvaluationTiming,
    EvaluationType,
    Experiment,
    Independence,
    Lesson,
    LessonSource,
    Objective,
)
from workbench.spheres.budgets import budgets
from workbench.spheres.items import Instrument, Item, Status, TargetGroup
from workbench.theory_of_change.entities import Rationale

Ref = tuple[str, str]
Check = Callable[[Document, float | None], list[Ref]]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    check: Check
    needs: Callable[[Document], str]  # "" when there is something to check, else why the question fails
    uses_threshold: bool = False
    detail: Callable[[Document], str] | None = None  # one line on what is missing, for collection-wide rules

    @property
    def how(self) -> str:
        return " ".join((self.check.__doc__ or "").split())


RULES: dict[str, Rule] = {}


def rule(name: str, needs: Callable[[Document], str], **options) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES[name] = Rule(name, check, needs, **options)
        return check

    return register


def _some(kind: type[Entity], missing: str) -> Callable[[Document], str]:
    return lambda doc: "" if doc.all(kind) else missing


def _blank(text: str) -> bool:
    return not text.strip()


def _refs(entities: Sequence[Entity]) -> list[Ref]:
    return [(e.KIND, e.id) for e in entities]


@once_per_pass
def policy_instruments(doc: Document) -> tuple[tuple[Item, Instrument], ...]:
    """Instruments and programmes that are part of the policy (not marked outside IIP), with their profile."""
    profiles = doc.table(Instrument)
    out = []
    for item in doc.all(Item):
        profile = profiles.get(item.id)
        if item.funded and not item.outside_iip and profile is not None:
            out.append((item, profile))
    return tuple(out)


def _major(doc: Document, threshold: float | None) -> list[Item]:
    assert threshold is not None, "threshold rules are given the project's threshold"
    money = budgets(doc)
    return [item for item, _profile in policy_instruments(doc) if (money[item.id] or 0) >= threshold]


def _evaluations_by_subject(doc: Document) -> dict[str, list[Evaluation]]:
    out: dict[str, list[Evaluation]] = {}
    for evaluation in doc.all(Evaluation):
        if evaluation.subject_id is not None:
            out.setdefault(evaluation.subject_id, []).append(evaluation)
    return out


NO_OBJECTIVES = _some(Objective, "No objectives recorded yet: add them under Objectives.")
NO_EXPERIMENTS = _some(Experiment, "No experiments planned yet: add them under Experiments.")
NO_EVALUATIONS = _some(Evaluation, "No evaluations planned yet: add them under Evaluation.")
NO_LESSONS = _some(Lesson, "No lessons recorded yet: add them under Lessons or from the practice library.")
NO_INDICATORS = _some(Indicator, "No indicators recorded yet: add them under Indicators.")


def _no_instruments(doc: Document) -> str:
    return "" if policy_instruments(doc) else "No instruments or programmes yet: add them on the Spheres canvas."


# ----- objectives --------------------------------------------------------------------------------------------------


@rule("objectives_have_indicator_baseline_and_target", NO_OBJECTIVES)
def objectives_have_indicator_baseline_and_target(doc: Document, _threshold: float | None) -> list[Ref]:
    """Every objective needs an indicator in the Indicators register that measures it, with a baseline value
    (where things stand now) and a target value: without the baseline no one can tell how far the target
    moves things."""
    return _refs(unmeasured_objectives(doc))


_ORGANISATION = re.compile(
    r"^(the\s+)?(department|ministry|agency|office|directorate|authority|council|government|commission)\b"
    r"|\b(department|ministry|agency|directorate|authority|council|commission)$",
    re.IGNORECASE,
)  # judged on the part before a comma: "Head of Programmes, Northland Agency" is a role


def names_an_organisation(doc: Document, owner: str) -> bool:
    """True when an owner is an organisation (a department, an agency, an actor on the map) rather than
    a person or a role within one: an organisation owns nothing in practice when its staff move on."""
    text = " ".join(owner.split()).casefold()
    organisations = {a.name.casefold() for a in doc.all(Actor)}
    department = doc.project.department
    organisations |= {part.strip().casefold() for part in department.split(",") if part.strip()}
    return text in organisations or bool(_ORGANISATION.search(text.split(",")[0].strip()))


@rule("objectives_have_owner", NO_OBJECTIVES)
def objectives_have_owner(doc: Document, _threshold: float | None) -> list[Ref]:
    """Every objective needs an owner who is a person or a role (e.g. 'Director, Industrial Strategy'), not
    an organisation: an owner that is a department, an agency or an actor on the ecosystem map fails."""
    return _refs([o for o in doc.all(Objective) if _blank(o.owner) or names_an_organisation(doc, o.owner)])


@rule("objectives_have_deadline", NO_OBJECTIVES)
def objectives_have_deadline(doc: Document, _threshold: float | None) -> list[Ref]:
    """Every objective needs a deadline."""
    return _refs([o for o in doc.all(Objective) if o.deadline is None])


def _aims_missing(doc: Document) -> str:
    aims = {o.aim for o in doc.all(Objective)}
    missing = [a.value for a in (Aim.SOCIETAL, Aim.ECONOMIC) if not aims & {a, Aim.BOTH}]
    return f"No {' or '.join(missing)} aim among the objectives." if missing else ""


@rule("objectives_cover_societal_and_economic", NO_OBJECTIVES, detail=_aims_missing)
def objectives_cover_societal_and_economic(doc: Document, _threshold: float | None) -> list[Ref]:
    """Between them the objectives need at least one societal and one economic aim (an objective marked
    'both' counts for each). When one side is missing, all objectives are listed."""
    return _refs(doc.all(Objective)) if _aims_missing(doc) else []


@rule("objectives_linked_to_instruments", NO_OBJECTIVES)
def objectives_linked_to_instruments(doc: Document, _threshold: float | None) -> list[Ref]:
    """Every objective needs at least one linked instrument, and every instrument or programme of the
    policy needs to be linked from at least one objective. Both kinds of gap are listed."""
    objectives = doc.all(Objective)
    served = {i for o in objectives for i in o.instrument_ids}
    items = {item.id for item, _profile in policy_instruments(doc)}
    lonely_objectives = [o for o in objectives if not items & set(o.instrument_ids)]
    unserved = [item for item, _profile in policy_instruments(doc) if item.id not in served]
    return _refs(lonely_objectives) + _refs(unserved)


# ----- evaluation --------------------------------------------------------------------------------------------------


def _new_or_major(doc: Document, threshold: float | None) -> list[Item]:
    """Instruments and programmes not yet running (proposed or planned) or at or above the threshold."""
    assert threshold is not None, "threshold rules are given the project's threshold"
    new = {Status.PROPOSED.value, Status.PLANNED.value}
    money = budgets(doc)
    return [item for item, p in policy_instruments(doc) if p.status in new or (money[item.id] or 0) >= threshold]


@rule("new_and_major_instruments_have_ex_ante", _no_instruments, uses_threshold=True)
def new_and_major_instruments_have_ex_ante(doc: Document, threshold: float | None) -> list[Ref]:
    """Every instrument or programme that is new (status proposed or planned) or whose budget is at or
    above the threshold needs an evaluation with the timing 'Ex-ante' (before launch) that names it.
    One ex-ante assessment of another instrument does not count for it."""
    evaluated = _evaluations_by_subject(doc)
    return _refs(
        [
            item
            for item in _new_or_major(doc, threshold)
            if not any(e.timing == EvaluationTiming.EX_ANTE for e in evaluated.get(item.id, []))
        ]
    )


@rule("major_instruments_have_evaluation", _no_instruments, uses_threshold=True)
def major_instruments_have_evaluation(doc: Document, threshold: float | None) -> list[Ref]:
    """Every instrument or programme whose budget is at or above the threshold needs at least one
    evaluation that names it as its subject. Passes when no instrument is that large."""
    evaluated = _evaluations_by_subject(doc)
    return _refs([item for item in _major(doc, threshold) if item.id not in evaluated])


def deciding_evaluation(evaluations: Sequence[Evaluation]) -> Evaluation:
    """The evaluation whose findings reach the decision first: the earliest planned (one without a date
    comes after every dated one)."""
    return min(evaluations, key=lambda e: (e.planned_date is None, e.planned_date or ""))


@rule("major_programmes_independent_evaluator", _no_instruments, uses_threshold=True)
def major_programmes_independent_evaluator(doc: Document, threshold: float | None) -> list[Ref]:
    """For every instrument or programme whose budget is at or above the threshold, the evaluation that
    informs the decision at hand (its earliest planned evaluation) must be done by an independent
    agency or an external contractor, not in-house; a later independent one does not make up for it.
    Instruments with no evaluation at all are listed by the question on planned evaluations, not here."""
    evaluated = _evaluations_by_subject(doc)
    return _refs(
        [
            item
            for item in _major(doc, threshold)
            if item.id in evaluated and deciding_evaluation(evaluated[item.id]).independence == Independence.IN_HOUSE
        ]
    )


def _no_evaluated_instruments(doc: Document) -> str:
    if NO_EVALUATIONS(doc):
        return NO_EVALUATIONS(doc)
    if not _evaluations_by_subject(doc):
        return "No evaluation names the instrument or programme it evaluates."
    return ""


def _runs_past_end(evaluation: Evaluation, end_date: str | None) -> bool:
    if evaluation.timing == EvaluationTiming.LONG_TERM:
        return True
    return end_date is not None and evaluation.planned_date is not None and evaluation.planned_date > end_date


@rule("evaluation_runs_past_programme_end", _no_evaluated_instruments)
def evaluation_runs_past_programme_end(doc: Document, _threshold: float | None) -> list[Ref]:
    """For every instrument or programme that has evaluations, at least one of them must reach past its
    end: timing 'Long-term', or a planned date after the instrument's end date (without an end date,
    only 'Long-term' counts). Otherwise that instrument's evaluations are listed. Evaluations that
    name no instrument are not judged here."""
    failing: list[Evaluation] = []
    for subject_id, evaluations in _evaluations_by_subject(doc).items():
        profile = doc.get(Instrument, subject_id)
        end_date = profile.end_date if profile is not None else None
        if not any(_runs_past_end(e, end_date) for e in evaluations):
            failing += evaluations
    return _refs(failing)


def dac_criteria_missing(evaluations: Sequence[Evaluation]) -> list[str]:
    """The OECD DAC criteria none of these evaluations names, in the DAC's order."""
    named = {c for e in evaluations for c in e.criteria}
    return [c.label.lower() for c in DacCriterion if c.value not in named]


@rule("major_programmes_cover_dac_criteria", _no_instruments, uses_threshold=True)
def major_programmes_cover_dac_criteria(doc: Document, threshold: float | None) -> list[Ref]:
    """For every instrument or programme whose budget is at or above the threshold, its own evaluations
    must between them name all six OECD DAC criteria (relevance, coherence, effectiveness, efficiency,
    impact, sustainability); criteria covered by another programme's evaluation do not count.
    Instruments with no evaluation at all are listed by the question on planned evaluations, not here."""
    evaluated = _evaluations_by_subject(doc)
    return _refs(
        [item for item in _major(doc, threshold) if item.id in evaluated and dac_criteria_missing(evaluated[item.id])]
    )


# ----- experimentation ---------------------------------------------------------------------------------------------


@rule("experiments_have_decision_rule", NO_EXPERIMENTS)
def experiments_have_decision_rule(doc: Document, _threshold: float | None) -> list[Ref]:
    """Every experiment needs its decision rule (when to scale up or stop) filled in."""
    return _refs([e for e in doc.all(Experiment) if _blank(e.decision_rule)])


@rule("experiments_have_hypothesis", NO_EXPERIMENTS)
def experiments_have_hypothesis(doc: Document, _threshold: float | None) -> list[Ref]:
    """Every experiment needs its hypothesis filled in."""
    return _refs([e for e in doc.all(Experiment) if _blank(e.hypothesis)])


@rule("experiments_linked_to_instrument", NO_EXPERIMENTS)
def experiments_linked_to_instrument(doc: Document, _threshold: float | None) -> list[Ref]:
    """Every experiment needs a linked instrument."""
    items = doc.table(Item)  # looked up, not copied: a document may hold thousands of items
    return _refs([e for e in doc.all(Experiment) if e.instrument_id not in items])


# ----- policy learning ---------------------------------------------------------------------------------------------


@rule("lessons_have_stable_owner", NO_LESSONS)
def lessons_have_stable_owner(doc: Document, _threshold: float | None) -> list[Ref]:
    """Every lesson needs someone who holds the knowledge, and that holder must not be marked as
    rotating out."""
    return _refs([le for le in doc.all(Lesson) if _blank(le.knowledge_holder) or le.holder_rotating])


@rule("lessons_from_other_countries", NO_LESSONS)
def lessons_from_other_countries(doc: Document, _threshold: float | None) -> list[Ref]:
    """At least one lesson must have the source 'Other country'. When none has, all lessons are listed."""
    lessons = doc.all(Lesson)
    return [] if any(le.source_kind == LessonSource.OTHER_COUNTRY for le in lessons) else _refs(lessons)


@rule("lessons_applied", NO_LESSONS)
def lessons_applied(doc: Document, _threshold: float | None) -> list[Ref]:
    """Every lesson needs at least one instrument or programme it was applied to."""
    return _refs([le for le in doc.all(Lesson) if not le.applied_to_ids])


# ----- ROAMEF: the stages the registers can answer -------------------------------------------------------------------


@rule("roamef_rationale", _no_instruments)
def roamef_rationale(doc: Document, _threshold: float | None) -> list[Ref]:
    """Every instrument or programme of the policy is named by a rationale (the market or system failure it
    addresses) that states its evidence; a rationale with no evidence is listed too, once."""
    rationales = doc.all(Rationale)
    unevidenced = [r for r in rationales if _blank(r.evidence)]
    justified = {i for r in rationales if not _blank(r.evidence) for i in r.instrument_ids}
    return _refs([item for item, _profile in policy_instruments(doc) if item.id not in justified]) + _refs(unevidenced)


@rule("roamef_objectives", NO_OBJECTIVES)
def roamef_objectives(doc: Document, _threshold: float | None) -> list[Ref]:
    """Every objective is written so success can be recognised: an indicator in the Indicators register
    with a baseline value and a target value, and a deadline."""
    unmeasured = {o.id for o in unmeasured_objectives(doc)}
    return _refs([o for o in doc.all(Objective) if o.id in unmeasured or o.deadline is None])


@rule("roamef_evaluation", _no_instruments)
def roamef_evaluation(doc: Document, _threshold: float | None) -> list[Ref]:
    """Every instrument or programme of the policy has evaluations that between them cover process, impact
    and value for money (one evaluation may be of several types), each with a planned date and a budget."""
    evaluated = _evaluations_by_subject(doc)
    wanted = {t.value for t in EvaluationType}
    failing = []
    for item, _profile in policy_instruments(doc):
        own = [e for e in evaluated.get(item.id, []) if e.planned_date is not None and e.budget is not None]
        if not wanted <= {t for e in own for t in e.types}:
            failing.append(item)
    return _refs(failing)


@rule("roamef_monitoring", NO_INDICATORS)
def roamef_monitoring(doc: Document, _threshold: float | None) -> list[Ref]:
    """Every indicator is being monitored: it names the source of its data and an owner who is a person or a
    role (not an organisation), and at least one measurement has been recorded."""
    measured = {m.indicator_id for m in doc.all(Measurement)}
    return _refs(
        [
            i
            for i in doc.all(Indicator)
            if _blank(i.source) or _blank(i.owner) or names_an_organisation(doc, i.owner) or i.id not in measured
        ]
    )


# ----- context, methods and capabilities (report 001's themes) ---------------------------------------------------


@rule("instruments_reach_smes", _no_instruments)
def instruments_reach_smes(doc: Document, _threshold: float | None) -> list[Ref]:
    """At least one instrument or programme of the policy names SMEs among its target groups. When none
    does, all of them are listed."""
    found = policy_instruments(doc)
    if any(TargetGroup.SME.value in profile.target_groups for _item, profile in found):
        return []
    return _refs([item for item, _profile in found])
