"""Cross-entity rules: every reference points at an entity of the right kind that exists."""

from __future__ import annotations

from collections.abc import Iterable

from workbench.entity import Entity
from workbench.items import FUNDED_KINDS, Item


def dangling_references(entities: Iterable[Entity]) -> list[str]:
    """Plain-language problems with references among `entities`; empty when all is well."""
    entities = list(entities)
    ids: dict[str, dict[str, Entity]] = {}
    for e in entities:
        ids.setdefault(e.KIND, {})[e.id] = e
    problems = []
    for e in entities:
        for name, spec in e.specs().items():
            if spec.ref is None:
                continue
            value = getattr(e, name)
            for target in value if isinstance(value, list) else [value]:
                if target is not None and target not in ids.get(spec.ref, {}):
                    problems.append(f"{e.LABEL} {e.title!r}: {spec.label} refers to unknown {spec.ref} {target!r}")
        if e.KIND == "instrument":
            item = ids.get("item", {}).get(e.id)
            if not isinstance(item, Item) or item.kind not in FUNDED_KINDS:
                problems.append(f"Instrument {e.id!r} has no instrument or programme item with the same id")
    return problems
