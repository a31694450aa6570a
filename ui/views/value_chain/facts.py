"""Inspector lines for the value chain: the TRL and MRL levels an instrument's ranges cover, each
with its definition (workbench.value_chain.readiness), and a capability's gap and levels with their anchors.

Registered when the inspector first shows an entity (ui.inspector.FACT_MODULES).
"""

from __future__ import annotations

from ui.document import OpenDocument
from ui.inspector import FACTS
from ui.markup import escape
from workbench.entity import Entity
from workbench.spheres.items import Instrument
from workbench.value_chain.entities import Capability
from workbench.value_chain.readiness import scale

Line = tuple[str, str]


def readiness_lines(instrument: Instrument) -> list[Line]:
    """For each scale with a range given: the range, then one paragraph per level it covers."""
    lines: list[Line] = []
    sources = []
    for key, low, high in (
        ("trl", instrument.trl_min, instrument.trl_max),
        ("mrl", instrument.mrl_min, instrument.mrl_max),
    ):
        found = scale(key)
        levels = found.within(low, high)
        label = key.upper()
        if not levels:
            lines.append((label, "not given"))
            continue
        first, last = levels[0].level, levels[-1].level
        lines.append((label, f"{first}–{last}" if first != last else str(first)))
        lines += [("", f"<i>{label} {lv.level}: {escape(lv.name)}.</i> {escape(lv.definition)}") for lv in levels]
        sources.append(f"{label}: {escape(found.source)}")
    if sources:
        lines.append(("", "<small>Definitions written for IIP Workbench after " + "; ".join(sources) + ".</small>"))
    return lines


def capability_lines(capability: Capability) -> list[Line]:
    """The gap, whether the potential falls short of what is required, then each level given with its
    anchor (resources/readiness/capability.json) so a reader sees what the number claims."""
    return _gap_lines(capability) + _level_lines(capability)


def _gap_lines(c: Capability) -> list[Line]:
    if c.gap is None:
        lines = [("Gap", "give the current and required levels to see it")]
    elif c.gap == 0:
        lines = [("Gap", f"none: the current level ({c.current}) meets the required one ({c.required})")]
    else:
        potential = "" if c.potential is None else f"; potential {c.potential}"
        plural = "s" if c.gap != 1 else ""
        lines = [("Gap", f"{c.gap} level{plural} short (current {c.current}, required {c.required}{potential})")]
    if c.below_required:
        lines.append(("", f"▲ The potential level ({c.potential}) is below the required one ({c.required})."))
    return lines


def _level_lines(c: Capability) -> list[Line]:
    found = scale("capability")
    anchors = {lv.level: lv for lv in found.levels}
    lines: list[Line] = []
    for label, level in (("Current", c.current), ("Required", c.required), ("Potential", c.potential)):
        if level is not None and level in anchors:
            lv = anchors[level]
            lines.append(("", f"{label} {lv.level}: <b>{escape(lv.name)}</b>. {escape(lv.definition)}"))
    if lines:
        lines.append(("", f"<small>Levels as anchored in {escape(found.source)}.</small>"))
    return lines


def _item_facts(doc: OpenDocument, entity: Entity) -> list[Line]:
    profile = doc.get("instrument", entity.id)
    return readiness_lines(profile) if isinstance(profile, Instrument) else []


def _capability_facts(doc: OpenDocument, entity: Entity) -> list[Line]:
    return capability_lines(entity) if isinstance(entity, Capability) else []


FACTS.setdefault("item", []).append(_item_facts)
FACTS.setdefault("capability", []).append(_capability_facts)
