"""The ecosystem annex of a brief: the map as the team drew it, and the findings the Ecosystem view
shows, in its words, warnings first."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Bullets, EcosystemDiagram, Figure
from workbench.briefs.context import BriefContext
from workbench.ecosystem.entities import Actor, Link

FINDINGS = 6  # a minister reads the few that matter; the view lists them all
CAPTION = (
    "The institutional ecosystem: every actor where the team placed it on the map, by type (shape, code "
    "and colour), and the links between them (colour and end mark by type; dashed when informal, thicker "
    "when they weigh more)."
)


def ecosystem_figure(ctx: BriefContext) -> list[Block]:
    actors = ctx.doc.all(Actor)
    if not actors:
        return []
    loose = sum(a.x is None or a.y is None for a in actors)
    some = "1 actor not yet placed on the map is" if loose == 1 else f"{loose} actors not yet placed on the map are"
    note = f" {some} shown on a ring around the others." if loose else ""
    return [Figure(EcosystemDiagram(tuple(actors), tuple(ctx.doc.all(Link))), CAPTION + note)]


def ecosystem_findings(ctx: BriefContext) -> list[Block]:
    found = ctx.ecosystem.findings
    return [Bullets(tuple(f.text for f in found[:FINDINGS]))] if found else []
