"""What the ecosystem measures mean, in sentences a civil servant can act on.

Each finding names the actors it is about (`ids`), so a view can select them when it is clicked.
Warnings (a gap to act on) come before information (how the network is shaped). Where the analyst's
sentence uses network terms (shortest paths, density), the finding also carries a `plain` one for a
minister, which a brief prints instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.ecosystem.entities import Actor
from workbench.ecosystem.network import GOVERNMENT, NetworkMeasures
from workbench.spheres.items import Level
from workbench.words import count

FAR = 3  # an SME this many steps or more from government is reported as far away
LISTED = 6  # findings of one kind listed one by one before the rest are summed up


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: str  # "warning" or "info"
    text: str
    ids: tuple[str, ...] = ()
    plain: str = ""  # the same finding for a minister, where `text` uses network terms

    @property
    def brief_text(self) -> str:
        """What a brief prints: the plain sentence where there is one, else the text itself."""
        return self.plain or self.text

    def as_json(self) -> dict:
        return {"kind": self.kind, "severity": self.severity, "text": self.text, "ids": list(self.ids)}


def findings(analysis: NetworkMeasures) -> list[Finding]:
    if not analysis.actors:
        return []
    found = [
        *_government_reach(analysis),
        *_isolated(analysis),
        *_detached(analysis),
        *_bridges(analysis),
        *_level_balance(analysis),
        *_single_contacts(analysis),
        *_brokers(analysis),
        *_clusters(analysis),
        _density(analysis),
    ]
    return [f for f in found if f.severity == "warning"] + [f for f in found if f.severity == "info"]


# ----- wording ---------------------------------------------------------------------------------
def names(ids: list[str], actors: dict[str, Actor], limit: int = 4, *, ordered: bool = False) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C, D and 3 more'; alphabetical unless `ordered`."""
    if not ordered:
        ids = sorted(ids, key=lambda i: actors[i].name.casefold())
    shown = [actors[i].name for i in ids[:limit]]
    rest = len(ids) - len(shown)
    if rest:
        return ", ".join(shown) + f" and {rest} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


# ----- findings --------------------------------------------------------------------------------
def _government_reach(a: NetworkMeasures) -> list[Finding]:
    distance = a.government_distance
    if not distance:
        return []
    if not any(actor.actor_type in GOVERNMENT for actor in a.actors.values()):
        return [
            Finding(
                "no_government",
                "info",
                "No ministry or agency is on the map yet, so how far SMEs are from government cannot be measured.",
            )
        ]
    out = []
    cut = [s for s, steps in distance.items() if steps is None]
    if cut:
        out.append(
            Finding(
                "sme_no_path",
                "warning",
                f"{count(len(cut), 'SME')} {_verb(len(cut), 'has', 'have')} no path to any ministry or agency: "
                f"{names(cut, a.actors)}.",
                tuple(cut),
            )
        )
    far_steps = {s: steps for s, steps in distance.items() if steps is not None and steps >= FAR}
    far = sorted(far_steps, key=lambda s: -far_steps[s])
    if far:
        listed = ", ".join(f"{a.actors[s].name} ({far_steps[s]} steps)" for s in far[:4])
        more = f" and {len(far) - 4} more" if len(far) > 4 else ""
        out.append(
            Finding(
                "sme_far",
                "info",
                f"{count(len(far), 'SME')} {_verb(len(far), 'is', 'are')} {FAR} or more steps from the nearest "
                f"ministry or agency: {listed}{more}.",
                tuple(far),
            )
        )
    return out


def _isolated(a: NetworkMeasures) -> list[Finding]:
    alone = a.isolated
    if not alone or len(a.actors) == 1:
        return []
    return [
        Finding(
            "isolated",
            "warning",
            f"{count(len(alone), 'actor')} {_verb(len(alone), 'has', 'have')} no links at all: "
            f"{names(alone, a.actors)}.",
            tuple(alone),
        )
    ]


def _detached(a: NetworkMeasures) -> list[Finding]:
    groups = [g for g in a.components[1:] if len(g) > 1]
    if not groups:
        return []
    ids = [i for g in groups for i in g]
    shape = "a separate group" if len(groups) == 1 else f"{len(groups)} separate groups"
    return [
        Finding(
            "detached",
            "warning",
            f"{count(len(ids), 'actor')} ({names(ids, a.actors)}) form {shape} with no connection to the main network.",
            tuple(ids),
        )
    ]


