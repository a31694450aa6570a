"""The workshop agenda: timed steps in order, and the checklist walk-through as ready-made steps."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from workbench.checklists.model import Checklist
from workbench.workshop.entities import AgendaStep

WALKTHROUGH = ("objectives", "experimentation", "evaluation", "learning")  # the four process steps of report 001
WALKTHROUGH_MINUTES = 15


def ordered(steps: Iterable[AgendaStep]) -> list[AgendaStep]:
    return sorted(steps, key=lambda s: (s.position, s.title.casefold(), s.id))


def next_position(steps: Iterable[AgendaStep]) -> int:
    return max((s.position for s in steps), default=-1) + 1


def following(steps: Iterable[AgendaStep], current_id: str | None) -> AgendaStep | None:
    """The step after `current_id` (the first step when none is current); None after the last."""
    order = ordered(steps)
    if current_id is None:
        return order[0] if order else None
    ids = [s.id for s in order]
    if current_id not in ids:
        return order[0] if order else None
    at = ids.index(current_id)
    return order[at + 1] if at + 1 < len(order) else None


def walkthrough_steps(
    checklists: Sequence[Checklist], existing: Iterable[AgendaStep], minutes: int = WALKTHROUGH_MINUTES
) -> list[AgendaStep]:
    """One step per process checklist (objectives, experimentation, evaluation, policy learning), after the
    steps already planned; checklists already on the agenda are not added twice."""
    existing = list(existing)
    planned = {s.checklist_id for s in existing}
    by_id = {c.id: c for c in checklists}
    start = next_position(existing)
    wanted = [by_id[cid] for cid in WALKTHROUGH if cid in by_id and cid not in planned]
    return [
        AgendaStep.create(title=f"Checklist: {c.title}", minutes=minutes, position=start + n, checklist_id=c.id)
        for n, c in enumerate(wanted)
    ]
