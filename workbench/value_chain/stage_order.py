"""The order of the value-chain stages, and the position edits that move or insert one stage.

Stages are ordered by position (ties broken by name, then id, so the order is total). A move or an
insertion reuses the positions already in use, so only the stages that really change place get a
new position (one undoable edit touching as few stages as possible).
"""

from __future__ import annotations

from collections.abc import Iterable

from workbench.value_chain.entities import ValueChainStage

NEW = "\x00new"  # stands for a stage not yet created


def ordered(stages: Iterable[ValueChainStage]) -> list[ValueChainStage]:
    return sorted(stages, key=lambda s: (s.position, s.name.casefold(), s.id))


def stage_index(order: list[ValueChainStage]) -> dict[str, int]:
    return {s.id: n for n, s in enumerate(order)}


def moved(stages: Iterable[ValueChainStage], stage_id: str, offset: int) -> dict[str, int]:
    """New positions (only those that change) that move a stage `offset` places along the chain."""
    order = ordered(stages)
    ids = [s.id for s in order]
    start = ids.index(stage_id)
    ids.insert(max(0, min(len(ids) - 1, start + offset)), ids.pop(start))
    current = {s.id: s.position for s in order}
    return {i: p for i, p in _positions(ids, current).items() if p != current[i]}


def inserted(stages: Iterable[ValueChainStage], index: int) -> tuple[int, dict[str, int]]:
    """The position for a new stage at `index` (0 = first) and the new positions of stages that move."""
    order = ordered(stages)
    current = {s.id: s.position for s in order}
    current[NEW] = max(current.values(), default=-1) + 1
    ids = [s.id for s in order]
    ids.insert(max(0, min(len(ids), index)), NEW)
    positions = _positions(ids, current)
    return positions.pop(NEW), {i: p for i, p in positions.items() if p != current[i]}


def _positions(ids: list[str], current: dict[str, int]) -> dict[str, int]:
    """Hand out the positions in use, in the new order; with ties among them, number afresh."""
    pool = sorted(current.values())
    if len(set(pool)) < len(pool):
        pool = list(range(len(pool)))
    return dict(zip(ids, pool, strict=True))
