"""The ecosystem annex of a brief: the map as the team drew it, and every finding the Ecosystem view
shows, warnings first, each in its plain sentence (no network terms).

A brief's figure is the same size whatever the map holds: past `NAMED` actors their names would cover
one another and the map, so only the most connected are named, as many as fit (the legend says how many)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from workbench.briefs.blocks import Block, Bullets, EcosystemDiagram, Figure
from workbench.briefs.context import BriefContext
from workbench.ecosystem.entities import Actor, ActorSize, Link

NAMED = 80  # names a brief-sized map can print legibly
CAPTION = (
    "The institutional ecosystem: every actor where the team placed it on the map, by type (shape, code "
    "and colour), and the links between them (line pattern, end mark and colour by type; hollow when "
    "informal, thicker when they weigh more)."
)
SIZE_RANK = {ActorSize.LARGE.value: 3, ActorSize.MEDIUM.value: 2, ActorSize.SMALL.value: 1}


def ecosystem_figure(ctx: BriefContext) -> list[Block]:
    actors = ctx.doc.all(Actor)
    if not actors:
        return []
    links = ctx.doc.all(Link)
    loose = sum(a.x is None or a.y is None for a in actors)
    some = "1 actor not yet placed on the map is" if loose == 1 else f"{loose} actors not yet placed on the map are"
    note = f" {some} shown on a ring around the others." if loose else ""
    named = None if len(actors) <= NAMED else most_connected(actors, links, NAMED)
    if named is not None:
        note += (
            f" Of the {len(actors):,} actors, the most connected are named, as many as fit; the legend says how many."
        )
    return [Figure(EcosystemDiagram(tuple(actors), tuple(links), named), CAPTION + note)]


def most_connected(actors: Sequence[Actor], links: Sequence[Link], n: int) -> tuple[str, ...]:
    """The ids of the `n` actors with the most links, the larger first where they tie, then by name."""
    degree = Counter(end for link in links for end in (link.source_id, link.target_id))
    ranked = sorted(actors, key=lambda a: (-degree[a.id], -SIZE_RANK.get(a.size or "", 0), a.name, a.id))
    return tuple(a.id for a in ranked[:n])


def ecosystem_findings(ctx: BriefContext) -> list[Block]:
    found = ctx.ecosystem.findings
    return [Bullets(tuple(f.brief_text for f in found))] if found else []
