"""The spheres annex of a brief: the three circles with the item count of every region, and what
the spheres analysis found (sphere_gaps' words, which name the spheres, never a region's letters)."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Bullets, Column, Figure, SpheresDiagram, Table
from workbench.briefs.context import BriefContext
from workbench.spheres.entities import OVERLAP_REGIONS, Region, Sphere
from workbench.spheres.items import Item
from workbench.words import count


def caption(spheres: tuple[Sphere, ...]) -> str:
    """What the figure shows, naming each sphere by the letter the drawing gives it (never 'AC')."""
    key = "; ".join(f"{s.key} is {s.name.lower() if s.name[1:2].islower() else s.name}" for s in spheres)
    return (
        f"The three policy spheres ({key}) and how many measures sit in each part: in one sphere alone, or "
        "where two or all three overlap (the table after it names them). ⚠ marks an overlap that is empty or thin."
    )


def spheres_figure(ctx: BriefContext) -> list[Block]:
    spheres = tuple(sorted(ctx.doc.all(Sphere), key=lambda s: s.key))
    if not spheres:
        return []
    names = {i.id: i.name for i in ctx.doc.all(Item)}
    diagram = SpheresDiagram(spheres, ctx.spheres, names=names)
    return [Figure(diagram, caption(spheres)), region_table(diagram)]


def region_table(diagram: SpheresDiagram) -> Table:
    """Which measures sit in each region of the figure: names too many to print inside the circles."""
    sphere_names = {s.key: s.name for s in diagram.spheres}
    rows = []
    for region, stats in diagram.analysis.regions.items():
        where = "Outside the spheres" if region is Region.OUTSIDE else region_title(region, sphere_names)
        measures = "; ".join(diagram.names.get(i, i) for i in stats.ids) or "None"
        rows.append((where, str(stats.count), measures))
    columns = (Column("Where", 1.3), Column("Measures", 0.45, numeric=True), Column("Which", 3.2))
    return Table(columns, tuple(rows), caption="The measures in each region of the figure")


def region_title(region: Region, names: dict[str, str]) -> str:
    """'Science & research policy only', 'Innovation policy and industrial policy'."""
    spheres = [names.get(key, key) for key in region.value]
    if len(spheres) == 1:
        return f"{spheres[0]} only"
    rest = ", ".join(n[:1].lower() + n[1:] for n in spheres[1:-1])
    return f"{spheres[0]}{', ' + rest if rest else ''} and {spheres[-1][:1].lower() + spheres[-1][1:]}"


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
