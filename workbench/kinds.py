"""The registry of entity kinds: one place that lists every entity the document holds."""

from __future__ import annotations

from workbench.briefs.entities import Brief, BriefSection
from workbench.ecosystem import Actor, Link
from workbench.entity import Entity
from workbench.errors import WorkbenchError
from workbench.items import Instrument, Item
from workbench.practice_entity import Practice
from workbench.project import Project
from workbench.registers import ChecklistResponse, Evaluation, Experiment, Lesson, Objective
from workbench.spheres import Sphere
from workbench.value_chain import Capability, ScaleUpAssessment, ValueChainStage
from workbench.workshop.entities import AgendaStep, Note, Participant, Snapshot, Vote, WorkshopState

# Order: referenced kinds before the kinds that refer to them.
ENTITY_TYPES: tuple[type[Entity], ...] = (
    Project,
    Sphere,
    ValueChainStage,
    Actor,
    Item,
    Instrument,
    Link,
    Capability,
    ScaleUpAssessment,
    Objective,
    Experiment,
    Evaluation,
    Lesson,
    ChecklistResponse,
    Practice,
    Brief,
    BriefSection,
    AgendaStep,
    Participant,
    Note,
    Vote,
    Snapshot,
    WorkshopState,
)
BY_KIND: dict[str, type[Entity]] = {t.KIND: t for t in ENTITY_TYPES}

# Entities that cannot live without another: (dependent kind, field holding the owner's id, owner kind).
CASCADES: tuple[tuple[str, str, str], ...] = (
    ("instrument", "id", "item"),
    ("link", "source_id", "actor"),
    ("link", "target_id", "actor"),
    ("vote", "voter_id", "participant"),
    ("vote", "note_id", "note"),
    ("vote", "item_id", "item"),
)


def entity_type(kind: str) -> type[Entity]:
    try:
        return BY_KIND[kind]
    except KeyError:
        raise WorkbenchError(f"Unknown kind of entity: {kind!r}") from None


def references_to(kind: str) -> list[tuple[str, str]]:
    """(kind, field) pairs whose values are ids of `kind`, excluding cascades."""
    cascading = {(k, f) for k, f, owner in CASCADES if owner == kind}
    out = []
    for t in ENTITY_TYPES:
        for name, spec in t.specs().items():
            if spec.ref == kind and (t.KIND, name) not in cascading:
                out.append((t.KIND, name))
    return out
