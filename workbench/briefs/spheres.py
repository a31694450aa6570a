"""The spheres annex of a brief: the three circles with the item count of every region, and what
the spheres analysis found (sphere_gaps' words)."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Bullets, Figure, SpheresDiagram
from workbench.briefs.context import BriefContext
from workbench.spheres.entities import OVERLAP_REGIONS, Region, Sphere
from workbench.spheres.items import Item
from workbench.words import count

CAPTION = (
    "The three policy spheres and the number of items in each region (A, B, C alone; AB, AC, BC, ABC "
    "where they overlap). ⚠ marks an overlap that is empty or thin."
)


def spheres_figure(ctx: BriefContext) -> list[Block]:
    spheres = tuple(sorted(ctx.doc.all(Sphere), key=lambda s: s.key))
    if not spheres:
        return []
    names = {i.id: i.name for i in ctx.doc.all(Item)}
    return [Figure(SpheresDiagram(spheres, ctx.spheres, names=names), CAPTION)]


def sphere_findings(ctx: BriefContext) -> list[Block]:
    """How much sits in the overlaps, and every empty, thin or misplaced one (sphere_gaps' words)."""
    analysis = ctx.spheres
    total = len(analysis.region_of_item)
    if not total:
        return []
    inside = total - analysis.regions[Region.OUTSIDE].count
    overlap = [analysis.regions[r] for r in OVERLAP_REGIONS]
    findings = [
        f"{inside} of {count(total, 'item')} {'sits' if inside == 1 else 'sit'} inside the spheres; "
        f"{sum(s.count for s in overlap)} of them where spheres overlap."
    ]
    findings += [g["text"] for g in analysis.gaps] or ["Every overlap holds more than one item."]
    return [Bullets(tuple(findings))]
