"""Shared helpers for the domain tests."""

from __future__ import annotations

from tests.quick import share
from workbench.checklists.model import Checklist, load_checklists


def checklist_by_id(checklist_id: str) -> Checklist:
    """A built-in checklist by its id (the program itself always walks them all, in order)."""
    return next(c for c in load_checklists() if c.id == checklist_id)


def examples(n: int) -> int:
    """How many cases a property test tries: all `n` in `make test-all`, a quarter in the quick `make test`."""
    return share(n, floor=20)
