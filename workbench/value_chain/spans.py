"""Where an instrument acts along the value chain: its span of stages, read by stage position.

Stages are ordered as workbench.value_chain.stage_order says. An instrument's span is every stage between its
first and last stage, whichever way round they are given, so reordering stages never makes a span
invalid. With one end given the span is that one stage; with neither (or only ids of stages that
do not exist) the instrument is not placed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from workbench.spheres.items import Instrument
from workbench.value_chain.entities import ValueChainStage
from workbench.value_chain.stage_order import ordered, stage_index

Span = tuple[int, int]  # first and last stage index, first <= last


def span_of(instrument: Instrument, index: Mapping[str, int]) -> Span | None:
    ends = [index[s] for s in (instrument.stage_from_id, instrument.stage_to_id) if s is not None and s in index]
    if not ends:
        return None
    return min(ends), max(ends)


def kept_span(instrument: Instrument, gone: set[str], stages: Iterable[ValueChainStage]) -> dict[str, str | None]:
    """New stage references for an instrument when the stages in `gone` are deleted.

    An end that goes moves inwards to the nearest remaining stage of the span: Development..Scale-up
    losing Scale-up becomes Development..Production, not Development alone (which a cleared
    reference would leave). A span that loses every stage is cleared.
    """
    order = ordered(stages)
    index = stage_index(order)
    span = span_of(instrument, index)
    if span is None:
        return {}
    staying = [n for n in range(span[0], span[1] + 1) if order[n].id not in gone]
    changes: dict[str, str | None] = {}
    for name in ("stage_from_id", "stage_to_id"):
        stage_id = getattr(instrument, name)
        if stage_id in gone:
            nearest = min(staying, key=lambda n: abs(n - index[stage_id]), default=None)
            changes[name] = None if nearest is None else order[nearest].id
    return changes


def stepped(span: Span | None, steps: int, stages: int, *, resize: bool = False) -> Span:
    """A span moved `steps` stages along a chain of `stages` (the arrow keys): shifted whole and stopped
    at the ends, never shortened; with `resize` only its last stage moves, never before its first. A
    span not placed yet goes onto the first stage going forward, onto the last going back."""
    end = stages - 1
    if span is None:
        return (0, 0) if steps > 0 else (end, end)
    first, last = span
    if resize:
        return first, max(first, min(end, last + steps))
    steps = max(-first, min(end - last, steps))
    return first + steps, last + steps
