"""The registry of entity kinds: one place that lists every entity the document holds."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import import_module

from workbench.entity import Entity
from workbench.errors import WorkbenchError
from workbench.fields import LIST_KINDS

# Where each kind's class is declared. Order: referenced kinds before the kinds that refer to them.
# Classes are imported on first use, so opening a document loads only the kinds it shows first.
_DECLARED_IN: dict[str, str] = {
    "project": "workbench.project:Project",
    "sphere": "workbench.spheres.entities:Sphere",
    "stage": "workbench.value_chain.entities:ValueChainStage",
    "actor": "workbench.ecosystem.entities:Actor",
    "item": "workbench.spheres.items:Item",
    "instrument": "workbench.spheres.items:Instrument",
    "spend": "workbench.money.entities:SpendLine",
    "link": "workbench.ecosystem.entities:Link",
    "capability": "workbench.value_chain.entities:Capability",
    "scaleup": "workbench.value_chain.entities:ScaleUpAssessment",
    "objective": "workbench.registers.entities:Objective",
    "experiment": "workbench.registers.entities:Experiment",
    "evaluation": "workbench.registers.entities:Evaluation",
    "lesson": "workbench.registers.entities:Lesson",
    "risk": "workbench.registers.entities:Risk",
    "rationale": "workbench.theory_of_change.entities:Rationale",
    "toc_node": "workbench.theory_of_change.entities:TocNode",
    "toc_link": "workbench.theory_of_change.entities:TocLink",
    "evaluation_question": "workbench.registers.entities:EvaluationQuestion",
    "indicator": "workbench.monitoring.entities:Indicator",
    "measurement": "workbench.monitoring.entities:Measurement",
    "response": "workbench.registers.entities:ChecklistResponse",
    "option": "workbench.money.entities:Option",
    "option_flow": "workbench.money.entities:OptionFlow",
    "practice": "workbench.practices.entities:Practice",
    "brief": "workbench.briefs.entities:Brief",
    "brief_section": "workbench.briefs.entities:BriefSection",
    "agenda_step": "workbench.workshop.entities:AgendaStep",
    "participant": "workbench.workshop.entities:Participant",
    "note": "workbench.workshop.entities:Note",
    "vote": "workbench.workshop.entities:Vote",
    "snapshot": "workbench.workshop.entities:Snapshot",
    "workshop": "workbench.workshop.entities:WorkshopState",
}
KINDS: tuple[str, ...] = tuple(_DECLARED_IN)


@cache
def entity_type(kind: str) -> type[Entity]:
    try:
        module, name = _DECLARED_IN[kind].split(":")
    except KeyError:
        raise WorkbenchError(f"Unknown kind of entity: {kind!r}") from None
    return getattr(import_module(module), name)


def entity_types() -> tuple[type[Entity], ...]:
    """Every entity class, in dependency order (imports them all)."""
    return tuple(entity_type(kind) for kind in KINDS)


# Kinds a document always has exactly as made (its project, its three spheres): edited, never deleted.
# Single entities a document always has (business as usual among the options) say so in their class's KEPT.
UNDELETABLE = frozenset({"project", "sphere"})

# Entities that cannot live without another: (dependent kind, field holding the owner's id, owner kind).
# An instrument is the funding detail of the item with its id: it needs that item and goes with it.
CASCADES: tuple[tuple[str, str, str], ...] = (
    ("instrument", "id", "item"),
    ("spend", "instrument_id", "instrument"),
    ("option_flow", "option_id", "option"),
    ("link", "source_id", "actor"),
    ("link", "target_id", "actor"),
    ("vote", "voter_id", "participant"),
    ("vote", "note_id", "note"),
    ("vote", "item_id", "item"),
    ("toc_link", "from_item_id", "item"),
    ("toc_link", "from_node_id", "toc_node"),
    ("toc_link", "to_node_id", "toc_node"),
    ("measurement", "indicator_id", "indicator"),
    ("evaluation_question", "evaluation_id", "evaluation"),
)


def check_deletable(kind: str, id_: str | None = None) -> None:
    """Raise, in words for the user, if entities of `kind` (or the one with `id_`) may not be deleted."""
    if kind in UNDELETABLE:
        raise WorkbenchError(f"The {entity_type(kind).LABEL.lower()} cannot be deleted; edit it instead.")
    reason = entity_type(kind).KEPT.get(id_ or "")  # an unknown kind is refused too
    if reason:
        raise WorkbenchError(reason)


def references_of(entity: Entity) -> Iterator[tuple[str, str, str]]:
    """(field, kind, id) for every entity `entity` refers to, the owner whose id it shares included."""
    for name, kind, _many in reference_fields(entity.KIND):
        value = getattr(entity, name)
        for target in value if isinstance(value, list) else [value]:
            if target:
                yield name, kind, target


@cache
def reference_fields(kind: str) -> tuple[tuple[str, str, bool], ...]:
    """(field, kind it names, whether it holds a list) for each reference of an entity of `kind`, the id
    it shares with its owner included: `references_of` field by field, for checking many at once."""
    specs = entity_type(kind).specs()
    own = [(name, spec.ref, spec.kind in LIST_KINDS) for name, spec in specs.items() if spec.ref]
    owners = [("id", owner, False) for dependent, field, owner in CASCADES if (dependent, field) == (kind, "id")]
    return (*own, *owners)


def references_to(kind: str) -> list[tuple[str, str]]:
    """(kind, field) pairs whose values are ids of `kind`, excluding cascades."""
    cascading = {(k, f) for k, f, owner in CASCADES if owner == kind}
    out = []
    for t in entity_types():
        for name, spec in t.specs().items():
            if spec.ref == kind and (t.KIND, name) not in cascading:
                out.append((t.KIND, name))
    return out
