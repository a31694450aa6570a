"""What each figure of a brief shows, in words, from the model: the alt text a screen reader speaks in
the Word output and the words a reader who cannot see the figure gets.

Pure: a diagram in, one paragraph out. Lists are given in full up to LISTED names, then counted.
"""

from __future__ import annotations

from collections import Counter

from workbench.briefs.blocks import (
    Diagram,
    EcosystemDiagram,
    SpheresDiagram,
    TheoryOfChangeDiagram,
    TrajectoryDiagram,
    ValueChainDiagram,
)
from workbench.ecosystem.entities import ActorType
from workbench.money.currency import format_money
from workbench.spheres.entities import Region
from workbench.theory_of_change.chain import COLUMN_KEYS
from workbench.words import count, plural

LISTED = 8  # names listed in one breath; more are counted ("and 5 more")


def alt_text(diagram: Diagram) -> str:
    match diagram:
        case SpheresDiagram():
            return spheres_alt(diagram)
        case ValueChainDiagram():
            return value_chain_alt(diagram)
        case EcosystemDiagram():
            return ecosystem_alt(diagram)
        case TheoryOfChangeDiagram():
            return theory_of_change_alt(diagram)
        case TrajectoryDiagram():  # its provider writes a fuller one from the indicator (briefs.monitoring)
            return (
                f"A line chart of '{diagram.name}': {count(len(diagram.measurements), 'measurement')} against "
                f"the straight path from baseline to target. {diagram.words}."
            )


def listing(names: list[str]) -> str:
    shown = names[:LISTED]
    more = len(names) - len(shown)
    text = ", ".join(shown)
    return f"{text} and {more} more" if more else text


def region_words(region: Region, names: dict[str, str]) -> str:
    """'in science & research policy only', 'where innovation policy and industrial policy overlap'."""
    spheres = [names.get(key, key) for key in region.value]
    if len(spheres) == 1:
        return f"in {spheres[0]} only"
    return f"where {', '.join(spheres[:-1])} and {spheres[-1]} overlap"


def spheres_alt(diagram: SpheresDiagram) -> str:
    sphere_names = {s.key: s.name.lower() for s in diagram.spheres}
    out = [f"Venn diagram of three policy spheres: {', '.join(s.name for s in diagram.spheres)}."]
    empty = []
    for region, stats in diagram.analysis.regions.items():
        if region is Region.OUTSIDE:
            continue
        where = region_words(region, sphere_names)
        if not stats.count:
            empty.append(where)
            continue
        measures = [diagram.names.get(i, i) for i in stats.ids]
        verb = "sits" if stats.count == 1 else "sit"
        out.append(f"{count(stats.count, 'measure')} {verb} {where}: {listing(measures)}.")
    out += [f"No measure sits {where}." for where in empty]
    outside = diagram.analysis.regions.get(Region.OUTSIDE)
    if outside is not None and outside.count:
        out.append(f"{count(outside.count, 'measure')} outside the spheres.")
    return " ".join(out)


def value_chain_alt(diagram: ValueChainDiagram) -> str:
    a = diagram.analysis
    bars = [f"{s.stage.name} {format_money(s.budget, diagram.currency)}" for s in a.stages]
    out = [f"Bar chart of net cost by value-chain stage: {', '.join(bars)}."]
    instruments = [f"{s.stage.name} {s.count}" for s in a.stages]
    out.append(f"Instruments per stage: {', '.join(instruments)}.")
    if a.valley.stage_ids and a.valley.status in ("gap", "thin"):
        names = {s.stage.id: s.stage.name for s in a.stages}
        stretch = " to ".join(names.get(i, i) for i in (a.valley.stage_ids[0], a.valley.stage_ids[-1]))
        state = "no instrument bridges it" if a.valley.status == "gap" else "it is thinly covered"
        out.append(f"The valley of death runs from {stretch}; {state}.")
    for scale, gaps in (("technology", a.uncovered_trl), ("manufacturing", a.uncovered_mrl)):
        if gaps:
            levels = ", ".join(map(str, gaps))
            out.append(f"No instrument supports {scale} readiness {'level' if len(gaps) == 1 else 'levels'} {levels}.")
    return " ".join(out)


def ecosystem_alt(diagram: EcosystemDiagram) -> str:
    types = Counter(a.actor_type for a in diagram.actors)
    ordered = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))
    kinds = [count(n, kind_noun(t), plural(kind_noun(t))) for t, n in ordered]
    informal = sum(1 for link in diagram.links if not link.formal)
    out = [
        f"Map of the institutional ecosystem: {count(len(diagram.actors), 'actor')} ({', '.join(kinds)}) and "
        f"{count(len(diagram.links), 'link')}, {informal} of them informal."
    ]
    if diagram.named is not None and diagram.named:
        names = {a.id: a.name for a in diagram.actors}
        out.append(f"Named on the map: {listing([names.get(i, i) for i in diagram.named])}.")
    return " ".join(out)


def kind_noun(actor_type: str) -> str:
    """'agency', 'SME', 'other actor': an actor type as a noun in a sentence."""
    if actor_type == ActorType.OTHER.value:
        return "other actor"
    name = ActorType(actor_type).label
    return name if name[:2].isupper() else name.lower()


def theory_of_change_alt(diagram: TheoryOfChangeDiagram) -> str:
    per_column = Counter(c.column for c in diagram.cards)
    columns = [count(per_column[k], k) for k in COLUMN_KEYS]
    lines = count(len(diagram.lines), "line")
    out = [f"Theory of change from rationale to impact: {', '.join(columns)}, joined by {lines}."]
    flagged = [c.title for c in diagram.cards if c.ref in diagram.flagged]
    if flagged:
        out.append(f"Flagged for attention: {listing(flagged)}.")
    return " ".join(out)
