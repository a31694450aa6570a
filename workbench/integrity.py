"""Cross-entity rules: every reference points at an entity of the right kind that exists."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from workbench.entity import Entity
from workbench.fields import LIST_KINDS
from workbench.kinds import CASCADES, entity_type
from workbench.spheres.items import Item


@dataclass(frozen=True)
class BrokenReference:
    """One reference to nothing: `field` of `entity` names `target`, which does not exist.
    `field` is None for an entity without the owner whose id it shares (an instrument without its
    instrument or programme item: workbench.kinds.CASCADES)."""

    entity: Entity
    field: str | None
    target: str | None

    def __str__(self) -> str:
        e = self.entity
        if self.field is None:
            return f"Instrument {e.id!r} has no instrument or programme item with the same id"
        spec = e.specs()[self.field]
        return f"{e.LABEL} {e.title!r}: {spec.label} refers to unknown {spec.ref} {self.target!r}"


@cache
def _reference_fields(kind: str) -> tuple[tuple[str, str], ...]:
    specs = entity_type(kind).specs()
    return tuple((name, spec.ref) for name, spec in specs.items() if spec.ref is not None)


@cache
def _owners_by_id(kind: str) -> tuple[str, ...]:
    """The kinds whose entity with the same id an entity of `kind` belongs to (workbench.kinds.CASCADES)."""
    return tuple(owner for dependent, field, owner in CASCADES if dependent == kind and field == "id")


def _owns(owner: Entity | None) -> bool:
    """An owner that exists and may hold a detail: an item holds an instrument only if it is funded."""
    return owner is not None and (not isinstance(owner, Item) or owner.funded)


def broken_references(entities: Iterable[Entity]) -> list[BrokenReference]:
    """Every reference among `entities` whose target is missing; empty when all is well.

    Worked field by field over each kind's entities (opening a document checks 10,000 of them)."""
    by_kind: dict[str, list[Entity]] = {}
    for e in entities:
        by_kind.setdefault(e.KIND, []).append(e)
    return broken_references_by_kind(by_kind)


def broken_references_by_kind(by_kind: dict[str, list[Entity]]) -> list[BrokenReference]:
    """`broken_references` of entities already grouped by kind (as a document's tables hold them)."""
    ids: dict[str, dict[str, Entity]] = {}  # by kind, made for the kinds referred to (links never are)

    def known(kind: str) -> dict[str, Entity]:
        found = ids.get(kind)
        if found is None:
            found = ids[kind] = {e.id: e for e in by_kind.get(kind, [])}
        return found

    problems = []
    for group in by_kind.values():
        if not group:
            continue
        t = type(group[0])
        for name, ref in _reference_fields(t.KIND):
            targets = known(ref)
            if t.specs()[name].kind in LIST_KINDS:
                problems += [BrokenReference(e, name, v) for e in group for v in getattr(e, name) if v not in targets]
            else:
                problems += [BrokenReference(e, name, v) for e in group
                             if (v := getattr(e, name)) is not None and v not in targets]
        for owner_kind in _owners_by_id(t.KIND):
            owners = known(owner_kind)
            problems += [BrokenReference(e, None, e.id) for e in group if not _owns(owners.get(e.id))]
    return problems


def dangling_references(entities: Iterable[Entity]) -> list[str]:
    """Plain-language problems with references among `entities`; empty when all is well."""
    return [str(b) for b in broken_references(entities)]
