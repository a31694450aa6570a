"""Shared helpers for the domain tests."""

from __future__ import annotations

import os

from workbench.checklists.model import Checklist, load_checklists


def checklist_by_id(checklist_id: str) -> Checklist:
    """A built-in checklist by its id (the program itself always walks them all, in order)."""
    return next(c for c in load_checklists() if c.id == checklist_id)


def examples(n: int) -> int:
    """How many cases a property test tries: all `n` in `make test-all`, a quarter in the quick `make test`."""
    return max(20, n // 4) if os.environ.get("IIPW_QUICK_TESTS") == "1" else n
