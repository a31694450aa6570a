"""The spheres annex of a brief: the three circles with the item count of every region, and what
the spheres analysis found (sphere_gaps' words, which name the spheres, never a region's letters)."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Bullets, Figure, SpheresDiagram
from workbench.briefs.context import BriefContext
from workbench.spheres.entities import OVERLAP_REGIONS, Region, Sphere
from workbench.words import count


def caption(spheres: tuple[Sphere, ...]) -> str:
    """What the figure shows, naming each sphere by the letter the drawing gives it (never 'AC')."""
    key = "; ".join(f"{s.key} is {s.name.lower() if s.name[1:2].islower() else s.name}" for s in spheres)
    return (
        f"The three policy spheres ({key}) and how many measures sit in each part: in one sphere alone, or "
        "where two or all three overlap. ⚠ marks an overlap that is empty or thin."
    )


def spheres_figure(ctx: BriefContext) -> list[Block]:
    spheres = tuple(sorted(ctx.doc.all(Sphere), key=lambda s: s.key))
    if not spheres:
        return []
    return [Figure(SpheresDiagram(spheres, ctx.spheres), caption(spheres))]


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