def _bridges(a: NetworkMeasures) -> list[Finding]:
    out = []
    for bridge in a.bridges:
        (plural1, one1, _), (plural2, one2, _) = bridge.between
        ids = list(bridge.found.ids)
        many = len(ids) > 1
        text = (
            f"{names(ids, a.actors)} {'are' if many else 'is the'} only {'bridges' if many else 'bridge'} between "
            f"{plural1} and {plural2}: every shortest path from {one1} to {one2} runs through "
            f"{'them' if many else 'it'}."
        )
        plain = (
            f"{plural1.capitalize()} reach {plural2} only through {names(ids, a.actors)}: "
            f"if {'they step' if many else 'it steps'} back, that connection is lost."
        )
        if bridge.found.checked < bridge.found.sources:
            text += f" (Checked from {bridge.found.checked} of {bridge.found.sources} starting points: a large map.)"
        out.append(Finding("bridge", "warning", text, tuple(ids), plain))
    return out


def _level_balance(a: NetworkMeasures) -> list[Finding]:
    levels = {actor.level for actor in a.actors.values()}
    national, regional = Level.NATIONAL.value, Level.REGIONAL.value
    if not {national, regional} <= levels or not a.links:
        return []
    counts = a.level_links
    across = counts.get(f"{national}-{regional}", 0)
    regional_ids = tuple(i for i, actor in a.actors.items() if actor.level == regional)
    if not across:
        return [
            Finding(
                "levels",
                "warning",
                "No link joins a national and a regional actor: regional and national priorities have no "
                "direct channel.",
                regional_ids,
            )
        ]
    within = counts.get(f"{regional}-{regional}", 0)
    abroad = sum(n for key, n in counts.items() if Level.INTERNATIONAL.value in key)
    text = f"{across} of {count(a.links, 'link')} ({round(100 * across / a.links)}%) join national and regional actors"
    text += (
        f", {within} {_verb(within, 'joins', 'join')} two regional actors"
        if within
        else ", none joins two regional actors"
    )
    text += f" and {abroad} {_verb(abroad, 'involves', 'involve')} international actors." if abroad else "."
    return [Finding("levels", "info", text, regional_ids)]


def _single_contacts(a: NetworkMeasures) -> list[Finding]:
    ranked = sorted(a.cut_off.items(), key=lambda kv: (-sum(len(p) for p in kv[1]), a.actors[kv[0]].name))
    out = []
    for cut, pieces in ranked[:LISTED]:
        ids = [i for p in pieces for i in p]
        out.append(
            Finding(
                "single_contact",
                "info",
                f"{names(ids, a.actors)} {_verb(len(ids), 'is', 'are')} connected to the main network only through "
                f"{a.actors[cut].name}.",
                (cut, *ids),
            )
        )
    rest = [cut for cut, _pieces in ranked[LISTED:]]
    if rest:
        out.append(
            Finding(
                "single_contact",
                "info",
                f"{count(len(rest), 'more actor')} {_verb(len(rest), 'is', 'are')} the only link to part of "
                "the network.",
                tuple(rest),
            )
        )
    return out


def _brokers(a: NetworkMeasures) -> list[Finding]:
    brokers = a.brokers
    if not brokers:
        return []
    listed = [f"{a.actors[b].name} ({round(100 * a.betweenness[b])}%)" for b in brokers]
    joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
    text = f"Most shortest paths between actors run through {joined}: the main brokers."
    if a.samples is not None:
        text += f" Estimated from {a.samples} sampled actors, as the map is large."
    plain_names = names(list(brokers), a.actors, ordered=True)
    plain = f"{plain_names} {_verb(len(brokers), 'puts', 'put')} more of the other actors in touch than anyone else."
    return [Finding("brokers", "info", text, tuple(brokers), plain)]


def _clusters(a: NetworkMeasures) -> list[Finding]:
    groups = [g for g in a.communities if len(g) > 2]
    if len(groups) < 2:
        return []
    out = []
    for n, group in enumerate(groups[:LISTED], start=1):
        central = sorted(group, key=lambda i: (-a.degree[i], a.actors[i].name))[:2]
        out.append(
            Finding(
                "cluster",
                "info",
                f"Cluster {n} of {len(groups)}: {count(len(group), 'actor')} around "
                f"{names(central, a.actors, ordered=True)}.",
                tuple(group),
                f"Group {n} of {len(groups)}: {count(len(group), 'actor')} working closely with "
                f"{names(central, a.actors, ordered=True)}.",
            )
        )
    return out


def _density(a: NetworkMeasures) -> Finding:
    n = len(a.actors)
    pairs = n * (n - 1) // 2
    linked = a.network.pairs
    return Finding(
        "density",
        "info",
        f"{linked} of the {pairs} possible pairs of actors are linked (density {a.density:.2f}).",
        plain=f"{linked} of the {pairs} possible pairs of actors work with each other directly.",
    )
