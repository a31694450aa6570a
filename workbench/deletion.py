"""What deleting entities takes with it: cascaded dependents and references to clear.

The plan is the one answer to "what goes with this": deleting actors takes their links, an item its
instrument. Undo must restore exactly what a delete removed, so the plan is computed first and its
inverse kept (db.store.delete).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from workbench.entity import Entity
from workbench.kinds import CASCADES, check_deletable, references_to
from workbench.value_chain.spans import kept_span


@dataclass
class DeletionPlan:
    deleted: list[Entity] = field(default_factory=list)
    updated: list[tuple[Entity, Entity]] = field(default_factory=list)  # (before, after)


def plan_deletion(refs: Iterable[tuple[str, str]], lookup: Callable[[str], Iterable[Entity]]) -> DeletionPlan:
    """Plan the removal of the (kind, id) `refs`, of one kind or several (actors and links chosen
    together); `lookup(kind)` yields every entity of a kind. Raises if a kind may not be deleted."""
    asked: dict[str, set[str]] = {}
    for kind, id_ in refs:
        asked.setdefault(kind, set()).add(id_)
    for kind, ids in asked.items():
        for id_ in ids:
            check_deletable(kind, id_)
    doomed: dict[str, set[str]] = {}
    pending = list(asked.items())
    while pending:
        k, new = pending.pop()
        new -= doomed.setdefault(k, set())
        if not new:
            continue
        doomed[k] |= new
        for dep_kind, dep_field, owner in CASCADES:
            if owner == k:
                hit = {e.id for e in lookup(dep_kind) if getattr(e, dep_field) in new}
                if hit:
                    pending.append((dep_kind, hit))
    plan = DeletionPlan()
    cache: dict[str, list[Entity]] = {}
    for k, gone in doomed.items():
        plan.deleted.extend(e for e in cache.setdefault(k, list(lookup(k))) if e.id in gone)
    edits: dict[tuple[str, str], tuple[Entity, dict]] = {}
    for k, gone in doomed.items():
        for ref_kind, ref_field in references_to(k):
            skip = doomed.get(ref_kind, set())
            for e in cache.setdefault(ref_kind, list(lookup(ref_kind))):
                if e.id in skip:
                    continue
                value = getattr(e, ref_field)
                if isinstance(value, list):
                    kept = [v for v in value if v not in gone]
                    if len(kept) != len(value):
                        edits.setdefault((ref_kind, e.id), (e, {}))[1][ref_field] = kept
                elif value in gone:
                    edits.setdefault((ref_kind, e.id), (e, {}))[1][ref_field] = None
    if "stage" in doomed:  # a span losing an end keeps the stages that remain (workbench.value_chain.spans)
        stages = cache.setdefault("stage", list(lookup("stage")))
        for (ref_kind, _id), (e, changes) in edits.items():
            if ref_kind == "instrument":
                changes.update(kept_span(e, doomed["stage"], stages))  # type: ignore[arg-type]
    plan.updated = [(e, e.changed(**changes)) for e, changes in edits.values()]
    return plan
