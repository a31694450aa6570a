"""The ecosystem annex of a brief: the map as the team drew it (workbench.figures.ecosystem_figure) in
the brief's fonts, and the findings the Ecosystem view shows, in its words, warnings first."""

from __future__ import annotations

from workbench.briefs.blocks import Block, Bullets, Figure
from workbench.briefs.context import BriefContext
from workbench.briefs.fonts import BOLD, FONT, printable, register_fonts
from workbench.ecosystem.entities import Actor, Link
from workbench.figures.ecosystem_figure import ecosystem_drawing

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
    register_fonts()
    drawing = ecosystem_drawing(actors, ctx.doc.all(Link), font=FONT, bold=BOLD, clean=printable)
    loose = sum(a.x is None or a.y is None for a in actors)
    note = f" {loose} actors not yet placed on the map are shown on a ring around the others." if loose else ""
    return [Figure(drawing, CAPTION + note)]


def ecosystem_findings(ctx: BriefContext) -> list[Block]:
    found = ctx.ecosystem.findings
    return [Bullets(tuple(f.text for f in found[:FINDINGS]))] if found else []
