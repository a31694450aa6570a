"""Monitoring in a brief: each measured indicator's trajectory against its straight path, as a figure
with its status in words, and the indicators that cannot be charted yet, said why.

Offered to templates as `indicator_trajectories` (workbench.briefs.providers).
"""

from __future__ import annotations

import datetime as dt

from workbench.briefs.blocks import Block, Bullets, Figure, Para, TrajectoryDiagram
from workbench.briefs.context import BriefContext
from workbench.briefs.format import long_date
from workbench.document import Document
from workbench.monitoring.entities import Indicator, Measurement
from workbench.monitoring.status import RULE, IndicatorStatus, path_points, status_of

WHY_NOT = {
    "no_path": "no baseline and target with their dates, so there is no path to judge it against",
    "not_measured": "no measurement recorded yet",
}


def trajectory(ind: Indicator, measurements: list[Measurement], s: IndicatorStatus) -> TrajectoryDiagram:
    points = tuple((m.date, m.value) for m in sorted(measurements, key=lambda m: m.date))
    return TrajectoryDiagram(ind.name, ind.unit, tuple(path_points(ind)), points, s.status, s.words)


def caption(ind: Indicator, s: IndicatorStatus) -> str:
    unit = f" ({ind.unit})" if ind.unit else ""
    assert s.latest is not None and s.share is not None
    return (
        f"{ind.name}{unit}: measurements against the straight path from baseline to target. {s.words}: by "
        f"{long_date(s.latest.date)} it has covered {max(s.share, 0.0):.0%} of the way the path expects."
    )


def alt_text(ind: Indicator, s: IndicatorStatus) -> str:
    assert s.latest is not None and s.expected is not None
    return (
        f"A line chart of '{ind.name}'. The path runs from {ind.baseline_value:,g} on {long_date(ind.baseline_date)} "
        f"to {ind.target_value:,g} on {long_date(ind.target_date)}. The latest measurement, {s.latest.value:,g} on "
        f"{long_date(s.latest.date)}, compares with {s.expected:,.3g} expected by then: "
        f"{s.words.split(' ', 1)[1].lower()}."
    )


def indicator_trajectories(ctx: BriefContext) -> list[Block]:
    return trajectory_blocks(ctx.doc, ctx.today)


def trajectory_blocks(doc: Document, today: dt.date) -> list[Block]:
    """A figure for each indicator that has a path and a measurement, then the others with why not."""
    by_indicator: dict[str, list[Measurement]] = {}
    for m in doc.all(Measurement):
        by_indicator.setdefault(m.indicator_id, []).append(m)
    indicators = sorted(doc.all(Indicator), key=lambda i: i.name.casefold())
    if not indicators:
        return []
    blocks: list[Block] = [Para(RULE)]
    not_charted = []
    for ind in indicators:
        measured = by_indicator.get(ind.id, [])
        s = status_of(ind, measured, today)
        if s.status in WHY_NOT:
            not_charted.append(f"'{ind.name}': {WHY_NOT[s.status]}.")
            continue
        blocks.append(Figure(trajectory(ind, measured, s), caption(ind, s), alt=alt_text(ind, s)))
    if not_charted:
        blocks.append(Bullets(tuple(not_charted)))
    return blocks
