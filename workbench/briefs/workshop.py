"""Workshop summary content: what the room placed on the spheres, region by region."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Column, Table
from workbench.briefs.context import BriefContext
from workbench.spheres.entities import REGIONS, Sphere, region_label
from workbench.spheres.items import Item, ItemKind


def placed_items(ctx: BriefContext) -> list[Block]:
    items = ctx.doc.all(Item)
    if not items:
        return []
    spheres = ctx.doc.all(Sphere)
    where = ctx.spheres.region_of_item
    order = {r: n for n, r in enumerate(REGIONS)}
    items.sort(key=lambda i: (order[where[i.id]], i.name.casefold()))
    rows = tuple((i.name, ItemKind(i.kind).label, region_label(where[i.id], spheres)) for i in items)
    return [
        Table(
            columns=(Column("Item", 3), Column("Kind", 1.2), Column("Where it sits", 3.2)),
            rows=rows,
            caption=f"{len(items)} items placed on the spheres canvas, by region.",
        )
    ]
